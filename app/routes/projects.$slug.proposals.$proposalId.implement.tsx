import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DateInput, ErrorSummary, Select, SubmitButton, TextArea } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { peopleOptions } from "~/modules/people/service.server";
import { implementSchema } from "~/modules/proposal/forms";
import { implementProposal } from "~/modules/proposal/implement.server";
import { getVersion, workPackageOptions } from "~/modules/proposal/service.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Turn a proposal into actions", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const { proposal, version } = getVersion({ projectId: project.id, proposalId: Number(params.proposalId) });
  return json({
    project: { slug: project.slug },
    proposal: { id: proposal.id, title: proposal.title, status: proposal.status, workPackageId: proposal.workPackageId },
    recommendation: version.recommendation,
    workPackages: workPackageOptions({ projectId: project.id }),
    people: peopleOptions(),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const proposalId = Number(params.proposalId);
  const parsed = parseForm(await request.formData(), implementSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => implementProposal({ actor: actorFor(user, request), projectId: project.id, proposalId, ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/actions`);
}

export default function Implement() {
  const { project, proposal, recommendation, workPackages, people } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={proposal.title}>Turn into implementation actions</PageTitle>
      {proposal.status !== "approved" ? <p className="govuk-body">Only an approved proposal can be turned into actions.</p> : null}
      <div className="govuk-inset-text">Approved recommendation: {recommendation}</div>
      <Form method="post" noValidate>
        <Select name="workPackageId" label="Work package that will carry it out" state={state} options={workPackages} emptyLabel="Choose a work package" defaultValue={proposal.workPackageId} />
        <TextArea name="titles" label="Actions" hint="One action per line. Each becomes an action in the work package's action plan." rows={6} state={state} />
        <DateInput name="dueDate" label="Due date (optional)" state={state} />
        <Select name="ownerPersonId" label="Owner (optional)" state={state} options={people} emptyLabel="No owner yet" />
        <div className="govuk-button-group">
          <SubmitButton>Create the actions</SubmitButton>
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
