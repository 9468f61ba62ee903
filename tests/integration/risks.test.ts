import { eq } from "drizzle-orm";
import { auditEvents, riskActions, riskRegisters, riskScoreChanges, risks } from "#db/schema";
import { getDb, write } from "~/db.server";
import { addDays, todayInLondon } from "~/modules/action/rules";
import type { Actor } from "~/modules/audit/actor";
import { closeRisk, createRisk, getRiskDetail, listRisks, reviewRisk, updateSettings } from "~/modules/risk/service.server";
import { DEFAULT_SETTINGS } from "~/modules/risk/scoring";
import * as close from "~/routes/projects.$slug.risks.$riskId_.close";
import * as edit from "~/routes/projects.$slug.risks.$riskId_.edit";
import * as detail from "~/routes/projects.$slug.risks.$riskId";
import * as heat from "~/routes/projects.$slug.risks.heatmap";
import * as index from "~/routes/projects.$slug.risks._index";
import * as newRisk from "~/routes/projects.$slug.risks.new";
import * as settingsRoute from "~/routes/projects.$slug.risks.settings";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";
import { systemViewer } from "~/modules/auth/access.server";

function world() {
  return write((tx) => {
    const project = f.createProject(tx, { slug: "partnership", name: "Partnership" });
    const other = f.createProject(tx, { slug: "other", name: "Other" });
    const manager = f.createUser(tx, { name: "Dev Patel" });
    const reader = f.createUser(tx);
    const stranger = f.createUser(tx);
    f.addRole(tx, project.id, manager.person.id, "manager");
    f.addRole(tx, project.id, reader.person.id, "reader");
    const overdue = f.createAction(tx, project.id, { ref: "4.2", title: "Write the comms plan", dueDate: "2026-02-01", status: "in_progress" });
    const foreign = f.createAction(tx, other.id, { ref: "9", title: "Elsewhere" });
    return { project, other, manager, reader, stranger, overdue, foreign };
  });
}

const actorOf = (w: ReturnType<typeof world>): Actor => ({ userId: w.manager.user.id, personId: w.manager.person.id, label: "Dev Patel" });
const events = (event: string) => getDb().select().from(auditEvents).where(eq(auditEvents.event, event)).all();
const body = async (res: Response) => (await res.json()) as { errors?: Record<string, string>; values?: Record<string, unknown> };
const form = (over: Record<string, string> = {}) => ({ ref: "1", title: "Lack of a shared vision", kind: "threat", inherentLikelihood: "3", inherentImpact: "2", residualLikelihood: "2", residualImpact: "2", response: "reduce", ...over });
const input = (over: Record<string, unknown> = {}) => ({
  ref: "1", title: "Staff resist the change", category: "People", kind: "threat" as const, cause: "", event: "", effect: "",
  ownerPersonId: null, actioneePersonId: null, inherentLikelihood: 3, inherentImpact: 3, residualLikelihood: 2, residualImpact: 3,
  proximityDate: null, proximityText: "", response: "reduce", strategy: "", actionsOutstanding: "", nextReviewDate: "2026-03-01", ...over,
});

