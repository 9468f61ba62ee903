import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { ProposalFields } from "~/modules/proposal/fields";
import { proposalSchema } from "~/modules/proposal/forms";
import { createProposal, workPackageOptions } from "~/modules/proposal/service.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Draft a proposal", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  return json({ project: { slug: project.slug, name: project.name }, workPackages: workPackageOptions({ projectId: project.id }) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const parsed = parseForm(await request.formData(), proposalSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => createProposal({ actor: actorFor(user, request), projectId: project.id, ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/proposals/${result.result.id}`);
}

export default function NewProposal() {
  const { project, workPackages } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>Draft a proposal</PageTitle>
      <p className="govuk-body">While it is a draft you can change it freely. Once consultation opens, every change makes a new version.</p>
      <Form method="post" noValidate>
        <ProposalFields state={state} workPackages={workPackages} />
        <div className="govuk-button-group">
          <SubmitButton>Save draft</SubmitButton>
          <Link className="govuk-link" to={`/projects/${project.slug}/proposals`}>
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
