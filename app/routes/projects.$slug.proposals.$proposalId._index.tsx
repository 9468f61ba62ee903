import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate, formatDateTime, PageTitle, SummaryList, Tag } from "~/components/layout";
import { latestDecision, listRequests, myOpenBallot } from "~/modules/approval/service.server";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { STATUS_COLOURS, STATUS_LABELS } from "~/modules/proposal/forms";
import { canSeeConsultation, getVersion, getVisibleProposal, listConsultation, listVersions } from "~/modules/proposal/service.server";
import { ConsultationSummary, DecisionRecord, VersionView } from "~/modules/proposal/ui";
import { useProject } from "./projects.$slug";
import { todayInLondon } from "~/utils/dates";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(data ? `${data.proposal.title}` : "Proposal", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, access, user } = await requireProjectAccess(request, params.slug);
  const proposalId = Number(params.proposalId);
  getVisibleProposal({ projectId: project.id, proposalId, access });
  const asked = Number(new URL(request.url).searchParams.get("version")) || undefined;
  const { proposal, version } = getVersion({ projectId: project.id, proposalId, number: asked });
  const request0 = listRequests({ projectId: project.id, proposalId, today: todayInLondon() })[0] ?? null;
  return json({
    proposal,
    version,
    versions: listVersions({ projectId: project.id, proposalId }).map((v) => ({ number: v.number, author: v.author, createdAt: v.createdAt })),
    request: request0 ? { status: request0.status, deadline: request0.deadline, board: request0.board, version: request0.version, stalled: request0.stalled } : null,
    decision: latestDecision({ proposalId }),
    consultation: canSeeConsultation(access) ? listConsultation({ projectId: project.id, proposalId }).summary : null,
    myBallot: Boolean(myOpenBallot({ proposalId, personId: user.personId })),
  });
}

export default function ProposalPage() {
  const { proposal, version, versions, request, decision, consultation, myBallot } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const base = `/projects/${project.slug}/proposals/${proposal.id}`;
  const latest = version.number === proposal.currentVersion;
  return (
    <>
      <PageTitle caption={`${project.name} – proposal`}>{proposal.title}</PageTitle>
      {myBallot ? (
        <div className="govuk-inset-text">
          The board is asked to decide on this proposal. <Link className="govuk-link" to={`${base}/vote`}>Vote on this proposal</Link>
        </div>
      ) : null}
      <SummaryList
        rows={[
          { key: "Status", value: <><Tag colour={STATUS_COLOURS[proposal.status]}>{STATUS_LABELS[proposal.status]}</Tag>{request?.stalled ? <> <Tag colour="red">Stalled: deadline passed</Tag></> : null}</> },
          { key: "Version shown", value: `Version ${version.number} of ${proposal.currentVersion}${latest ? " (latest)" : ""}` },
          ...(request ? [{ key: "Board", value: `${request.board}: version ${request.version}, ${request.status === "open" ? `vote by ${formatDate(request.deadline)}` : request.status}` }] : []),
        ]}
      />
      <ul className="govuk-list">
        {canManage && !["approved", "implemented"].includes(proposal.status) ? <li><Link className="govuk-link" to={`${base}/edit`}>Edit the proposal</Link></li> : null}
        {consultation ? <li><Link className="govuk-link" to={`${base}/consultation`}>Consultation</Link></li> : null}
        {canManage && !["approved", "implemented"].includes(proposal.status) ? <li><Link className="govuk-link" to={`${base}/send`}>Send to the board</Link></li> : null}
        {request ? <li><Link className="govuk-link" to={`${base}/request`}>Board request and ballots</Link></li> : null}
        {canManage && proposal.status === "approved" ? <li><Link className="govuk-link" to={`${base}/implement`}>Turn into implementation actions</Link></li> : null}
        {canManage && proposal.status !== "implemented" && proposal.status !== "draft" ? <li><Link className="govuk-link" to={`${base}/decide`}>Record a decision made at a meeting</Link></li> : null}
      </ul>
      {decision ? (
        <>
          <h2 className="govuk-heading-m">Decision</h2>
          <DecisionRecord decision={decision} />
        </>
      ) : null}
      {consultation ? (
        <>
          <h2 className="govuk-heading-m">Consultation summary</h2>
          <ConsultationSummary summary={consultation} />
        </>
      ) : null}
      <VersionView version={version} />
      <h2 className="govuk-heading-m">Versions</h2>
      <TableScroll label="Versions of this proposal">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Versions of this proposal</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Version</th>
              <th scope="col" className="govuk-table__header">Author</th>
              <th scope="col" className="govuk-table__header">Saved</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {versions.map((v) => (
              <tr className="govuk-table__row" key={v.number}>
                <td className="govuk-table__cell">
                  {v.number === version.number ? `Version ${v.number} (shown)` : <Link className="govuk-link" to={`${base}?version=${v.number}`}>Version {v.number}</Link>}
                </td>
                <td className="govuk-table__cell">{v.author ?? "Unknown"}</td>
                <td className="govuk-table__cell">{formatDateTime(v.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {versions.length > 1 ? (
        <Form method="get" action={`${base}/compare`}>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="compare-from">Compare version</label>
            <select className="govuk-select" id="compare-from" name="from" defaultValue={versions[versions.length - 2]!.number}>
              {versions.map((v) => <option key={v.number} value={v.number}>{v.number}</option>)}
            </select>{" "}
            <label className="govuk-label govuk-!-display-inline" htmlFor="compare-to">with version</label>{" "}
            <select className="govuk-select" id="compare-to" name="to" defaultValue={versions[versions.length - 1]!.number}>
              {versions.map((v) => <option key={v.number} value={v.number}>{v.number}</option>)}
            </select>
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary">Compare</button>
        </Form>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
