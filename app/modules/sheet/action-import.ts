// What an action-plan sheet would do to a project's plan, row by row: create, update (only the
// fields that changed), unchanged, or error with the cell and the reason. Nothing here writes:
// import.server.ts applies the result in one transaction. Pure: the plan and `today` are passed in.
import type { ActionStatus } from "#db/schema";
import { parseDeadline } from "~/modules/action/deadline";
import { STATUS_NAMES } from "~/modules/action/plan-view";
import type { Layout } from "./columns";
import type { Sheet } from "./read";
import { cellError, cellProblems, fieldText, firstCell, ownerMatcher, recordsOf, type CellError, type OwnerAliases, type PersonLike, type SheetRecord, type TeamLike } from "./rows";
import { readDate, readPercent, readStatus, sameText, splitOwners, splitProgress, splitRefs } from "./values";

export interface CurrentAction {
  id: number;
  ref: string;
  title: string;
  description: string;
  expectedOutcomes: string;
  workPackageId: number | null;
  stageId: number | null;
  plannedStart: string | null;
  dueDate: string | null;
  deadlineText: string;
  status: ActionStatus;
  percentComplete: number;
  ownerPersonIds: number[];
  ownerTeamIds: number[];
  recommendationIds: number[];
  notes: Array<{ noteDate: string; body: string }>;
}

export interface PlanContext {
  today: string;
  actions: CurrentAction[];
  people: PersonLike[];
  teams: TeamLike[];
  workPackages: Array<{ id: number; ref: string; name: string }>;
  stages: Array<{ id: number; workPackageId: number; name: string }>;
  recommendations: Array<{ id: number; ref: string }>;
  aliases: OwnerAliases;
}

/** The fields an import may set; absent means "not in the sheet, left as it is". */
export interface ActionValues {
  ref: string;
  title?: string;
  description?: string;
  expectedOutcomes?: string;
  workPackageId?: number | null;
  stageId?: number | null;
  plannedStart?: string | null;
  dueDate?: string | null;
  deadlineText?: string;
  status?: ActionStatus;
  percentComplete?: number;
  ownerPersonIds?: number[];
  ownerTeamIds?: number[];
  recommendationIds?: number[];
}

export interface Change {
  field: string;
  label: string;
  from: string;
  to: string;
}

export type Outcome = "create" | "update" | "unchanged" | "error";

export interface PreviewRow {
  row: number;
  ref: string;
  title: string;
  outcome: Outcome;
  actionId: number | null;
  changes: Change[];
  values: ActionValues;
  notes: Array<{ date: string; body: string }>;
  errors: CellError[];
  unknownOwners: string[];
}

export interface ActionPreview {
  sheet: string;
  rows: PreviewRow[];
  /** Actions of the plan no row names: listed, never deleted. */
  missing: Array<{ ref: string; title: string }>;
  /** Owners' names no person or team matched, with the rows that name them. */
  unknownOwners: Array<{ name: string; rows: number[] }>;
  counts: Record<Outcome, number>;
}

const LABELS: Record<string, string> = {
  title: "Action",
  description: "Description",
  expectedOutcomes: "Outcomes",
  workPackageId: "Work package",
  stageId: "Stage",
  plannedStart: "Planned start",
  dueDate: "Due date",
  deadlineText: "Deadline (as written)",
  status: "Status",
  percentComplete: "% complete",
  ownerPersonIds: "Owners (people)",
  ownerTeamIds: "Owners (teams)",
  recommendationIds: "Recommendations",
};

const TITLE_MAX = 300;
const UNDATED_NOTE = "The progress cell's text";

function lookup<T extends { id: number }>(items: T[], name: (t: T) => string[]) {
  const map = new Map<string, number | null>();
  for (const t of items)
    for (const n of name(t)) {
      const k = n.toLowerCase().replace(/\s+/g, " ").trim();
      map.set(k, map.has(k) && map.get(k) !== t.id ? null : t.id);
    }
  return (text: string) => map.get(text.toLowerCase().replace(/\s+/g, " ").trim());
}

