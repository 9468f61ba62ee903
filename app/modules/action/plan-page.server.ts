// Loaders of the four action plan pages (a project's or a programme's, paged or all rows): access,
// the query string, the conditional GET and the page cache, then the plan. Routes call these and return.
import { json } from "~/utils/json.server";
import { requireProgrammeAccess, requireProjectAccess, viewerFor, visibleProjects } from "~/modules/auth/access.server";
import type { SessionUser } from "~/modules/auth/session.server";
import type { AppLoadContext } from "@remix-run/node";
import { unchangedPage } from "~/utils/page-cache.server";
import { readPage } from "./paging";
import { loadPlan, type PlanProject } from "./plan.server";
import { readAsOf, readPlanQuery } from "./plan-view";
import { todayInLondon } from "./rules";
import type { PlanPageData } from "./plan-ui";

async function planPage(
  request: Request,
  context: AppLoadContext | undefined,
  { all, user, path, title, caption, projects }: { all: boolean; user: SessionUser; path: string; title: string; caption: string; projects: () => PlanProject[] },
) {
  const search = new URL(request.url).searchParams;
  const asOf = readAsOf(search, todayInLondon());
  const { headers, unchanged } = unchangedPage(request, context, { viewer: user.id, asOf: asOf.asOf });
  if (unchanged) return unchanged;
  const query = readPlanQuery(search);
  const list = projects();
  const plan = loadPlan({ viewer: viewerFor(user), projects: list, asOf: asOf.asOf, query, page: all ? "all" : readPage(search) });
  const data: PlanPageData = { title, caption, path, all, asOf, query, several: list.length > 1, plan };
  // A view date that is not a date: the page with the message and what was typed, as a 400.
  return json(data, { status: asOf.error ? 400 : 200, headers });
}

/** /projects/<slug>/actions (paged) and /projects/<slug>/actions/all. */
export async function projectPlanPage(request: Request, context: AppLoadContext | undefined, slug: string | undefined, { all }: { all: boolean }) {
  const { project, user } = await requireProjectAccess(request, slug);
  return planPage(request, context, {
    all,
    user,
    path: `/projects/${project.slug}/actions`,
    title: all ? "Action plan: all actions" : "Action plan",
    caption: project.name,
    projects: () => [{ id: project.id, slug: project.slug, name: project.name }],
  });
}

/** /programmes/<slug>/actions (paged) and /programmes/<slug>/actions/all: every project of the programme the viewer may see. */
export async function programmePlanPage(request: Request, context: AppLoadContext | undefined, slug: string | undefined, { all }: { all: boolean }) {
  const { programme, user } = await requireProgrammeAccess(request, slug);
  return planPage(request, context, {
    all,
    user,
    path: `/programmes/${programme.slug}/actions`,
    title: all ? "Programme action plan: all actions" : "Programme action plan",
    caption: programme.name,
    projects: () => visibleProjects(user, programme.id).map((p) => ({ id: p.id, slug: p.slug, name: p.name })),
  });
}
