import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate, PageTitle, Tag } from "~/components/layout";
import { openRequestsFor } from "~/modules/approval/service.server";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { STATUS_COLOURS, STATUS_LABELS } from "~/modules/proposal/forms";
import { listProposals } from "~/modules/proposal/service.server";
import { seesDrafts } from "~/modules/proposal/visibility";
import { useProject } from "./projects.$slug";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Proposals", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, access } = await requireProjectAccess(request, params.slug);
  const open = openRequestsFor({ projectId: project.id });
  const proposals = listProposals({ projectId: project.id, includeDrafts: seesDrafts(access) }).map((p) => {
    const req = open.find((r) => r.proposalId === p.id);
    return { ...p, deadline: req?.deadline ?? null, stalled: req?.stalled ?? false };
  });
  return json({ proposals });
}

export default function Proposals() {
  const { proposals } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const base = `/projects/${project.slug}/proposals`;
  return (
    <>
      <PageTitle caption={project.name}>Proposals</PageTitle>
      <p className="govuk-body">Formal proposals from the work packages, quality-assured by trade-union representatives and decided by the board.</p>
      {canManage ? (
        <Link className="govuk-button" to={`${base}/new`}>
          Draft a proposal
        </Link>
      ) : null}
      {proposals.length === 0 ? (
        <p className="govuk-body">There are no proposals yet.</p>
      ) : (
        <TableScroll label="Proposals, most recently changed first">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Proposals, most recently changed first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Proposal</th>
                <th scope="col" className="govuk-table__header">Work package</th>
                <th scope="col" className="govuk-table__header">Version</th>
                <th scope="col" className="govuk-table__header">Status</th>
                <th scope="col" className="govuk-table__header">Board deadline</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {proposals.map((p) => (
                <tr className="govuk-table__row" key={p.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`${base}/${p.id}`}>
                      {p.title}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{p.workPackage ? `${p.workPackageRef} ${p.workPackage}` : "None"}</td>
                  <td className="govuk-table__cell">{p.currentVersion}</td>
                  <td className="govuk-table__cell">
                    <Tag colour={STATUS_COLOURS[p.status]}>{STATUS_LABELS[p.status]}</Tag>
                    {p.stalled ? (
                      <>
                        {" "}
                        <Tag colour="red">Stalled</Tag>
                      </>
                    ) : null}
                  </td>
                  <td className="govuk-table__cell">{p.deadline ? formatDate(p.deadline) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
