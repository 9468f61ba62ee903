import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "~/utils/json.server";
import { Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs, SubNavigation } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { programmeSummary } from "~/modules/structure/programme.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.project.name} – Waymark` : "Waymark" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, project, user } = await requireProjectAccess(request, params.slug);
  const programme = programmeSummary(project.programmeId);
  return json({
    project,
    programme,
    roles: [...access.roles],
    canManage: access.canManage,
    personId: user.personId,
  });
}

export type ProjectLayoutData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The project, the viewer's roles and whether they manage it, for any page below /projects/:slug. */
export function useProject() {
  const data = useRouteLoaderData<typeof loader>("routes/projects.$slug");
  if (!data) throw new Error("useProject must be used below /projects/:slug");
  return data;
}

export default function ProjectLayout() {
  const { project, programme } = useLoaderData<typeof loader>();
  const base = `/projects/${project.slug}`;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: "Programmes" },
          ...(programme ? [{ to: `/programmes/${programme.slug}`, label: programme.name }] : []),
          { to: base, label: project.name },
        ]}
      />
      <SubNavigation
        label="Project"
        items={[
          { to: base, label: "Overview", end: true },
          { to: `${base}/actions`, label: "Action plan" },
          { to: `${base}/work-packages`, label: "Work packages" },
          { to: `${base}/milestones`, label: "Milestones" },
          { to: `${base}/timeline`, label: "Timeline" },
          { to: `${base}/dependencies`, label: "Dependencies" },
          { to: `${base}/calendar`, label: "Calendar" },
          { to: `${base}/risks`, label: "Risks" },
          { to: `${base}/benefits`, label: "Benefits" },
          { to: `${base}/business-case`, label: "Business case" },
          { to: `${base}/proposals`, label: "Proposals" },
          { to: `${base}/decisions`, label: "Decisions" },
          { to: `${base}/recommendations`, label: "Recommendations" },
          { to: `${base}/reports`, label: "Reports" },
          { to: `${base}/boards`, label: "Boards" },
          { to: `${base}/teams`, label: "Teams" },
          { to: `${base}/team`, label: "People and roles" },
        ]}
      />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
