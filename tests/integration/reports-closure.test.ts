// Issue 14, second part: the end project report, the timeline frozen in a report, a programme's
// public index of its published reports, and "cancelled in the period" dated by the cancellation.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "#db/schema";
import { getDb, write } from "~/db.server";
import { addDays, todayInLondon } from "~/modules/action/rules";
import { cancelAction } from "~/modules/action/service.server";
import { viewerFor } from "~/modules/auth/access.server";
import { createBenefit, recordActual } from "~/modules/benefit/service.server";
import type { CommitteeContent, EndContent, HighlightContent } from "~/modules/report/content";
import { overdueReports, setCycle } from "~/modules/report/cycle.server";
import { renderReport } from "~/modules/report/downloads.server";
import { hashReportToken } from "~/modules/report/links.server";
import { createReport, draftContent, publishReport, readSnapshot, startCorrection, updateDraft } from "~/modules/report/service.server";
import { readEdits } from "~/modules/report/edits";
import { createRisk } from "~/modules/risk/service.server";
import { REPORT_LINKS } from "~/modules/throttle/policy";
import { action as programmeListAction, loader as programmeListLoader } from "~/routes/programmes.$slug.reports._index";
import { action as newReportRoute, loader as newReportLoader } from "~/routes/projects.$slug.reports.new";
import { loader as projectListLoader } from "~/routes/projects.$slug.reports._index";
import { loader as indexLoader } from "~/routes/published.programmes.$token._index";
import { loader as indexReportLoader } from "~/routes/published.programmes.$token.$reportId";
import { loader as indexPdfLoader } from "~/routes/published.programmes.$token.$reportId[.]pdf";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

const today = todayInLondon();
const period = { from: addDays(today, -30), to: today };

function build() {
  return write((tx) => {
    const programme = f.createProgramme(tx, { name: "Shared services" });
    const other = f.createProgramme(tx, { name: "Another programme" });
    const project = f.createProject(tx, { programmeId: programme.id, name: "Home working", startDate: addDays(today, -200), endDate: addDays(today, -5), timeToleranceDays: 30, purpose: "Test whether benefits staff working from home are 15% more productive." });
    const manager = f.createUser(tx, { name: "Mo Manager" });
    const reader = f.createUser(tx, { name: "Cllr Reader" });
    const owner = f.createPerson(tx, { name: "Olu Owner" });
    f.addRole(tx, project.id, manager.person.id, "manager");
    f.addRole(tx, project.id, reader.person.id, "reader");
    f.addProgrammeRole(tx, programme.id, manager.person.id, "manager");
    const wp = f.createWorkPackage(tx, project.id, { ref: "WP1", name: "Technology" });
    const stage = f.createStage(tx, wp.id, { name: "Pilot <laptops>" });
    const tba = f.createStage(tx, wp.id, { name: "Measure success" });
    const onTime = f.createAction(tx, project.id, { ref: "1.1", title: "Survey staff", workPackageId: wp.id, stageId: stage.id, status: "done", plannedStart: addDays(today, -60), dueDate: addDays(today, -20), baselineDueDate: addDays(today, -20), completedDate: addDays(today, -21) });
    const late = f.createAction(tx, project.id, { ref: "1.2", title: "Buy laptops", workPackageId: wp.id, stageId: stage.id, status: "done", dueDate: addDays(today, -10), baselineDueDate: addDays(today, -40), completedDate: addDays(today, -9) });
    const open = f.createAction(tx, project.id, { ref: "1.3", title: "Review the home-working policy", workPackageId: wp.id, stageId: stage.id, dueDate: addDays(today, -3), ownerPersonIds: [owner.id] });
    const toCancel = f.createAction(tx, project.id, { ref: "1.4", title: "Hot-desk trial", workPackageId: wp.id, dueDate: addDays(today, 20) });
    f.createMilestone(tx, project.id, { name: "Pilot starts", targetDate: addDays(today, -30), baselineDate: addDays(today, -45), achievedDate: addDays(today, -28) });
    return { programme, other, project, manager, reader, owner, wp, stage, tba, onTime, late, open, toCancel };
  });
}
type World = ReturnType<typeof build>;
const actor = (w: World) => ({ userId: w.manager.user.id, personId: w.manager.person.id, label: "Mo Manager" });
const viewer = (w: World) => viewerFor({ personId: w.manager.person.id, isAdmin: false });

