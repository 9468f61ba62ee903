import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { ProjectTable } from "~/components/project-table";
import { requireProgrammeAccess, visibleProjects } from "~/modules/auth/access.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(data ? `${data.programme.name}` : "Programme", matches) }];

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
            <Link className="govuk-link" to={`${base}/actions`}>
              Programme action plan: the actions of every project you can see
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/flagged`}>
              What needs attention: flagged actions, milestones and risks
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/timeline`} reloadDocument>
              Programme timeline: every project's plan as a Gantt chart
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/risks`}>
              Programme risk register
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/reports`}>
              Progress reports: programme and committee reports
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/decisions`}>
              Decisions register
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/boards`}>
              Programme boards: who decides, and by which rule
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/dependencies`}>
              Dependencies across the projects
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/calendar`}>
              Programme calendar
            </Link>
          </li>
        </ul>
      </nav>
      <h2 className="govuk-heading-m">Projects</h2>
      <ProjectTable projects={projects} caption={`Projects in ${programme.name}`} empty="There are no projects in this programme that you can see." />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
