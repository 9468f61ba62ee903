// What the report pages need, for project (highlight) and programme (programme, committee)
// reports alike, so the route files stay thin. Drafts are seen and changed only by managers;
// published reports by everyone who may read the project, or the programme's own readers.
import { json, redirect } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { programmeRoles } from "#db/schema";
import { getDb } from "~/db.server";
import { refuseAccess, requireProgrammeAccess, requireProjectAccess, viewerFor, type Viewer } from "~/modules/auth/access.server";
import { actorFor, type SessionUser } from "~/modules/auth/session.server";
import { todayInLondon } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { attempt, formValues, parseForm } from "~/utils/forms";
import { compareBodies, compareProgrammes, type Comparison } from "./compare";
import type { ReportContent } from "./content";
import { getCycle, overdueReports, removeCycle, setCycle } from "./cycle.server";
import { distributeReport, parseDistribution } from "./distribute.server";
import { readEdits } from "./edits";
import { cycleSchema, editReportSchema, editsFromForm, indexLinkSchema, newReportSchema, reportActionSchema } from "./forms";
import { createIndexLink, listIndexLinks, revokeIndexLink } from "./index-links.server";
import { createReportLink, listReportLinks, revokeReportLink } from "./links.server";
import { defaultPeriod, periodText } from "./period";
import { createReport, isProjectKind, discardDraft, draftContent, getReport, listReports, previousPublished, publishReport, readSnapshot, seriesVersions, startCorrection, updateDraft, type Report, type ReportScope } from "./service.server";

export interface ReportPlace {
  user: SessionUser;
  scope: ReportScope;
  base: string;
  name: string;
  canManage: boolean;
  viewer: Viewer;
  level: "project" | "programme";
  /** The project's status and start date (project reports only): a closed project is offered its end project report. */
  project?: { status: string; startDate: string | null };
}

/** The project or programme whose reports a page shows, with who is asking and what they may do. */
export async function reportPlace(request: Request, params: { slug?: string }, level: "project" | "programme", need: "read" | "manage" = "read"): Promise<ReportPlace> {
  if (level === "project") {
    const { user, access, project } = await requireProjectAccess(request, params.slug, need);
    return { user, scope: { projectId: project.id }, base: `/projects/${project.slug}/reports`, name: project.name, canManage: access.canManage, viewer: viewerFor(user), level, project: { status: project.status, startDate: project.startDate } };
  }
  const { user, programme, access } = await requireProgrammeAccess(request, params.slug, need);
  // A programme's reports cover all its projects: its managers and readers (and administrators) read them.
  const isReader = !!getDb().select({ id: programmeRoles.id }).from(programmeRoles).where(and(eq(programmeRoles.programmeId, programme.id), eq(programmeRoles.personId, user.personId))).get();
  if (!access.canManage && !isReader) refuseAccess({ actor: actorFor(user, request), request, what: `reports of programme ${programme.slug}`, status: 404, message: "Page not found" });
  return { user, scope: { programmeId: programme.id }, base: `/programmes/${programme.slug}/reports`, name: programme.name, canManage: access.canManage, viewer: viewerFor(user), level };
}

function reportFor(place: ReportPlace, reportId: string | undefined, request: Request): Report {
  const id = Number(reportId);
  if (!Number.isInteger(id) || id <= 0) notFound("Report not found");
  const report = getReport({ scope: place.scope, reportId: id });
  if (report.status === "draft" && !place.canManage) refuseAccess({ actor: actorFor(place.user, request), request, what: `draft report ${id}`, status: 404, message: "Report not found" });
  return report;
}

export function listPage(place: ReportPlace, request?: Request) {
  const all = listReports({ scope: place.scope }).filter((r) => place.canManage || r.status !== "draft");
  const cycle = "projectId" in place.scope ? getCycle({ projectId: place.scope.projectId }) : null;
  const overdue = "projectId" in place.scope && place.canManage ? (overdueReports({ projectIds: [place.scope.projectId], today: todayInLondon() })[0] ?? null) : null;
  return {
    name: place.name,
    base: place.base,
    level: place.level,
    canManage: place.canManage,
    cycle,
    overdue: overdue?.text ?? null,
    /** A closed project without an end project report is offered one. */
    offerEnd: place.canManage && place.project?.status === "closed" && !all.some((r) => r.kind === "end"),
    /** A programme's public index links (managers only), and a token just made, shown once. */
    indexLinks: "programmeId" in place.scope && place.canManage ? listIndexLinks({ programmeId: place.scope.programmeId }) : null,
    newIndexLink: "programmeId" in place.scope && place.canManage && request ? new URL(request.url).searchParams.get("index") : null,
    origin: request ? new URL(request.url).origin : "",
    reports: all.map((r) => ({ id: r.id, kind: r.kind, title: r.title, period: periodText({ from: r.periodFrom, to: r.periodTo }), status: r.status, version: r.version, publishedAt: r.publishedAt })),
  };
}

