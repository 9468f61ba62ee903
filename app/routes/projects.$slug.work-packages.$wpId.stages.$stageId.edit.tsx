import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { stageSchema } from "~/modules/structure/forms";
import { getStage, updateStage } from "~/modules/structure/stage.server";
import { StageFields } from "~/modules/structure/work-package-fields";
import { getWorkPackage } from "~/modules/structure/work-package.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(`Edit stage ${data?.stage.name ?? ""}`, matches) }];

function scopeOf(projectId: number, params: Record<string, string | undefined>) {
  return { projectId, workPackageId: Number(params.wpId), stageId: Number(params.stageId) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const scope = scopeOf(project.id, params);
  const stage = getStage(scope);
  const wp = getWorkPackage(scope);
  return json({ projectSlug: project.slug, workPackage: { id: wp.id, ref: wp.ref, name: wp.name }, stage });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const scope = scopeOf(project.id, params);
  getStage(scope);
  const parsed = parseForm(await request.formData(), stageSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => updateStage({ actor: actorFor(user, request), ...scope, ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/work-packages/${scope.workPackageId}`);
}

export default function EditStage() {
  const { projectSlug, workPackage, stage } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={`${workPackage.ref}: ${workPackage.name}`}>Edit stage</PageTitle>
      <Form method="post" noValidate>
        <StageFields state={state} stage={stage} />
        <div className="govuk-button-group">
          <SubmitButton>Save changes</SubmitButton>
          <Link className="govuk-link" to={`/projects/${projectSlug}/work-packages/${workPackage.id}`}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
