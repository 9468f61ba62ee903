// The API's resources: each loads what the token's person may see (visibleProjects and the same
// project access rule as the pages) and serialises it. Lists are paged in id order.
import { asc, eq, inArray, or } from "drizzle-orm";
import { actions, dependencies, milestones, progressNotes, projects, stages, workPackages } from "#db/schema";
import { getDb } from "~/db.server";
import { readAsOf, readPlanQuery } from "~/modules/action/plan-view";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { listDecisions } from "~/modules/approval/decision.server";
import { projectAccess, viewerFor, visibleProgrammes, visibleProjects } from "~/modules/auth/access.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { flagLabel as riskFlagLabel } from "~/modules/risk/scoring";
import { listRisks } from "~/modules/risk/service.server";
import { listBenefits } from "~/modules/benefit/service.server";
import { benefitFlagLabel } from "~/modules/benefit/rules";
import { listReports } from "~/modules/report/service.server";
import type { ApiResource, ApiResult } from "./handler.server";
import { actionsPage } from "./actions.server";
import { ApiError, decodeCursor, pageOf, readLimit } from "./paging";
import { dependencyEnd, serialiseFlag } from "./serialise";

function paged<T extends { id: number }>(url: URL, items: T[]): ApiResult {
  const { data, next } = pageOf(items, readLimit(url.searchParams.get("limit")), decodeCursor(url.searchParams.get("cursor")));
  return { data, next };
}

function projectOf(user: SessionUser, slug: string | undefined) {
  const project = slug ? getDb().select().from(projects).where(eq(projects.slug, slug)).get() : undefined;
  if (!project || !projectAccess(user, project)) throw new ApiError(404, "not_found", "No such project, or you may not see it");
  return project;
}

function seer(user: SessionUser, projectId: number) {
  const visible = new Set(visibleProjects(user).map((p) => p.id));
  return (id: number) => id === projectId || visible.has(id);
}

function asOfOf(url: URL, today: string) {
  const a = readAsOf(url.searchParams, today);
  if (a.error) throw new ApiError(400, "bad_as_of", a.error);
  return a.asOf;
}

const projectJson = (p: typeof projects.$inferSelect) => ({ id: p.id, slug: p.slug, name: p.name, programmeId: p.programmeId, createdAt: p.createdAt });

export const programmesResource: ApiResource = ({ user, url }) =>
  paged(url, visibleProgrammes(user).map((p) => ({ id: p.id, slug: p.slug, name: p.name })));

export const projectsResource: ApiResource = ({ user, url }) => paged(url, visibleProjects(user).map(projectJson));

export const projectResource: ApiResource = ({ user, params }) => ({ data: projectJson(projectOf(user, params.slug)) });

export const workPackagesResource: ApiResource = ({ user, url, params }) => {
  const project = projectOf(user, params.slug);
  const db = getDb();
  const wps = db.select().from(workPackages).where(eq(workPackages.projectId, project.id)).orderBy(asc(workPackages.position)).all();
  const st = wps.length ? db.select().from(stages).where(inArray(stages.workPackageId, wps.map((w) => w.id))).orderBy(asc(stages.position)).all() : [];
  return paged(
    url,
    wps.map((w) => ({
      id: w.id,
      ref: w.ref,
      name: w.name,
      description: w.description,
      leadPersonId: w.leadPersonId,
      stages: st.filter((s) => s.workPackageId === w.id).map((s) => ({ id: s.id, name: s.name, plannedStart: s.plannedStart, plannedEnd: s.plannedEnd })),
    })),
  );
};

export const milestonesResource: ApiResource = ({ user, url, params, today }) => {
  const project = projectOf(user, params.slug);
  const asOf = asOfOf(url, today);
  const canSee = seer(user, project.id);
  const flags = flagsForProjects({ projectIds: [project.id], asOf }).result.milestones;
  const rows = getDb().select().from(milestones).where(eq(milestones.projectId, project.id)).all();
  return paged(
    url,
    rows.map((m) => ({ id: m.id, name: m.name, description: m.description, targetDate: m.targetDate, baselineDate: m.baselineDate, achievedDate: m.achievedDate, asOf, flags: (flags.get(m.id) ?? []).map((f) => serialiseFlag(f, canSee)) })),
  );
};