describe("risk routes", () => {
  it("a manager raises a risk: the register is made, the scores go into history, and it is audited", async () => {
    const w = world();
    const res = await call(newRisk.action as never, await requestAs(w.manager.user.id, "/projects/partnership/risks/new", { form: form() }), { slug: "partnership" });
    expect(res.status).toBe(302);
    const risk = getDb().select().from(risks).get()!;
    expect(res.headers.get("Location")).toBe(`/projects/partnership/risks/${risk.id}`);
    expect(getDb().select().from(riskRegisters).get()).toMatchObject({ projectId: w.project.id, scale: 3 });
    expect(getDb().select().from(riskScoreChanges).all()).toEqual([expect.objectContaining({ reason: "raised", residualLikelihood: 2, changedByPersonId: w.manager.person.id })]);
    expect(events("risk.create")).toHaveLength(1);
    expect(events("risk.create")[0]!.projectId).toBe(w.project.id);
  });

  it("refuses a reader (403, audited) and hides the register from a stranger (404)", async () => {
    const w = world();
    const refused = await call(newRisk.action as never, await requestAs(w.reader.user.id, "/projects/partnership/risks/new", { form: form() }), { slug: "partnership" });
    expect(refused.status).toBe(403);
    expect(getDb().select().from(risks).all()).toHaveLength(0);
    expect(events("access.refused").length).toBeGreaterThan(0);
    const read = await call(index.loader as never, await requestAs(w.reader.user.id, "/projects/partnership/risks"), { slug: "partnership" });
    expect(read.status).toBe(200);
    const hidden = await call(index.loader as never, await requestAs(w.stranger.user.id, "/projects/partnership/risks"), { slug: "partnership" });
    expect(hidden.status).toBe(404);
  });

  it("keeps the input and names the field when a score is off the scale or the response does not fit", async () => {
    const w = world();
    const res = await call(newRisk.action as never, await requestAs(w.manager.user.id, "/projects/partnership/risks/new", { form: form({ inherentLikelihood: "5", kind: "opportunity", response: "avoid" }) }), { slug: "partnership" });
    expect(res.status).toBe(400);
    const b = await body(res);
    expect(b.errors).toMatchObject({ inherentLikelihood: expect.stringContaining("1 to 3"), response: expect.stringContaining("opportunity") });
    expect(b.values).toMatchObject({ title: "Lack of a shared vision", inherentLikelihood: "5" });
    expect(getDb().select().from(risks).all()).toHaveLength(0);
  });

  it("refuses a new risk whose next review date has already passed, and accepts today", async () => {
    const w = world();
    const today = todayInLondon();
    const raise = async (nextReviewDate: string) =>
      call(newRisk.action as never, await requestAs(w.manager.user.id, "/projects/partnership/risks/new", { form: form({ nextReviewDate }) }), { slug: "partnership" });
    const past = await raise(addDays(today, -1));
    expect(past.status).toBe(400);
    const b = await body(past);
    expect(b.errors).toEqual({ nextReviewDate: "Next review date must be today or later" });
    expect(b.values).toMatchObject({ nextReviewDate: addDays(today, -1) });
    expect(getDb().select().from(risks).all()).toHaveLength(0);
    expect((await raise(today)).status).toBe(302);
    expect(getDb().select().from(risks).get()!.nextReviewDate).toBe(today);
  });

  it("refuses a duplicate reference", async () => {
    const w = world();
    createRisk({ actor: actorOf(w), scope: { projectId: w.project.id }, input: input(), today: "2026-02-10" });
    const res = await call(newRisk.action as never, await requestAs(w.manager.user.id, "/projects/partnership/risks/new", { form: form() }), { slug: "partnership" });
    expect(res.status).toBe(400);
    expect((await body(res)).errors).toHaveProperty("ref");
  });

  it("reviews with lower scores: history, trend and audit; a stale form is refused", async () => {
    const w = world();
    const risk = createRisk({ actor: actorOf(w), scope: { projectId: w.project.id }, input: input(), today: "2026-02-10" });
    const path = `/projects/partnership/risks/${risk.id}`;
    const review = { intent: "review", version: String(risk.version), reviewDate: "2026-03-02", residualLikelihood: "1", residualImpact: "2", nextReviewDate: "2026-04-01", note: "Comms plan agreed" };
    const res = await call(detail.action as never, await requestAs(w.manager.user.id, path, { form: review }), { slug: "partnership", riskId: String(risk.id) });
    expect(res.status).toBe(302);
    const d = getRiskDetail({ scope: { projectId: w.project.id }, riskId: risk.id, today: "2026-03-02", viewer: systemViewer() });
    expect(d.trend).toEqual({ direction: "falling", from: 6, to: 2, since: "2026-02-10" });
    expect(d.history.map((h) => h.reason)).toEqual(["review", "raised"]);
    expect(d.risk).toMatchObject({ lastReviewedDate: "2026-03-02", nextReviewDate: "2026-04-01", version: 2 });
    expect(events("risk.review")).toHaveLength(1);
    const stale = await call(detail.action as never, await requestAs(w.manager.user.id, path, { form: review }), { slug: "partnership", riskId: String(risk.id) });
    expect(stale.status).toBe(400);
    expect((await body(stale)).errors).toHaveProperty("_form");
  });

  it("links an action of this project only, and passes on its overdue flag", async () => {
    const w = world();
    const risk = createRisk({ actor: actorOf(w), scope: { projectId: w.project.id }, input: input(), today: "2026-02-10" });
    const path = `/projects/partnership/risks/${risk.id}`;
    const params = { slug: "partnership", riskId: String(risk.id) };
    const foreign = await call(detail.action as never, await requestAs(w.manager.user.id, path, { form: { intent: "link", actionId: String(w.foreign.id) } }), params);
    expect(foreign.status).toBe(400);
    const ok = await call(detail.action as never, await requestAs(w.manager.user.id, path, { form: { intent: "link", actionId: String(w.overdue.id) } }), params);
    expect(ok.status).toBe(302);
    expect(getDb().select().from(riskActions).all()).toEqual([{ riskId: risk.id, actionId: w.overdue.id }]);
    expect(events("risk.link_action")).toHaveLength(1);
    const d = getRiskDetail({ scope: { projectId: w.project.id }, riskId: risk.id, today: "2026-02-11", viewer: systemViewer() });
    expect(d.flags).toEqual([{ kind: "action_overdue", actionRef: "4.2", days: 10 }]);
  });

  it("flags a high risk without an open action and a review that is due", () => {
    const w = world();
    createRisk({ actor: actorOf(w), scope: { projectId: w.project.id }, input: input(), today: "2026-02-10" });
    const { risks: list } = listRisks({ scope: { projectId: w.project.id }, today: "2026-03-05", viewer: systemViewer() });
    expect(list[0]!.band).toBe("high");
    expect(list[0]!.flags).toEqual([{ kind: "review_due", days: 4 }, { kind: "high_no_action" }]);
  });

  it("closing needs a date and a note; the input is kept; closing is audited", async () => {
    const w = world();
    const risk = createRisk({ actor: actorOf(w), scope: { projectId: w.project.id }, input: input(), today: "2026-02-10" });
    const path = `/projects/partnership/risks/${risk.id}/close`;
    const params = { slug: "partnership", riskId: String(risk.id) };
    const bad = await call(close.action as never, await requestAs(w.manager.user.id, path, { form: { version: "1", dateClosed: "", closingNote: "Done" } }), params);
    expect(bad.status).toBe(400);
    const b = await body(bad);
    expect(b.errors).toHaveProperty("dateClosed");
    expect(b.values).toMatchObject({ closingNote: "Done" });
    const ok = await call(close.action as never, await requestAs(w.manager.user.id, path, { form: { version: "1", dateClosed: "2026-03-01", closingNote: "Structure agreed" } }), params);
    expect(ok.status).toBe(302);
    expect(getDb().select().from(risks).get()).toMatchObject({ status: "closed", dateClosed: "2026-03-01", closingNote: "Structure agreed" });
    expect(events("risk.close")).toHaveLength(1);
    expect(() => closeRisk({ actor: actorOf(w), scope: { projectId: w.project.id }, riskId: risk.id, input: { version: 2, dateClosed: "", closingNote: "" } })).toThrow(/already closed/);
  });

  it("an edit that changes scores adds to history and is audited with only what changed; a stale edit is refused", async () => {
    const w = world();
    const risk = createRisk({ actor: actorOf(w), scope: { projectId: w.project.id }, input: input(), today: "2026-02-10" });
    const path = `/projects/partnership/risks/${risk.id}/edit`;
    const params = { slug: "partnership", riskId: String(risk.id) };
    const values = { ...form({ title: "Staff resist the change", residualLikelihood: "1", residualImpact: "3", category: "People", nextReviewDate: "2026-03-01" }), version: "1" };
    const ok = await call(edit.action as never, await requestAs(w.manager.user.id, path, { form: values }), params);
    expect(ok.status).toBe(302);
    const history = getDb().select().from(riskScoreChanges).all();
    expect(history.map((h) => [h.reason, h.residualLikelihood])).toEqual([["raised", 2], ["edited", 1]]);
    const event = events("risk.update")[0]!;
    expect(JSON.parse(event.before!)).toMatchObject({ residualLikelihood: 2 });
    expect(JSON.parse(event.after!)).not.toHaveProperty("title");
    const stale = await call(edit.action as never, await requestAs(w.manager.user.id, path, { form: { ...values, title: "Changed again" } }), params);
    expect(stale.status).toBe(400);
    expect((await body(stale)).values).toMatchObject({ title: "Changed again" });
    const reader = await call(edit.action as never, await requestAs(w.reader.user.id, path, { form: { ...values, version: "2" } }), params);
    expect(reader.status).toBe(403);
  });

  it("unlinks an action, audited", async () => {
    const w = world();
    const risk = createRisk({ actor: actorOf(w), scope: { projectId: w.project.id }, input: input(), today: "2026-02-10" });
    const params = { slug: "partnership", riskId: String(risk.id) };
    const path = `/projects/partnership/risks/${risk.id}`;
    await call(detail.action as never, await requestAs(w.manager.user.id, path, { form: { intent: "link", actionId: String(w.overdue.id) } }), params);
    const res = await call(detail.action as never, await requestAs(w.manager.user.id, path, { form: { intent: "unlink", actionId: String(w.overdue.id) } }), params);
    expect(res.status).toBe(302);
    expect(getDb().select().from(riskActions).all()).toEqual([]);
    expect(events("risk.unlink_action")).toHaveLength(1);
  });

  it("a risk of another project is not found through this one", async () => {
    const w = world();
    const elsewhere = createRisk({ actor: actorOf(w), scope: { projectId: w.other.id }, input: input(), today: "2026-02-10" });
    const res = await call(detail.loader as never, await requestAs(w.manager.user.id, `/projects/partnership/risks/${elsewhere.id}`), { slug: "partnership", riskId: String(elsewhere.id) });
    expect(res.status).toBe(404);
  });
});

