// Spreadsheet import: read an upload, show what it would do (preview), and on confirmation apply
// all of it in one transaction, audited as one `sheet.import` event. The preview is worked out
// again inside that transaction and must match the one the manager saw (its fingerprint), so a
// plan edited in between is never overwritten unseen.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import {
  actionOwners,
  actionRecommendations,
  actions,
  dueDateChanges,
  people,
  progressNotes,
  recommendations,
  riskScoreChanges,
  risks,
  stages,
  workPackages,
  type SheetImportKind,
} from "#db/schema";
import { getDb, write, type Conn, type Tx } from "~/db.server";
import { todayInLondon } from "~/modules/action/rules";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { ensureRegister, getRegister } from "~/modules/risk/service.server";
import { possibleOwners } from "~/modules/action/detail.server";
import { teamsAvailableTo } from "~/modules/team/service.server";
import { UserInputError } from "~/utils/errors";
import { previewActions, type ActionPreview, type CurrentAction, type PlanContext, type PreviewRow } from "./action-import";
import { fieldsOf, layoutOf, missingFields, rememberedFrom, type FieldSpec, type Layout } from "./columns";
import { readSpreadsheet, type Sheet } from "./read";
import { previewRisks, type CurrentRisk, type RiskPreview, type RiskPreviewRow } from "./risk-import";
import { choiceOf, deleteUpload, rememberedMapping, rememberMapping, type Choice, type Upload } from "./upload.server";

export const IMPORT_REASON = "changed by import";
const BLOCKED_REASON = "Marked blocked in an imported spreadsheet";
const CLOSING_NOTE = "Closed in an imported risk register";

export type AnyPreview = ({ kind: "actions" } & ActionPreview) | ({ kind: "risks" } & RiskPreview);

export interface ImportView {
  sheets: string[];
  sheet: string;
  layout: Layout | null;
  fields: FieldSpec[];
  missing: FieldSpec[];
  preview: AnyPreview | null;
  fingerprint: string;
  choice: Choice;
}

// ---------------------------------------------------------------- what the project holds now

function planContext(db: Conn, projectId: number, today: string, aliases: Record<string, string>): PlanContext {
  const rows = db.select().from(actions).where(eq(actions.projectId, projectId)).all();
  const owners = db
    .select({ actionId: actionOwners.actionId, personId: actionOwners.personId, teamId: actionOwners.teamId })
    .from(actionOwners)
    .innerJoin(actions, eq(actions.id, actionOwners.actionId))
    .where(eq(actions.projectId, projectId))
    .all();
  const recs = db
    .select({ actionId: actionRecommendations.actionId, id: actionRecommendations.recommendationId })
    .from(actionRecommendations)
    .innerJoin(actions, eq(actions.id, actionRecommendations.actionId))
    .where(eq(actions.projectId, projectId))
    .all();
  const notes = db
    .select({ actionId: progressNotes.actionId, noteDate: progressNotes.noteDate, body: progressNotes.body })
    .from(progressNotes)
    .innerJoin(actions, eq(actions.id, progressNotes.actionId))
    .where(eq(actions.projectId, projectId))
    .all();
  const group = <T extends { actionId: number }>(items: T[]) => {
    const map = new Map<number, T[]>();
    for (const i of items) map.set(i.actionId, [...(map.get(i.actionId) ?? []), i]);
    return map;
  };
  const ownersBy = group(owners);
  const recsBy = group(recs);
  const notesBy = group(notes);
  const sorted = (ids: Array<number | null>) => ids.filter((id): id is number => id !== null).sort((a, b) => a - b);
  const current: CurrentAction[] = rows.map((a) => ({
    id: a.id,
    ref: a.ref,
    title: a.title,
    description: a.description,
    expectedOutcomes: a.expectedOutcomes,
    workPackageId: a.workPackageId,
    stageId: a.stageId,
    plannedStart: a.plannedStart,
    dueDate: a.dueDate,
    deadlineText: a.deadlineText,
    status: a.status,
    percentComplete: a.percentComplete,
    ownerPersonIds: sorted((ownersBy.get(a.id) ?? []).map((o) => o.personId)),
    ownerTeamIds: sorted((ownersBy.get(a.id) ?? []).map((o) => o.teamId)),
    recommendationIds: sorted((recsBy.get(a.id) ?? []).map((r) => r.id)),
    notes: notesBy.get(a.id) ?? [],
  }));
  return {
    today,
    actions: current,
    // Owners are matched only among the people who may own the project's actions (the form's list).
    people: possibleOwners({ projectId }, db),
    teams: teamsAvailableTo({ projectId }, db).map((t) => ({ id: t.id, name: t.name })),
    workPackages: db.select({ id: workPackages.id, ref: workPackages.ref, name: workPackages.name }).from(workPackages).where(eq(workPackages.projectId, projectId)).all(),
    stages: db
      .select({ id: stages.id, workPackageId: stages.workPackageId, name: stages.name })
      .from(stages)
      .innerJoin(workPackages, eq(workPackages.id, stages.workPackageId))
      .where(eq(workPackages.projectId, projectId))
      .all(),
    recommendations: db.select({ id: recommendations.id, ref: recommendations.ref }).from(recommendations).where(eq(recommendations.projectId, projectId)).all(),
    aliases,
  };
}