export const actionsResource: ApiResource = ({ user, url, params, today }) => {
  const project = projectOf(user, params.slug);
  const asOf = asOfOf(url, today);
  const canSee = seer(user, project.id);
  const q = url.searchParams;
  const owner = q.get("owner") ?? "";
  const query = readPlanQuery(new URLSearchParams({ flag: q.get("flag") ?? "", status: q.get("status") ?? "", workPackage: q.get("wp") ?? "", owner: /^\d+$/.test(owner) ? `p${owner}` : owner }));
  const since = q.get("updatedSince");
  if (since !== null && Number.isNaN(Date.parse(since))) throw new ApiError(400, "bad_updated_since", "updatedSince must be a date or an ISO date-time");
  return actionsPage({
    projectId: project.id,
    asOf,
    query,
    since: since ? new Date(since).toISOString() : null,
    limit: readLimit(q.get("limit")),
    after: decodeCursor(q.get("cursor")),
    canSee,
  });
};

export const progressNotesResource: ApiResource = ({ user, url, params }) => {
  const project = projectOf(user, params.slug);
  const rows = getDb()
    .select({ id: progressNotes.id, actionId: progressNotes.actionId, actionRef: actions.ref, noteDate: progressNotes.noteDate, body: progressNotes.body, statusChange: progressNotes.statusChange, percentComplete: progressNotes.percentComplete })
    .from(progressNotes)
    .innerJoin(actions, eq(actions.id, progressNotes.actionId))
    .where(eq(actions.projectId, project.id))
    .all();
  return paged(url, rows);
};

export const dependenciesResource: ApiResource = ({ user, url, params }) => {
  const project = projectOf(user, params.slug);
  const canSee = seer(user, project.id);
  const db = getDb();
  const mine = db.select({ id: actions.id }).from(actions).where(eq(actions.projectId, project.id));
  const myMs = db.select({ id: milestones.id }).from(milestones).where(eq(milestones.projectId, project.id));
  const deps = db
    .select()
    .from(dependencies)
    .where(or(inArray(dependencies.predecessorActionId, mine), inArray(dependencies.successorActionId, mine), inArray(dependencies.predecessorMilestoneId, myMs), inArray(dependencies.successorMilestoneId, myMs)))
    .all();
  const aIds = deps.flatMap((d) => [d.predecessorActionId, d.successorActionId]).filter((x): x is number => x !== null);
  const mIds = deps.flatMap((d) => [d.predecessorMilestoneId, d.successorMilestoneId]).filter((x): x is number => x !== null);
  const aRows = new Map((aIds.length ? db.select({ id: actions.id, projectId: actions.projectId, ref: actions.ref, title: actions.title }).from(actions).where(inArray(actions.id, aIds)).all() : []).map((a) => [a.id, a]));
  const mRows = new Map((mIds.length ? db.select({ id: milestones.id, projectId: milestones.projectId, name: milestones.name }).from(milestones).where(inArray(milestones.id, mIds)).all() : []).map((m) => [m.id, m]));
  const end = (actionId: number | null, milestoneId: number | null) => {
    if (actionId !== null) {
      const a = aRows.get(actionId)!;
      return dependencyEnd({ kind: "action", id: a.id, projectId: a.projectId, label: `${a.ref} ${a.title}` }, canSee);
    }
    const m = mRows.get(milestoneId!)!;
    return dependencyEnd({ kind: "milestone", id: m.id, projectId: m.projectId, label: m.name }, canSee);
  };
  return paged(
    url,
    deps.map((d) => ({ id: d.id, predecessor: end(d.predecessorActionId, d.predecessorMilestoneId), successor: end(d.successorActionId, d.successorMilestoneId), lagDays: d.lagDays })),
  );
};

export const risksResource: ApiResource = ({ user, url, params, today }) => {
  const project = projectOf(user, params.slug);
  const { risks } = listRisks({ scope: { projectId: project.id }, today, viewer: viewerFor(user) });
  return paged(
    url,
    risks.map((r) => ({
      id: r.id, ref: r.ref, title: r.title, category: r.category, kind: r.kind, cause: r.cause, event: r.event, effect: r.effect,
      inherentLikelihood: r.inherentLikelihood, inherentImpact: r.inherentImpact, residualLikelihood: r.residualLikelihood, residualImpact: r.residualImpact,
      severity: r.severity, band: r.band, strategy: r.strategy, actionsOutstanding: r.actionsOutstanding, ownerName: r.ownerName,
      proximityDate: r.proximityDate, proximityText: r.proximityText, nextReviewDate: r.nextReviewDate, status: r.status, dateClosed: r.dateClosed,
      flags: r.flags.map((f) => ({ kind: f.kind, text: riskFlagLabel(f) })),
    })),
  );
};