describe("register settings", () => {
  it("refuses a new scale while risks exist unless every level is mapped, then maps scores and records history", async () => {
    const w = world();
    createRisk({ actor: actorOf(w), scope: { projectId: w.project.id }, input: input(), today: "2026-02-10" });
    const path = "/projects/partnership/risks/settings";
    const s5 = DEFAULT_SETTINGS[5];
    const base = { version: "1", scale: "5", likelihoodLabels: s5.likelihoodLabels, impactLabels: s5.impactLabels, mediumFrom: "7", highFrom: "13" };
    const refused = await call(settingsRoute.action as never, await requestAs(w.manager.user.id, path, { form: base }), { slug: "partnership" });
    expect(refused.status).toBe(400);
    expect((await body(refused)).errors).toHaveProperty("mapping");
    expect(getDb().select().from(riskRegisters).get()!.scale).toBe(3);

    const mapped = await call(settingsRoute.action as never, await requestAs(w.manager.user.id, path, { form: { ...base, map1: "1", map2: "3", map3: "5" } }), { slug: "partnership" });
    expect(mapped.status).toBe(302);
    expect(getDb().select().from(riskRegisters).get()).toMatchObject({ scale: 5, mediumFrom: 7, highFrom: 13 });
    expect(getDb().select().from(risks).get()).toMatchObject({ inherentLikelihood: 5, inherentImpact: 5, residualLikelihood: 3, residualImpact: 5 });
    const last = getDb().select().from(riskScoreChanges).all().at(-1)!;
    expect(last).toMatchObject({ reason: "rescaled", note: expect.stringContaining("1-3 to 1-5") });
    expect(events("risk_register.update")[0]!.meta).toContain("risksRescaled");
  });

  it("changes scale freely while the register is empty, and refuses thresholds beyond it", () => {
    const w = world();
    const scope = { projectId: w.project.id };
    updateSettings({ actor: actorOf(w), scope, settings: DEFAULT_SETTINGS[5], version: 0, mapping: null, today: "2026-02-10" });
    expect(() => updateSettings({ actor: actorOf(w), scope, settings: { ...DEFAULT_SETTINGS[3], highFrom: 13 }, version: 2, mapping: null, today: "2026-02-10" })).toThrow(/High must start/);
  });
});

