import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { ActionFields } from "~/modules/action/action-fields";
import { actionFormOptions } from "~/modules/action/detail.server";
import { newActionSchema } from "~/modules/action/forms";
import { createAction } from "~/modules/action/service.server";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Add an action", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const url = new URL(request.url);
  // The plan table links here from a work package or stage to pre-select it.
  const preset = (name: string) => {
    const n = Number(url.searchParams.get(name));
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  return json({
    project: { slug: project.slug, name: project.name },
    options: actionFormOptions({ projectId: project.id }),
    preset: { workPackageId: preset("workPackageId"), stageId: preset("stageId") },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const parsed = parseForm(await request.formData(), newActionSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => createAction({ actor: actorFor(user, request), projectId: project.id, input: parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/actions/${result.result.id}`);
}

export default function NewAction() {
  const { project, options, preset } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={project.name}>Add an action</PageTitle>
        <Form method="post" noValidate>
          <ActionFields state={state} options={options} action={preset} />
          <div className="govuk-button-group">
            <SubmitButton>Add action</SubmitButton>
            <Link className="govuk-link" to={`/projects/${project.slug}/actions`}>
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
