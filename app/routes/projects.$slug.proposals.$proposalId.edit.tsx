import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { ProposalFields } from "~/modules/proposal/fields";
import { editProposalSchema } from "~/modules/proposal/forms";
import { editProposal, getVersion, workPackageOptions } from "~/modules/proposal/service.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Edit proposal", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const { proposal, version } = getVersion({ projectId: project.id, proposalId: Number(params.proposalId) });
  return json({ project: { slug: project.slug, name: project.name }, proposal, version, workPackages: workPackageOptions({ projectId: project.id }) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const proposalId = Number(params.proposalId);
  const parsed = parseForm(await request.formData(), editProposalSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => editProposal({ actor: actorFor(user, request), projectId: project.id, proposalId, ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/proposals/${proposalId}`);
}

export default function EditProposal() {
  const { project, proposal, version, workPackages } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>Edit {proposal.title}</PageTitle>
      {proposal.status === "draft" ? (
        <p className="govuk-body">This is a draft, so your changes replace version {version.number}.</p>
      ) : (
        <div className="govuk-inset-text">Saving makes version {version.number + 1}. Version {version.number} stays readable, and consultees and the board keep the version they saw.{proposal.status === "with_board" ? " To put the new version to the board, send it again: that replaces the members' links." : ""}</div>
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="baseVersion" value={version.number} />
        <ProposalFields
          state={state}
          workPackages={workPackages}
          defaults={{ title: version.title, workPackageId: proposal.workPackageId, body: version.body, optionsConsidered: version.optionsConsidered, recommendation: version.recommendation }}
        />
        <div className="govuk-button-group">
          <SubmitButton>{proposal.status === "draft" ? "Save draft" : "Save as a new version"}</SubmitButton>
          <Link className="govuk-link" to={`/projects/${project.slug}/proposals/${proposal.id}`}>
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
