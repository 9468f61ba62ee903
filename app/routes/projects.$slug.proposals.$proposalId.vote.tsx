// A board member who is signed in votes here instead of by the email link.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { FormState } from "~/components/forms";
import { formatDate, PageTitle } from "~/components/layout";
import { BallotRefused } from "~/modules/approval/ballot-state";
import { ballotSchema } from "~/modules/approval/forms";
import { castBallot, myOpenBallot } from "~/modules/approval/service.server";
import { refuseAccess, requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { getVersion, getVersionById, listConsultation } from "~/modules/proposal/service.server";
import { BallotForm, ConsultationSummary, VersionView } from "~/modules/proposal/ui";
import { failure, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Vote on a proposal", matches) }];

async function gate(request: Request, params: LoaderFunctionArgs["params"]) {
  const gated = await requireProjectAccess(request, params.slug);
  const proposalId = Number(params.proposalId);
  getVersion({ projectId: gated.project.id, proposalId });
  const mine = myOpenBallot({ proposalId, personId: gated.user.personId });
  if (!mine || mine.ballot.decidedAt)
    refuseAccess({ actor: actorFor(gated.user, request), request, projectId: gated.project.id, what: `vote on proposal ${proposalId}`, status: 403, message: "Only board members asked to decide this proposal can vote, once, while the request is open." });
  return { ...gated, proposalId, mine };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, proposalId, mine } = await gate(request, params);
  const { proposal } = getVersion({ projectId: project.id, proposalId });
  return json({
    proposal: { id: proposal.id, title: proposal.title },
    version: getVersionById({ projectId: project.id, proposalId, versionId: mine.request.proposalVersionId }),
    deadline: mine.request.deadline,
    summary: listConsultation({ projectId: project.id, proposalId }).summary,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, user, proposalId, mine } = await gate(request, params);
  const parsed = parseForm(await request.formData(), ballotSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    await castBallot({ actor: actorFor(user, request), ballotId: mine.ballot.id, personId: user.personId, channel: "app", ...parsed.data });
  } catch (error) {
    if (error instanceof BallotRefused) return json(failure({ _form: error.message }, parsed.values), { status: 409 });
    throw error;
  }
  return redirect(`/projects/${project.slug}/proposals/${proposalId}/request`);
}

export default function Vote() {
  const { proposal, version, deadline, summary } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  return (
    <>
      <PageTitle caption={proposal.title}>Vote on version {version.number}</PageTitle>
      <p className="govuk-body">Vote by the end of {formatDate(deadline)}.</p>
      <VersionView version={version} />
      <h2 className="govuk-heading-m">Consultation summary</h2>
      <ConsultationSummary summary={summary} />
      <h2 className="govuk-heading-m">Your vote</h2>
      <BallotForm state={state} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
