import { eq } from "drizzle-orm";
import * as s from "#db/schema";
import { getDb, getSqlite, write } from "~/db.server";
import { systemActor } from "~/modules/audit/actor";
import { verifyAuditChain } from "~/modules/audit/service.server";
import { systemViewer, viewerFor } from "~/modules/auth/access.server";
import { approveVersion, loadBusinessCase, recordSpend, saveDraft, startNewVersion } from "~/modules/benefit/business-case.server";
import { createBenefit, getBenefit, importActuals, listBenefits, recordActual } from "~/modules/benefit/service.server";
import { benefitsSummary, businessCaseStatus } from "~/modules/benefit/summary.server";
import { UserInputError } from "~/utils/errors";
import * as benefitRoute from "~/routes/projects.$slug.benefits.$benefitId";
import * as editRoute from "~/routes/projects.$slug.benefits.$benefitId_.edit";
import * as caseRoute from "~/routes/projects.$slug.business-case._index";
import * as overviewRoute from "~/routes/projects.$slug._index";
import * as flaggedRoute from "~/routes/programmes.$slug.flagged";
import { seedDemo } from "../../seeds/demo";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

const TODAY = "2026-12-01";
const actor = systemActor("test");

function world() {
  return write((tx) => {
    const programme = f.createProgramme(tx, { slug: "revs", name: "Revs" });
    const project = f.createProject(tx, { programmeId: programme.id, slug: "partnership", name: "Partnership" });
    const other = f.createProject(tx, { slug: "other", name: "Other" });
    const sdc = f.createOrganisation(tx, { name: "Stowford", code: "SDC" });
    const dbc = f.createOrganisation(tx, { name: "Dunmore", code: "DBC" });
    const manager = f.createUser(tx, { name: "Mia Manager", email: "mia@example.org" });
    const reader = f.createUser(tx, { name: "Rex Reader", email: "rex@example.org" });
    const outsider = f.createUser(tx, { name: "Olly Other", email: "olly@example.org" });
    f.addRole(tx, project.id, manager.person.id, "manager");
    f.addRole(tx, project.id, reader.person.id, "reader");
    f.addRole(tx, other.id, outsider.person.id, "manager");
    return { programme, project, other, sdc, dbc, manager, reader, outsider };
  });
}

function collectionBenefit(w: ReturnType<typeof world>) {
  const by = { userId: w.manager.user.id, personId: w.manager.person.id, label: "Mia" };
  const b = createBenefit({
    actor: by,
    projectId: w.project.id,
    input: { name: "Council tax collected", description: "", unit: "percent", direction: "higher", frequency: "quarterly", ownerPersonId: null, source: "", tolerance: 0.1, series: [String(w.sdc.id), String(w.dbc.id)] },
  });
  const series = getDb().select().from(s.benefitSeries).where(eq(s.benefitSeries.benefitId, b.id)).all();
  const sdc = series.find((x) => x.organisationId === w.sdc.id)!;
  const dbc = series.find((x) => x.organisationId === w.dbc.id)!;
  return { b, by, sdc, dbc };
}

