import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { ActionFields } from "~/modules/action/action-fields";
import { actionFormOptions } from "~/modules/action/detail.server";
import { editActionSchema } from "~/modules/action/forms";
import { actionForEditing, getAction, updateAction } from "~/modules/action/service.server";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { isStaleRefusal } from "~/modules/action/stale";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(`Edit action ${data?.action.ref ?? ""}`, matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const action = actionForEditing({ projectId: project.id, actionId: Number(params.actionId) });
  return json({ project: { slug: project.slug, name: project.name }, action, options: actionFormOptions({ projectId: project.id }) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const actionId = Number(params.actionId);
  getAction({ projectId: project.id, actionId });
  const parsed = parseForm(await request.formData(), editActionSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => updateAction({ actor: actorFor(user, request), projectId: project.id, actionId, input: parsed.data }));
  if (!result.ok && !isStaleRefusal(result.errors)) return json(result, { status: 400 });
  if (!result.ok) {
    // After a refused stale save the form carries the current version, so saving again is a
    // deliberate choice to replace the other person's changes.
    const current = getAction({ projectId: project.id, actionId });
    return json({ ...result, values: { ...result.values, version: String(current.version) } }, { status: 400 });
  }
  return redirect(`/projects/${project.slug}/actions/${actionId}`);
}

export default function EditAction() {
  const { project, action: current, options } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const base = `/projects/${project.slug}/actions/${current.id}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={`${project.name}: action ${current.ref}`}>Edit action</PageTitle>
        <Form method="post" noValidate>
          <input type="hidden" name="version" value={String(state?.values?.version ?? current.version)} />
          <ActionFields state={state} options={options} action={current} editing />
          <div className="govuk-button-group">
            <SubmitButton>Save changes</SubmitButton>
            <Link className="govuk-link" to={base}>
              Back to the action
            </Link>
          </div>
        </Form>
        {current.status !== "cancelled" ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}/cancel`}>
              Cancel this action
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
