// Reads an uploaded file into sheets of cells: XLSX with exceljs (after zip-guard.ts has checked it),
// CSV with papaparse after working out its encoding (UTF-8 with or without a byte-order mark,
// UTF-16 as Excel's "Unicode text" writes it, else Windows-1252) and separator (comma, semicolon,
// tab). No database. Formulas give their cached values; merged cells give their value to the
// first column of the merge, on every row it spans (rows.ts decides what a merged ref means).
import type ExcelJS from "exceljs";
import Papa from "papaparse";
import { checkZip, isZip, type ZipLimits } from "./zip-guard";

export type CellValue = string | number | Date | null;

export interface Cell {
  value: CellValue;
  /** A number formatted as a percentage in Excel (0.5 shown as 50%). */
  percent?: boolean;
  /** Part of a merge below its first row: the value repeats the merge's. */
  mergedBelow?: boolean;
  /** A formula without a cached value, or an Excel error value (#N/A). */
  problem?: string;
}

export interface Sheet {
  name: string;
  /** rows[r][c]; r and c from 0 (sheet row r + 1, column letter of c). */
  rows: Cell[][];
}

export type ReadResult = { ok: true; format: "xlsx" | "csv"; sheets: Sheet[] } | { ok: false; reason: string };

export const NOT_A_SPREADSHEET = "The file is not a spreadsheet Waymark can read. Upload an Excel workbook (.xlsx) or a CSV file.";

/** "A", "B", … "AA" for a column index from 0. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** What kind of file the bytes are, from their content rather than their name. */
export function sniff(bytes: Buffer): "xlsx" | "csv" | { refused: string } {
  if (isZip(bytes)) return "xlsx";
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0)
    return { refused: "This is an old Excel 97-2003 (.xls) file. Open it in Excel, save it as an Excel workbook (.xlsx) or CSV, and upload that." };
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return { refused: `This is a PDF. ${NOT_A_SPREADSHEET}` };
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  // Text has no NUL bytes (UTF-16 aside) and few control characters.
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0 && !utf16) return { refused: NOT_A_SPREADSHEET };
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (!utf16 && control > head.length / 100) return { refused: NOT_A_SPREADSHEET };
  return "csv";
}

/** The text of a CSV file: UTF-8 (byte-order mark or not), UTF-16, else Windows-1252. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Windows-1252 is Latin-1 except for 0x80-0x9F, where it has the curly quotes, dashes and the euro
// sign Excel writes. (Node's TextDecoder without full ICU reads the label as plain Latin-1.)
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk.map((b) => b)).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
  return out;
}

export function readCsv(bytes: Buffer, name = "CSV"): Sheet {
  const parsed = Papa.parse<string[]>(decodeText(bytes), { skipEmptyLines: false, delimitersToGuess: [",", ";", "\t", "|"] });
  return { name, rows: parsed.data.map((row) => row.map((v) => ({ value: v === "" ? null : v }))) };
}

type Raw = ExcelJS.CellValue;

function cellOf(raw: Raw, numFmt: string | undefined): Cell {
  if (raw === null || raw === undefined) return { value: null };
  if (typeof raw === "string") return { value: raw };
  if (typeof raw === "number") return numFmt?.includes("%") ? { value: raw, percent: true } : { value: raw };
  if (typeof raw === "boolean") return { value: raw ? "TRUE" : "FALSE" };
  if (raw instanceof Date) return { value: raw };
  if ("richText" in raw) return { value: raw.richText.map((t) => t.text).join("") };
  if ("error" in raw) return { value: null, problem: `the cell shows the error ${raw.error}` };
  if ("formula" in raw || "sharedFormula" in raw) {
    const result = (raw as { result?: unknown }).result;
    if (result === undefined || result === null) return { value: null, problem: "the formula has no saved value (open the file in Excel and save it again)" };
    if (typeof result === "object" && result !== null && "error" in result) return { value: null, problem: `the formula gives the error ${(result as { error: string }).error}` };
    return cellOf(result as Raw, numFmt);
  }
  if ("text" in raw) return { value: typeof raw.text === "string" ? raw.text : String(raw.text) };
  return { value: String(raw) };
}

export async function readXlsx(bytes: Buffer): Promise<Sheet[]> {
  const { default: Excel } = await import("exceljs"); // loaded on first use: ~8 MB of heap (decision 26)
  const wb = new Excel.Workbook();
  await wb.xlsx.load(bytes as never); // exceljs types an older Buffer
  const sheets: Sheet[] = [];
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    const count = ws.actualRowCount ? ws.rowCount : 0;
    for (let r = 1; r <= count; r++) {
      const row = ws.getRow(r);
      const cells: Cell[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        if (cell.isMerged && cell.master !== cell) {
          // The merge's value belongs to its first column; rows below the first repeat it.
          const master = cell.master;
          cells.push(master.col === cell.col ? { ...cellOf(master.value, master.numFmt), mergedBelow: true } : { value: null });
        } else cells.push(cellOf(cell.value, cell.numFmt));
      }
      rows.push(cells);
    }
    sheets.push({ name: ws.name, rows });
  });
  return sheets;
}

/** Any uploaded file as sheets of cells, or the reason it cannot be read. Never throws on bad input. */
export async function readSpreadsheet(bytes: Buffer, fileName: string, limits?: ZipLimits): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, reason: "The file is empty." };
  const kind = sniff(bytes);
  if (typeof kind === "object") return { ok: false, reason: kind.refused };
  if (kind === "csv") return { ok: true, format: "csv", sheets: [readCsv(bytes, fileName.replace(/\.[^.]*$/, "") || "CSV")] };
  const zip = checkZip(bytes, limits);
  if (!zip.ok) return { ok: false, reason: zip.reason };
  if (!zip.names.includes("xl/workbook.xml")) {
    return { ok: false, reason: zip.names.includes("word/document.xml") ? `This is a Word document. ${NOT_A_SPREADSHEET}` : `This is a ZIP file but not an Excel workbook. ${NOT_A_SPREADSHEET}` };
  }
  try {
    const sheets = await readXlsx(bytes);
    return sheets.length ? { ok: true, format: "xlsx", sheets } : { ok: false, reason: "The workbook has no sheets." };
  } catch {
    return { ok: false, reason: "The workbook could not be read: it may be damaged or password-protected. Save it again from Excel and upload it again." };
  }
}