describe("benefits: actuals, corrections and flags", () => {
  it("keeps every actual, applies a correction without losing the corrected figure, and audits each write", async () => {
    const w = world();
    const { b, by, dbc } = collectionBenefit(w);
    await call(benefitRoute.action, await requestAs(w.manager.user.id, `/projects/partnership/benefits/${b.id}`, { form: { intent: "target", targetSeriesId: String(dbc.id), period: "2026/27", targetValue: "97.7" } }), {
      slug: "partnership",
      benefitId: String(b.id),
    });
    const first = recordActual({ actor: by, projectId: w.project.id, benefitId: b.id, input: { seriesId: dbc.id, measuredOn: "2026-09-30", value: 97.1, comment: "Q2", correctsId: null } });
    expect(listBenefits({ projectId: w.project.id, today: TODAY })[0]!.flags.map((x) => x.kind)).toEqual(["off_target"]);
    recordActual({ actor: by, projectId: w.project.id, benefitId: b.id, input: { seriesId: dbc.id, measuredOn: "2026-09-30", value: 97.8, comment: "Typo", correctsId: first.id } });
    const { benefit, history } = getBenefit({ projectId: w.project.id, benefitId: b.id, today: TODAY });
    expect(benefit.flags).toEqual([]);
    expect(benefit.series.find((x) => x.id === dbc.id)!.actuals).toEqual([{ id: first.id + 1, measuredOn: "2026-09-30", value: 97.8, corrected: true }]);
    expect(history.map((h) => [h.value, h.correctsId, h.enteredBy])).toEqual([
      [97.1, null, "Mia Manager"],
      [97.8, first.id, "Mia Manager"],
    ]);
    // The database itself refuses to rewrite an actual.
    expect(() => getSqlite().prepare("update benefit_actuals set value = 1 where id = ?").run(first.id)).toThrow(/append-only/);
    const events = getDb().select({ event: s.auditEvents.event }).from(s.auditEvents).orderBy(s.auditEvents.id).all().map((e) => e.event);
    expect(events).toEqual(["benefit.create", "benefit.target", "benefit.actual", "benefit.actual_correct"]);
    expect(verifyAuditChain(getSqlite()).ok).toBe(true);
  });

  it("refuses a correction of another organisation's figure", () => {
    const w = world();
    const { b, by, sdc, dbc } = collectionBenefit(w);
    const a = recordActual({ actor: by, projectId: w.project.id, benefitId: b.id, input: { seriesId: dbc.id, measuredOn: "2026-09-30", value: 97, comment: "", correctsId: null } });
    expect(() => recordActual({ actor: by, projectId: w.project.id, benefitId: b.id, input: { seriesId: sdc.id, measuredOn: "2026-09-30", value: 98, comment: "", correctsId: a.id } })).toThrow(UserInputError);
  });

  it("imports CSV actuals all or nothing, naming each bad row", () => {
    const w = world();
    const { b, by } = collectionBenefit(w);
    expect(() => importActuals({ actor: by, projectId: w.project.id, benefitId: b.id, csv: "period,organisation,value\n2025/26,SDC,98.6\n2025/13,XYZ,abc" })).toThrow(
      /Row 3: “2025\/13” is not a financial year.*Row 3: “XYZ” is not one of this benefit's organisations \(SDC, DBC\).*Row 3: “abc” is not a number/,
    );
    expect(getDb().select().from(s.benefitActuals).all()).toHaveLength(0);
    expect(importActuals({ actor: by, projectId: w.project.id, benefitId: b.id, csv: "2025/26,SDC,98.6\n2025/26,Dunmore,97.4%\n30/9/2026,dbc,97.5" })).toBe(3);
    const [benefit] = listBenefits({ projectId: w.project.id, today: TODAY });
    expect(benefit!.series.map((x) => [x.organisation, x.actuals.map((a) => [a.measuredOn, a.value])])).toEqual([
      ["Dunmore", [["2026-03-31", 97.4], ["2026-09-30", 97.5]]],
      ["Stowford", [["2026-03-31", 98.6]]],
    ]);
  });
});