/** The PDF's text with runs of white space as one space (table cells wrap). */
function pdfText(pdf: Buffer) {
  return execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString().replace(/\s+/g, " ");
}
function docxParts(docx: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-docx-"));
  const file = path.join(dir, "r.docx");
  fs.writeFileSync(file, docx);
  const xml = execFileSync("unzip", ["-p", file, "word/document.xml"]).toString();
  const names = execFileSync("unzip", ["-Z1", file]).toString();
  fs.rmSync(dir, { recursive: true, force: true });
  return { xml, names };
}

describe("end project report", () => {
  it("is offered when the project closes, and drafts delivery against the baselines, benefits with owner and review date, and what is handed over", async () => {
    const w = build();
    const risk = createRisk({
      actor: actor(w),
      scope: { projectId: w.project.id },
      today,
      input: { ref: "R1", title: "Staff feel isolated", category: "", kind: "threat", cause: "", event: "", effect: "", ownerPersonId: w.owner.id, actioneePersonId: null, inherentLikelihood: 2, inherentImpact: 3, residualLikelihood: null, residualImpact: null, proximityDate: null, proximityText: "", response: "reduce", strategy: "Team days every fortnight", actionsOutstanding: "", nextReviewDate: null },
    });
    const benefit = createBenefit({ actor: actor(w), projectId: w.project.id, input: { name: "Claims processed per day", description: "", unit: "count", direction: "higher", frequency: "quarterly", ownerPersonId: w.owner.id, source: "", tolerance: 0, series: [] } });
    const seriesId = getDb().select().from(schema.benefitSeries).where(eq(schema.benefitSeries.benefitId, benefit.id)).get()!.id;
    recordActual({ actor: actor(w), projectId: w.project.id, benefitId: benefit.id, input: { seriesId, measuredOn: addDays(today, -10), value: 42, comment: "", correctsId: null } });

    const list = async () => (await (await call(projectListLoader, await requestAs(w.manager.user.id, `/projects/${w.project.slug}/reports`), { slug: w.project.slug })).json()) as { offerEnd: boolean };
    expect((await list()).offerEnd).toBe(false);
    write((tx) => tx.update(schema.projects).set({ status: "closed" }).where(eq(schema.projects.id, w.project.id)).run());
    expect((await list()).offerEnd).toBe(true);

    // The new-report page, asked for an end project report, covers the whole project.
    const defaults = (await (await call(newReportLoader, await requestAs(w.manager.user.id, `/projects/${w.project.slug}/reports/new?kind=end`), { slug: w.project.slug })).json()) as { kind: string; period: { from: string; to: string }; title: string };
    expect(defaults).toMatchObject({ kind: "end", period: { from: addDays(today, -200), to: today }, title: "Home working: end project report" });
    const made = await call(newReportRoute, await requestAs(w.manager.user.id, `/projects/${w.project.slug}/reports/new`, { form: { kind: "end", title: defaults.title, from: defaults.period.from, to: defaults.period.to } }), { slug: w.project.slug });
    expect(made.status).toBe(302);
    const report = getDb().select().from(schema.reports).where(eq(schema.reports.kind, "end")).get()!;
    expect(report.projectId).toBe(w.project.id);
    // A programme report kind is refused under a project, with the input kept.
    const wrong = await call(newReportRoute, await requestAs(w.manager.user.id, `/projects/${w.project.slug}/reports/new`, { form: { kind: "committee", title: "x", from: period.from, to: period.to } }), { slug: w.project.slug });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: Record<string, string> }).errors.kind).toBe("Choose a highlight report or an end project report");
    expect((await list()).offerEnd).toBe(false);

    updateDraft({ actor: actor(w), scope: { projectId: w.project.id }, reportId: report.id, revision: 1, title: report.title, period: { from: report.periodFrom, to: report.periodTo }, edits: { ...readEdits("{}"), narrative: { objectives: "Productivity rose 17% against the 15% target.", lessons: "Start the technology work earlier." } } });
    const content = draftContent({ report: getDb().select().from(schema.reports).where(eq(schema.reports.id, report.id)).get()!, viewer: viewer(w), asOf: today }) as EndContent;
    expect(content.kind).toBe("end");
    expect(content.project.purpose).toContain("15% more productive");
    expect(content.delivery).toMatchObject({ total: 4, done: 2, cancelled: 0, open: 2, doneOnTime: 1, doneLate: 1, toleranceDays: 30 });
    expect(content.milestones.map((m) => [m.name, m.baseline, m.achieved])).toEqual([["Pilot starts", addDays(today, -45), addDays(today, -28)]]);
    expect(content.handover.actions.map((a) => [a.ref, a.owners])).toEqual([
      ["1.3", "Olu Owner"],
      ["1.4", ""],
    ]);
    expect(content.handover.actions[0].flags.join(" ")).toMatch(/Overdue by 3 days/);
    expect(content.handover.risks.map((r) => [r.ref, r.owner])).toEqual([["R1", "Olu Owner"]]);
    expect(content.benefits).toEqual([expect.objectContaining({ name: "Claims processed per day", owner: "Olu Owner", nextReview: addDays(addDays(today, -10), 92) })]);
    expect(risk.ref).toBe("R1");

    publishReport({ actor: actor(w), scope: { projectId: w.project.id }, reportId: report.id, viewer: viewer(w), asOf: today });
    const frozen = readSnapshot(report.id)!;
    // Live data changes; the published end report does not.
    write((tx) => tx.update(schema.actions).set({ status: "done", completedDate: today }).where(eq(schema.actions.id, w.open.id)).run());
    expect(readSnapshot(report.id)!.text).toBe(frozen.text);

    const pdf = pdfText(await renderReport(frozen.content, "pdf"));
    for (const words of ["Achievements against the objectives", "Productivity rose 17%", "Performance against the plan", "Follow-on actions", "1.3 Review the", "Hot-desk trial", "Olu Owner", "Lessons learned", "Start the technology work earlier"]) expect(pdf).toContain(words);
    const { xml } = docxParts(await renderReport(frozen.content, "docx"));
    expect(xml).toContain("Open risks handed over");
    expect(xml).toContain("Staff feel isolated");
  });
});

