import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextArea } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { cancelActionSchema } from "~/modules/action/forms";
import { cancelAction, getAction } from "~/modules/action/service.server";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { isStaleRefusal } from "~/modules/action/stale";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(`Cancel action ${data?.action.ref ?? ""}`, matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const { id, ref, title, status, version } = getAction({ projectId: project.id, actionId: Number(params.actionId) });
  return json({ project: { slug: project.slug, name: project.name }, action: { id, ref, title, status, version } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const actionId = Number(params.actionId);
  getAction({ projectId: project.id, actionId });
  const parsed = parseForm(await request.formData(), cancelActionSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () =>
    cancelAction({ actor: actorFor(user, request), projectId: project.id, actionId, version: parsed.data.version, reason: parsed.data.reason }),
  );
  if (!result.ok && !isStaleRefusal(result.errors)) return json(result, { status: 400 });
  if (!result.ok) {
    const current = getAction({ projectId: project.id, actionId });
    return json({ ...result, values: { ...result.values, version: String(current.version) } }, { status: 400 });
  }
  return redirect(`/projects/${project.slug}/actions/${actionId}`);
}

export default function CancelAction() {
  const { project, action: current } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const back = `/projects/${project.slug}/actions/${current.id}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={`${project.name}: action ${current.ref}`}>Are you sure you want to cancel this action?</PageTitle>
        <p className="govuk-body">
          <strong>{current.ref}</strong>: {current.title}
        </p>
        {current.status === "cancelled" ? (
          <p className="govuk-body">This action is already cancelled.</p>
        ) : (
          <>
            <p className="govuk-body">
              The action stays in the plan, marked cancelled, with all its progress notes and history. It will no longer be flagged,
              and it will not block the actions that depend on it. A manager can reopen it by editing its status.
            </p>
            <Form method="post" noValidate>
              <input type="hidden" name="version" value={String(state?.values?.version ?? current.version)} />
              <TextArea name="reason" label="Why is it being cancelled? (optional)" hint="This is added to the action’s progress notes" rows={3} state={state} />
              <div className="govuk-button-group">
                <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                  Cancel action
                </button>
                <Link className="govuk-link" to={back}>
                  No, go back to the action
                </Link>
              </div>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