export const decisionsResource: ApiResource = ({ user, url, params }) => {
  const project = projectOf(user, params.slug);
  return paged(
    url,
    listDecisions({ projectIds: [project.id] }).map((d) => ({
      id: d.id, proposalId: d.proposalId, title: d.title, version: d.version, outcome: d.outcome, decidedOn: d.decidedOn, reasons: d.reasons,
      alternativesRejected: d.alternativesRejected, conflictsDeclared: d.conflictsDeclared, method: d.method, recordedBy: d.recordedBy, supersededById: d.supersededById,
    })),
  );
};

export const benefitsResource: ApiResource = ({ user, url, params, today }) => {
  const project = projectOf(user, params.slug);
  const asOf = asOfOf(url, today);
  return paged(
    url,
    listBenefits({ projectId: project.id, today: asOf }).map((b) => ({
      id: b.id, name: b.name, description: b.description, unit: b.unit, direction: b.direction, frequency: b.frequency, source: b.source,
      tolerance: b.tolerance, ownerPersonId: b.ownerPersonId, ownerName: b.ownerName, asOf, rag: b.rag,
      flags: b.flags.map((f) => ({ kind: f.kind, text: benefitFlagLabel(f, b.unit) })),
      series: b.series.map((x) => ({
        organisation: x.organisation, organisationCode: x.organisationCode, baselineValue: x.baselineValue, baselineDate: x.baselineDate, baselineLabel: x.baselineLabel,
        targets: x.targets.map((t) => ({ period: t.period, start: t.start, end: t.end, value: t.value })),
        actuals: [...x.actuals].sort((a, c) => a.measuredOn.localeCompare(c.measuredOn)).map((a) => ({ measuredOn: a.measuredOn, value: a.value, corrected: a.corrected })),
        rag: x.rag,
      })),
    })),
  );
};

/** Published reports only (drafts are the manager's work in progress); a corrected one is "superseded". */
export const reportsResource: ApiResource = ({ user, url, params }) => {
  const project = projectOf(user, params.slug);
  const base = `${url.origin}/projects/${project.slug}/reports`;
  return paged(
    url,
    listReports({ scope: { projectId: project.id } })
      .filter((r) => r.status !== "draft")
      .sort((a, b) => a.id - b.id)
      .map((r) => ({
        id: r.id, kind: r.kind, title: r.title, periodFrom: r.periodFrom, periodTo: r.periodTo, version: r.version, status: r.status,
        publishedAt: r.publishedAt, supersedesId: r.supersedesId, changeNote: r.changeNote, html: `${base}/${r.id}`, pdf: `${base}/${r.id}.pdf`, docx: `${base}/${r.id}.docx`,
      })),
  );
};

/** Path (after /api/v1) → resource; `:slug` matches one segment. The OpenAPI file lists the same paths. */
export const API_ROUTES: Array<[string, ApiResource]> = [
  ["/programmes", programmesResource],
  ["/projects", projectsResource],
  ["/projects/:slug", projectResource],
  ["/projects/:slug/work-packages", workPackagesResource],
  ["/projects/:slug/milestones", milestonesResource],
  ["/projects/:slug/actions", actionsResource],
  ["/projects/:slug/progress-notes", progressNotesResource],
  ["/projects/:slug/dependencies", dependenciesResource],
  ["/projects/:slug/risks", risksResource],
  ["/projects/:slug/decisions", decisionsResource],
  ["/projects/:slug/benefits", benefitsResource],
  ["/projects/:slug/reports", reportsResource],
];

export function matchApiRoute(path: string): { resource: ApiResource; params: Record<string, string> } | null {
  const parts = path.replace(/\/+$/, "").split("/");
  for (const [pattern, resource] of API_ROUTES) {
    const pp = pattern.split("/");
    if (pp.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (pp.every((p, i) => (p.startsWith(":") ? ((params[p.slice(1)] = decodeURIComponent(parts[i]!)), parts[i] !== "") : p === parts[i]))) return { resource, params };
  }
  return null;
}
