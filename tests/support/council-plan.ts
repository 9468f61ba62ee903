// A council's action plan typed into Excel the way the reference 001 plan is laid out (titles in
// our own words): a title block above the header, a blank heading over the numbers, deadlines and
// officer leads as people write them, dated progress paragraphs, a row continued across a page
// break, a sub-row "b)", a merged cell, a formula and an Excel serial date; a cover sheet first.
import ExcelJS from "exceljs";

export interface PlanRow {
  ref: string | number;
  action: string;
  outcomes: string;
  deadline: string | number | Date;
  lead: string;
  progress: string;
  rec: string;
}

export const PLAN_ROWS: PlanRow[] = [
  { ref: 1, action: "Map the needs of local communities", outcomes: "Better take-up of benefits", deadline: "Framework ready April 09", lead: "Mary Hall & Ben Tull", progress: "Met the research team\n04/12/08 – Visited the older people's forum\n12/01/09 – Met the neighbourhood managers", rec: "R1" },
  { ref: 2, action: "Ask customers how the service feels before it is redesigned", outcomes: "Higher satisfaction", deadline: "1st survey May 2008\n2nd survey Jan 2009", lead: "BT", progress: "First survey done", rec: "R2" },
  { ref: 3, action: "Agree a vision for the improvement programme", outcomes: "A shared vision", deadline: "Ongoing", lead: "CSIP project team", progress: "", rec: "R1" },
  { ref: 4, action: "Find out why customers return information slowly", outcomes: "Faster claims", deadline: "Analysis by end of Nov 08", lead: "MH", progress: "12/03/09 – Analysis complete", rec: "R2" },
  { ref: 15, action: "Work out how local factors affect costs", outcomes: "Value for money", deadline: "July 2008", lead: "XY", progress: "", rec: "R5" },
  { ref: "", action: "b) identify indicators of efficiency", outcomes: "", deadline: 39_691, lead: "MH/BT", progress: "", rec: "R5" },
];

export async function councilPlan(rows: PlanRow[] = PLAN_ROWS, { continuation = "Easements scoped" }: { continuation?: string } = {}) {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Read me").addRow(["This workbook holds the benefits service's action plan."]);
  const ws = wb.addWorksheet("Action plan");
  ws.addRow(["Inspection recommendations: action planning"]);
  ws.addRow(["Actions that answer the key recommendations"]);
  ws.addRow([]);
  ws.addRow(["", "Actions", "Outcomes", "Deadline dates", "Officer Lead", "Progress", "Recommendation", "Start"]);
  for (const r of rows) {
    const row = ws.addRow([r.ref, r.action, r.outcomes, r.deadline, r.lead, r.progress, r.rec, null]);
    if (r.ref === 1) row.getCell(8).value = { formula: "DATE(2008,9,1)", result: new Date(Date.UTC(2008, 8, 1)) };
    if (r.ref === 4 && continuation) ws.addRow(["", "", "", "", "", continuation, "", null]);
  }
  // The sub-row shares its parent's outcomes: one merged cell over both rows.
  const fifteen = rows.findIndex((r) => r.ref === 15);
  if (fifteen >= 0 && rows[fifteen + 1]?.ref === "") {
    let n = 0;
    ws.eachRow((row, i) => {
      if (row.getCell(1).value === 15) n = i;
    });
    ws.mergeCells(n, 3, n + 1, 3);
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
