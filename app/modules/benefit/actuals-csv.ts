// Actuals pasted or uploaded as CSV: "period, organisation, value" a row, an optional header row.
// Pure: every row is checked and every problem named by its row, so nothing is imported until the
// whole paste is right.
import Papa from "papaparse";
import { parseDateEntry } from "~/utils/dates";
import { parseNumber } from "./forms";
import { parseFinancialYear } from "./periods";

export interface SeriesKey {
  seriesId: number;
  /** Organisation name and code, or null for the joint series. */
  name: string | null;
  code: string | null;
}

export interface CsvActual {
  seriesId: number;
  measuredOn: string;
  value: number;
  comment: string;
}

const JOINT = new Set(["", "joint", "all", "both", "partnership", "project"]);
const norm = (s: string) => s.trim().toLowerCase();

/** The series a cell names: an organisation's code or name, or "joint" (or empty) for the whole project. */
function seriesFor(cell: string, series: SeriesKey[]): SeriesKey | null {
  const c = norm(cell);
  if (JOINT.has(c)) return series.find((s) => s.name === null) ?? null;
  return series.find((s) => s.name !== null && (norm(s.name) === c || norm(s.code ?? "") === c)) ?? null;
}

export function parseActualsCsv(text: string, series: SeriesKey[]): { ok: true; rows: CsvActual[] } | { ok: false; errors: string[] } {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: "greedy" });
  const errors: string[] = [];
  const rows: CsvActual[] = [];
  const data = parsed.data;
  if (data.length === 0) return { ok: false, errors: ["Paste at least one row: period, organisation, value"] };
  const hasHeader = /period|year|date/i.test(data[0][0] ?? "") && parseNumber(data[0][2] ?? "") === null;
  const names = series.map((s) => s.code ?? s.name ?? "joint").join(", ");
  data.slice(hasHeader ? 1 : 0).forEach((cells, i) => {
    const rowNo = i + 1 + (hasHeader ? 1 : 0);
    const [periodCell = "", orgCell = "", valueCell = "", comment = ""] = cells.map((c) => c.trim());
    if (cells.length < 3) {
      errors.push(`Row ${rowNo}: give 3 values, period, organisation and value, separated by commas`);
      return;
    }
    const fy = parseFinancialYear(periodCell);
    const date = fy ? null : parseDateEntry(periodCell);
    const measuredOn = fy ? fy.end : date?.ok ? date.date : null;
    if (!measuredOn) errors.push(`Row ${rowNo}: “${periodCell}” is not a financial year like 2011/12 or a date like 31/3/2012`);
    const s = seriesFor(orgCell, series);
    if (!s) errors.push(`Row ${rowNo}: “${orgCell}” is not one of this benefit's organisations (${names})`);
    const value = parseNumber(valueCell);
    if (value === null) errors.push(`Row ${rowNo}: “${valueCell}” is not a number`);
    if (measuredOn && s && value !== null) rows.push({ seriesId: s.seriesId, measuredOn, value, comment });
  });
  if (rows.length > 500) errors.push("Import at most 500 rows at a time");
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
