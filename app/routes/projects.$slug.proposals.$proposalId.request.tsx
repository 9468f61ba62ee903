import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { formatDate, formatDateTime, PageTitle, SummaryList, Tag } from "~/components/layout";
import { describeRule } from "~/modules/approval/decision-rule";
import { DECISION_LABELS } from "~/modules/approval/forms";
import { listRequests, resendBallot, withdrawRequest } from "~/modules/approval/service.server";
import { refuseAccess, requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { requestSchema } from "~/modules/proposal/forms";
import { getVisibleProposal } from "~/modules/proposal/service.server";
import { UserInputError } from "~/utils/errors";
import { failure, parseForm } from "~/utils/forms";
import { useProject } from "./projects.$slug";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Board request", matches) }];

const STATUS = { open: "Open", closed: "Closed: decided", withdrawn: "Withdrawn", superseded: "Replaced by a newer version" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, access } = await requireProjectAccess(request, params.slug);
  const proposalId = Number(params.proposalId);
  const proposal = getVisibleProposal({ projectId: project.id, proposalId, access });
  const requests = listRequests({ projectId: project.id, proposalId }).map(({ ballots, ...r }) => ({
    ...r,
    // Comments and declared conflicts go into the decision record when it closes; until then only who has voted shows.
    ballots: ballots.map((b) => ({ personId: b.personId, name: b.name, decision: r.status === "open" ? null : b.decision, voted: Boolean(b.decidedAt), decidedAt: b.decidedAt, sentAt: b.sentAt, remindedAt: b.remindedAt, channel: b.channel })),
  }));
  return json({ proposal: { id: proposal.id, title: proposal.title }, requests });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project, access } = await requireProjectAccess(request, params.slug);
  if (!access.canManage)
    refuseAccess({ actor: actorFor(user, request), request, projectId: project.id, what: "manage approval request", status: 403, message: "Only the project's managers can withdraw a request or resend a link." });
  const proposalId = Number(params.proposalId);
  const parsed = parseForm(await request.formData(), requestSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const actor = actorFor(user, request);
  try {
    if (parsed.data.intent === "withdraw") withdrawRequest({ actor, projectId: project.id, proposalId });
    else await resendBallot({ actor, projectId: project.id, proposalId, personId: parsed.data.personId });
  } catch (error) {
    if (error instanceof UserInputError) return json(failure(error.fieldErrors, parsed.values), { status: 400 });
    throw error;
  }
  return redirect(`/projects/${project.slug}/proposals/${proposalId}/request`);
}

export default function RequestStatus() {
  const { proposal, requests } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { canManage } = useProject();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={proposal.title}>Board request and ballots</PageTitle>
      {requests.length === 0 ? <p className="govuk-body">This proposal has not been sent to a board.</p> : null}
      {requests.map((r, i) => (
        <section key={r.id} aria-labelledby={`request-${r.id}`} className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id={`request-${r.id}`}>
            {i === 0 ? "Latest request" : "Earlier request"}: version {r.version}
          </h2>
          <SummaryList
            rows={[
              { key: "Status", value: <>{STATUS[r.status]}{r.stalled ? <> <Tag colour="red">Stalled: deadline passed</Tag></> : null}</> },
              { key: "Board", value: `${r.board} (${describeRule({ kind: r.decisionRule, quorum: r.quorum })}, ${r.memberCount} members)` },
              { key: "Deadline", value: formatDate(r.deadline) },
              { key: "Sent", value: formatDateTime(r.createdAt) },
            ]}
          />
          <TableScroll label={`Ballots, ${i === 0 ? "latest" : "earlier"} request of ${formatDateTime(r.createdAt)}`}>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s">Ballots</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Member</th>
                  <th scope="col" className="govuk-table__header">Vote</th>
                  <th scope="col" className="govuk-table__header">Link sent</th>
                  {canManage && r.status === "open" ? <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th> : null}
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {r.ballots.map((b) => (
                  <tr className="govuk-table__row" key={b.personId}>
                    <td className="govuk-table__cell">{b.name}</td>
                    <td className="govuk-table__cell">
                      {b.voted ? `${b.decision ? DECISION_LABELS[b.decision] : "Voted"} ${formatDateTime(b.decidedAt)}${b.channel === "app" ? " (signed in)" : " (email link)"}` : "Not voted yet"}
                    </td>
                    <td className="govuk-table__cell">{formatDateTime(b.sentAt)}{b.remindedAt ? " (reminder)" : ""}</td>
                    {canManage && r.status === "open" ? (
                      <td className="govuk-table__cell">
                        {!b.voted ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="resend" />
                            <input type="hidden" name="personId" value={b.personId} />
                            <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                              Resend link<span className="govuk-visually-hidden"> to {b.name}</span>
                            </button>
                          </Form>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {canManage && r.status === "open" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" className="govuk-button govuk-button--warning">Withdraw this request</button>
            </Form>
          ) : null}
        </section>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