function registerContext(db: Conn, projectId: number, today: string, aliases: Record<string, string>) {
  const register = getRegister({ projectId }, db);
  const rows = register ? db.select().from(risks).where(eq(risks.registerId, register.id)).all() : [];
  const current: CurrentRisk[] = rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    title: r.title,
    category: r.category,
    cause: r.cause,
    event: r.event,
    effect: r.effect,
    inherentLikelihood: r.inherentLikelihood,
    inherentImpact: r.inherentImpact,
    residualLikelihood: r.residualLikelihood,
    residualImpact: r.residualImpact,
    strategy: r.strategy,
    actionsOutstanding: r.actionsOutstanding,
    ownerPersonId: r.ownerPersonId,
    nextReviewDate: r.nextReviewDate,
    status: r.status,
    dateClosed: r.dateClosed,
  }));
  return {
    today,
    scale: register?.scale ?? 3,
    risks: current,
    people: db.select({ id: people.id, name: people.name, email: people.email, initials: people.initials }).from(people).all(),
    aliases,
  };
}

// ---------------------------------------------------------------- preview

/** The sheet to import: the one chosen, else the first whose header row can be found. */
function pickSheet(sheets: Sheet[], kind: SheetImportKind, choice: Choice, remembered: Choice["columns"]) {
  const chosen = choice.sheet ? sheets.find((s) => s.name === choice.sheet) : undefined;
  if (chosen) return chosen;
  return sheets.find((s) => layoutOf(s, kind, remembered)) ?? sheets[0];
}

function fingerprintOf(preview: AnyPreview | null) {
  const rows = (preview?.rows ?? []).map((r) => [r.ref, r.outcome, r.changes, "notes" in r ? r.notes : null]);
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex").slice(0, 32);
}

/** Reads the upload and works out the preview against the project as it is now. */
export function previewOf(sheets: Sheet[], { kind, projectId, choice, today }: { kind: SheetImportKind; projectId: number; choice: Choice; today: string }, db: Conn = getDb()): ImportView {
  const remembered = rememberedMapping({ projectId, kind }, db);
  const columns = { ...remembered.columns, ...choice.columns };
  const aliases = { ...remembered.owners, ...choice.owners };
  const sheet = pickSheet(sheets, kind, choice, columns);
  const layout = layoutOf(sheet, kind, columns, choice.headerRow ? choice.headerRow - 1 : undefined);
  const missing = layout ? missingFields(layout.mapping, kind) : fieldsOf(kind).filter((f) => f.required);
  let preview: AnyPreview | null = null;
  if (layout && !missing.length) {
    preview =
      kind === "actions"
        ? { kind, ...previewActions(sheet, layout, planContext(db, projectId, today, aliases)) }
        : { kind, ...previewRisks(sheet, layout, registerContext(db, projectId, today, aliases)) };
  }
  return { sheets: sheets.map((s) => s.name), sheet: sheet.name, layout, fields: fieldsOf(kind), missing, preview, fingerprint: fingerprintOf(preview), choice: { ...choice, owners: aliases } };
}

export async function readUpload(upload: Pick<Upload, "bytes" | "fileName">) {
  const read = await readSpreadsheet(upload.bytes, upload.fileName);
  if (!read.ok) throw new UserInputError({ file: read.reason });
  return read.sheets;
}

export async function uploadPreview({ upload, today = todayInLondon() }: { upload: Upload; today?: string }) {
  const sheets = await readUpload(upload);
  return previewOf(sheets, { kind: upload.kind, projectId: upload.projectId, choice: choiceOf(upload), today });
}

// ---------------------------------------------------------------- apply

function statusSide(status: CurrentAction["status"], before: { status: string; blockedReason: string | null; completedDate: string | null } | null, today: string) {
  return {
    blockedReason: status === "blocked" ? (before?.blockedReason ?? BLOCKED_REASON) : null,
    completedDate: status === "done" ? (before?.status === "done" ? before.completedDate : today) : null,
    ...(status === "done" ? { percentComplete: 100 } : {}),
  };
}

