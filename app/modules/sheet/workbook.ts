// Turns a register (columns + rows, built by export.server.ts) into an XLSX workbook or a CSV.
// No database: data in, bytes out. Every text cell passes through neutraliseCell; dates become
// real date cells in XLSX and ISO dates in CSV (which Excel and LibreOffice read as dates).
import Papa from "papaparse";
import { isoToUtcDate, neutraliseCell } from "./cells";

export type ColumnType = "text" | "date" | "number";

export interface SheetColumn {
  key: string;
  header: string;
  type: ColumnType;
  /** Width in characters. */
  width: number;
}

export type SheetRow = Record<string, string | number | null>;

export interface SheetSpec {
  /** The worksheet's name (Excel allows 31 characters, no []:*?/\). */
  sheetName: string;
  columns: SheetColumn[];
  rows: SheetRow[];
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";

export function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31) || "Sheet1";
}

function textOf(value: string | number | null): string {
  if (value === null) return "";
  return typeof value === "number" ? String(value) : neutraliseCell(value);
}

export async function toXlsx(spec: SheetSpec): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs"); // loaded on first use: ~8 MB of heap (decision 26)
  const wb = new ExcelJS.Workbook();
  wb.creator = "Waymark";
  wb.created = new Date(0); // a fixed stamp: the same data gives the same file contents
  const ws = wb.addWorksheet(safeSheetName(spec.sheetName), { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width,
    style: c.type === "date" ? { numFmt: "dd/mm/yyyy" } : c.type === "text" ? { alignment: { wrapText: true, vertical: "top" } } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1D70B8" } };
  header.alignment = { vertical: "middle", wrapText: true };
  for (const row of spec.rows) {
    const values: Record<string, string | number | Date | null> = {};
    for (const c of spec.columns) {
      const v = row[c.key] ?? null;
      if (c.type === "date") values[c.key] = isoToUtcDate(typeof v === "string" ? v : null);
      else if (c.type === "number") values[c.key] = typeof v === "number" ? v : v === null || v === "" ? null : textOf(v);
      else values[c.key] = textOf(v);
    }
    ws.addRow(values);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  const buffer = await wb.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

/** CSV with a UTF-8 byte-order mark (so Excel reads the accents right) and CRLF line ends. */
export function toCsv(spec: SheetSpec): string {
  const data = spec.rows.map((row) =>
    spec.columns.map((c) => {
      const v = row[c.key] ?? null;
      if (c.type === "date") return typeof v === "string" && isoToUtcDate(v) ? v : "";
      if (c.type === "number" && typeof v === "number") return String(v);
      return textOf(v);
    }),
  );
  return "\uFEFF" + Papa.unparse({ fields: spec.columns.map((c) => c.header), data }, { newline: "\r\n", quotes: false });
}