/** Reads one record into the values it would set, with the cell errors and unmatched owners. */
function readRecord(sheet: Sheet, rec: SheetRecord, ctx: PlanContext, find: ReturnType<typeof finders>) {
  const errors: CellError[] = cellProblems(sheet, rec);
  const err = (key: string | null, message: string) => errors.push(cellError(sheet, rec, key, message));
  const has = (key: string) => rec.fields.has(key);
  const values: ActionValues = { ref: rec.ref };
  const unknownOwners: string[] = [];

  if (!rec.ref) err("ref", "The row has no reference: give every action a reference (1, 4.2, 15b) so a later import can update it");
  else if (rec.ref.length > 20) err("ref", "The reference must be 20 characters or fewer");
  if (has("title")) {
    const title = fieldText(rec, "title");
    if (!title) err("title", "The row has no action");
    else if (title.length <= TITLE_MAX) values.title = title;
    else {
      const first = title.split("\n")[0]!.trim();
      if (first.length <= TITLE_MAX && !has("description")) {
        values.title = first;
        values.description = title;
      } else err("title", `The action is longer than ${TITLE_MAX} characters: shorten it, or put the detail in a Description column`);
    }
  }
  if (has("description")) values.description = fieldText(rec, "description");
  if (has("expectedOutcomes")) values.expectedOutcomes = fieldText(rec, "expectedOutcomes");

  if (has("workPackage")) {
    const text = fieldText(rec, "workPackage");
    if (!text) values.workPackageId = null;
    else {
      const id = find.workPackage(text);
      if (id) values.workPackageId = id;
      else err("workPackage", id === null ? `More than one work package is called “${text}”: use its reference` : `There is no work package “${text}” in this project: add it first, or leave the column out`);
    }
  }
  if (has("stage")) {
    const text = fieldText(rec, "stage");
    if (!text) values.stageId = null;
    else {
      const candidates = ctx.stages.filter((s) => s.name.toLowerCase().trim() === text.toLowerCase().trim() && (values.workPackageId == null || s.workPackageId === values.workPackageId));
      if (candidates.length === 1) {
        values.stageId = candidates[0].id;
        if (values.workPackageId == null) values.workPackageId = candidates[0].workPackageId;
      } else err("stage", candidates.length ? `More than one stage is called “${text}”: add a Work package column` : `There is no stage “${text}”${values.workPackageId ? " in that work package" : " in this project"}`);
    }
  }

  if (has("owners")) {
    const matcher = find.owners;
    const people = new Set<number>();
    const teams = new Set<number>();
    for (const name of splitOwners(fieldText(rec, "owners"))) {
      const m = matcher.match(name);
      if (m === "ignored") continue;
      if (!m) unknownOwners.push(name);
      else if ("personId" in m) people.add(m.personId);
      else teams.add(m.teamId);
    }
    values.ownerPersonIds = [...people].sort((a, b) => a - b);
    values.ownerTeamIds = [...teams].sort((a, b) => a - b);
  }
  if (has("recommendations")) {
    const ids = new Set<number>();
    for (const ref of splitRefs(fieldText(rec, "recommendations"))) {
      const id = find.recommendation(ref);
      if (id) ids.add(id);
      else err("recommendations", `There is no recommendation ${ref} in this project`);
    }
    values.recommendationIds = [...ids].sort((a, b) => a - b);
  }

  for (const key of ["plannedStart", "dueDate"] as const) {
    if (!has(key)) continue;
    const read = readDate(firstCell(rec, key), ctx.today);
    if (read.ok) values[key] = read.value;
    else err(key, read.reason);
  }
  if (has("deadlineText")) {
    const cell = firstCell(rec, "deadlineText");
    if (cell?.value instanceof Date || typeof cell?.value === "number") {
      // A real date in the deadline column: the date is the deadline, there are no words to keep.
      const read = readDate(cell, ctx.today);
      values.deadlineText = "";
      if (read.ok && !has("dueDate")) values.dueDate = read.value;
      else if (!read.ok) err("deadlineText", read.reason);
    } else values.deadlineText = fieldText(rec, "deadlineText");
  }
  if (values.plannedStart && values.dueDate && values.dueDate < values.plannedStart) err("dueDate", "The due date is before the planned start");

  if (has("status")) {
    const read = readStatus(firstCell(rec, "status"));
    if (!read.ok) err("status", read.reason);
    else if (read.value) values.status = read.value;
  }
  if (has("percentComplete")) {
    const read = readPercent(firstCell(rec, "percentComplete"));
    if (!read.ok) err("percentComplete", read.reason);
    else if (read.value !== null) values.percentComplete = read.value;
  }

  const notes: Array<{ date: string; body: string }> = [];
  if (has("progress")) {
    let undatedDate = ctx.today;
    if (has("progressDate")) {
      const read = readDate(firstCell(rec, "progressDate"), ctx.today);
      if (!read.ok) err("progressDate", read.reason);
      else if (read.value) undatedDate = read.value;
    }
    // With a date column the cell is one note as written (Waymark's own export: latest note and its date).
    const text = fieldText(rec, "progress");
    const drafts = has("progressDate") ? (text ? [{ date: null, body: text }] : []) : splitProgress(text, ctx.today);
    for (const draft of drafts) {
      const date = draft.date ?? undatedDate;
      if (date > ctx.today) err(draft.date ? "progress" : "progressDate", `${draft.date ? "A progress note" : UNDATED_NOTE} is dated ${date}, after today`);
      else notes.push({ date, body: draft.body });
    }
  }
  return { values, errors: errors.sort(byCell), unknownOwners, notes };
}

