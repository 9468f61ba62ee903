// What a risk-register sheet would do to a project's register, row by row, as action-import.ts
// does for plans. A severity the sheet gives is checked against likelihood x impact (severity is
// computed in Waymark, never stored) and a row where they disagree is reported. Pure.
import type { Layout } from "./columns";
import type { Sheet } from "./read";
import { cellError, cellProblems, fieldText, firstCell, ownerMatcher, recordsOf, type CellError, type OwnerAliases, type PersonLike } from "./rows";
import { readDate, textOf } from "./values";
import type { Change, Outcome } from "./action-import";

export interface CurrentRisk {
  id: number;
  ref: string;
  title: string;
  category: string;
  cause: string;
  event: string;
  effect: string;
  inherentLikelihood: number | null;
  inherentImpact: number | null;
  residualLikelihood: number | null;
  residualImpact: number | null;
  strategy: string;
  actionsOutstanding: string;
  ownerPersonId: number | null;
  nextReviewDate: string | null;
  status: "open" | "closed";
  dateClosed: string | null;
}

export interface RegisterContext {
  today: string;
  scale: number;
  risks: CurrentRisk[];
  people: PersonLike[];
  aliases: OwnerAliases;
}

export type RiskValues = Partial<Omit<CurrentRisk, "id">> & { ref: string };

export interface RiskPreviewRow {
  row: number;
  ref: string;
  title: string;
  outcome: Outcome;
  riskId: number | null;
  changes: Change[];
  values: RiskValues;
  errors: CellError[];
  /** Problems that do not stop the import: a severity that disagrees with likelihood x impact. */
  warnings: string[];
  unknownOwners: string[];
}

export interface RiskPreview {
  sheet: string;
  rows: RiskPreviewRow[];
  missing: Array<{ ref: string; title: string }>;
  unknownOwners: Array<{ name: string; rows: number[] }>;
  counts: Record<Outcome, number>;
}

const TEXT_FIELDS = ["title", "category", "cause", "event", "effect", "strategy", "actionsOutstanding"] as const;
const SCORE_FIELDS = { likelihood: "inherentLikelihood", impact: "inherentImpact", residualLikelihood: "residualLikelihood", residualImpact: "residualImpact" } as const;

const LABELS: Record<string, string> = {
  title: "Risk",
  category: "Category",
  cause: "Cause",
  event: "Event",
  effect: "Effect",
  strategy: "Strategy",
  actionsOutstanding: "Actions outstanding",
  inherentLikelihood: "Likelihood",
  inherentImpact: "Impact",
  residualLikelihood: "Residual likelihood",
  residualImpact: "Residual impact",
  ownerPersonId: "Owner",
  nextReviewDate: "Next review",
  status: "Status",
  dateClosed: "Date closed",
};

