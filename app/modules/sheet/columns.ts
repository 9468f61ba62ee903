// Which column of a sheet holds which field: the fields each register takes, the header words
// councils use for them (the reference action plan's "Actions", "Outcomes", "Deadline dates",
// "Officer Lead", "Progress"; the risk register's "No.", "L", "I", "Sev"...), finding the header
// row when it is not row 1, and applying a mapping the manager chose before. Pure.
import type { SheetImportKind } from "#db/tables/sheet-import";
import type { Cell, Sheet } from "./read";

export interface FieldSpec {
  key: string;
  label: string;
  /** Header texts (normalised, see `normaliseHeader`) that mean this field. */
  headers: string[];
  required?: boolean;
}

export const ACTION_FIELDS: FieldSpec[] = [
  { key: "ref", label: "Reference", headers: ["ref", "reference", "no", "number", "action no", "action ref", "action number", "id"], required: true },
  { key: "title", label: "Action", headers: ["actions", "action", "title", "task", "action title", "what"], required: true },
  { key: "description", label: "Description", headers: ["description", "details", "detail"] },
  { key: "expectedOutcomes", label: "Outcomes", headers: ["outcomes", "outcome", "expected outcomes", "expected outcome"] },
  { key: "workPackage", label: "Work package", headers: ["work package", "workpackage", "wp", "workstream"] },
  { key: "stage", label: "Stage", headers: ["stage", "phase"] },
  { key: "owners", label: "Officer lead (owners)", headers: ["officer lead", "lead officer", "lead", "owner", "owners", "responsible", "responsible officer", "who"] },
  { key: "recommendations", label: "Recommendation", headers: ["recommendation", "recommendations", "rec", "recommendation ref"] },
  { key: "plannedStart", label: "Planned start", headers: ["start", "start date", "planned start", "begin"] },
  { key: "deadlineText", label: "Deadline (as written)", headers: ["deadline dates", "deadline", "deadlines", "deadline as written", "target date", "by when", "timescale", "timescales", "when"] },
  { key: "dueDate", label: "Due date", headers: ["due date", "due", "due by"] },
  { key: "status", label: "Status", headers: ["status", "state"] },
  { key: "percentComplete", label: "% complete", headers: ["complete", "percent complete", "progress percent"] },
  { key: "progress", label: "Progress (notes)", headers: ["progress", "progress notes", "progress note", "update", "updates", "comments", "latest progress note"] },
  { key: "progressDate", label: "Date of the progress note", headers: ["latest note date", "progress date", "update date", "date of update"] },
];

export const RISK_FIELDS: FieldSpec[] = [
  { key: "ref", label: "Reference", headers: ["no", "ref", "reference", "risk no", "risk ref", "risk number", "number", "id"], required: true },
  { key: "title", label: "Risk (description)", headers: ["risk description", "risk", "description", "title", "risk title"], required: true },
  { key: "category", label: "Category", headers: ["category"] },
  { key: "cause", label: "Cause", headers: ["cause"] },
  { key: "event", label: "Event", headers: ["event"] },
  { key: "effect", label: "Effect", headers: ["effect", "consequence", "impact description"] },
  { key: "likelihood", label: "Likelihood", headers: ["l", "likelihood", "inherent likelihood", "probability", "p"] },
  { key: "impact", label: "Impact", headers: ["i", "impact", "inherent impact"] },
  { key: "residualLikelihood", label: "Residual likelihood", headers: ["residual likelihood"] },
  { key: "residualImpact", label: "Residual impact", headers: ["residual impact"] },
  { key: "severity", label: "Severity (checked, not stored)", headers: ["sev", "severity", "score", "rating", "risk score"] },
  { key: "strategy", label: "Strategy", headers: ["strategy", "mitigation", "mitigating strategy", "controls", "response"] },
  { key: "actionsOutstanding", label: "Actions outstanding", headers: ["action outstanding", "actions outstanding", "further action", "further actions", "actions"] },
  { key: "owner", label: "Owner", headers: ["owner", "risk owner", "lead"] },
  { key: "nextReviewDate", label: "Next review", headers: ["next review", "next review date", "review date"] },
  { key: "status", label: "Status", headers: ["status"] },
  { key: "dateClosed", label: "Date closed", headers: ["date closed", "closed", "closed on"] },
];

