import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { newRiskSchema } from "~/modules/risk/forms";
import { peopleOptions, riskPlace } from "~/modules/risk/route.server";
import { createRisk, getRegister, listRisks, settingsOf } from "~/modules/risk/service.server";
import { RiskFields } from "~/modules/risk/ui";
import { attempt, parseForm } from "~/utils/forms";
import { RiskCrumbs } from "~/modules/risk/crumbs";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Raise a risk", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, today, view, viewer } = await riskPlace(request, params, "manage");
  const refs = listRisks({ scope, today, viewer }).risks.map((r) => Number(r.ref)).filter(Number.isInteger);
  return json({ settings: settingsOf(getRegister(scope)), people: peopleOptions(), nextRef: String(Math.max(0, ...refs) + 1), view });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor, today, view } = await riskPlace(request, params, "manage");
  const parsed = parseForm(await request.formData(), newRiskSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => createRisk({ actor, scope, input: parsed.data, today }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`${view.base}/${result.result.id}`);
}

export default function NewRisk() {
  const { settings, people, nextRef, view } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <RiskCrumbs view={view} />
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={view.caption}>Raise a risk</PageTitle>
        <Form method="post" noValidate>
          <RiskFields state={state} scale={settings} people={people} defaults={{ ref: nextRef, kind: "threat" }} />
          <div className="govuk-button-group">
            <SubmitButton>Raise risk</SubmitButton>
            <Link className="govuk-link" to={view.base}>
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
