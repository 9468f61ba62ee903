import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { editRiskSchema } from "~/modules/risk/forms";
import { peopleOptions, riskPlace, riskId } from "~/modules/risk/route.server";
import { getRisk, settingsOf, updateRisk } from "~/modules/risk/service.server";
import { RiskFields } from "~/modules/risk/ui";
import { attempt, parseForm } from "~/utils/forms";
import { RiskCrumbs } from "~/modules/risk/crumbs";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(data ? `Edit risk ${data.risk.ref}` : "Edit risk", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, view } = await riskPlace(request, params, "manage");
  const { register, risk } = getRisk({ scope, riskId: riskId(params) });
  return json({ risk, settings: settingsOf(register), people: peopleOptions(), view });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor, today, view } = await riskPlace(request, params, "manage");
  const id = riskId(params);
  const parsed = parseForm(await request.formData(), editRiskSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const { version, ...input } = parsed.data;
  const result = attempt(parsed.values, () => updateRisk({ actor, scope, riskId: id, version, input, today }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`${view.base}/${id}`);
}

export default function EditRisk() {
  const { risk, settings, people, view } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <RiskCrumbs view={view} />
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={`${view.caption} – risk ${risk.ref}`}>Edit risk</PageTitle>
        <Form method="post" noValidate>
          <input type="hidden" name="version" value={risk.version} />
          <RiskFields state={state} scale={settings} people={people} defaults={risk} />
          <div className="govuk-button-group">
            <SubmitButton>Save changes</SubmitButton>
            <Link className="govuk-link" to={`${view.base}/${risk.id}`}>
              Cancel
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
