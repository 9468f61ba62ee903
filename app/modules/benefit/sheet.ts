// The benefits register as a sheet (issue 12, "in the spreadsheet export"): one row per benefit and
// organisation, with its baseline, a column per target period (every period any series has, in time
// order), the latest actual and its RAG, and the flags in words. Pure: benefits in, columns and rows
// out; app/modules/sheet/workbook.ts writes them as XLSX or CSV.
import type { SheetColumn, SheetSpec } from "~/modules/sheet/workbook";
import { comparePeriods } from "./periods";
import { benefitFlagLabel, FREQUENCY_LABELS, type BenefitFlag, type Rag, type SeriesInput } from "./rules";
import type { BenefitDirection, BenefitFrequency, BenefitUnit } from "#db/schema";

/** What the sheet reads of a benefit (BenefitView from service.server.ts has all of it). */
export interface BenefitForSheet {
  name: string;
  unit: BenefitUnit;
  direction: BenefitDirection;
  frequency: BenefitFrequency;
  tolerance: number;
  source: string;
  ownerName: string | null;
  flags: BenefitFlag[];
  series: Array<SeriesInput & { baselineLabel: string; rag: Rag; latest: { measuredOn: string; value: number } | null }>;
}

export const SHEET_UNITS: Record<BenefitUnit, string> = { percent: "%", days: "days", gbp: "£", count: "count" };
export const SHEET_RAG: Record<Rag, string> = { green: "Green", amber: "Amber", red: "Red", none: "No actual yet" };
const DIRECTIONS: Record<BenefitDirection, string> = { higher: "Higher is better", lower: "Lower is better" };

const col = (key: string, header: string, type: SheetColumn["type"], width: number): SheetColumn => ({ key, header, type, width });

/** The key of a target period's column: "target:2011/12". */
export const targetKey = (period: string) => `target:${period}`;

export function benefitsSheet(list: BenefitForSheet[]): SheetSpec {
  const periods = [...new Set(list.flatMap((b) => b.series.flatMap((s) => s.targets.map((t) => t.period))))].sort(comparePeriods);
  const columns: SheetColumn[] = [
    col("benefit", "Benefit", "text", 36),
    col("organisation", "Organisation", "text", 18),
    col("unit", "Unit", "text", 8),
    col("direction", "Direction", "text", 16),
    col("owner", "Owner", "text", 20),
    col("frequency", "Measured", "text", 12),
    col("tolerance", "Tolerance", "number", 10),
    col("baseline", "Baseline", "number", 10),
    col("baselinePeriod", "Baseline period", "text", 14),
    col("baselineDate", "Baseline date", "date", 12),
    ...periods.map((p) => col(targetKey(p), `Target ${p}`, "number", 12)),
    col("latest", "Latest actual", "number", 12),
    col("latestDate", "Latest actual date", "date", 12),
    col("rag", "RAG", "text", 14),
    col("flags", "Flags", "text", 50),
    col("source", "Source", "text", 30),
  ];
  const rows: SheetSpec["rows"] = list.flatMap((b) => {
    const flags = b.flags.map((f) => benefitFlagLabel(f, b.unit)).join("\n");
    return b.series.map((s) => ({
      benefit: b.name,
      organisation: s.organisation ?? "Joint",
      unit: SHEET_UNITS[b.unit],
      direction: DIRECTIONS[b.direction],
      owner: b.ownerName ?? "",
      frequency: FREQUENCY_LABELS[b.frequency],
      tolerance: b.tolerance,
      baseline: s.baselineValue,
      baselinePeriod: s.baselineLabel,
      baselineDate: s.baselineDate,
      ...Object.fromEntries(s.targets.map((t) => [targetKey(t.period), t.value])),
      latest: s.latest?.value ?? null,
      latestDate: s.latest?.measuredOn ?? null,
      rag: SHEET_RAG[s.rag],
      flags,
      source: b.source,
    }));
  });
  return { sheetName: "Benefits", columns, rows };
}