describe("heat map", () => {
  it("counts the same open risks as the register, on both views", async () => {
    const w = world();
    const scope = { projectId: w.project.id };
    createRisk({ actor: actorOf(w), scope, input: input({ ref: "1" }), today: "2026-02-10" });
    createRisk({ actor: actorOf(w), scope, input: input({ ref: "2", residualLikelihood: 1, residualImpact: 1 }), today: "2026-02-10" });
    createRisk({ actor: actorOf(w), scope, input: input({ ref: "3", inherentLikelihood: null, inherentImpact: null, residualLikelihood: null, residualImpact: null }), today: "2026-02-10" });
    const closed = createRisk({ actor: actorOf(w), scope, input: input({ ref: "4" }), today: "2026-02-10" });
    reviewRisk({ actor: actorOf(w), scope, riskId: closed.id, input: { version: 1, reviewDate: "2026-02-11", residualLikelihood: 1, residualImpact: 1, nextReviewDate: null, note: "ok" } });
    closeRisk({ actor: actorOf(w), scope, riskId: closed.id, input: { version: 2, dateClosed: "2026-02-12", closingNote: "Gone" } });
    for (const view of ["inherent", "residual"]) {
      const res = await call(heat.loader as never, await requestAs(w.reader.user.id, `/projects/partnership/risks/heatmap?view=${view}`), { slug: "partnership" });
      const data = (await res.json()) as { rows: Array<Array<{ likelihood: number; impact: number; refs: string[] }>>; unscored: number };
      const cells = data.rows.flat().filter((c) => c.refs.length);
      expect(cells.reduce((n, c) => n + c.refs.length, 0) + data.unscored).toBe(3);
      expect(data.unscored).toBe(1);
      const expected = view === "inherent" ? { "3x3": ["1", "2"] } : { "2x3": ["1"], "1x1": ["2"] };
      expect(Object.fromEntries(cells.map((c) => [`${c.likelihood}x${c.impact}`, c.refs]))).toEqual(expected);
    }
  });
});

