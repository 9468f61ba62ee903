import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { main } from "~/cli/main";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as s from "#db/schema";
import { getDb, write } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { todayInLondon } from "~/modules/action/rules";
import { exportRegister } from "~/modules/sheet/export.server";
import { applyImport, previewOf } from "~/modules/sheet/import.server";
import { readSpreadsheet } from "~/modules/sheet/read";
import { systemActor } from "~/modules/audit/actor";
import { systemViewer } from "~/modules/auth/access.server";
import * as importPage from "~/routes/projects.$slug.import._index";
import * as previewPage from "~/routes/projects.$slug.import.$token";
import * as f from "../../seeds/factories";
import { councilPlan, PLAN_ROWS } from "../support/council-plan";
import { APP, call, cookieFor, requestAs } from "../utils";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function world() {
  return write((tx) => {
    const project = f.createProject(tx, { slug: "benefits", name: "Benefits improvement" });
    const manager = f.createUser(tx, { name: "Pat Manager" });
    const contributor = f.createUser(tx, { name: "Cath Contributor" });
    const otherManager = f.createUser(tx, { name: "Olive Other" });
    f.addRole(tx, project.id, manager.person.id, "manager");
    f.addRole(tx, project.id, otherManager.person.id, "manager");
    f.addRole(tx, project.id, contributor.person.id, "contributor");
    const mary = f.createPerson(tx, { name: "Mary Hall", initials: "MH", email: "mary.hall@council.example" });
    const ben = f.createPerson(tx, { name: "Ben Tull", initials: "BT" });
    // Owners are people who may own the project's actions (a role on it): the form's list.
    f.addRole(tx, project.id, mary.id, "contributor");
    f.addRole(tx, project.id, ben.id, "contributor");
    const team = f.createTeam(tx, { name: "CSIP project team", projectId: project.id });
    const recs = Object.fromEntries(["R1", "R2", "R5"].map((ref) => [ref, f.createRecommendation(tx, project.id, { ref }).id]));
    return { project, manager, contributor, otherManager, mary, ben, team, recs };
  });
}

async function upload(userId: number, bytes: Buffer, { name = "plan.xlsx", type = XLSX, kind = "actions" } = {}) {
  const form = new FormData();
  form.set("kind", kind);
  form.set("file", new File([new Uint8Array(bytes)], name, { type }));
  const request = new Request(`${APP}/projects/benefits/import?index`, { method: "POST", body: form, headers: { Cookie: await cookieFor(userId), Origin: APP } });
  return call(importPage.action as never, request, { slug: "benefits" });
}