export function previewRisks(sheet: Sheet, layout: Layout, ctx: RegisterContext): RiskPreview {
  const owners = ownerMatcher(ctx.people, [], ctx.aliases);
  const names = new Map(ctx.people.map((p) => [p.id, p.name]));
  const byRef = new Map(ctx.risks.map((r) => [r.ref.toLowerCase(), r]));
  const seen = new Map<string, number>();
  const unknown = new Map<string, number[]>();
  const rows: RiskPreviewRow[] = [];
  for (const rec of recordsOf(sheet, layout)) {
    const errors: CellError[] = cellProblems(sheet, rec);
    const warnings: string[] = [];
    const unknownOwners: string[] = [];
    const err = (key: string | null, message: string) => errors.push(cellError(sheet, rec, key, message));
    const has = (key: string) => rec.fields.has(key);
    const values: RiskValues = { ref: rec.ref };
    if (!rec.ref) err("ref", "The row has no reference: give every risk a number so a later import can update it");
    else if (rec.ref.length > 20) err("ref", "The reference must be 20 characters or fewer");
    for (const key of TEXT_FIELDS) if (has(key)) values[key] = fieldText(rec, key);
    if (has("title") && !values.title) err("title", "The row has no risk description");
    else if ((values.title?.length ?? 0) > 300) err("title", "The risk is longer than 300 characters: shorten it, or put the detail in a Cause or Effect column");

    for (const [column, field] of Object.entries(SCORE_FIELDS)) {
      if (!has(column)) continue;
      const t = textOf(firstCell(rec, column));
      if (!t) values[field] = null;
      else if (/^\d+$/.test(t) && Number(t) >= 1 && Number(t) <= ctx.scale) values[field] = Number(t);
      else err(column, `“${t}” is not a whole number from 1 to ${ctx.scale} (the register's scale)`);
    }
    if (has("severity")) {
      const t = textOf(firstCell(rec, "severity"));
      const l = values.residualLikelihood ?? values.inherentLikelihood;
      const i = values.residualImpact ?? values.inherentImpact;
      if (t && l != null && i != null && Number(t) !== l * i)
        warnings.push(`Row ${rec.row}: the severity given is ${t}, but likelihood ${l} × impact ${i} is ${l * i}; Waymark will show ${l * i}`);
    }
    if (has("owner")) {
      const name = fieldText(rec, "owner");
      const m = name ? owners.match(name) : "ignored";
      if (m === "ignored") values.ownerPersonId = null;
      else if (m && "personId" in m) values.ownerPersonId = m.personId;
      else {
        unknownOwners.push(name);
        unknown.set(name, [...(unknown.get(name) ?? []), rec.row]);
      }
    }
    if (has("nextReviewDate")) {
      const read = readDate(firstCell(rec, "nextReviewDate"), ctx.today);
      if (read.ok) values.nextReviewDate = read.value;
      else err("nextReviewDate", read.reason);
    }
    // "Date closed" holds a date, or "open" as the reference register writes it.
    if (has("dateClosed")) {
      const cell = firstCell(rec, "dateClosed");
      const t = textOf(cell).toLowerCase();
      if (!t || t === "open") values.dateClosed = null;
      else {
        const read = readDate(cell, ctx.today);
        if (read.ok) values.dateClosed = read.value;
        else err("dateClosed", read.reason);
      }
      values.status = values.dateClosed ? "closed" : "open";
    }
    if (has("status")) {
      const t = textOf(firstCell(rec, "status")).toLowerCase();
      if (t === "open" || t === "closed") values.status = t;
      else if (t) err("status", `“${textOf(firstCell(rec, "status"))}” is not a status (use open or closed)`);
    }
    if (values.status === "closed" && !values.dateClosed) err(has("dateClosed") ? "dateClosed" : "status", "A closed risk needs the date it was closed");
    if (values.dateClosed && values.dateClosed > ctx.today) err("dateClosed", "The date closed is after today");

    const refKey = rec.ref.toLowerCase();
    if (rec.ref && seen.has(refKey)) err("ref", `The reference ${rec.ref} is also on row ${seen.get(refKey)}`);
    else if (rec.ref) seen.set(refKey, rec.row);
    const current = rec.ref ? byRef.get(refKey) : undefined;
    if (!current && !values.title && !errors.length) err("title", "A new risk needs its description");
    const describe = (field: string, v: unknown) =>
      v === null || v === undefined || v === "" ? "blank" : field === "ownerPersonId" ? (names.get(v as number) ?? `#${v}`) : String(v);
    const changes: Change[] = [];
    for (const [field, to] of Object.entries(values)) {
      if (field === "ref") continue;
      const from = current ? (current as unknown as Record<string, unknown>)[field] : undefined;
      if (current && (from ?? null) === (to ?? null)) continue;
      if (!current && (to === null || to === "")) continue;
      changes.push({ field, label: LABELS[field] ?? field, from: current ? describe(field, from) : "", to: describe(field, to) });
    }
    const outcome: Outcome = errors.length ? "error" : !current ? "create" : changes.length ? "update" : "unchanged";
    rows.push({ row: rec.row, ref: rec.ref, title: values.title ?? current?.title ?? "", outcome, riskId: current?.id ?? null, changes, values, errors, warnings, unknownOwners });
  }
  const missing = ctx.risks.filter((r) => !seen.has(r.ref.toLowerCase())).map((r) => ({ ref: r.ref, title: r.title }));
  const counts: Record<Outcome, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.outcome]++;
  return { sheet: sheet.name, rows, missing, unknownOwners: [...unknown].map(([name, r]) => ({ name, rows: r })), counts };
}