describe("a programme's own register", () => {
  function programmeWorld() {
    return write((tx) => {
      const programme = f.createProgramme(tx, { slug: "revs", name: "Revenues" });
      const project = f.createProject(tx, { slug: "pilot", programmeId: programme.id });
      const outside = f.createProject(tx, { slug: "outside" });
      const progManager = f.createUser(tx);
      const projectManager = f.createUser(tx);
      const stranger = f.createUser(tx);
      f.addProgrammeRole(tx, programme.id, progManager.person.id, "manager");
      f.addRole(tx, project.id, projectManager.person.id, "manager");
      const action = f.createAction(tx, project.id, { ref: "A1" });
      const elsewhere = f.createAction(tx, outside.id, { ref: "Z9" });
      return { programme, project, progManager, projectManager, stranger, action, elsewhere };
    });
  }

  it("is kept by the programme's managers, read by those who see its projects, hidden from others", async () => {
    const w = programmeWorld();
    const path = "/programmes/revs/risks/new";
    const params = { slug: "revs" };
    const made = await call(newRisk.action as never, await requestAs(w.progManager.user.id, path, { form: form() }), params);
    expect(made.status).toBe(302);
    const risk = getDb().select().from(risks).get()!;
    expect(made.headers.get("Location")).toBe(`/programmes/revs/risks/${risk.id}`);
    expect(getDb().select().from(riskRegisters).get()).toMatchObject({ programmeId: w.programme.id, projectId: null });

    const refused = await call(newRisk.action as never, await requestAs(w.projectManager.user.id, path, { form: form({ ref: "2" }) }), params);
    expect(refused.status).toBe(403);
    const read = await call(index.loader as never, await requestAs(w.projectManager.user.id, "/programmes/revs/risks"), params);
    expect(read.status).toBe(200);
    const hidden = await call(index.loader as never, await requestAs(w.stranger.user.id, "/programmes/revs/risks"), params);
    expect(hidden.status).toBe(404);
    // The programme's register is not the project's.
    const projectView = await call(index.loader as never, await requestAs(w.projectManager.user.id, "/projects/pilot/risks"), { slug: "pilot" });
    expect(((await projectView.json()) as { total: number }).total).toBe(0);
  });

  it("links actions of the programme's projects only", async () => {
    const w = programmeWorld();
    const actor = { userId: w.progManager.user.id, personId: w.progManager.person.id, label: "P" };
    const risk = createRisk({ actor, scope: { programmeId: w.programme.id }, input: input(), today: "2026-02-10" });
    const path = `/programmes/revs/risks/${risk.id}`;
    const params = { slug: "revs", riskId: String(risk.id) };
    const bad = await call(detail.action as never, await requestAs(w.progManager.user.id, path, { form: { intent: "link", actionId: String(w.elsewhere.id) } }), params);
    expect(bad.status).toBe(400);
    const ok = await call(detail.action as never, await requestAs(w.progManager.user.id, path, { form: { intent: "link", actionId: String(w.action.id) } }), params);
    expect(ok.status).toBe(302);
    const event = events("risk.link_action")[0]!;
    expect(event.projectId).toBeNull();
    expect(event.meta).toContain(`"programmeId":${w.programme.id}`);
  });
});
