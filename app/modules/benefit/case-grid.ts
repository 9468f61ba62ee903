// A business-case table as text, the way the reference lays it out: a header row of financial years,
// then one row per category with its amounts. "Category,2010/11,2011/12" / "Redundancy provision,250000,".
// Pure; the draft form edits one such table per kind of line, with JavaScript or without.
import Papa from "papaparse";
import type { BusinessCaseLineKind } from "#db/schema";
import type { CaseLine } from "./business-case";
import { parseNumber } from "./forms";
import { comparePeriods, parseFinancialYear } from "./periods";

export function gridText(lines: CaseLine[], kind: BusinessCaseLineKind): string {
  const mine = lines.filter((l) => l.kind === kind);
  if (mine.length === 0) return "";
  const periods = [...new Set(mine.map((l) => l.period))].sort(comparePeriods);
  const categories = [...new Set(mine.map((l) => l.category))];
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [
    ["Category", ...periods].join(","),
    ...categories.map((c) =>
      [cell(c), ...periods.map((p) => String(mine.filter((l) => l.category === c && l.period === p).reduce((a, l) => a + l.amount, 0) || ""))].join(","),
    ),
  ].join("\n");
}

/** Lines from one table, or the problems by row and column. Amounts in pounds; empty cells are nothing. */
export function parseGrid(text: string, kind: BusinessCaseLineKind): { ok: true; lines: CaseLine[] } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, lines: [] };
  const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: "greedy" }).data;
  const [header, ...body] = rows;
  const periods = header.slice(1).map((h) => parseFinancialYear(h));
  const badHeader = header.slice(1).findIndex((_, i) => !periods[i]);
  if (header.length < 2 || badHeader >= 0)
    return { ok: false, error: `The first row must be “Category” then financial years like 2011/12${badHeader >= 0 ? `; “${header[badHeader + 1]}” is not one` : ""}` };
  const problems: string[] = [];
  const lines: CaseLine[] = [];
  body.forEach((cells, r) => {
    const category = (cells[0] ?? "").trim();
    if (!category) problems.push(`row ${r + 2} has no category`);
    cells.slice(1).forEach((raw, c) => {
      if (!raw.trim()) return;
      const amount = parseNumber(raw);
      if (c >= periods.length) problems.push(`row ${r + 2} has more amounts than years`);
      else if (amount === null) problems.push(`row ${r + 2}, ${periods[c]!.label}: “${raw.trim()}” is not an amount`);
      else if (category) lines.push({ kind, category, period: periods[c]!.label, amount, organisationId: null });
    });
  });
  return problems.length ? { ok: false, error: `Check the table: ${[...new Set(problems)].slice(0, 5).join("; ")}` } : { ok: true, lines };
}

/** "SDC 50, DBC 50" to shares, by organisation code; the problems in words. */
export function parseSplit(text: string, orgs: Array<{ id: number; code: string }>): { ok: true; split: Array<{ organisationId: number; share: number }> } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, split: [] };
  const split: Array<{ organisationId: number; share: number }> = [];
  for (const part of text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\S+)\s*[:=]?\s*(\d+(?:\.\d+)?)\s*%?$/.exec(part);
    const org = m ? orgs.find((o) => o.code.toLowerCase() === m[1].toLowerCase()) : undefined;
    if (!m || !org) return { ok: false, error: `“${part}” is not an organisation code and a percentage, like SDC 50` };
    split.push({ organisationId: org.id, share: Number(m[2]) });
  }
  return { ok: true, split };
}