describe("benefits: who may do what", () => {
  it("lets a reader see but not write (403), and gives a user of another project 404", async () => {
    const w = world();
    const { b, dbc } = collectionBenefit(w);
    const params = { slug: "partnership", benefitId: String(b.id) };
    const form = { intent: "actual", seriesId: String(dbc.id), measuredOn: "30/9/2026", value: "97" };
    expect((await call(benefitRoute.loader, await requestAs(w.reader.user.id, `/projects/partnership/benefits/${b.id}`), params)).status).toBe(200);
    expect((await call(benefitRoute.action, await requestAs(w.reader.user.id, `/projects/partnership/benefits/${b.id}`, { form }), params)).status).toBe(403);
    expect((await call(benefitRoute.loader, await requestAs(w.outsider.user.id, `/projects/partnership/benefits/${b.id}`), params)).status).toBe(404);
    expect((await call(benefitRoute.action, await requestAs(w.outsider.user.id, `/projects/partnership/benefits/${b.id}`, { form }), params)).status).toBe(404);
    expect((await call(caseRoute.action, await requestAs(w.reader.user.id, "/projects/partnership/business-case", { form: { intent: "new-version" } }), { slug: "partnership" })).status).toBe(403);
    // A benefit reached through another project's address is not found.
    expect((await call(benefitRoute.loader, await requestAs(w.outsider.user.id, `/projects/other/benefits/${b.id}`), { slug: "other", benefitId: String(b.id) })).status).toBe(404);
    expect(getDb().select().from(s.benefitActuals).all()).toHaveLength(0);
    expect(benefitsSummary(w.project.id, viewerFor({ personId: w.outsider.person.id, isAdmin: false }))).toEqual([]);
  });

  it("answers bad input with 400, the message and the input kept", async () => {
    const w = world();
    const { b, dbc } = collectionBenefit(w);
    const res = await call(
      benefitRoute.action,
      await requestAs(w.manager.user.id, `/projects/partnership/benefits/${b.id}`, { form: { intent: "actual", seriesId: String(dbc.id), measuredOn: "31/2/2026", value: "lots" } }),
      { slug: "partnership", benefitId: String(b.id) },
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toMatchObject({ measuredOn: expect.stringMatching(/real date/), value: expect.stringMatching(/must be a number/) });
    expect(body.values.value).toBe("lots");
  });
});

describe("business case versions", () => {
  it("drafts, approves at a meeting, supersedes the earlier version, and compares spend with the approved one", () => {
    const w = world();
    const pid = w.project.id;
    startNewVersion({ actor, projectId: pid });
    expect(() => startNewVersion({ actor, projectId: pid })).toThrow(UserInputError);
    const grid = { one_off: "Category,2026/27\nSet-up,834000", current_cost: "", future_cost: "", saving: "Category,2026/27,2027/28\nStaff,500000,525000", income: "" };
    saveDraft({ actor, projectId: pid, input: { intent: "save", version: 1, summary: "First", contingency: 150000, discountRate: null, split: "SDC 50, DBC 50", ...grid } });
    const v1 = loadBusinessCase(pid).latest!;
    approveVersion({ actor, projectId: pid, caseId: v1.id, approvedOn: "2026-07-15", approvedAt: "Partnership board" });
    expect(businessCaseStatus(pid)).toMatchObject({ approvedVersion: 1, oneOffCosts: 834000, annualNetSaving: 500000, paybackYears: 1.67, costToleranceExceeded: false });

    startNewVersion({ actor, projectId: pid });
    expect(() =>
      saveDraft({ actor, projectId: pid, input: { intent: "save", version: 2, summary: "", contingency: 0, discountRate: null, split: "SDC 60, DBC 30", ...grid, one_off: "Category,2026/27\nSet-up,lots" } }),
    ).toThrow(/add up to 100%/);
    saveDraft({ actor, projectId: pid, input: { intent: "save", version: 2, summary: "Dearer", contingency: 0, discountRate: 3.5, split: "", ...grid, one_off: "Category,2026/27\nSet-up,900000" } });
    // Until v2 is approved, v1 stands.
    expect(businessCaseStatus(pid)).toMatchObject({ approvedVersion: 1, draftVersion: 2, paybackYears: 1.67 });
    approveVersion({ actor, projectId: pid, caseId: loadBusinessCase(pid).latest!.id, approvedOn: "2026-11-01", approvedAt: "Partnership board" });
    const bc = loadBusinessCase(pid);
    expect(bc.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "approved"],
      [1, "superseded"],
    ]);
    expect(businessCaseStatus(pid).paybackYears).toBe(1.8);

    getDb().update(s.projects).set({ costTolerancePercent: 5 }).where(eq(s.projects.id, pid)).run();
    recordSpend({ actor, projectId: pid, input: { period: "2026/27", amount: 950_000, note: "" } });
    expect(businessCaseStatus(pid)).toMatchObject({ costToleranceExceeded: true, exceededIn: ["2026/27"] });
    recordSpend({ actor, projectId: pid, input: { period: "2026/27", amount: 940_000, note: "Corrected invoice" } });
    expect(businessCaseStatus(pid).costToleranceExceeded).toBe(false);
    expect(() => getSqlite().prepare("update business_case_spend set amount = 1").run()).toThrow(/append-only/);
    expect(verifyAuditChain(getSqlite()).ok).toBe(true);
  });
});