describe("reporting cycles", () => {
  it("stop flagging a report overdue once the project is closed", () => {
    const w = build();
    setCycle({ actor: actor(w), projectId: w.project.id, frequency: "monthly", dueDay: 5, startDate: "2020-01-01" });
    expect(overdueReports({ projectIds: [w.project.id], today: "2026-07-06" })).toHaveLength(1);
    write((tx) => tx.update(schema.projects).set({ status: "closed" }).where(eq(schema.projects.id, w.project.id)).run());
    expect(overdueReports({ projectIds: [w.project.id], today: "2026-07-06" })).toEqual([]);
  });
});

describe("timeline in a report", () => {
  it("is drawn from the stages and milestones, frozen with the snapshot, with a table equivalent, and goes into the PDF and Word files", async () => {
    const w = build();
    const report = createReport({ actor: actor(w), scope: { projectId: w.project.id }, kind: "highlight", title: "Highlight report", period });
    publishReport({ actor: actor(w), scope: { projectId: w.project.id }, reportId: report.id, viewer: viewer(w), asOf: today });
    const frozen = readSnapshot(report.id)!;
    const timeline = (frozen.content as HighlightContent).timeline!;
    expect(timeline.svg.startsWith("<svg")).toBe(true);
    // Every name is escaped in the drawing, and no link leads into the app.
    expect(timeline.svg).toContain("Pilot &lt;laptops&gt;");
    expect(timeline.svg).not.toContain("<laptops>");
    expect(timeline.svg).not.toContain("href");
    expect(timeline.rows).toEqual([
      { item: "WP1 Technology, Pilot <laptops>", kind: "stage", dates: expect.any(String), status: "2 of 3 actions done, 1 flagged" },
      { item: "WP1 Technology, Measure success", kind: "stage", dates: "Dates to be confirmed", status: "No actions" },
      { item: "WP1 Technology, Other actions", kind: "stage", dates: expect.any(String), status: "0 of 1 action done, 1 flagged" },
      { item: "Milestone: Pilot starts", kind: "milestone", dates: expect.any(String), status: "Achieved" },
    ]);

    // A stage moves in the live plan: the next draft's picture changes, the published one never.
    write((tx) => tx.update(schema.actions).set({ dueDate: addDays(today, 90) }).where(eq(schema.actions.id, w.open.id)).run());
    const next = draftContent({ report: { ...getDb().select().from(schema.reports).where(eq(schema.reports.id, report.id)).get()!, status: "draft" }, viewer: viewer(w), asOf: today }) as HighlightContent;
    expect(next.timeline!.svg).not.toBe(timeline.svg);
    expect(readSnapshot(report.id)!.text).toBe(frozen.text);

    const pdf = pdfText(await renderReport(frozen.content, "pdf"));
    expect(pdf).toContain("Timeline as a table");
    expect(pdf).toContain("Stages and milestones as of"); // the drawing's own text, drawn as vectors
    const { xml, names } = docxParts(await renderReport(frozen.content, "docx"));
    expect(names).toMatch(/word\/media\/.+\.png/);
    expect(xml).toContain("Timeline of the stages and milestones");
  });

  it("a committee report carries the programme's timeline, one group per project", () => {
    const w = build();
    write((tx) => {
      const second = f.createProject(tx, { programmeId: w.programme.id, name: "Partnership" });
      const wp = f.createWorkPackage(tx, second.id, { ref: "WP9", name: "Shared platform" });
      f.createAction(tx, second.id, { ref: "9.1", title: "Choose a platform", workPackageId: wp.id, stageId: f.createStage(tx, wp.id, { name: "Platform development" }).id, dueDate: addDays(today, 40) });
    });
    const report = createReport({ actor: actor(w), scope: { programmeId: w.programme.id }, kind: "committee", title: "Committee progress report", period });
    const content = draftContent({ report, viewer: viewer(w), asOf: today }) as CommitteeContent;
    expect(content.timeline!.rows.map((r) => r.item)).toEqual(expect.arrayContaining(["Home working: WP1 Technology, Pilot <laptops>", "Partnership: WP9 Shared platform, Platform development"]));
    expect(content.timeline!.svg).toContain(">Partnership</text>");
  });
});