async function uploadAndPreview(userId: number, bytes: Buffer, opts?: Parameters<typeof upload>[2]) {
  const res = await upload(userId, bytes, opts);
  expect(res.status).toBe(302);
  const location = res.headers.get("Location")!;
  const token = location.split("/").pop()!;
  const page = await call(previewPage.loader as never, await requestAs(userId, location), { slug: "benefits", token });
  expect(page.status).toBe(200);
  // The page's JSON, loosely typed: the tests read what the page shows.
  return { token, location, data: (await page.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function confirm(userId: number, location: string, token: string, fingerprint: string) {
  return call(previewPage.action as never, await requestAs(userId, location, { form: { intent: "confirm", fingerprint } }), { slug: "benefits", token });
}

const actionByRef = (projectId: number, ref: string) => getDb().select().from(s.actions).where(and(eq(s.actions.projectId, projectId), eq(s.actions.ref, ref))).get()!;
const ownersOf = (actionId: number) => getDb().select().from(s.actionOwners).where(eq(s.actionOwners.actionId, actionId)).all();
const notesOf = (actionId: number) => getDb().select().from(s.progressNotes).where(eq(s.progressNotes.actionId, actionId)).orderBy(s.progressNotes.noteDate).all();
const importEvents = () => getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, "sheet.import")).all();

afterEach(() => {
  delete process.env.SHEET_IMPORT_MAX_MB;
  resetEnvCache();
});

describe("importing a council's action plan in the browser", () => {
  it("previews every row, writes nothing until confirmed, then imports actions, owners, deadlines and dated notes", async () => {
    const w = world();
    const today = todayInLondon();
    const { token, location, data } = await uploadAndPreview(w.manager.user.id, await councilPlan());
    expect(data.view.sheet).toBe("Action plan");
    expect(data.view.layout.headerRow).toBe(3);
    expect(data.view.preview.counts).toEqual({ create: 6, update: 0, unchanged: 0, error: 0 });
    expect(data.view.preview.unknownOwners).toEqual([{ name: "XY", rows: [10] }]);
    expect(data.view.preview.rows.map((r: { ref: string }) => r.ref)).toEqual(["1", "2", "3", "4", "15", "15b"]);
    expect(getDb().select().from(s.actions).all()).toHaveLength(0);

    const res = await confirm(w.manager.user.id, location, token, data.view.fingerprint);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/projects/benefits/import?kind=actions&done=6.0.0.5");

    const one = actionByRef(w.project.id, "1");
    expect(one).toMatchObject({ title: "Map the needs of local communities", expectedOutcomes: "Better take-up of benefits", deadlineText: "Framework ready April 09", dueDate: "2009-04-30", baselineDueDate: "2009-04-30", plannedStart: "2008-09-01" });
    expect(ownersOf(one.id).map((o) => o.personId).sort()).toEqual([w.mary.id, w.ben.id].sort());
    expect(notesOf(one.id).map((n) => [n.noteDate, n.body])).toEqual([
      ["2008-12-04", "Visited the older people's forum"],
      ["2009-01-12", "Met the neighbourhood managers"],
      [today, "Met the research team"],
    ]);
    expect(actionByRef(w.project.id, "2")).toMatchObject({ dueDate: "2009-01-31", deadlineText: "1st survey May 2008\n2nd survey Jan 2009" });
    const three = actionByRef(w.project.id, "3");
    expect(three).toMatchObject({ dueDate: null, deadlineText: "Ongoing" });
    expect(ownersOf(three.id).map((o) => o.teamId)).toEqual([w.team.id]);
    const four = actionByRef(w.project.id, "4");
    expect(four.dueDate).toBe("2008-11-30");
    expect(notesOf(four.id).map((n) => [n.noteDate, n.body])).toEqual([["2009-03-12", "Analysis complete\nEasements scoped"]]);
    expect(ownersOf(actionByRef(w.project.id, "15").id)).toEqual([]);
    const sub = actionByRef(w.project.id, "15b");
    expect(sub).toMatchObject({ title: "b) identify indicators of efficiency", expectedOutcomes: "Value for money", dueDate: "2008-08-31", deadlineText: "" });
    const recs = getDb().select().from(s.actionRecommendations).where(eq(s.actionRecommendations.actionId, sub.id)).all();
    expect(recs.map((r) => r.recommendationId)).toEqual([w.recs.R5]);
    // One audited import; the upload is gone and the mapping remembered.
    expect(importEvents()).toHaveLength(1);
    expect(JSON.parse(importEvents()[0]!.after!)).toMatchObject({ kind: "actions", created: ["1", "2", "3", "4", "15", "15b"], notes: 5 });
    expect(getDb().select().from(s.sheetUploads).all()).toHaveLength(0);
    expect(getDb().select().from(s.sheetMappings).all()).toHaveLength(1);
  });

  it("re-importing an edited copy applies only the edits, moves due dates with a reason, never repeats notes, deletes nothing", async () => {
    const w = world();
    const first = await uploadAndPreview(w.manager.user.id, await councilPlan());
    await confirm(w.manager.user.id, first.location, first.token, first.data.view.fingerprint);
    const edited = PLAN_ROWS.filter((r) => r.ref !== "").map((r) =>
      r.ref === 2 ? { ...r, deadline: "1st survey May 2008\n2nd survey Mar 2009" } : r.ref === 3 ? { ...r, action: "Agree and publish a vision for the programme" } : r,
    );
    const second = await uploadAndPreview(w.manager.user.id, await councilPlan(edited, { continuation: "Easements scoped\n15/04/09 – Easements live" }));
    const p = second.data.view.preview;
    expect(p.counts).toEqual({ create: 0, update: 3, unchanged: 2, error: 0 });
    expect(p.missing).toEqual([{ ref: "15b", title: "b) identify indicators of efficiency" }]);
    const two = p.rows.find((r: { ref: string }) => r.ref === "2");
    expect(two.changes.map((c: { label: string; from: string; to: string }) => [c.label, c.from, c.to])).toEqual([
      ["Deadline (as written)", "1st survey May 2008\n2nd survey Jan 2009", "1st survey May 2008\n2nd survey Mar 2009"],
      ["Due date", "2009-01-31", "2009-03-31"],
    ]);
    const res = await confirm(w.manager.user.id, second.location, second.token, p.fingerprint ?? second.data.view.fingerprint);
    expect(res.headers.get("Location")).toBe("/projects/benefits/import?kind=actions&done=0.3.2.1");
    const changesOf2 = getDb().select().from(s.dueDateChanges).all();
    expect(changesOf2.map((c) => [c.oldDueDate, c.newDueDate, c.reason])).toEqual([["2009-01-31", "2009-03-31", "changed by import"]]);
    expect(actionByRef(w.project.id, "2").baselineDueDate).toBe("2009-01-31");
    expect(actionByRef(w.project.id, "3").title).toBe("Agree and publish a vision for the programme");
    expect(notesOf(actionByRef(w.project.id, "4").id).map((n) => n.body)).toEqual(["Analysis complete\nEasements scoped", "Easements live"]);
    expect(notesOf(actionByRef(w.project.id, "1").id)).toHaveLength(3);
    expect(actionByRef(w.project.id, "15b")).toBeTruthy();

    // The same file a third time: every row unchanged, nothing to confirm.
    const third = await uploadAndPreview(w.manager.user.id, await councilPlan(edited, { continuation: "Easements scoped\n15/04/09 – Easements live" }));
    expect(third.data.view.preview.counts).toEqual({ create: 0, update: 0, unchanged: 5, error: 0 });
  });

  it("refuses a confirmation when the plan changed after the preview, and writes nothing", async () => {
    const w = world();
    const { token, location, data } = await uploadAndPreview(w.manager.user.id, await councilPlan());
    write((tx) => f.createAction(tx, w.project.id, { ref: "3", title: "Made meanwhile" }));
    const res = await confirm(w.manager.user.id, location, token, data.view.fingerprint);
    expect(res.status).toBe(400);
    expect((await res.json()).errors._form).toMatch(/changed since this preview/);
    expect(getDb().select().from(s.actions).all()).toHaveLength(1);
    expect(importEvents()).toHaveLength(0);
  });

  it("lets a manager say who an unknown owner is, and remembers it for the next import", async () => {
    const w = world();
    const { token, location } = await uploadAndPreview(w.manager.user.id, await councilPlan());
    const remap = await call(previewPage.action as never, await requestAs(w.manager.user.id, location, { form: { intent: "remap", sheet: "Action plan", headerRow: "4", "owner:XY": `p:${w.mary.id}` } }), { slug: "benefits", token });
    expect(remap.status).toBe(302);
    const page = await (await call(previewPage.loader as never, await requestAs(w.manager.user.id, location), { slug: "benefits", token })).json();
    expect(page.view.preview.unknownOwners).toEqual([]);
    await confirm(w.manager.user.id, location, token, page.view.fingerprint);
    expect(ownersOf(actionByRef(w.project.id, "15").id).map((o) => o.personId)).toEqual([w.mary.id]);
    const again = await uploadAndPreview(w.manager.user.id, await councilPlan());
    expect(again.data.view.preview.unknownOwners).toEqual([]);
  });

  it("matches owners only among the people who may own the project's actions, by name and by the manager's choice", async () => {
    const w = world();
    // Another council's officer, with no role here, whose initials are the sheet's unknown "XY".
    const stranger = write((tx) => {
      const other = f.createProject(tx, { slug: "elsewhere", name: "Elsewhere" });
      const xy = f.createPerson(tx, { name: "Xavier Young", initials: "XY", email: "xavier@other.example" });
      f.addRole(tx, other.id, xy.id, "manager");
      return xy;
    });
    const { token, location, data } = await uploadAndPreview(w.manager.user.id, await councilPlan());
    expect(data.view.preview.unknownOwners).toEqual([{ name: "XY", rows: [10] }]);
    expect(data.owners.map((o: { value: string }) => o.value)).not.toContain(`p:${stranger.id}`);
    // Choosing him by a hand-made form leaves the name unknown, and the import names nobody outside the list.
    const remap = await call(previewPage.action as never, await requestAs(w.manager.user.id, location, { form: { intent: "remap", sheet: "Action plan", headerRow: "4", "owner:XY": `p:${stranger.id}` } }), { slug: "benefits", token });
    expect(remap.status).toBe(302);
    const page = await (await call(previewPage.loader as never, await requestAs(w.manager.user.id, location), { slug: "benefits", token })).json();
    expect(page.view.preview.unknownOwners).toEqual([{ name: "XY", rows: [10] }]);
    await confirm(w.manager.user.id, location, token, page.view.fingerprint);
    expect(getDb().select().from(s.actionOwners).where(eq(s.actionOwners.personId, stranger.id)).all()).toEqual([]);
  });

  it("lets only the project's managers import, and only the uploader open an upload", async () => {
    const w = world();
    expect((await call(importPage.loader as never, await requestAs(w.contributor.user.id, "/projects/benefits/import"), { slug: "benefits" })).status).toBe(403);
    expect((await upload(w.contributor.user.id, await councilPlan())).status).toBe(403);
    const outsider = write((tx) => f.createUser(tx, { name: "Nobody" }));
    expect((await upload(outsider.user.id, await councilPlan())).status).toBe(404);
    const { token, location } = await uploadAndPreview(w.manager.user.id, await councilPlan());
    expect((await call(previewPage.loader as never, await requestAs(w.otherManager.user.id, location), { slug: "benefits", token })).status).toBe(404);
    expect((await confirm(w.otherManager.user.id, location, token, "x")).status).toBe(404);
    expect(getDb().select().from(s.actions).all()).toHaveLength(0);
  });
});

/** A real ZIP whose one entry says it holds 1 KB but inflates to 200 MB of zeros. */
function lyingBomb() {
  const data = deflateRawSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
  const name = Buffer.from("xl/workbook.xml");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1024, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1024, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

describe("bad files", () => {
  it("refuses a decompression bomb before unpacking it, keeps the choice and stores nothing", async () => {
    const w = world();
    const bomb = lyingBomb();
    const before = process.memoryUsage().rss;
    const res = await upload(w.manager.user.id, bomb, { kind: "risks" });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.file).toMatch(/ZIP bomb/);
    expect(body.values.kind).toBe("risks");
    expect(getDb().select().from(s.sheetUploads).all()).toHaveLength(0);
  });

  it("refuses a file over the size limit and a file that is not a spreadsheet, with clear messages", async () => {
    const w = world();
    process.env.SHEET_IMPORT_MAX_MB = "0.1";
    resetEnvCache();
    const big = await upload(w.manager.user.id, Buffer.alloc(200 * 1024, 65), { name: "big.csv", type: "text/csv" });
    expect(big.status).toBe(400);
    expect((await big.json()).errors.file).toBe("The file is larger than 0.1 MB, the most Waymark imports");
    const pdf = await upload(w.manager.user.id, Buffer.from("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj"), { name: "plan.xlsx" });
    expect(pdf.status).toBe(400);
    expect((await pdf.json()).errors.file).toMatch(/This is a PDF.*Excel workbook \(\.xlsx\) or a CSV/);
    const image = await upload(w.manager.user.id, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), { name: "plan.csv" });
    expect((await image.json()).errors.file).toMatch(/not a spreadsheet/);
    expect(getDb().select().from(s.sheetUploads).all()).toHaveLength(0);
  });

  it("reads Windows-1252 CSVs with semicolons and UTF-8 CSVs with a byte-order mark", async () => {
    const w = world();
    const header = "Ref;Action;Deadline;Officer lead\r\n";
    const latin = Buffer.concat([Buffer.from(header), Buffer.from([0x31, 0x3b]), Buffer.from("Review caf", "latin1"), Buffer.from([0xe9, 0x20, 0x96, 0x20]), Buffer.from("phase 2;29/09/08;MH\r\n", "latin1")]);
    const a = await uploadAndPreview(w.manager.user.id, latin, { name: "plan.csv", type: "text/csv" });
    expect(a.data.view.preview.rows[0]).toMatchObject({ ref: "1", title: "Review café – phase 2", outcome: "create" });
    const bom = Buffer.from("\uFEFFRef,Action,Deadline\r\n2,Naïve “quotes” – fine,end of Nov 08\r\n", "utf8");
    const b = await uploadAndPreview(w.manager.user.id, bom, { name: "plan.csv", type: "text/csv" });
    expect(b.data.view.layout.mapping).toEqual(["ref", "title", "deadlineText"]);
    expect(b.data.view.preview.rows[0]).toMatchObject({ ref: "2", title: "Naïve “quotes” – fine" });
  });

  it("shows each problem with its sheet, row, column and reason, and will not import until they are fixed", async () => {
    const w = world();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Plan");
    ws.addRow(["Ref", "Action", "Due date", "Status", "Recommendation", "% complete"]);
    ws.addRow(["1", "Fine", new Date(Date.UTC(2027, 0, 8)), "In progress", "R1", 0.5]);
    ws.getCell("F2").numFmt = "0%";
    ws.addRow(["2", "Bad", "next Tuesday-ish", "Sort of", "R9", "lots"]);
    ws.addRow(["3", "Broken formula", { formula: "1/0", result: { error: "#DIV/0!" } }, "", "", ""]);
    ws.addRow(["1", "Duplicate", null, "", "", ""]);
    const { token, location, data } = await uploadAndPreview(w.manager.user.id, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const p = data.view.preview;
    expect(p.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 3 });
    expect(p.rows[0].changes.find((c: { field: string }) => c.field === "percentComplete").to).toBe("50%");
    const errors = p.rows.flatMap((r: { errors: unknown[] }) => r.errors);
    expect(errors).toEqual([
      { sheet: "Plan", row: 3, column: "C", message: "“next Tuesday-ish” is not a date Waymark can read (write it like 27/03/2026)" },
      expect.objectContaining({ row: 3, column: "D", message: expect.stringMatching(/“Sort of” is not a status/) }),
      { sheet: "Plan", row: 3, column: "E", message: "There is no recommendation R9 in this project" },
      { sheet: "Plan", row: 3, column: "F", message: "“lots” is not a percentage" },
      { sheet: "Plan", row: 4, column: "C", message: "This cell could not be read: the formula gives the error #DIV/0!" },
      { sheet: "Plan", row: 5, column: "A", message: "The reference 1 is also on row 2" },
    ]);
    const res = await confirm(w.manager.user.id, location, token, data.view.fingerprint);
    expect(res.status).toBe(400);
    expect(getDb().select().from(s.actions).all()).toHaveLength(0);
  });
});