describe("the demo", () => {
  it("shows the partnership's KPIs per council with the off-target ones flagged, and the reference's business case", async () => {
    write((tx) => seedDemo(tx, { today: TODAY }));
    const project = getDb().select().from(s.projects).where(eq(s.projects.slug, "rb-partnership")).get()!;
    const rows = listBenefits({ projectId: project.id, today: TODAY });
    const flags = Object.fromEntries(rows.map((b) => [b.name, b.flags.map((x) => x.kind)]));
    expect(flags).toEqual({
      "Council tax collected in year": ["off_target", "trend_worsening"],
      "Business rates collected in year": [],
      "Council tax payers on direct debit": ["off_target", "trend_worsening"],
      "Days to process new benefit claims": ["measurement_due", "off_target"],
      "Days to process changes of circumstances": [],
      "Correspondence dealt with within 7 working days": ["off_target", "trend_worsening"],
    });
    const summary = benefitsSummary(project.id, systemViewer(), TODAY);
    expect(summary.find((r) => r.name === "Council tax collected in year" && r.organisation === "Dunmore Borough Council")).toMatchObject({
      baseline: 97.4,
      targetThisPeriod: { period: "2026/27", value: 97.8 },
      latest: { measuredOn: "2026-03-31", value: 97.3 },
      rag: "red",
    });
    expect(summary.find((r) => r.name === "Days to process changes of circumstances" && r.organisation === "Dunmore Borough Council")!.rag).toBe("amber");
    expect(businessCaseStatus(project.id)).toMatchObject({ approvedVersion: 1, oneOffCosts: 834_000, annualNetSaving: 500_000, paybackYears: 1.67, costToleranceExceeded: true, exceededIn: ["2025/26"] });

    const pilot = getDb().select().from(s.projects).where(eq(s.projects.slug, "home-working-pilot")).get()!;
    expect(listBenefits({ projectId: pilot.id, today: TODAY }).map((b) => [b.name, b.flags.map((x) => x.kind)])).toEqual([
      ["Productivity of home-based assessors", ["off_target"]],
      ["Sickness absence", []],
      ["Staff retention", []],
      ["Civic Centre accommodation cost", []],
    ]);

    // The overview and the programme's attention page list them for a manager of the partnership.
    const partner = getDb().select().from(s.users).where(eq(s.users.email, "partner@waymark.test")).get()!;
    const overview = await (await call(overviewRoute.loader, await requestAs(partner.id, "/projects/rb-partnership"), { slug: "rb-partnership" })).json();
    expect(overview.benefitAttention.benefits.map((b: { name: string }) => b.name)).toContain("Council tax payers on direct debit");
    expect(overview.benefitAttention.cost.text).toBe("Cost tolerance exceeded in 2025/26");
    const flagged = await (await call(flaggedRoute.loader, await requestAs(partner.id, "/programmes/revs-bens/flagged"), { slug: "revs-bens" })).json();
    expect(flagged.benefits.benefits).toHaveLength(4); // the partnership only: the pilot is not theirs to see
    expect(flagged.benefits.costs).toHaveLength(1);
  });
});