const LINK_FIELDS = new Set(["ownerPersonIds", "ownerTeamIds", "recommendationIds"]);

function linkOwners(tx: Tx, actionId: number, row: PreviewRow) {
  const { ownerPersonIds: p, ownerTeamIds: t, recommendationIds: r } = row.values;
  if (p !== undefined || t !== undefined) {
    const keep = tx.select().from(actionOwners).where(eq(actionOwners.actionId, actionId)).all();
    tx.delete(actionOwners).where(eq(actionOwners.actionId, actionId)).run();
    const persons = p ?? keep.flatMap((o) => (o.personId ? [o.personId] : []));
    const teams = t ?? keep.flatMap((o) => (o.teamId ? [o.teamId] : []));
    for (const personId of persons) tx.insert(actionOwners).values({ actionId, personId }).run();
    for (const teamId of teams) tx.insert(actionOwners).values({ actionId, teamId }).run();
  }
  if (r !== undefined) {
    tx.delete(actionRecommendations).where(eq(actionRecommendations.actionId, actionId)).run();
    for (const recommendationId of r) tx.insert(actionRecommendations).values({ actionId, recommendationId }).run();
  }
}

function applyActions(tx: Tx, preview: ActionPreview, { actor, projectId, today }: { actor: Actor; projectId: number; today: string }) {
  const summary = { created: [] as string[], updated: {} as Record<string, { before: Record<string, string>; after: Record<string, string> }>, notes: 0 };
  for (const row of preview.rows) {
    if (row.outcome !== "create" && row.outcome !== "update") continue;
    const v = row.values;
    let actionId: number;
    if (row.outcome === "create") {
      const status = v.status ?? "not_started";
      const dueDate = v.dueDate ?? null;
      const created = tx
        .insert(actions)
        .values({
          projectId,
          ref: v.ref,
          title: v.title!,
          description: v.description ?? "",
          expectedOutcomes: v.expectedOutcomes ?? "",
          workPackageId: v.workPackageId ?? null,
          stageId: v.stageId ?? null,
          plannedStart: v.plannedStart ?? null,
          dueDate,
          deadlineText: v.deadlineText ?? "",
          baselineDueDate: dueDate,
          status,
          percentComplete: v.percentComplete ?? 0,
          ...statusSide(status, null, today),
        })
        .returning({ id: actions.id })
        .get();
      actionId = created.id;
      summary.created.push(v.ref);
    } else {
      actionId = row.actionId!;
      const before = tx.select().from(actions).where(and(eq(actions.id, actionId), eq(actions.projectId, projectId))).get()!;
      const set: Partial<typeof actions.$inferInsert> = {};
      // Owners and recommendations are links (linkOwners below); every other change is a column.
      for (const c of row.changes) if (c.field in before) (set as Record<string, unknown>)[c.field] = v[c.field as keyof typeof v];
      if (set.status) Object.assign(set, statusSide(set.status, before, today));
      if (set.dueDate !== undefined && set.dueDate !== before.dueDate) {
        set.baselineDueDate = before.baselineDueDate ?? set.dueDate;
        if (before.dueDate)
          tx.insert(dueDateChanges).values({ actionId, oldDueDate: before.dueDate, newDueDate: set.dueDate, reason: IMPORT_REASON, changedByPersonId: actor.personId }).run();
      }
      if (Object.keys(set).length) tx.update(actions).set({ ...set, version: before.version + 1, updatedAt: new Date().toISOString() }).where(eq(actions.id, actionId)).run();
      if (row.changes.length) summary.updated[v.ref] = { before: Object.fromEntries(row.changes.map((c) => [c.label, c.from])), after: Object.fromEntries(row.changes.map((c) => [c.label, c.to])) };
    }
    if (row.outcome === "create" || row.changes.some((c) => LINK_FIELDS.has(c.field))) linkOwners(tx, actionId, row);
    for (const note of row.notes) tx.insert(progressNotes).values({ actionId, authorPersonId: actor.personId, noteDate: note.date, body: note.body }).run();
    summary.notes += row.notes.length;
  }
  return summary;
}