describe("a programme's public index of published reports", () => {
  it("lists the current version of each published programme report, newest first, opens each frozen, stores only a hash, and stops when turned off", async () => {
    const w = build();
    const scope = { programmeId: w.programme.id };
    const older = createReport({ actor: actor(w), scope, kind: "programme", title: "Programme report, spring", period: { from: addDays(today, -90), to: addDays(today, -60) } });
    publishReport({ actor: actor(w), scope, reportId: older.id, viewer: viewer(w), asOf: today });
    const committee = createReport({ actor: actor(w), scope, kind: "committee", title: "Scrutiny committee report", period });
    publishReport({ actor: actor(w), scope, reportId: committee.id, viewer: viewer(w), asOf: today });
    const correction = startCorrection({ actor: actor(w), scope, reportId: older.id });
    updateDraft({ actor: actor(w), scope, reportId: correction.id, revision: 1, title: "Programme report, spring (corrected)", period: { from: addDays(today, -90), to: addDays(today, -60) }, edits: readEdits("{}"), changeNote: "A date was wrong" });
    publishReport({ actor: actor(w), scope, reportId: correction.id, viewer: viewer(w), asOf: today });
    createReport({ actor: actor(w), scope, kind: "programme", title: "A draft nobody may see", period });
    const projectReport = createReport({ actor: actor(w), scope: { projectId: w.project.id }, kind: "highlight", title: "Project highlight", period });
    publishReport({ actor: actor(w), scope: { projectId: w.project.id }, reportId: projectReport.id, viewer: viewer(w), asOf: today });
    const elsewhere = createReport({ actor: actor(w), scope: { programmeId: w.other.id }, kind: "programme", title: "Another programme's report", period });
    publishReport({ actor: actor(w), scope: { programmeId: w.other.id }, reportId: elsewhere.id, viewer: viewer(w), asOf: today });

    const base = `/programmes/${w.programme.slug}/reports`;
    const params = { slug: w.programme.slug };
    // Only the programme's managers make links.
    const refused = await call(programmeListAction, await requestAs(w.reader.user.id, base, { form: { intent: "index-create" } }), params);
    expect([403, 404]).toContain(refused.status);
    const made = await call(programmeListAction, await requestAs(w.manager.user.id, base, { form: { intent: "index-create" } }), params);
    expect(made.status).toBe(302);
    const token = new URL(made.headers.get("Location")!, "http://x").searchParams.get("index")!;
    expect(Buffer.from(token, "base64url").length).toBe(32);
    const link = getDb().select().from(schema.reportIndexLinks).get()!;
    expect(link.tokenHash).toBe(hashReportToken(token));
    expect(JSON.stringify(link)).not.toContain(token);
    const listed = (await (await call(programmeListLoader, await requestAs(w.manager.user.id, `${base}?index=${token}`), params)).json()) as { newIndexLink: string; indexLinks: unknown[] };
    expect(listed.newIndexLink).toBe(token);
    expect(listed.indexLinks).toHaveLength(1);

    const page = await call(indexLoader, await requestAs(null, `/published/programmes/${token}`), { token });
    expect(page.status).toBe(200);
    expect(page.headers.get("X-Robots-Tag")).toContain("noindex");
    const index = (await page.json()) as { programme: string; reports: Array<{ id: number; title: string; version: number }> };
    expect(index.programme).toBe("Shared services");
    expect(index.reports.map((r) => [r.title, r.version])).toEqual([
      ["Scrutiny committee report", 1],
      ["Programme report, spring (corrected)", 2],
    ]);

    const open = async (id: number) => call(indexReportLoader, await requestAs(null, `/published/programmes/${token}/${id}`), { token, reportId: String(id) });
    const shown = await open(committee.id);
    expect(shown.status).toBe(200);
    expect(((await shown.json()) as { hash: string }).hash).toBe(readSnapshot(committee.id)!.hash);
    const pdf = await call(indexPdfLoader, await requestAs(null, `/published/programmes/${token}/${committee.id}.pdf`), { token, reportId: String(committee.id) });
    expect(pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain("Scrutiny committee report");
    // Not listed, not opened: a superseded version, another programme's report, a project's report.
    for (const id of [older.id, elsewhere.id, projectReport.id, 999999]) expect((await open(id)).status).toBe(404);

    // Links that do not work are throttled per address like report links; a working one never is,
    // and a report the working link does not list is a plain 404 that is not counted.
    const from = { headers: { "X-Waymark-Client-Ip": "203.0.113.7" } };
    const bad = "y".repeat(43);
    const guess = async () => call(indexLoader, await requestAs(null, `/published/programmes/${bad}`, from), { token: bad });
    for (let i = 0; i < 3; i++) expect((await call(indexReportLoader, await requestAs(null, `/published/programmes/${token}/${older.id}`, from), { token, reportId: String(older.id) })).status).toBe(404);
    for (let i = 0; i < REPORT_LINKS.address.limit; i++) expect((await guess()).status).toBe(404);
    expect((await guess()).status).toBe(429);
    expect((await call(indexLoader, await requestAs(null, `/published/programmes/${token}`, from), { token })).status).toBe(200);
    expect((await call(indexPdfLoader, await requestAs(null, `/published/programmes/${bad}/${committee.id}.pdf`, from), { token: bad, reportId: String(committee.id) })).status).toBe(429);

    const revoke = await call(programmeListAction, await requestAs(w.manager.user.id, base, { form: { intent: "index-revoke", linkId: String(link.id) } }), params);
    expect(revoke.status).toBe(302);
    expect((await call(indexLoader, await requestAs(null, `/published/programmes/${token}`), { token })).status).toBe(404);
    expect((await open(committee.id)).status).toBe(404);
    const events = getDb().select({ event: schema.auditEvents.event }).from(schema.auditEvents).all().map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(["report_index_link.create", "report_index_link.revoke"]));
  });
});

