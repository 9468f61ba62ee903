// What every risk page needs, for a project's register (/projects/:slug/risks) or a programme's
// (/programmes/:slug/risks, kept by the programme's managers): access checked, the register's
// scope, the actor, today's date, and how the page should present itself.
import { todayInLondon } from "~/modules/action/rules";
import { requireProgrammeAccess, requireProjectAccess, viewerFor } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { peopleOptions } from "~/modules/people/service.server";
import type { Scope } from "./service.server";

export interface RiskPageView {
  /** The register's URL, e.g. /projects/rb-partnership/risks. */
  base: string;
  /** What the register belongs to, for captions. */
  caption: string;
  canManage: boolean;
  /** Breadcrumbs for a programme's register (a project's come from its layout). */
  crumbs: Array<{ to: string; label: string }> | null;
}

type Need = "read" | "manage";

export async function projectRisks(request: Request, slug: string | undefined, need: Need = "read") {
  const { user, access, project } = await requireProjectAccess(request, slug, need);
  const scope: Scope = { projectId: project.id };
  const view: RiskPageView = { base: `/projects/${project.slug}/risks`, caption: project.name, canManage: access.canManage, crumbs: null };
  return { user, viewer: viewerFor(user), scope, view, actor: actorFor(user, request), today: todayInLondon(new Date()) };
}

export async function programmeRisks(request: Request, slug: string | undefined, need: Need = "read") {
  const { user, access, programme } = await requireProgrammeAccess(request, slug, need);
  const scope: Scope = { programmeId: programme.id };
  const view: RiskPageView = {
    base: `/programmes/${programme.slug}/risks`,
    caption: `${programme.name} (programme)`,
    canManage: access.canManage,
    crumbs: [
      { to: "/", label: "Programmes" },
      { to: `/programmes/${programme.slug}`, label: programme.name },
    ],
  };
  return { user, viewer: viewerFor(user), scope, view, actor: actorFor(user, request), today: todayInLondon(new Date()) };
}

/** The same pages serve both registers; the address says which. */
export function riskPlace(request: Request, params: { slug?: string }, need: Need = "read") {
  return new URL(request.url).pathname.startsWith("/programmes/") ? programmeRisks(request, params.slug, need) : projectRisks(request, params.slug, need);
}

export function riskId(params: { riskId?: string }) {
  const id = Number(params.riskId);
  return Number.isInteger(id) && id > 0 ? id : -1;
}

export { peopleOptions };
