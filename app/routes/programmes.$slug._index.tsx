import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs, PageTitle, Tag, formatDate } from "~/components/layout";
import { requireProgrammeAccess, visibleProjects } from "~/modules/auth/access.server";
import { PROJECT_STATUS_LABELS } from "~/modules/structure/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.programme.name} – Waymark` : "Programme – Waymark" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, programme, access } = await requireProgrammeAccess(request, params.slug);
  return json({
    programme,
    canManage: access.canManage,
    isAdmin: user.isAdmin,
    projects: visibleProjects(user, programme.id),
  });
}

export default function ProgrammeOverview() {
  const { programme, projects, canManage, isAdmin } = useLoaderData<typeof loader>();
  const base = `/programmes/${programme.slug}`;
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }]} />
      <PageTitle caption="Programme">{programme.name}</PageTitle>
      {programme.description ? <p className="govuk-body">{programme.description}</p> : null}
      {canManage ? (
        <div className="govuk-button-group">
          <Link className="govuk-button" to={`${base}/projects/new`}>
            Create a project
          </Link>
          <Link className="govuk-link" to={`${base}/edit`}>
            Edit programme<span className="govuk-visually-hidden"> details</span>
          </Link>
          {isAdmin ? (
            <Link className="govuk-link" to={`${base}/team`}>
              Programme managers and readers
            </Link>
          ) : null}
        </div>
      ) : null}
      <nav aria-label="Across the programme" className="govuk-!-margin-bottom-6">
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to={`${base}/flagged`}>
              Flagged actions and milestones
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/risks`}>
              Programme risk register
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/decisions`}>
              Decisions register
            </Link>
          </li>
        </ul>
      </nav>
      <h2 className="govuk-heading-m">Projects</h2>
      {projects.length === 0 ? (
        <p className="govuk-body">There are no projects in this programme that you can see.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Projects in {programme.name}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Project</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header">Start</th>
              <th scope="col" className="govuk-table__header">End</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {projects.map((p) => (
              <tr className="govuk-table__row" key={p.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/projects/${p.slug}`}>
                    {p.name}
                  </Link>
                </td>
                <td className="govuk-table__cell">
                  <Tag colour={p.status === "active" ? "blue" : p.status === "on_hold" ? "yellow" : "grey"}>{PROJECT_STATUS_LABELS[p.status]}</Tag>
                </td>
                <td className="govuk-table__cell">{formatDate(p.startDate)}</td>
                <td className="govuk-table__cell">{formatDate(p.endDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
