import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { stageSchema } from "~/modules/structure/forms";
import { createStage } from "~/modules/structure/stage.server";
import { StageFields } from "~/modules/structure/work-package-fields";
import { getWorkPackage } from "~/modules/structure/work-package.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Add a stage", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const wp = getWorkPackage({ projectId: project.id, workPackageId: Number(params.wpId) });
  return json({ projectSlug: project.slug, workPackage: { id: wp.id, ref: wp.ref, name: wp.name } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const wp = getWorkPackage({ projectId: project.id, workPackageId: Number(params.wpId) });
  const parsed = parseForm(await request.formData(), stageSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () =>
    createStage({ actor: actorFor(user, request), projectId: project.id, workPackageId: wp.id, ...parsed.data }),
  );
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/work-packages/${wp.id}`);
}

export default function NewStage() {
  const { projectSlug, workPackage } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={`${workPackage.ref}: ${workPackage.name}`}>Add a stage</PageTitle>
      <Form method="post" noValidate>
        <StageFields state={state} />
        <div className="govuk-button-group">
          <SubmitButton>Add stage</SubmitButton>
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