describe("cancelled in the period", () => {
  it("dates a cancellation by the progress note that cancelled it, not by the action's last change", () => {
    const w = build();
    cancelAction({ actor: actor(w), projectId: w.project.id, actionId: w.toCancel.id, version: 1, reason: "Not needed", today: addDays(today, -40) });
    const report = (p: { from: string; to: string }) => draftContent({ report: { ...createReport({ actor: actor(w), scope: { projectId: w.project.id }, kind: "highlight", title: "r", period: p }) }, viewer: viewer(w), asOf: today }) as HighlightContent;
    // Changed today, but cancelled 40 days ago: in the earlier period, not in this one.
    expect(report(period).tolerances.cancelled).toEqual([]);
    expect(report({ from: addDays(today, -60), to: addDays(today, -31) }).tolerances.cancelled.map((a) => [a.ref, a.date])).toEqual([["1.4", addDays(today, -40)]]);
  });
});

describe("the committee report's downloads", () => {
  it("hold the same text as each other: every heading, paragraph, list item and table cell is in both the PDF and the Word file", async () => {
    const w = build();
    const scope = { programmeId: w.programme.id };
    const report = createReport({ actor: actor(w), scope, kind: "committee", title: "Committee progress report", period });
    updateDraft({ actor: actor(w), scope, reportId: report.id, revision: 1, title: report.title, period, edits: { ...readEdits("{}"), committee: { committee: "Performance Scrutiny Committee", meetingDate: today, agendaItem: "7", author: "Mo Manager", contact: "01799 510000", purpose: "information", summary: "Progress on the programme.", recommendations: "That the Committee notes the progress.", backgroundPapers: "Project initiation document", situation: "The pilot is running.", impact: { finance: "Within budget." } } } });
    publishReport({ actor: actor(w), scope, reportId: report.id, viewer: viewer(w), asOf: today });
    const content = readSnapshot(report.id)!.content;
    const { reportBlocks } = await import("~/modules/report/blocks");
    const texts = reportBlocks(content).flatMap((b) => (b.kind === "p" || b.kind.startsWith("h") ? [(b as { text: string }).text] : b.kind === "list" ? b.items : b.kind === "table" ? b.rows.flat() : []));
    const squash = (t: string) => t.replace(/[\s\u00ad-]+/g, "");
    const pdf = squash(pdfText(await renderReport(content, "pdf")));
    const word = squash(docxParts(await renderReport(content, "docx")).xml.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
    expect(texts.length).toBeGreaterThan(30);
    for (const t of texts) {
      expect(pdf, `PDF lacks: ${t}`).toContain(squash(t));
      expect(word, `Word lacks: ${t}`).toContain(squash(t));
    }
  });
});