/** Problems in the order of the sheet's columns. */
export const byCell = (a: CellError, b: CellError) => a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column);

function finders(ctx: PlanContext) {
  return {
    workPackage: lookup(ctx.workPackages, (w) => [w.ref, w.name, `${w.ref} ${w.name}`]),
    recommendation: lookup(ctx.recommendations, (r) => [r.ref]),
    owners: ownerMatcher(ctx.people, ctx.teams, ctx.aliases),
  };
}

/**
 * The due date an import commits: a date in the due-date column; else one read from the deadline
 * words when they are new or changed; else what the due-date column says (blank clears it).
 */
function dueDateFor(values: ActionValues, current: CurrentAction | undefined, today: string): string | null | undefined {
  if (values.dueDate) return values.dueDate;
  if (values.deadlineText !== undefined && (!current || values.deadlineText !== current.deadlineText)) return parseDeadline(values.deadlineText, { today });
  return values.dueDate;
}

/** Words for a value in the preview. */
export type Describe = (field: string, value: unknown) => string;

export function describer(ctx: PlanContext): Describe {
  const names = new Map<string, string>();
  for (const p of ctx.people) names.set(`p${p.id}`, p.name);
  for (const t of ctx.teams) names.set(`t${t.id}`, t.name);
  for (const w of ctx.workPackages) names.set(`w${w.id}`, `${w.ref} ${w.name}`);
  for (const s of ctx.stages) names.set(`s${s.id}`, s.name);
  for (const r of ctx.recommendations) names.set(`r${r.id}`, r.ref);
  const list = (prefix: string, v: unknown) => ((v as number[]) ?? []).map((id) => names.get(`${prefix}${id}`) ?? `#${id}`).join(", ") || "none";
  return (field, value) => {
    if (field === "ownerPersonIds") return list("p", value);
    if (field === "ownerTeamIds") return list("t", value);
    if (field === "recommendationIds") return list("r", value);
    if (value === null || value === undefined || value === "") return "blank";
    if (field === "workPackageId") return names.get(`w${value}`) ?? "blank";
    if (field === "stageId") return names.get(`s${value}`) ?? "blank";
    if (field === "status") return STATUS_NAMES[value as ActionStatus];
    if (field === "percentComplete") return `${value}%`;
    return String(value);
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Notes not already on the action (a paragraph that grew adds only what is new). */
function newNotes(drafts: Array<{ date: string; body: string }>, existing: CurrentAction["notes"]) {
  const bodies = existing.map((n) => n.body);
  const out: Array<{ date: string; body: string }> = [];
  for (const d of drafts) {
    if (bodies.some((b) => sameText(b, d.body))) continue;
    // A note shortened with "…" (as a page or an export shows a long one) is the note it begins.
    const cut = d.body.endsWith("…") ? d.body.slice(0, -1).replace(/\s+/g, " ").trim() : null;
    if (cut && bodies.some((b) => b.replace(/\s+/g, " ").trim().startsWith(cut))) continue;
    const grown = bodies.find((b) => d.body.replace(/\s+/g, " ").trim().startsWith(b.replace(/\s+/g, " ").trim()));
    const body = grown ? d.body.trim().slice(grown.trim().length).trim() : d.body;
    if (!body || bodies.some((b) => sameText(b, body))) continue;
    out.push({ date: d.date, body });
    bodies.push(body);
  }
  return out;
}

export function previewActions(sheet: Sheet, layout: Layout, ctx: PlanContext): ActionPreview {
  const find = finders(ctx);
  const describe = describer(ctx);
  const byRef = new Map(ctx.actions.map((a) => [a.ref.toLowerCase(), a]));
  const seen = new Map<string, number>();
  const unknown = new Map<string, number[]>();
  const rows: PreviewRow[] = [];
  for (const rec of recordsOf(sheet, layout)) {
    const { values, errors, unknownOwners, notes } = readRecord(sheet, rec, ctx, find);
    const refKey = rec.ref.toLowerCase();
    if (rec.ref && seen.has(refKey)) errors.push(cellError(sheet, rec, "ref", `The reference ${rec.ref} is also on row ${seen.get(refKey)}`));
    else if (rec.ref) seen.set(refKey, rec.row);
    for (const name of unknownOwners) unknown.set(name, [...(unknown.get(name) ?? []), rec.row]);
    const current = rec.ref ? byRef.get(refKey) : undefined;
    if (!current && values.title === undefined && !errors.length) errors.push(cellError(sheet, rec, "title", "A new action needs its action text"));
    const due = dueDateFor(values, current, ctx.today);
    if (due !== undefined) values.dueDate = due;
    const title = values.title ?? current?.title ?? "";
    const changes: Change[] = [];
    for (const [field, to] of Object.entries(values)) {
      if (field === "ref") continue;
      const from = current ? (current as unknown as Record<string, unknown>)[field] : undefined;
      if (current && same(from, to)) continue;
      if (!current && (to === null || to === "" || (Array.isArray(to) && !to.length))) continue;
      changes.push({ field, label: LABELS[field] ?? field, from: current ? describe(field, from) : "", to: describe(field, to) });
    }
    const added = newNotes(notes, current?.notes ?? []);
    const outcome: Outcome = errors.length ? "error" : !current ? "create" : changes.length || added.length ? "update" : "unchanged";
    rows.push({ row: rec.row, ref: rec.ref, title, outcome, actionId: current?.id ?? null, changes, values, notes: added, errors, unknownOwners });
  }
  const missing = ctx.actions.filter((a) => !seen.has(a.ref.toLowerCase())).map((a) => ({ ref: a.ref, title: a.title }));
  const counts: Record<Outcome, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.outcome]++;
  return { sheet: sheet.name, rows, missing, unknownOwners: [...unknown].map(([name, rowsOf]) => ({ name, rows: rowsOf })), counts };
}
