// From a sheet and its column mapping to one record per action or risk, as councils lay them out:
// blank rows and repeated header rows (a table pasted from Word repeats its header on every page)
// are skipped; a row with neither ref nor title continues the row above (a cell split across a
// page break); a row "b) …" without a ref is the sub-row 15b of row 15. Also matching owners'
// initials, names and emails to people. Pure.
import { cellText, normaliseHeader, type Layout } from "./columns";
import { columnLetter, type Cell, type Sheet } from "./read";
import { textOf } from "./values";

export interface CellError {
  sheet: string;
  /** The sheet's row number, from 1. */
  row: number;
  /** Column letter, or "" when the problem is the row's. */
  column: string;
  message: string;
}

export interface SheetRecord {
  /** The sheet row the record starts on, from 1. */
  row: number;
  ref: string;
  /** Every cell given for each mapped field (a continued record has several). */
  fields: Map<string, { cells: Cell[]; column: number }>;
}

/** The text of a field, continuation rows joined by new lines. */
export function fieldText(rec: SheetRecord, key: string): string {
  const f = rec.fields.get(key);
  return f ? f.cells.map(textOf).filter(Boolean).join("\n") : "";
}

export function firstCell(rec: SheetRecord, key: string): Cell | undefined {
  return rec.fields.get(key)?.cells[0];
}

export function cellError(sheet: Sheet, rec: SheetRecord, key: string | null, message: string): CellError {
  const column = key ? rec.fields.get(key)?.column : undefined;
  return { sheet: sheet.name, row: rec.row, column: column === undefined ? "" : columnLetter(column), message };
}

const SUB_ROW = /^\(?([a-z])\)\s*/i;

export function recordsOf(sheet: Sheet, layout: Layout): SheetRecord[] {
  const { headerRow, mapping } = layout;
  const headerKey = layout.headers.map(normaliseHeader).join("|");
  const refCol = mapping.indexOf("ref");
  const titleCol = mapping.indexOf("title");
  const records: SheetRecord[] = [];
  let previousBaseRef = "";
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r];
    const texts = cells.map(cellText);
    if (!texts.some(Boolean) && !cells.some((c) => c.problem)) continue;
    if (texts.map(normaliseHeader).join("|") === headerKey) continue;
    const refCell = refCol >= 0 ? cells[refCol] : undefined;
    const titleCell = titleCol >= 0 ? cells[titleCol] : undefined;
    let ref = refCell && !refCell.mergedBelow ? textOf(refCell) : "";
    const title = titleCell && !titleCell.mergedBelow ? textOf(titleCell) : "";
    const last = records.at(-1);
    if (!ref && !title && last) {
      // A continuation: add its own cells (not those a merge repeats) to the record above.
      mapping.forEach((key, c) => {
        const cell = cells[c];
        if (!key || !cell || cell.mergedBelow || (!cellText(cell) && !cell.problem)) return;
        const f = last.fields.get(key);
        if (f) f.cells.push(cell);
        else last.fields.set(key, { cells: [cell], column: c });
      });
      continue;
    }
    if (!ref && SUB_ROW.test(title) && previousBaseRef) ref = `${previousBaseRef}${SUB_ROW.exec(title)![1].toLowerCase()}`;
    else if (ref) previousBaseRef = ref.replace(/[a-z]$/i, "");
    const fields = new Map<string, { cells: Cell[]; column: number }>();
    mapping.forEach((key, c) => {
      if (key && key !== "ref") fields.set(key, { cells: cells[c] ? [cells[c]] : [], column: c });
    });
    if (refCol >= 0) fields.set("ref", { cells: refCell ? [refCell] : [], column: refCol });
    records.push({ row: r + 1, ref, fields });
  }
  return records;
}

/** Cells Excel could not give a value for (formula without saved value, #N/A), as errors. */
export function cellProblems(sheet: Sheet, rec: SheetRecord): CellError[] {
  const out: CellError[] = [];
  for (const [key, f] of rec.fields)
    for (const cell of f.cells) if (cell.problem) out.push(cellError(sheet, rec, key, `This cell could not be read: ${cell.problem}`));
  return out;
}

// ---------------------------------------------------------------- owners

export interface PersonLike {
  id: number;
  name: string;
  email: string | null;
  initials: string | null;
}
export interface TeamLike {
  id: number;
  name: string;
}
export type OwnerRef = { personId: number } | { teamId: number };
/** A name as written → "p:<id>", "t:<id>" or "" (not an owner). */
export type OwnerAliases = Record<string, string>;

export interface OwnerMatcher {
  match(name: string): OwnerRef | null | "ignored";
}

const key = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

/** Matches a name as written by email, initials, full name or team name; an alias the manager chose wins. */
export function ownerMatcher(people: PersonLike[], teams: TeamLike[], aliases: OwnerAliases = {}): OwnerMatcher {
  const byEmail = new Map<string, number>();
  const byName = new Map<string, number | null>();
  const byInitials = new Map<string, number | null>();
  const add = (map: Map<string, number | null>, k: string, id: number) => map.set(k, map.has(k) && map.get(k) !== id ? null : id);
  for (const p of people) {
    if (p.email) byEmail.set(key(p.email), p.id);
    add(byName, key(p.name), p.id);
    if (p.initials) add(byInitials, key(p.initials), p.id);
  }
  const byTeam = new Map(teams.map((t) => [key(t.name), t.id]));
  const personIds = new Set(people.map((p) => p.id));
  const teamIds = new Set(teams.map((t) => t.id));
  const alias = new Map(Object.entries(aliases).map(([k, v]) => [key(k), v]));
  return {
    match(name) {
      const k = key(name);
      const chosen = alias.get(k);
      // A name the manager chose for: only someone (or a team) the import may name, else the name stays unknown.
      if (chosen !== undefined) {
        if (chosen === "") return "ignored";
        const id = Number(chosen.slice(2));
        if (chosen.startsWith("t:") && teamIds.has(id)) return { teamId: id };
        if (chosen.startsWith("p:") && personIds.has(id)) return { personId: id };
      }
      const email = byEmail.get(k);
      if (email) return { personId: email };
      const person = byName.get(k) ?? byInitials.get(k.replace(/\./g, ""));
      if (person) return { personId: person };
      const team = byTeam.get(k);
      return team ? { teamId: team } : null;
    },
  };
}
