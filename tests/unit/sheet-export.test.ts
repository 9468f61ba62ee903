import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Flag } from "~/modules/action/rules";
import { flagLabel } from "~/modules/action/rules";
import { exportFileName, isoToUtcDate, neutraliseCell } from "~/modules/sheet/cells";
import { redactFlag } from "~/modules/action/redact";
import { HIDDEN_ITEM } from "~/modules/action/rules";
import { toCsv, toXlsx, safeSheetName, type SheetSpec } from "~/modules/sheet/workbook";

describe("neutraliseCell", () => {
  it.each(["=SUM(A1:A2)", "+44 1234", "-2+3", "@cmd", "\tTabbed", "\rReturn", "=HYPERLINK(\"http://evil\")"])("prefixes %j with an apostrophe", (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  it.each(["Survey customers", "", "4.2", "a=b", " =leading space", "'already quoted", "Café – naïve"])("leaves %j alone", (v) => {
    expect(neutraliseCell(v)).toBe(v);
  });
});

describe("isoToUtcDate and file names", () => {
  it("turns calendar dates into UTC midnights and refuses non-dates", () => {
    expect(isoToUtcDate("2026-03-27")?.toISOString()).toBe("2026-03-27T00:00:00.000Z");
    expect(isoToUtcDate("2026-02-30")).toBeNull();
    expect(isoToUtcDate("end of March")).toBeNull();
    expect(isoToUtcDate(null)).toBeNull();
  });
  it("makes safe file names and sheet names", () => {
    expect(exportFileName("rb-partnership", "actions", "2026-03-27", "xlsx")).toBe("rb-partnership-actions-2026-03-27.xlsx");
    expect(exportFileName('a"b/../c', "risks", "2026-03-27", "csv")).toBe("a-b-c-risks-2026-03-27.csv");
    expect(safeSheetName("Plan: [draft]/v2?")).toBe("Plan   draft  v2");
    expect(safeSheetName("x".repeat(40))).toHaveLength(31);
  });
});

const spec: SheetSpec = {
  sheetName: "Action plan",
  columns: [
    { key: "ref", header: "Ref", type: "text", width: 8 },
    { key: "title", header: "Action", type: "text", width: 40 },
    { key: "due", header: "Due date", type: "date", width: 12 },
    { key: "pct", header: "% complete", type: "number", width: 10 },
  ],
  rows: [
    { ref: "1", title: "=HYPERLINK(\"http://evil\",\"click\")", due: "2026-03-27", pct: 50 },
    { ref: "2", title: "Café review – phase 2", due: null, pct: 0 },
    { ref: "3", title: "@SUM(1)", due: "not a date", pct: null },
  ],
};

describe("toXlsx", () => {
  it("writes a styled, frozen, filterable header, real date cells and neutralised text", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(spec)) as never); // exceljs types an older Buffer
    const ws = wb.getWorksheet("Action plan")!;
    expect(ws.getRow(1).values).toEqual([undefined, "Ref", "Action", "Due date", "% complete"]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(2).width).toBe(40);
    const due = ws.getCell("C2");
    expect(due.type).toBe(ExcelJS.ValueType.Date);
    expect((due.value as Date).toISOString()).toBe("2026-03-27T00:00:00.000Z");
    expect(ws.getCell("B2").value).toBe(`'=HYPERLINK("http://evil","click")`);
    expect(ws.getCell("B2").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("B3").value).toBe("Café review – phase 2");
    expect(ws.getCell("B4").value).toBe("'@SUM(1)");
    expect(ws.getCell("C4").value).toBeNull();
    expect(ws.getCell("D2").value).toBe(50);
  });
});

describe("toCsv", () => {
  it("starts with a UTF-8 BOM, keeps accents, writes ISO dates and neutralises formulae", () => {
    const csv = toCsv(spec);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ["Ref", "Action", "Due date", "% complete"],
      ["1", `'=HYPERLINK("http://evil","click")`, "2026-03-27", "50"],
      ["2", "Café review – phase 2", "", "0"],
      ["3", "'@SUM(1)", "", ""],
    ]);
    expect(csv).toContain("\r\n");
  });
});

describe("redactFlag", () => {
  const secret = { kind: "action" as const, id: 9, projectId: 2, ref: "S1", title: "Secret merger" };
  const mine = { kind: "action" as const, id: 1, projectId: 1, ref: "4.2", title: "Mine" };
  const flag: Flag = {
    kind: "blocked",
    reason: null,
    causes: [{ item: secret, why: [{ kind: "blocked", reason: "legal hold on merger" }], lagDays: 0 }],
    roots: [{ item: secret, why: [{ kind: "overdue", days: 3 }], path: [mine, secret] }],
  };
  it("hides items of projects the viewer cannot see, keeping the chain's shape", () => {
    const text = flagLabel(redactFlag(flag, (id) => id === 1));
    // As on the pages (decision 0008): a hidden item's status is not told either.
    expect(text).toBe(`Blocked by 4.2, which is blocked by ${HIDDEN_ITEM}`);
    expect(text).not.toContain("S1");
    const cause = redactFlag({ ...flag, roots: [] }, (id) => id === 1);
    expect(flagLabel(cause)).not.toContain("legal hold");
  });
  it("leaves visible items and other flags alone", () => {
    expect(redactFlag(flag, () => true)).toEqual(flag);
    const overdue: Flag = { kind: "overdue", days: 2 };
    expect(redactFlag(overdue, () => false)).toBe(overdue);
  });
});
