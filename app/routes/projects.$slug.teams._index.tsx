import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { listTeams } from "~/modules/team/service.server";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Teams – ${data?.projectName ?? "Project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug);
  return json({ projectName: project.name, teams: listTeams({ scope: { projectId: project.id } }) });
}

export default function Teams() {
  const { teams } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const base = `/projects/${project.slug}/teams`;
  return (
    <>
      <PageTitle caption={project.name}>Teams</PageTitle>
      <p className="govuk-body">A team can own actions, like a person. Its members see the team’s actions among their own and in their daily digest.</p>
      {canManage ? (
        <Link className="govuk-button" to={`${base}/new`}>
          Add a team
        </Link>
      ) : null}
      {teams.length === 0 ? (
        <p className="govuk-body">No teams yet.</p>
      ) : (
        <div className="waymark-table-scroll" role="region" aria-label="Teams" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Teams this project’s actions can name as owners</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Team</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Members</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Actions owned here</th>
                <th scope="col" className="govuk-table__header">Belongs to</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {teams.map((t) => (
                <tr className="govuk-table__row" key={t.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`${base}/${t.id}`}>
                      {t.name}
                    </Link>
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{t.members}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{t.actions}</td>
                  <td className="govuk-table__cell">{t.ownTeam ? "This project" : t.programmeId ? "The programme" : "Shared by all projects"}</td>
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
