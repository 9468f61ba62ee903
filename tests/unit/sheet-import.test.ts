import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { detectMapping, findHeaderRow, layoutOf, ACTION_FIELDS, RISK_FIELDS, normaliseHeader } from "~/modules/sheet/columns";
import { columnLetter, decodeText, readCsv, readSpreadsheet, sniff, type Sheet } from "~/modules/sheet/read";
import { ownerMatcher, recordsOf, fieldText } from "~/modules/sheet/rows";
import { readDate, readPercent, readStatus, serialToIso, splitOwners, splitProgress, textOf } from "~/modules/sheet/values";
import { checkZip } from "~/modules/sheet/zip-guard";

const TODAY = "2009-04-20";
const sheetOf = (rows: Array<Array<string | number | null>>): Sheet => ({ name: "S", rows: rows.map((r) => r.map((value) => ({ value }))) });

describe("cell values", () => {
  it("reads Excel serials, date cells and dates as written", () => {
    expect(serialToIso(39_691)).toBe("2008-08-31");
    expect(serialToIso(45_000)).toBe("2023-03-15");
    expect(serialToIso(12)).toBeNull();
    expect(readDate({ value: 39_691 }, TODAY)).toEqual({ ok: true, value: "2008-08-31" });
    expect(readDate({ value: new Date(Date.UTC(2027, 0, 8)) }, TODAY)).toEqual({ ok: true, value: "2027-01-08" });
    expect(readDate({ value: "29/09/08" }, TODAY)).toEqual({ ok: true, value: "2008-09-29" });
    expect(readDate({ value: "w/c 5 Jan 09" }, TODAY)).toEqual({ ok: true, value: "2009-01-05" });
    expect(readDate({ value: "" }, TODAY)).toEqual({ ok: true, value: null });
    expect(readDate({ value: "soon" }, TODAY).ok).toBe(false);
  });

  it("reads percentages, statuses and the apostrophe Waymark's exports add", () => {
    expect(readPercent({ value: 0.4, percent: true })).toEqual({ ok: true, value: 40 });
    expect(readPercent({ value: "75%" })).toEqual({ ok: true, value: 75 });
    expect(readPercent({ value: 140 }).ok).toBe(false);
    expect(readStatus({ value: "In progress" })).toEqual({ ok: true, value: "in_progress" });
    expect(readStatus({ value: "Delivered" })).toEqual({ ok: true, value: "done" });
    expect(readStatus({ value: "maybe" }).ok).toBe(false);
    expect(textOf({ value: "'=SUM(A1)" })).toBe("=SUM(A1)");
    expect(textOf({ value: "'tis fine" })).toBe("'tis fine");
  });

  it("splits officer leads as plans write them", () => {
    expect(splitOwners("Maurice Curtin & Brian Tomlinson")).toEqual(["Maurice Curtin", "Brian Tomlinson"]);
    expect(splitOwners("KA/BF/MH")).toEqual(["KA", "BF", "MH"]);
    expect(splitOwners("BP and CSIP programme Board")).toEqual(["BP", "CSIP programme Board"]);
    expect(splitOwners("MC, Project leads.")).toEqual(["MC", "Project leads"]);
  });

  it("turns a progress cell with dated paragraphs into dated notes", () => {
    expect(splitProgress("Started the survey\n12/03/09 – Analysis complete\nEasements scoped\n\n4 Dec 08: Visited the forum\n2009-04-01 - Live", TODAY)).toEqual([
      { date: null, body: "Started the survey" },
      { date: "2009-03-12", body: "Analysis complete\nEasements scoped" },
      { date: "2008-12-04", body: "Visited the forum" },
      { date: "2009-04-01", body: "Live" },
    ]);
    expect(splitProgress("Multiple direct debit dates start 15 Nov", TODAY)).toEqual([{ date: null, body: "Multiple direct debit dates start 15 Nov" }]);
  });

  it("matches owners by email, initials, name and team, ambiguous initials matching no one", () => {
    const m = ownerMatcher(
      [
        { id: 1, name: "Mary Hall", email: "mary@x.example", initials: "MH" },
        { id: 2, name: "Max Hill", email: null, initials: "MH2" },
        { id: 3, name: "Brian Tull", email: null, initials: "BT" },
        { id: 4, name: "Bea Tamm", email: null, initials: "BT" },
      ],
      [{ id: 7, name: "Programme Board" }],
      { "Project leads": "", ZZ: "p:3" },
    );
    expect(m.match("mary@X.example")).toEqual({ personId: 1 });
    expect(m.match("mh")).toEqual({ personId: 1 });
    expect(m.match("M.H.")).toEqual({ personId: 1 });
    expect(m.match("max hill")).toEqual({ personId: 2 });
    expect(m.match("BT")).toBeNull();
    expect(m.match("programme board")).toEqual({ teamId: 7 });
    expect(m.match("Project leads")).toBe("ignored");
    expect(m.match("ZZ")).toEqual({ personId: 3 });
  });
});

