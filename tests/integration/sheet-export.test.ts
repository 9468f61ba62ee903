import ExcelJS from "exceljs";
import Papa from "papaparse";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "~/cli/main";
import { write } from "~/db.server";
import { createRisk } from "~/modules/risk/service.server";
import { createBenefit, listBenefits, recordActual, setBaseline, setTarget } from "~/modules/benefit/service.server";
import { HIDDEN_ITEM } from "~/modules/action/rules";
import * as actionsCsv from "~/routes/projects.$slug.actions[.]csv";
import * as actionsXlsx from "~/routes/projects.$slug.actions[.]xlsx";
import * as benefitsCsv from "~/routes/projects.$slug.benefits[.]csv";
import * as benefitsXlsx from "~/routes/projects.$slug.benefits[.]xlsx";
import * as decisionsCsv from "~/routes/projects.$slug.decisions[.]csv";
import * as milestonesXlsx from "~/routes/projects.$slug.milestones[.]xlsx";
import * as risksCsv from "~/routes/projects.$slug.risks[.]csv";
import * as risksXlsx from "~/routes/projects.$slug.risks[.]xlsx";
import * as programmeRisksCsv from "~/routes/programmes.$slug.risks[.]csv";
import * as programmeRisksXlsx from "~/routes/programmes.$slug.risks[.]xlsx";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

const AS_OF = "2026-03-20";

function world() {
  return write((tx) => {
    const pilot = f.createProject(tx, { slug: "pilot", name: "Pilot" });
    const secret = f.createProject(tx, { slug: "secret", name: "Secret" });
    const ben = f.createUser(tx, { name: "Ben Turner" });
    const outsider = f.createUser(tx, { name: "Olly Outsider" });
    f.addRole(tx, pilot.id, ben.person.id, "contributor");
    const wp = f.createWorkPackage(tx, pilot.id, { ref: "WP1", name: "Customer insight" });
    const overdue = f.createAction(tx, pilot.id, {
      ref: "2",
      title: "=HYPERLINK(\"http://evil\")",
      workPackageId: wp.id,
      dueDate: "2026-03-10",
      deadlineText: "early Mar 26",
      ownerPersonIds: [ben.person.id],
    });
    f.addProgressNote(tx, overdue.id, { noteDate: "2026-03-05", body: "Survey drafted" });
    f.createAction(tx, pilot.id, { ref: "3", title: "Finished work", status: "done", dueDate: "2026-01-10", completedDate: "2026-01-09" });
    // An action of Pilot waits on an overdue action of a project Ben cannot see.
    const hidden = f.createAction(tx, secret.id, { ref: "S1", title: "Secret merger talks", dueDate: "2026-03-01" });
    const waiting = f.createAction(tx, pilot.id, { ref: "4", title: "Publish the plan", plannedStart: "2026-03-15", dueDate: "2026-06-01" });
    f.addDependency(tx, { actionId: hidden.id }, { actionId: waiting.id });
    f.createMilestone(tx, pilot.id, { name: "Go live", targetDate: "2026-03-01", baselineDate: "2026-02-01" });
    return { pilot, ben, outsider, overdue };
  });
}

async function xlsxOf(res: Response) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb.worksheets[0]!;
}

function rowsOf(ws: ExcelJS.Worksheet) {
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = row.values as unknown[];
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i + 1] ?? null])));
  });
  return rows;
}