export function fieldsOf(kind: SheetImportKind): FieldSpec[] {
  return kind === "actions" ? ACTION_FIELDS : RISK_FIELDS;
}

/** "Deadline dates" → "deadline dates"; "Risk (description)" → "risk description"; "% complete" → "complete". */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function cellText(cell: Cell | undefined): string {
  const v = cell?.value;
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** Column index → field key ("" for a column not imported). */
export type ColumnMapping = string[];

export interface Layout {
  /** Index (from 0) of the header row. */
  headerRow: number;
  headers: string[];
  mapping: ColumnMapping;
}

function detectColumn(header: string, fields: FieldSpec[], taken: Set<string>): string {
  const h = normaliseHeader(header);
  if (!h) return "";
  const field = fields.find((f) => !taken.has(f.key) && f.headers.includes(h));
  return field?.key ?? "";
}

/** Each column's field from its header; a blank header over the first column of numbers is the ref (as in the reference plan). */
export function detectMapping(headers: string[], fields: FieldSpec[], sheet?: Sheet, headerRow = 0): ColumnMapping {
  const taken = new Set<string>();
  const mapping = headers.map((h) => {
    const key = detectColumn(h, fields, taken);
    if (key) taken.add(key);
    return key;
  });
  if (!taken.has("ref") && sheet) {
    const blank = headers.findIndex((h, i) => !normaliseHeader(h) && !mapping[i]);
    const below = sheet.rows.slice(headerRow + 1, headerRow + 20).map((r) => cellText(r[blank]));
    if (blank >= 0 && below.some((v) => /^\d/.test(v))) mapping[blank] = "ref";
  }
  return mapping;
}

const SCAN_ROWS = 30;

/** The row among the first 30 whose cells name the most fields (at least two, one of them the title). */
export function findHeaderRow(sheet: Sheet, fields: FieldSpec[]): number | null {
  let best: { row: number; score: number } | null = null;
  for (let r = 0; r < Math.min(SCAN_ROWS, sheet.rows.length); r++) {
    const mapping = detectMapping(sheet.rows[r].map(cellText), fields);
    const score = mapping.filter(Boolean).length;
    if (score >= 2 && mapping.includes("title") && (!best || score > best.score)) best = { row: r, score };
  }
  return best?.row ?? null;
}

/** Remembered choices: header text (normalised) → field, "" meaning "not imported". */
export type RememberedColumns = Record<string, string>;

/** The layout of a sheet: its header row (found, or given) and each column's field (remembered, else detected). */
export function layoutOf(sheet: Sheet, kind: SheetImportKind, remembered: RememberedColumns = {}, headerRow?: number): Layout | null {
  const fields = fieldsOf(kind);
  const row = headerRow ?? findHeaderRow(sheet, fields);
  if (row === null || row >= sheet.rows.length) return null;
  const headers = sheet.rows[row].map(cellText);
  const detected = detectMapping(headers, fields, sheet, row);
  const valid = new Set(fields.map((f) => f.key));
  const mapping = headers.map((h, i) => {
    const key = normaliseHeader(h) || `column ${i + 1}`;
    const chosen = remembered[key];
    return chosen !== undefined && (chosen === "" || valid.has(chosen)) ? chosen : detected[i];
  });
  return { headerRow: row, headers, mapping: dedupe(mapping) };
}

/** A field mapped from two columns keeps the first. */
export function dedupe(mapping: ColumnMapping): ColumnMapping {
  const seen = new Set<string>();
  return mapping.map((k) => {
    if (!k || seen.has(k)) return "";
    seen.add(k);
    return k;
  });
}

/** The choices to remember from a layout. */
export function rememberedFrom(layout: Layout): RememberedColumns {
  const out: RememberedColumns = {};
  layout.headers.forEach((h, i) => {
    out[normaliseHeader(h) || `column ${i + 1}`] = layout.mapping[i] ?? "";
  });
  return out;
}

/** Required fields no column gives. */
export function missingFields(mapping: ColumnMapping, kind: SheetImportKind): FieldSpec[] {
  return fieldsOf(kind).filter((f) => f.required && !mapping.includes(f.key));
}
