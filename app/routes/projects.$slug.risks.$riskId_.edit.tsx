import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { editRiskSchema } from "~/modules/risk/forms";
import { peopleOptions, projectRisks, riskId } from "~/modules/risk/route.server";
import { getRisk, settingsOf, updateRisk } from "~/modules/risk/service.server";
import { RiskFields } from "~/modules/risk/ui";
import { attempt, parseForm } from "~/utils/forms";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit risk ${data.risk.ref} – Waymark` : "Edit risk – Waymark" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await projectRisks(request, params.slug, "manage");
  const { register, risk } = getRisk({ scope, riskId: riskId(params) });
  return json({ risk, settings: settingsOf(register), people: peopleOptions() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor, today, project } = await projectRisks(request, params.slug, "manage");
  const id = riskId(params);
  const parsed = parseForm(await request.formData(), editRiskSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const { version, ...input } = parsed.data;
  const result = attempt(parsed.values, () => updateRisk({ actor, scope, riskId: id, version, input, today }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/risks/${id}`);
}

export default function EditRisk() {
  const { risk, settings, people } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { project } = useProject();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={`${project.name} – risk ${risk.ref}`}>Edit risk</PageTitle>
        <Form method="post" noValidate>
          <input type="hidden" name="version" value={risk.version} />
          <RiskFields state={state} scale={settings} people={people} defaults={risk} />
          <div className="govuk-button-group">
            <SubmitButton>Save changes</SubmitButton>
            <Link className="govuk-link" to={`/projects/${project.slug}/risks/${risk.id}`}>
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