describe("columns and rows", () => {
  it("finds a header row below a title block, with a blank heading over the refs", () => {
    const sheet = sheetOf([
      ["Audit recommendations: action planning"],
      [],
      [null, "Actions", "Outcomes", "Deadline dates", "Officer Lead", "Progress"],
      ["1", "Do a thing", "Better", "April 09", "MH", ""],
    ]);
    expect(findHeaderRow(sheet, ACTION_FIELDS)).toBe(2);
    expect(layoutOf(sheet, "actions")!.mapping).toEqual(["ref", "title", "expectedOutcomes", "deadlineText", "owners", "progress"]);
    expect(detectMapping(["No.", "Risk (description)", "L", "I", "Sev", "Strategy", "Action outstanding", "Date Closed"], RISK_FIELDS)).toEqual([
      "ref", "title", "likelihood", "impact", "severity", "strategy", "actionsOutstanding", "dateClosed",
    ]);
    expect(normaliseHeader("% complete")).toBe("complete");
  });

  it("prefers a mapping the manager chose, by the column's heading", () => {
    const sheet = sheetOf([["Ref", "Task", "Notes"], ["1", "x", "y"]]);
    expect(layoutOf(sheet, "actions", { notes: "progress" })!.mapping).toEqual(["ref", "title", "progress"]);
    expect(layoutOf(sheet, "actions", { notes: "progress", task: "" }, 0)!.mapping).toEqual(["ref", "", "progress"]);
  });

  it("skips repeated headers and blank rows, continues split rows and names sub-rows", () => {
    const sheet = sheetOf([
      ["Ref", "Action", "Progress"],
      ["15", "Assess local costs", "Costed processes"],
      [null, null, "Agreed interventions"],
      [],
      ["Ref", "Action", "Progress"],
      [null, "b) identify indicators", "Model built"],
    ]);
    const records = recordsOf(sheet, layoutOf(sheet, "actions")!);
    expect(records.map((r) => [r.row, r.ref, fieldText(r, "progress")])).toEqual([
      [2, "15", "Costed processes\nAgreed interventions"],
      [6, "15b", "Model built"],
    ]);
  });
});

describe("files", () => {
  it("tells files apart by their content", () => {
    expect(sniff(Buffer.from("Ref,Action\n1,x"))).toBe("csv");
    expect(sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toMatchObject({ refused: expect.stringMatching(/97-2003/) });
    expect(sniff(Buffer.from("%PDF-1.4"))).toMatchObject({ refused: expect.stringMatching(/PDF/) });
    expect(columnLetter(0)).toBe("A");
    expect(columnLetter(27)).toBe("AB");
  });

  it("decodes UTF-8 with a BOM, UTF-16 and Windows-1252, and reads semicolon CSVs", () => {
    expect(decodeText(Buffer.from("\uFEFFCafé", "utf8"))).toBe("Café");
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Café", "utf16le")]))).toBe("Café");
    expect(decodeText(Buffer.from([0x93, 0x51, 0x94, 0x20, 0x80, 0x35]))).toBe("“Q” €5");
    expect(readCsv(Buffer.from("Ref;Action\r\n1;Caf\xe9 review", "latin1")).rows.map((r) => r.map((c) => c.value))).toEqual([
      ["Ref", "Action"],
      ["1", "Café review"],
    ]);
  });

  it("refuses ZIP bombs by declared and by real size, and reads a real workbook with merged cells and formulas", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Plan");
    ws.addRow(["Ref", "Action", "Work package"]);
    ws.addRow(["1", { formula: "\"Do \"&\"it\"", result: "Do it" }, "WP1"]);
    ws.addRow(["2", "Then this", null]);
    ws.mergeCells("C2:C3");
    const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(checkZip(bytes).ok).toBe(true);
    expect(checkZip(bytes, { maxUnzippedBytes: 1000, maxEntries: 100 })).toMatchObject({ ok: false, reason: expect.stringMatching(/ZIP bomb/) });
    const read = await readSpreadsheet(bytes, "plan.xlsx");
    if (!read.ok) throw new Error(read.reason);
    expect(read.sheets[0]!.rows.map((r) => r.map((c) => c.value))).toEqual([
      ["Ref", "Action", "Work package"],
      ["1", "Do it", "WP1"],
      ["2", "Then this", "WP1"],
    ]);
    // Damaged: a ZIP cut short.
    expect(await readSpreadsheet(bytes.subarray(0, bytes.length - 30), "plan.xlsx")).toMatchObject({ ok: false, reason: expect.stringMatching(/damaged/) });
  });
});
