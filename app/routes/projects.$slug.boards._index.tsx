import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/layout";
import { describeRule } from "~/modules/approval/decision-rule";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { listBoards } from "~/modules/board/service.server";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Boards – ${data?.projectName ?? "Project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug);
  return json({ projectName: project.name, boards: listBoards({ scope: { projectId: project.id } }) });
}

export default function Boards() {
  const { boards } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const base = `/projects/${project.slug}/boards`;
  return (
    <>
      <PageTitle caption={project.name}>Boards</PageTitle>
      <p className="govuk-body">Boards approve proposals by email ballot or at a meeting. A project can use its own boards and its programme’s.</p>
      {canManage ? (
        <Link className="govuk-button" to={`${base}/new`}>
          Set up a board
        </Link>
      ) : null}
      {boards.length === 0 ? (
        <p className="govuk-body">No board can decide for this project yet.</p>
      ) : (
        <div className="waymark-table-scroll" role="region" aria-label="Boards" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Boards that can decide for this project</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Board</th>
                <th scope="col" className="govuk-table__header">How it decides</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Members</th>
                <th scope="col" className="govuk-table__header">Belongs to</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {boards.map((b) => (
                <tr className="govuk-table__row" key={b.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`${base}/${b.id}`}>
                      {b.name}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{describeRule({ kind: b.decisionRule, quorum: b.quorum, castingVote: b.castingVote })}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{b.members}</td>
                  <td className="govuk-table__cell">{b.ownBoard ? "This project" : "The programme"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