export async function cycleAction(request: Request, place: ReportPlace) {
  if (!("projectId" in place.scope)) notFound();
  const parsed = parseForm(await request.formData(), cycleSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const actor = actorFor(place.user, request);
  if (parsed.data.intent === "cycle-remove") removeCycle({ actor, projectId: place.scope.projectId });
  else setCycle({ actor, projectId: place.scope.projectId, frequency: parsed.data.frequency, dueDay: parsed.data.dueDay, startDate: parsed.data.startDate });
  return redirect(place.base);
}

/** Makes or turns off a programme's public index link (decision 0022). */
export async function indexLinkAction(request: Request, place: ReportPlace) {
  if (!("programmeId" in place.scope)) notFound();
  const parsed = parseForm(await request.formData(), indexLinkSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const actor = actorFor(place.user, request);
  if (parsed.data.intent === "index-revoke") {
    revokeIndexLink({ actor, programmeId: place.scope.programmeId, linkId: parsed.data.linkId });
    return redirect(`${place.base}#index-links`);
  }
  const { token } = createIndexLink({ actor, programmeId: place.scope.programmeId });
  // The token is shown once, on the page this redirect leads to; it is never stored.
  return redirect(`${place.base}?index=${token}#index-links`);
}

export function newPageDefaults(place: ReportPlace, request: Request) {
  const today = todayInLondon();
  const kind = place.level === "project" ? (new URL(request.url).searchParams.get("kind") === "end" ? "end" : "highlight") : "programme";
  // An end project report covers the whole project, from its start to today.
  const start = place.project?.startDate;
  const period = kind === "end" ? { from: start && start <= today ? start : defaultPeriod(today).from, to: today } : defaultPeriod(today);
  const what = kind === "end" ? "end project report" : kind === "highlight" ? "highlight report" : "progress report";
  return { name: place.name, base: place.base, level: place.level, kind, period, title: kind === "end" ? `${place.name}: ${what}` : `${place.name}: ${what}, ${periodText(period)}` };
}

export async function newReportAction(request: Request, place: ReportPlace) {
  const form = await request.formData();
  const parsed = parseForm(form, newReportSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  if ((place.level === "project") !== isProjectKind(parsed.data.kind))
    return json({ ok: false as const, errors: { kind: place.level === "project" ? "Choose a highlight report or an end project report" : "Choose a programme or committee report" }, values: parsed.values }, { status: 400 });
  const result = attempt(parsed.values, () => createReport({ actor: actorFor(place.user, request), scope: place.scope, kind: parsed.data.kind, title: parsed.data.title, period: { from: parsed.data.from, to: parsed.data.to } }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`${place.base}/${result.result.id}/edit`);
}

function comparisonFor(report: Report, content: ReportContent): { previousTitle: string; comparison: Comparison | null; projects: Array<{ project: string; comparison: Comparison }> } | null {
  const prev = previousPublished(report);
  if (!prev || prev.content.kind !== content.kind) return null;
  if (content.kind === "highlight" && prev.content.kind === "highlight") return { previousTitle: prev.content.title, comparison: compareBodies(prev.content, content), projects: [] };
  if (content.kind === "programme" && prev.content.kind === "programme") return { previousTitle: prev.content.title, comparison: compareBodies({ ...prev.content, flagged: [], milestones: [] }, { ...content, flagged: [], milestones: [] }), projects: compareProgrammes(prev.content, content) };
  return null;
}

/** A report as a person reads it: the frozen snapshot once published, else a live draft. */
export function reportContent(place: ReportPlace, report: Report): { content: ReportContent; hash: string | null } {
  if (report.status === "draft") return { content: draftContent({ report, viewer: place.viewer, asOf: todayInLondon(), author: place.user.name }), hash: null };
  const frozen = readSnapshot(report.id);
  if (!frozen) throw new Error(`published report ${report.id} has no snapshot`);
  return { content: frozen.content, hash: frozen.hash };
}

export function reportPage(request: Request, place: ReportPlace, reportId: string | undefined) {
  const report = reportFor(place, reportId, request);
  const { content, hash } = reportContent(place, report);
  const versions = seriesVersions(report)
    .filter((v) => v.status !== "draft" || place.canManage)
    .map((v) => ({ id: v.id, version: v.version, status: v.status, publishedAt: v.publishedAt, changeNote: v.changeNote }));
  const links = place.canManage && report.status !== "draft" ? listReportLinks({ scope: place.scope, reportId: report.id }).map((l) => ({ id: l.id, createdAt: l.createdAt, revokedAt: l.revokedAt })) : [];
  const url = new URL(request.url);
  return {
    name: place.name,
    base: place.base,
    canManage: place.canManage,
    report: { id: report.id, kind: report.kind, status: report.status, version: report.version, supersedesId: report.supersedesId, changeNote: report.changeNote },
    content,
    hash,
    versions,
    links,
    newLink: url.searchParams.get("link"),
    comparison: comparisonFor(report, content),
  };
}

export async function reportAction(request: Request, place: ReportPlace, reportId: string | undefined) {
  const report = reportFor(place, reportId, request);
  const parsed = parseForm(await request.formData(), reportActionSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const actor = actorFor(place.user, request);
  const d = parsed.data;
  const here = `${place.base}/${report.id}`;
  if (d.intent === "publish") {
    const list = parseDistribution(d.distribution);
    if (!list.ok) return json({ ok: false as const, errors: { distribution: list.error }, values: parsed.values }, { status: 400 });
    const result = attempt(parsed.values, () => publishReport({ actor, scope: place.scope, reportId: report.id, viewer: place.viewer, asOf: todayInLondon() }));
    if (!result.ok) return json(result, { status: 400 });
    if (d.emailBoard || list.addresses.length) await distributeReport({ actor, scope: place.scope, reportId: report.id, emailBoard: !!d.emailBoard, addresses: list.addresses });
    return redirect(here);
  }
  if (d.intent === "correct") {
    const result = attempt(parsed.values, () => startCorrection({ actor, scope: place.scope, reportId: report.id }));
    if (!result.ok) return json(result, { status: 400 });
    return redirect(`${place.base}/${result.result.id}/edit`);
  }
  if (d.intent === "discard") {
    const result = attempt(parsed.values, () => discardDraft({ actor, scope: place.scope, reportId: report.id }));
    if (!result.ok) return json(result, { status: 400 });
    return redirect(place.base);
  }
  if (d.intent === "link-create") {
    const result = attempt(parsed.values, () => createReportLink({ actor, scope: place.scope, reportId: report.id }));
    if (!result.ok) return json(result, { status: 400 });
    // The token is shown once, on the page this redirect leads to; it is never stored.
    return redirect(`${here}?link=${result.result.token}#links`);
  }
  revokeReportLink({ actor, scope: place.scope, reportId: report.id, linkId: d.linkId });
  return redirect(`${here}#links`);
}

export function editPage(request: Request, place: ReportPlace, reportId: string | undefined) {
  const report = reportFor(place, reportId, request);
  if (report.status !== "draft") throw redirect(`${place.base}/${report.id}`);
  const { content } = reportContent(place, report);
  return {
    name: place.name,
    base: place.base,
    report: { id: report.id, kind: report.kind, title: report.title, periodFrom: report.periodFrom, periodTo: report.periodTo, revision: report.revision, supersedesId: report.supersedesId, changeNote: report.changeNote },
    edits: readEdits(report.edits),
    content,
  };
}

export async function editAction(request: Request, place: ReportPlace, reportId: string | undefined) {
  const report = reportFor(place, reportId, request);
  const form = await request.formData();
  const parsed = parseForm(form, editReportSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const edits = editsFromForm(formValues(form), report.kind);
  if (edits.committee) edits.committee.meetingDate = parsed.data.meetingDate ?? "";
  const result = attempt(parsed.values, () =>
    updateDraft({ actor: actorFor(place.user, request), scope: place.scope, reportId: report.id, revision: parsed.data.revision, title: parsed.data.title, period: { from: parsed.data.from, to: parsed.data.to }, edits, changeNote: parsed.data.changeNote }),
  );
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`${place.base}/${report.id}`);
}