describe("benefits in the project export", () => {
  it("round-trip benefits, targets, actuals with corrections, business-case versions and spend, with the same flags and payback", async () => {
    const { exportProject } = await import("~/modules/portability/export.server");
    const { importProject } = await import("~/modules/portability/import.server");
    const w = world();
    const { b, by, dbc } = collectionBenefit(w);
    const first = recordActual({ actor: by, projectId: w.project.id, benefitId: b.id, input: { seriesId: dbc.id, measuredOn: "2026-09-30", value: 90, comment: "", correctsId: null } });
    recordActual({ actor: by, projectId: w.project.id, benefitId: b.id, input: { seriesId: dbc.id, measuredOn: "2026-09-30", value: 97.8, comment: "Typo", correctsId: first.id } });
    startNewVersion({ actor, projectId: w.project.id });
    saveDraft({ actor, projectId: w.project.id, input: { intent: "save", version: 1, summary: "", contingency: 0, discountRate: null, split: "SDC 50, DBC 50", one_off: "Category,2026/27\nSet-up,834000", current_cost: "", future_cost: "", saving: "Category,2026/27\nStaff,500000", income: "" } });
    approveVersion({ actor, projectId: w.project.id, caseId: loadBusinessCase(w.project.id).latest!.id, approvedOn: "2026-07-15", approvedAt: "Board" });
    recordSpend({ actor, projectId: w.project.id, input: { period: "2026/27", amount: 900000, note: "" } });
    const doc = JSON.parse(JSON.stringify(exportProject({ slug: "partnership" })));
    expect(doc.benefits[0].series.find((s: { organisation: string }) => s.organisation === "DBC").actuals.map((a: { key: number; corrects: number | null }) => [a.key, a.corrects])).toEqual([
      [1, null],
      [2, 1],
    ]);
    importProject({ actor, value: { ...doc, project: { ...doc.project, slug: "copy" } } });
    const copy = getDb().select().from(s.projects).where(eq(s.projects.slug, "copy")).get()!;
    const [again] = listBenefits({ projectId: copy.id, today: TODAY });
    expect(again!.series.find((x) => x.organisation === "Dunmore")!.actuals.map((a) => [a.value, a.corrected])).toEqual([[97.8, true]]);
    expect(businessCaseStatus(copy.id)).toMatchObject({ approvedVersion: 1, paybackYears: 1.67, costToleranceExceeded: true });
  });
});