function applyRisks(tx: Tx, preview: RiskPreview, { actor, projectId, today }: { actor: Actor; projectId: number; today: string }) {
  const summary = { created: [] as string[], updated: {} as Record<string, { before: Record<string, string>; after: Record<string, string> }> };
  const touched = preview.rows.some((r) => r.outcome === "create" || r.outcome === "update");
  if (!touched) return summary;
  const register = ensureRegister(tx, { projectId }, actor);
  const scoreRow = (riskId: number, r: { inherentLikelihood: number | null; inherentImpact: number | null; residualLikelihood: number | null; residualImpact: number | null }) =>
    tx.insert(riskScoreChanges).values({ riskId, effectiveDate: today, reason: "imported", ...r, note: "Imported from a spreadsheet", changedByPersonId: actor.personId }).run();
  for (const row of preview.rows as RiskPreviewRow[]) {
    const { ref, ...v } = row.values;
    if (row.outcome === "create") {
      const closed = v.status === "closed";
      const created = tx
        .insert(risks)
        .values({ registerId: register.id, ref, title: v.title!, ...v, status: closed ? "closed" : "open", dateClosed: closed ? v.dateClosed : null, closingNote: closed ? CLOSING_NOTE : null })
        .returning()
        .get();
      scoreRow(created.id, created);
      summary.created.push(ref);
    } else if (row.outcome === "update") {
      const before = tx.select().from(risks).where(and(eq(risks.id, row.riskId!), eq(risks.registerId, register.id))).get()!;
      const set: Partial<typeof risks.$inferInsert> = {};
      for (const c of row.changes) (set as Record<string, unknown>)[c.field] = v[c.field as keyof typeof v];
      const status = set.status ?? before.status;
      if (status === "closed") set.closingNote = before.closingNote ?? CLOSING_NOTE;
      else Object.assign(set, { dateClosed: null, closingNote: null });
      const after = tx.update(risks).set({ ...set, version: before.version + 1, updatedAt: new Date().toISOString() }).where(eq(risks.id, before.id)).returning().get();
      const scores = (r: typeof before) => [r.inherentLikelihood, r.inherentImpact, r.residualLikelihood, r.residualImpact].join();
      if (scores(before) !== scores(after)) scoreRow(after.id, after);
      summary.updated[ref] = { before: Object.fromEntries(row.changes.map((c) => [c.label, c.from])), after: Object.fromEntries(row.changes.map((c) => [c.label, c.to])) };
    }
  }
  return summary;
}

export interface ImportResult {
  counts: Record<"create" | "update" | "unchanged" | "error", number>;
  notes: number;
  missing: number;
}

/**
 * Applies a preview the manager has seen (its fingerprint) in one transaction, audited as one
 * `sheet.import` event, and remembers the mapping. Refused (nothing written) when any row has an
 * error, or when the plan changed since the preview.
 */
export function applyImport({
  actor,
  sheets,
  kind,
  projectId,
  choice,
  fingerprint,
  fileName,
  uploadId,
  today = todayInLondon(),
}: {
  actor: Actor;
  sheets: Sheet[];
  kind: SheetImportKind;
  projectId: number;
  choice: Choice;
  /** The preview's fingerprint as the manager saw it; null (the CLI) skips the check. */
  fingerprint: string | null;
  fileName: string;
  uploadId?: number;
  today?: string;
}): ImportResult {
  return write((tx) => {
    const view = previewOf(sheets, { kind, projectId, choice, today }, tx);
    if (!view.preview || !view.layout) throw new UserInputError({ mapping: `Choose a column for: ${view.missing.map((f) => f.label).join(", ")}` });
    if (fingerprint !== null && fingerprint !== view.fingerprint)
      throw new UserInputError({ _form: "The plan changed since this preview was made. Check the preview below again, then confirm." });
    const { counts } = view.preview;
    if (counts.error) throw new UserInputError({ _form: `${counts.error} ${counts.error === 1 ? "row has a problem" : "rows have problems"}: fix them in the spreadsheet and upload it again, or change the columns` });
    const summary =
      view.preview.kind === "actions" ? applyActions(tx, view.preview, { actor, projectId, today }) : { ...applyRisks(tx, view.preview, { actor, projectId, today }), notes: 0 };
    rememberMapping(tx, { projectId, kind, remembered: { columns: rememberedFrom(view.layout), owners: view.choice.owners ?? {} } });
    if (uploadId !== undefined) deleteUpload(tx, uploadId);
    recordAudit(tx, {
      actor,
      event: "sheet.import",
      entityType: "project",
      entityId: projectId,
      projectId,
      after: { kind, fileName, sheet: view.sheet, ...summary, unchanged: counts.unchanged, missing: view.preview.missing.map((m) => m.ref) },
      meta: { counts },
    });
    return { counts, notes: summary.notes, missing: view.preview.missing.length };
  });
}