describe("round trips and the command line", () => {
  it("an exported action plan re-imports with every row unchanged (XLSX and CSV)", async () => {
    const w = world();
    write((tx) => {
      const wp = f.createWorkPackage(tx, w.project.id, { ref: "WP1", name: "Customer insight" });
      const stage = f.createStage(tx, wp.id, { name: "Baseline" });
      const a = f.createAction(tx, w.project.id, { ref: "1", title: "-2 weeks buffer", workPackageId: wp.id, stageId: stage.id, dueDate: "2026-03-27", deadlineText: "end of March", plannedStart: "2026-01-05", ownerPersonIds: [w.mary.id, w.ben.id], ownerTeamIds: [w.team.id], recommendationIds: [w.recs.R1, w.recs.R2], status: "in_progress", percentComplete: 40 });
      f.addProgressNote(tx, a.id, { noteDate: "2026-02-01", body: "Older note" });
      f.addProgressNote(tx, a.id, { noteDate: "2026-03-01", body: "Latest note\nwith two lines" });
      f.createAction(tx, w.project.id, { ref: "2", title: "=SUM(A1)", status: "done", completedDate: "2026-01-10", percentComplete: 100 });
      f.createAction(tx, w.project.id, { ref: "3", title: "Blocked one", status: "blocked", blockedReason: "Waiting for money" });
    });
    for (const format of ["xlsx", "csv"] as const) {
      const { body } = await exportRegister({ kind: "actions", format, project: w.project, search: new URLSearchParams(), canSee: () => true, viewer: systemViewer() });
      const read = await readSpreadsheet(body, `plan.${format}`);
      if (!read.ok) throw new Error(read.reason);
      const view = previewOf(read.sheets, { kind: "actions", projectId: w.project.id, choice: {}, today: "2026-03-20" });
      expect(view.missing).toEqual([]);
      expect(view.preview!.rows.map((r) => [r.ref, r.outcome, r.changes, r.errors])).toEqual([
        ["1", "unchanged", [], []],
        ["2", "unchanged", [], []],
        ["3", "unchanged", [], []],
      ]);
    }
  });

  it("imports a risk register laid out as the reference one, reporting severities that disagree with likelihood x impact", async () => {
    const w = world();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Risks");
    ws.addRow(["13.1 Risk Register"]);
    ws.addRow(["No.", "Risk (description)", "L", "I", "Sev", "Strategy", "Action outstanding", "Date Closed"]);
    ws.addRow([1, "No shared vision of the partnership", 2, 2, 4, "Senior managers lead the change", "Write a communications plan", "open"]);
    ws.addRow([2, "Savings are over-promised", 1, 2, 3, "Finance officers checked the figures", "", "open"]);
    ws.addRow(["No.", "Risk (description)", "L", "I", "Sev", "Strategy", "Action outstanding", "Date Closed"]);
    ws.addRow([3, "Systems are hard to join up", 2, 3, 6, "ICT managers agreed a way forward", "", new Date(Date.UTC(2010, 4, 28))]);
    ws.addRow([4, "Benefit reform could change the service", "", "", "", "Keep governance under review", "", "open"]);
    const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const { token, location, data } = await uploadAndPreview(w.manager.user.id, bytes, { kind: "risks" });
    const p = data.view.preview;
    expect(p.counts).toEqual({ create: 4, update: 0, unchanged: 0, error: 0 });
    expect(p.rows.flatMap((r: { warnings: string[] }) => r.warnings)).toEqual(["Row 4: the severity given is 3, but likelihood 1 × impact 2 is 2; Waymark will show 2"]);
    expect((await confirm(w.manager.user.id, location, token, data.view.fingerprint)).status).toBe(302);
    const risks = getDb().select().from(s.risks).orderBy(s.risks.id).all();
    expect(risks.map((r) => [r.ref, r.inherentLikelihood, r.inherentImpact, r.status, r.dateClosed])).toEqual([
      ["1", 2, 2, "open", null],
      ["2", 1, 2, "open", null],
      ["3", 2, 3, "closed", "2010-05-28"],
      ["4", null, null, "open", null],
    ]);
    expect(getDb().select().from(s.riskScoreChanges).all().every((c) => c.reason === "imported")).toBe(true);
    // Exported and imported again: unchanged.
    const { body } = await exportRegister({ kind: "risks", format: "xlsx", project: w.project, search: new URLSearchParams({ status: "all" }), canSee: () => true, viewer: systemViewer(), today: "2026-03-20" });
    const read = await readSpreadsheet(body, "risks.xlsx");
    if (!read.ok) throw new Error(read.reason);
    const again = previewOf(read.sheets, { kind: "risks", projectId: w.project.id, choice: {}, today: "2026-03-20" });
    expect(again.preview!.rows.filter((r) => r.outcome !== "unchanged").map((r) => [r.ref, r.changes, r.errors])).toEqual([]);
    expect(again.preview!.counts).toEqual({ create: 0, update: 0, unchanged: 4, error: 0 });
  });

  it("applyImport is all or nothing: a failure inside the transaction leaves the plan as it was", async () => {
    const w = world();
    const read = await readSpreadsheet(await councilPlan(), "plan.xlsx");
    if (!read.ok) throw new Error(read.reason);
    expect(() =>
      applyImport({ actor: systemActor("test"), sheets: read.sheets, kind: "actions", projectId: w.project.id, choice: {}, fingerprint: "not the preview's", fileName: "plan.xlsx" }),
    ).toThrow(/changed since this preview/);
    expect(getDb().select().from(s.actions).all()).toHaveLength(0);
  });

  it("waymark import-sheet previews with --dry-run, writing nothing, then imports", async () => {
    const w = world();
    const file = join(mkdtempSync(join(tmpdir(), "waymark-import-")), "plan.xlsx");
    writeFileSync(file, await councilPlan());
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await main(["import-sheet", file, "--project", "benefits", "--kind", "actions", "--dry-run"], io)).toBe(0);
    expect(out[0]).toBe('Sheet "Action plan": 6 to create, 0 to update, 0 unchanged, 0 with problems.');
    expect(out.join("\n")).toContain('Unknown owner "XY" (rows 10)');
    expect(out.at(-1)).toBe("Dry run: nothing was written.");
    expect(getDb().select().from(s.actions).all()).toHaveLength(0);
    out.length = 0;
    expect(await main(["import-sheet", file, "--project", "benefits"], io)).toBe(0);
    expect(out.at(-1)).toBe("Imported: 6 created, 0 updated, 0 unchanged, 5 progress notes added.");
    expect(getDb().select().from(s.actions).where(eq(s.actions.projectId, w.project.id)).all()).toHaveLength(6);
    out.length = 0;
    expect(await main(["import-sheet", file, "--project", "nope"], io)).toBe(1);
    expect(await main(["import-sheet", file, "--project", "benefits", "--kind", "milestones"], io)).toBe(2);
  });
});