describe("editing and deleting a benefit", () => {
  const definition = { intent: "save", version: "1", name: "Council tax collected in year", description: "", direction: "higher", frequency: "monthly", ownerPersonId: "", source: "Revenues system", tolerance: "0.25" };

  it("changes the definition with an audit of only what changed, and refuses a stale edit, a duplicate name and bad input with 400", async () => {
    const w = world();
    const { b } = collectionBenefit(w);
    const url = `/projects/partnership/benefits/${b.id}/edit`;
    const params = { slug: "partnership", benefitId: String(b.id) };
    expect((await call(editRoute.loader, await requestAs(w.manager.user.id, url), params)).status).toBe(200);
    const saved = await call(editRoute.action, await requestAs(w.manager.user.id, url, { form: { ...definition, ownerPersonId: String(w.reader.person.id) } }), params);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/projects/partnership/benefits/${b.id}`);
    const row = getDb().select().from(s.benefits).where(eq(s.benefits.id, b.id)).get()!;
    expect(row).toMatchObject({ name: "Council tax collected in year", frequency: "monthly", ownerPersonId: w.reader.person.id, source: "Revenues system", tolerance: 0.25, unit: "percent", version: 2 });
    const audit = getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, "benefit.update")).get()!;
    expect(JSON.parse(audit.before!)).toEqual({ name: "Council tax collected", frequency: "quarterly", ownerPersonId: null, source: "", tolerance: 0.1 });
    expect(JSON.parse(audit.after!)).toEqual({ name: "Council tax collected in year", frequency: "monthly", ownerPersonId: w.reader.person.id, source: "Revenues system", tolerance: 0.25 });
    expect(audit.projectId).toBe(w.project.id);
    // The owner is now told in the digest of the measurements due (monthly, so it is due sooner).
    expect(listBenefits({ projectId: w.project.id, today: TODAY })[0]!.ownerName).toBe("Rex Reader");

    const stale = await call(editRoute.action, await requestAs(w.manager.user.id, url, { form: { ...definition, name: "Another name" } }), params);
    expect(stale.status).toBe(400);
    expect((await stale.json()).errors._form).toMatch(/Someone else changed this benefit/);

    createBenefit({ actor, projectId: w.project.id, input: { name: "Direct debits", description: "", unit: "percent", direction: "higher", frequency: "quarterly", ownerPersonId: null, source: "", tolerance: null, series: [] } });
    const duplicate = await call(editRoute.action, await requestAs(w.manager.user.id, url, { form: { ...definition, version: "2", name: "Direct debits" } }), params);
    expect(duplicate.status).toBe(400);
    expect((await duplicate.json()).errors.name).toMatch(/already has a benefit with that name/);

    const bad = await call(editRoute.action, await requestAs(w.manager.user.id, url, { form: { ...definition, version: "2", name: "", tolerance: "-1", frequency: "weekly" } }), params);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.errors).toMatchObject({ name: expect.any(String), tolerance: "The tolerance cannot be negative", frequency: "Choose how often it is measured" });
    expect(body.values).toMatchObject({ tolerance: "-1", source: "Revenues system" });
    expect(getDb().select().from(s.benefits).where(eq(s.benefits.id, b.id)).get()!.version).toBe(2);
  });

  it("lets only the project's managers edit (403 for a reader, 404 for another project's user and through another project's address)", async () => {
    const w = world();
    const { b } = collectionBenefit(w);
    const url = `/projects/partnership/benefits/${b.id}/edit`;
    const params = { slug: "partnership", benefitId: String(b.id) };
    expect((await call(editRoute.loader, await requestAs(w.reader.user.id, url), params)).status).toBe(403);
    expect((await call(editRoute.action, await requestAs(w.reader.user.id, url, { form: definition }), params)).status).toBe(403);
    expect((await call(editRoute.action, await requestAs(w.outsider.user.id, url, { form: definition }), params)).status).toBe(404);
    // Olly manages Other: the partnership's benefit through Other's address is not found.
    const through = { slug: "other", benefitId: String(b.id) };
    expect((await call(editRoute.loader, await requestAs(w.outsider.user.id, `/projects/other/benefits/${b.id}/edit`), through)).status).toBe(404);
    expect((await call(editRoute.action, await requestAs(w.outsider.user.id, `/projects/other/benefits/${b.id}/edit`, { form: { intent: "delete", version: "1" } }), through)).status).toBe(404);
    expect(getDb().select().from(s.benefits).where(eq(s.benefits.id, b.id)).get()).toMatchObject({ name: "Council tax collected", version: 1 });
  });

  it("deletes a benefit with no actuals, with its targets, audited; one with actuals stays", async () => {
    const w = world();
    const { b, by, dbc } = collectionBenefit(w);
    const params = { slug: "partnership", benefitId: String(b.id) };
    const url = `/projects/partnership/benefits/${b.id}/edit`;
    await call(benefitRoute.action, await requestAs(w.manager.user.id, `/projects/partnership/benefits/${b.id}`, { form: { intent: "target", targetSeriesId: String(dbc.id), period: "2026/27", targetValue: "97.7" } }), params);
    const deleted = await call(editRoute.action, await requestAs(w.manager.user.id, url, { form: { intent: "delete", version: "1" } }), params);
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("Location")).toBe("/projects/partnership/benefits");
    expect(getDb().select().from(s.benefits).all()).toEqual([]);
    expect(getDb().select().from(s.benefitSeries).all()).toEqual([]);
    expect(getDb().select().from(s.benefitTargets).all()).toEqual([]);
    const audit = getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, "benefit.delete")).get()!;
    expect(JSON.parse(audit.before!)).toMatchObject({ name: "Council tax collected", series: expect.arrayContaining([expect.objectContaining({ targets: [expect.objectContaining({ period: "2026/27", value: 97.7 })] })]) });
    expect(verifyAuditChain(getSqlite()).ok).toBe(true);

    const kept = collectionBenefit(w);
    recordActual({ actor: by, projectId: w.project.id, benefitId: kept.b.id, input: { seriesId: kept.sdc.id, measuredOn: "2026-09-30", value: 96, comment: "", correctsId: null } });
    const keptParams = { slug: "partnership", benefitId: String(kept.b.id) };
    const refused = await call(editRoute.action, await requestAs(w.manager.user.id, `/projects/partnership/benefits/${kept.b.id}/edit`, { form: { intent: "delete", version: "1" } }), keptParams);
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors._form).toMatch(/has actuals recorded/);
    expect(getDb().select().from(s.benefits).all()).toHaveLength(1);
  });
});
