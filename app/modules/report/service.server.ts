// Reports: draft → publish → supersede. A draft is drafted from live data every time it is shown;
// publishing freezes its content (canonical JSON plus sha256) in report_snapshots, which the
// database keeps append-only, and a correction is a new version in the same series that says
// what changed and why. Every write audited in its transaction; every call scoped by its parent.
import { createHash } from "node:crypto";
import { and, desc, eq, inArray, isNull, lt, ne, or } from "drizzle-orm";
import { people, PROJECT_REPORT_KINDS, reportSnapshots, reports, type ReportKind } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import type { Viewer } from "~/modules/auth/access.server";
import { notFound, UserInputError } from "~/utils/errors";
import type { ReportContent } from "./content";
import { draftCommittee, draftHighlight, draftProgramme } from "./draft.server";
import { draftEnd } from "./end.server";
import { readEdits, type Edits } from "./edits";
import type { Period } from "./period";
import { validateOverrides } from "./rag";

export type ReportScope = { projectId: number } | { programmeId: number };
export type Report = typeof reports.$inferSelect;

/** Highlight and end project reports belong to a project; the others to a programme. */
export const isProjectKind = (kind: ReportKind) => (PROJECT_REPORT_KINDS as readonly string[]).includes(kind);
const scopeWhere = (scope: ReportScope) => ("projectId" in scope ? eq(reports.projectId, scope.projectId) : eq(reports.programmeId, scope.programmeId));
const projectIdOf = (scope: ReportScope) => ("projectId" in scope ? scope.projectId : null);
export const seriesOf = (r: Pick<Report, "id" | "seriesId">) => r.seriesId ?? r.id;

/** Keys in a fixed order so the same content always gives the same text and hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(v as Record<string, unknown>).sort()) sorted[key] = (v as Record<string, unknown>)[key];
      return sorted;
    }
    return v;
  });
}
export const contentHash = (text: string) => createHash("sha256").update(text).digest("hex");

export function listReports({ scope }: { scope: ReportScope }, db: Conn = getDb()) {
  return db.select().from(reports).where(scopeWhere(scope)).orderBy(desc(reports.periodTo), desc(reports.id)).all();
}

export function getReport({ scope, reportId }: { scope: ReportScope; reportId: number }, db: Conn = getDb()): Report {
  const report = db.select().from(reports).where(and(eq(reports.id, reportId), scopeWhere(scope))).get();
  if (!report) notFound("Report not found");
  return report;
}

export function createReport({ actor, scope, kind, title, period }: { actor: Actor; scope: ReportScope; kind: ReportKind; title: string; period: Period }) {
  if (("projectId" in scope) !== isProjectKind(kind)) throw new UserInputError({ kind: "Highlight and end project reports are for a project; programme and committee reports are for a programme" });
  return write((tx) => {
    const row = tx
      .insert(reports)
      .values({ kind, title, periodFrom: period.from, periodTo: period.to, createdByPersonId: actor.personId, ...("projectId" in scope ? { projectId: scope.projectId } : { programmeId: scope.programmeId }) })
      .returning()
      .get();
    recordAudit(tx, { actor, event: "report.create", entityType: "report", entityId: row.id, projectId: projectIdOf(scope), after: { kind, title, periodFrom: period.from, periodTo: period.to } });
    return row;
  });
}

function draftOf(tx: Conn, scope: ReportScope, reportId: number, revision?: number) {
  const report = getReport({ scope, reportId }, tx);
  if (report.status !== "draft") throw new UserInputError({ report: "This report is published: it cannot change. Publish a correction instead." });
  if (revision !== undefined && revision !== report.revision) throw new UserInputError({ report: "Someone else changed this draft while you were editing it. Reload the page and make your changes again." });
  return report;
}

/** Saves a draft's title, period and edits. An override without a reason is refused. */
export function updateDraft({ actor, scope, reportId, revision, title, period, edits, changeNote }: { actor: Actor; scope: ReportScope; reportId: number; revision: number; title: string; period: Period; edits: Edits; changeNote?: string }) {
  const errors = validateOverrides(edits.overrides);
  if (Object.keys(errors).length) throw new UserInputError(errors);
  return write((tx) => {
    const before = draftOf(tx, scope, reportId, revision);
    const after = { title, periodFrom: period.from, periodTo: period.to, edits: JSON.stringify(edits), changeNote: changeNote ?? before.changeNote };
    tx.update(reports).set({ ...after, revision: before.revision + 1, updatedAt: new Date().toISOString() }).where(eq(reports.id, reportId)).run();
    recordAudit(tx, { actor, event: "report.edit", entityType: "report", entityId: reportId, projectId: projectIdOf(scope), ...changes(before, after) });
  });
}

/** The report's content drafted from live data as of `asOf`, as the person reading it may see it. */
export function draftContent({ report, viewer, asOf, author }: { report: Report; viewer: Viewer; asOf: string; author?: string }, db: Conn = getDb()): ReportContent {
  const input = { title: report.title, period: { from: report.periodFrom, to: report.periodTo }, asOf, viewer, edits: readEdits(report.edits), version: report.version, changeNote: report.changeNote };
  if (report.kind === "highlight") return draftHighlight({ ...input, projectId: report.projectId! }, db);
  if (report.kind === "end") return draftEnd({ ...input, projectId: report.projectId! }, db);
  if (report.kind === "programme") return draftProgramme({ ...input, programmeId: report.programmeId! }, db);
  return draftCommittee({ ...input, programmeId: report.programmeId!, author }, db);
}

