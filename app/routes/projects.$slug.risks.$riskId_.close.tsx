import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DateInput, ErrorSummary, SubmitButton, TextArea } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { closeSchema } from "~/modules/risk/forms";
import { riskPlace, riskId } from "~/modules/risk/route.server";
import { closeRisk, getRisk } from "~/modules/risk/service.server";
import { attempt, parseForm } from "~/utils/forms";
import { RiskCrumbs } from "~/modules/risk/crumbs";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(data ? `Close risk ${data.risk.ref}` : "Close risk", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, today, view } = await riskPlace(request, params, "manage");
  const { risk } = getRisk({ scope, riskId: riskId(params) });
  return json({ risk, today, view });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor, view } = await riskPlace(request, params, "manage");
  const id = riskId(params);
  const parsed = parseForm(await request.formData(), closeSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => closeRisk({ actor, scope, riskId: id, input: parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`${view.base}/${id}`);
}

export default function CloseRisk() {
  const { risk, today, view } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const back = `${view.base}/${risk.id}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <RiskCrumbs view={view} />
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={`${view.caption} – risk ${risk.ref}`}>Close risk: {risk.title}</PageTitle>
        {risk.status === "closed" ? (
          <p className="govuk-body">
            This risk is already closed. <Link className="govuk-link" to={back}>Back to the risk</Link>
          </p>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={risk.version} />
            <DateInput name="dateClosed" label="Date closed" state={state} defaultValue={today} />
            <TextArea name="closingNote" label="Closing note" hint="Why the risk no longer needs managing" rows={4} state={state} />
            <div className="govuk-button-group">
              <SubmitButton>Close risk</SubmitButton>
              <Link className="govuk-link" to={back}>
                Cancel
              </Link>
            </div>
          </Form>
        )}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