describe("register downloads", () => {
  it("exports the action plan as XLSX with the page's filters and as-of date, real dates, a work-package column and redacted causes", async () => {
    const w = world();
    const res = await call(actionsXlsx.loader as never, await requestAs(w.ben.user.id, `/projects/pilot/actions.xlsx?asOf=${AS_OF}&status=open`), { slug: "pilot" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="pilot-actions-${AS_OF}.xlsx"`);
    const ws = await xlsxOf(res);
    expect(ws.name).toBe("Action plan");
    const rows = rowsOf(ws);
    expect(rows.map((r) => r.Ref)).toEqual(["2", "4"]); // "3" is done: filtered out like the page
    const two = rows[0]!;
    expect(two.Action).toBe(`'=HYPERLINK("http://evil")`);
    expect(two["Work package"]).toBe("WP1 Customer insight");
    expect(two["Officer lead"]).toBe("Ben Turner");
    expect(two["Deadline (as written)"]).toBe("early Mar 26");
    expect(two["Due date"]).toBeInstanceOf(Date);
    expect((two["Due date"] as Date).toISOString().slice(0, 10)).toBe("2026-03-10");
    expect(two.Flags).toBe("Overdue 10 days");
    expect(two["Latest progress note"]).toBe("Survey drafted");
    const four = rows[1]!;
    expect(four.Flags).toContain("Blocked");
    expect(four["Flag details and root causes"]).toContain(HIDDEN_ITEM);
    expect(JSON.stringify(rows)).not.toContain("S1");
    expect(JSON.stringify(rows)).not.toContain("Secret");
  });

  it("exports CSV with a BOM that papaparse reads back, honouring the flag filter", async () => {
    const w = world();
    const res = await call(actionsCsv.loader as never, await requestAs(w.ben.user.id, `/projects/pilot/actions.csv?asOf=${AS_OF}&flag=overdue`), { slug: "pilot" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // drops the BOM
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => r.Ref)).toEqual(["2"]);
    expect(parsed.data[0]!["Due date"]).toBe("2026-03-10");
    expect(parsed.data[0]!.Action).toBe(`'=HYPERLINK("http://evil")`);
  });

  it("answers 404 for a project the person may not see, and 400 for a bad as-of date", async () => {
    const w = world();
    const refused = await call(actionsXlsx.loader as never, await requestAs(w.outsider.user.id, "/projects/pilot/actions.xlsx"), { slug: "pilot" });
    expect(refused.status).toBe(404);
    const missing = await call(actionsXlsx.loader as never, await requestAs(w.ben.user.id, "/projects/nope/actions.xlsx"), { slug: "nope" });
    expect(missing.status).toBe(404);
    const bad = await call(actionsXlsx.loader as never, await requestAs(w.ben.user.id, "/projects/pilot/actions.xlsx?asOf=2026-02-31"), { slug: "pilot" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("real date");
    const anonymous = await call(actionsXlsx.loader as never, await requestAs(null, "/projects/pilot/actions.xlsx"), { slug: "pilot" });
    expect(anonymous.status).toBe(302);
  });

  it("exports milestones with flags as of the date asked", async () => {
    const w = world();
    const res = await call(milestonesXlsx.loader as never, await requestAs(w.ben.user.id, `/projects/pilot/milestones.xlsx?asOf=${AS_OF}`), { slug: "pilot" });
    const rows = rowsOf(await xlsxOf(res));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Milestone: "Go live", "Slippage (days)": 28, Flags: "Missed 19 days" });
    expect(rows[0]!["Target date"]).toBeInstanceOf(Date);
  });

  it("exports the risk register with its filters, and the decisions register", async () => {
    const w = world();
    const actor = { userId: w.ben.user.id, personId: w.ben.person.id, label: "Ben" };
    const base = {
      category: "People", kind: "threat" as const, cause: "", event: "", effect: "", ownerPersonId: null, actioneePersonId: null,
      inherentLikelihood: 3, inherentImpact: 3, residualLikelihood: 2, residualImpact: 3, proximityDate: null, proximityText: "",
      response: "reduce", strategy: "-1 staff", actionsOutstanding: "", nextReviewDate: "2026-03-01",
    };
    createRisk({ actor, scope: { projectId: w.pilot.id }, input: { ...base, ref: "1", title: "Staff resist the change" }, today: AS_OF });
    createRisk({ actor, scope: { projectId: w.pilot.id }, input: { ...base, ref: "2", title: "Low risk", residualLikelihood: 1, residualImpact: 1 }, today: AS_OF });
    const all = rowsOf(await xlsxOf(await call(risksXlsx.loader as never, await requestAs(w.ben.user.id, "/projects/pilot/risks.xlsx"), { slug: "pilot" })));
    expect(all.map((r) => r.Ref)).toEqual(["1", "2"]);
    expect(all[0]).toMatchObject({ Risk: "Staff resist the change", Severity: 6, Strategy: "'-1 staff" });
    const csv = await call(risksCsv.loader as never, await requestAs(w.ben.user.id, "/projects/pilot/risks.csv?band=low"), { slug: "pilot" });
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(await csv.arrayBuffer()), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => r.Ref)).toEqual(["2"]);
    const decisions = await call(decisionsCsv.loader as never, await requestAs(w.ben.user.id, "/projects/pilot/decisions.csv"), { slug: "pilot" });
    expect(decisions.status).toBe(200);
    expect(new TextDecoder().decode(await decisions.arrayBuffer()).split("\r\n")[0]).toContain("Decided on,Proposal");
  });

  it("exports from the command line to a file, and refuses unknown kinds and projects", async () => {
    world();
    const dir = mkdtempSync(join(tmpdir(), "waymark-sheet-"));
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    const file = join(dir, "plan.xlsx");
    expect(await main(["export-sheet", "--project", "pilot", "--kind", "actions", "--format", "xlsx", "--as-of", AS_OF, "--out", file], io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as never); // exceljs types an older Buffer
    // The command line sees every project: nothing is redacted.
    expect(rowsOf(wb.worksheets[0]!).map((r) => r.Ref)).toEqual(["2", "3", "4"]);
    expect(out.at(-1)).toBe(`Exported 3 actions of pilot as of ${AS_OF}.`);
    expect(await main(["export-sheet", "--project", "pilot", "--kind", "people", "--out", file], io)).toBe(2);
    expect(await main(["export-sheet", "--project", "nope", "--out", file], io)).toBe(1);
    expect(await main(["export-sheet", "--project", "pilot", "--as-of", "tomorrow", "--out", file], io)).toBe(2);
  });

  it("exports the benefits: one row per benefit and organisation with baseline, a column per target year, latest actual and RAG", async () => {
    const w = world();
    const { sdc, dbc } = write((tx) => ({
      sdc: f.createOrganisation(tx, { name: "Stowford", code: "SDC" }),
      dbc: f.createOrganisation(tx, { name: "Dunmore", code: "DBC" }),
    }));
    const actor = { userId: w.ben.user.id, personId: w.ben.person.id, label: "Ben" };
    const b = createBenefit({
      actor,
      projectId: w.pilot.id,
      input: { name: "=Council tax collected", description: "", unit: "percent", direction: "higher", frequency: "quarterly", ownerPersonId: w.ben.person.id, source: "Revenues system", tolerance: 0.1, series: [String(sdc.id), String(dbc.id)] },
    });
    const view = listBenefits({ projectId: w.pilot.id, today: AS_OF })[0]!;
    const dunmore = view.series.find((s) => s.organisation === "Dunmore")!;
    setBaseline({ actor, projectId: w.pilot.id, benefitId: b.id, input: { seriesId: dunmore.id, baselineValue: 96.5, baselineDate: "2024-03-31", baselineLabel: "2023/24" } });
    setTarget({ actor, projectId: w.pilot.id, benefitId: b.id, input: { seriesId: dunmore.id, period: "2025/26", value: 97.7 } });
    setTarget({ actor, projectId: w.pilot.id, benefitId: b.id, input: { seriesId: dunmore.id, period: "2024/25", value: 97 } });
    recordActual({ actor, projectId: w.pilot.id, benefitId: b.id, input: { seriesId: dunmore.id, measuredOn: "2026-02-28", value: 97.1, comment: "", correctsId: null } });

    const res = await call(benefitsXlsx.loader as never, await requestAs(w.ben.user.id, `/projects/pilot/benefits.xlsx?asOf=${AS_OF}`), { slug: "pilot" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="pilot-benefits-${AS_OF}.xlsx"`);
    const ws = await xlsxOf(res);
    expect(ws.name).toBe("Benefits");
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    // Target years in time order, whatever order they were entered in.
    expect(header.filter((h) => String(h).startsWith("Target"))).toEqual(["Target 2024/25", "Target 2025/26"]);
    const rows = rowsOf(ws);
    expect(rows.map((r) => r.Organisation)).toEqual(["Dunmore", "Stowford"]);
    const [d, st] = rows;
    expect(d).toMatchObject({
      Benefit: "'=Council tax collected",
      Unit: "%",
      Direction: "Higher is better",
      Owner: "Ben Turner",
      Measured: "Quarterly",
      Tolerance: 0.1,
      Baseline: 96.5,
      "Baseline period": "2023/24",
      "Target 2024/25": 97,
      "Target 2025/26": 97.7,
      "Latest actual": 97.1,
      RAG: "Red",
    });
    expect((d!["Baseline date"] as Date).toISOString().slice(0, 10)).toBe("2024-03-31");
    expect((d!["Latest actual date"] as Date).toISOString().slice(0, 10)).toBe("2026-02-28");
    expect(d!.Flags).toContain("Off target: Dunmore 97.1% against 97.7% (2025/26)");
    expect(st).toMatchObject({ Baseline: null, "Target 2025/26": null, "Latest actual": null, RAG: "No actual yet" });

    const csv = await call(benefitsCsv.loader as never, await requestAs(w.ben.user.id, "/projects/pilot/benefits.csv"), { slug: "pilot" });
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(await csv.arrayBuffer()), { header: true, skipEmptyLines: true });
    expect(parsed.data[0]).toMatchObject({ Organisation: "Dunmore", "Baseline date": "2024-03-31", "Target 2025/26": "97.7", "Latest actual": "97.1" });
    const refused = await call(benefitsXlsx.loader as never, await requestAs(w.outsider.user.id, "/projects/pilot/benefits.xlsx"), { slug: "pilot" });
    expect(refused.status).toBe(404);
  });

  it("exports a programme's own risk register to its readers, with the page's filters; others get 404", async () => {
    const w = world();
    const { programme, reader } = write((tx) => {
      const programme = f.createProgramme(tx, { slug: "revs", name: "Revs" });
      const reader = f.createUser(tx, { name: "Cllr Reader" });
      f.addProgrammeRole(tx, programme.id, reader.person.id, "reader");
      return { programme, reader };
    });
    const actor = { userId: null, personId: null, label: "test" };
    const base = {
      category: "Finance", kind: "threat" as const, cause: "", event: "", effect: "", ownerPersonId: null, actioneePersonId: null,
      inherentLikelihood: 3, inherentImpact: 3, residualLikelihood: 3, residualImpact: 3, proximityDate: null, proximityText: "",
      response: "reduce", strategy: "", actionsOutstanding: "", nextReviewDate: null,
    };
    createRisk({ actor, scope: { programmeId: programme.id }, input: { ...base, ref: "P1", title: "Savings fall short – £500,000 a year" }, today: AS_OF });
    createRisk({ actor, scope: { programmeId: programme.id }, input: { ...base, ref: "P2", title: "Low one", residualLikelihood: 1, residualImpact: 1 }, today: AS_OF });
    const res = await call(programmeRisksXlsx.loader as never, await requestAs(reader.user.id, `/programmes/revs/risks.xlsx?asOf=${AS_OF}`), { slug: "revs" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="revs-programme-risks-${AS_OF}.xlsx"`);
    const rows = rowsOf(await xlsxOf(res));
    expect(rows.map((r) => r.Ref)).toEqual(["P1", "P2"]);
    expect(rows[0]).toMatchObject({ Risk: "Savings fall short – £500,000 a year", Severity: 9 });
    const csv = await call(programmeRisksCsv.loader as never, await requestAs(reader.user.id, "/programmes/revs/risks.csv?band=low"), { slug: "revs" });
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(await csv.arrayBuffer()), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => r.Ref)).toEqual(["P2"]);
    // Ben reads the pilot project, not the programme (the pilot is not in it): not found.
    expect((await call(programmeRisksXlsx.loader as never, await requestAs(w.ben.user.id, "/programmes/revs/risks.xlsx"), { slug: "revs" })).status).toBe(404);
  });
});