/**
 * Freezes the draft: its content as of `asOf` is stored with its hash and never changes again.
 * Publishing a correction marks the version it corrects superseded (still readable).
 */
export function publishReport({ actor, scope, reportId, viewer, asOf }: { actor: Actor; scope: ReportScope; reportId: number; viewer: Viewer; asOf: string }) {
  return write((tx) => {
    const report = draftOf(tx, scope, reportId);
    if (report.supersedesId && !report.changeNote.trim()) throw new UserInputError({ changeNote: "Say what changed in this correction and why" });
    const publisher = actor.personId ? tx.select({ name: people.name }).from(people).where(eq(people.id, actor.personId)).get()?.name ?? actor.label : actor.label;
    const publishedAt = new Date().toISOString();
    const content = { ...draftContent({ report, viewer, asOf, author: publisher }, tx), publishedAt, publishedBy: publisher };
    const text = canonicalJson(content);
    const hash = contentHash(text);
    tx.insert(reportSnapshots).values({ reportId, content: text, hash }).run();
    tx.update(reports).set({ status: "published", publishedAt, publishedByPersonId: actor.personId, updatedAt: publishedAt }).where(eq(reports.id, reportId)).run();
    if (report.supersedesId) tx.update(reports).set({ status: "superseded", updatedAt: publishedAt }).where(eq(reports.id, report.supersedesId)).run();
    recordAudit(tx, { actor, event: "report.publish", entityType: "report", entityId: reportId, projectId: projectIdOf(scope), after: { hash, version: report.version, supersedes: report.supersedesId } });
    return { hash, publishedAt };
  });
}

/** Starts a correction of a published report: a new draft version in its series, with its edits. */
export function startCorrection({ actor, scope, reportId }: { actor: Actor; scope: ReportScope; reportId: number }) {
  return write((tx) => {
    const old = getReport({ scope, reportId }, tx);
    if (old.status !== "published") throw new UserInputError({ report: "Only the current published version can be corrected" });
    const series = seriesOf(old);
    const pending = tx.select({ id: reports.id }).from(reports).where(and(eq(reports.status, "draft"), or(eq(reports.seriesId, series), eq(reports.id, series)))).get();
    if (pending) return pending;
    const row = tx
      .insert(reports)
      .values({ kind: old.kind, projectId: old.projectId, programmeId: old.programmeId, seriesId: series, version: old.version + 1, supersedesId: old.id, title: old.title, periodFrom: old.periodFrom, periodTo: old.periodTo, edits: old.edits, createdByPersonId: actor.personId })
      .returning()
      .get();
    recordAudit(tx, { actor, event: "report.correct", entityType: "report", entityId: row.id, projectId: projectIdOf(scope), after: { supersedes: old.id, version: row.version } });
    return { id: row.id };
  });
}

/** A draft never published can be thrown away (audited); published reports never can. */
export function discardDraft({ actor, scope, reportId }: { actor: Actor; scope: ReportScope; reportId: number }) {
  write((tx) => {
    const report = draftOf(tx, scope, reportId);
    tx.delete(reports).where(eq(reports.id, reportId)).run();
    recordAudit(tx, { actor, event: "report.discard", entityType: "report", entityId: reportId, projectId: projectIdOf(scope), before: { title: report.title, version: report.version } });
  });
}

export interface Frozen {
  content: ReportContent;
  hash: string;
  /** The stored JSON, exactly. */
  text: string;
}

export function readSnapshot(reportId: number, db: Conn = getDb()): Frozen | null {
  const row = db.select().from(reportSnapshots).where(eq(reportSnapshots.reportId, reportId)).get();
  return row ? { content: JSON.parse(row.content) as ReportContent, hash: row.hash, text: row.content } : null;
}

/** Every version of a report's series, oldest first. */
export function seriesVersions(report: Pick<Report, "id" | "seriesId">, db: Conn = getDb()) {
  const series = seriesOf(report);
  return db.select().from(reports).where(or(eq(reports.id, series), eq(reports.seriesId, series))).orderBy(reports.version).all();
}

/** The published report of the same kind and scope before this one's period ends, for comparison. */
export function previousPublished(report: Report, db: Conn = getDb()): Frozen | null {
  const scope: ReportScope = report.projectId ? { projectId: report.projectId } : { programmeId: report.programmeId! };
  const prev = db
    .select({ id: reports.id })
    .from(reports)
    .where(and(scopeWhere(scope), eq(reports.kind, report.kind), eq(reports.status, "published"), lt(reports.periodTo, report.periodTo), ne(reports.id, report.id)))
    .orderBy(desc(reports.periodTo), desc(reports.id))
    .get();
  return prev ? readSnapshot(prev.id, db) : null;
}

/** Published (current) reports of several projects or programmes, for lists and the overdue rule. */
export function publishedPeriods({ projectIds }: { projectIds: number[] }, db: Conn = getDb()) {
  if (projectIds.length === 0) return [];
  return db
    .select({ projectId: reports.projectId, from: reports.periodFrom, to: reports.periodTo })
    .from(reports)
    .where(and(inArray(reports.projectId, projectIds), eq(reports.status, "published"), isNull(reports.programmeId)))
    .all();
}
