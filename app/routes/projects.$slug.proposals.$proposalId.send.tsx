import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DateInput, ErrorSummary, Select, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { describeRule } from "~/modules/approval/decision-rule";
import { boardsFor, listRequests, sendToBoard } from "~/modules/approval/service.server";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { sendToBoardSchema } from "~/modules/proposal/forms";
import { getProposal, listConsultation } from "~/modules/proposal/service.server";
import { ConsultationSummary } from "~/modules/proposal/ui";
import { UserInputError } from "~/utils/errors";
import { failure, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Send to the board", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const proposalId = Number(params.proposalId);
  const proposal = getProposal({ projectId: project.id, proposalId });
  const open = listRequests({ projectId: project.id, proposalId }).find((r) => r.status === "open") ?? null;
  return json({
    project: { slug: project.slug, name: project.name },
    proposal,
    open: open ? { version: open.version, board: open.board } : null,
    boards: boardsFor({ projectId: project.id }).map((b) => ({ value: b.id, label: `${b.name} – ${describeRule({ kind: b.decisionRule, quorum: b.quorum })}, ${b.members} members` })),
    summary: listConsultation({ projectId: project.id, proposalId }).summary,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const proposalId = Number(params.proposalId);
  const parsed = parseForm(await request.formData(), sendToBoardSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    await sendToBoard({ actor: actorFor(user, request), projectId: project.id, proposalId, ...parsed.data });
  } catch (error) {
    if (error instanceof UserInputError) return json(failure(error.fieldErrors, parsed.values), { status: 400 });
    throw error;
  }
  return redirect(`/projects/${project.slug}/proposals/${proposalId}/request`);
}

export default function SendToBoard() {
  const { project, proposal, open, boards, summary } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={proposal.title}>Send version {proposal.currentVersion} to the board</PageTitle>
      {open ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Version {open.version} is with {open.board} now. Sending replaces that request: its links stop working, votes already cast on it no longer count, and every member gets a new link for version {proposal.currentVersion}.
          </strong>
        </div>
      ) : null}
      <p className="govuk-body">Each board member gets an email with a personal link to read the proposal and vote. Members who sign in can vote in Waymark instead.</p>
      <h2 className="govuk-heading-m">Consultation summary</h2>
      <ConsultationSummary summary={summary} />
      {summary.supports + summary.has_concerns + summary.objects === 0 ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            No trade-union representative has given a view on this proposal yet. Formal proposals are meant to be
            quality-assured before the board decides: the board will see that nobody has responded.
          </strong>
        </div>
      ) : null}
      <Form method="post" noValidate>
        <Select name="boardId" label="Board" state={state} options={boards} emptyLabel="Choose a board" />
        <DateInput name="deadline" label="Deadline for votes" hint="Members can vote until the end of this day." state={state} />
        <div className="govuk-button-group">
          <SubmitButton>Send to the board</SubmitButton>
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
