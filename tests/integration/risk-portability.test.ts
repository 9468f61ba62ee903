import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getSqlite, write } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { systemActor } from "~/modules/audit/actor";
import { verifyAuditChain } from "~/modules/audit/service.server";
import { exportProject } from "~/modules/portability/export.server";
import { ImportRefusedError, importProject } from "~/modules/portability/import.server";
import { closeRisk, createRisk, linkAction, listRisks, reviewRisk } from "~/modules/risk/service.server";
import * as f from "../../seeds/factories";
import { systemViewer } from "~/modules/auth/access.server";

const D = "2026-11-22";
const actor = systemActor("test");

function buildProject() {
  const w = write((tx) => {
    const project = f.createProject(tx, { slug: "partnership", name: "Partnership" });
    const owner = f.createPerson(tx, { name: "Rita Owner", email: "rita@example.org" });
    const reviewer = f.createUser(tx, { name: "Rob Reviewer", email: "rob@example.org" });
    const action = f.createAction(tx, project.id, { ref: "P1", title: "Comms plan", dueDate: "2026-11-01", status: "in_progress" });
    return { project, owner, reviewer, action };
  });
  const scope = { projectId: w.project.id };
  const by = { userId: w.reviewer.user.id, personId: w.reviewer.person.id, label: "Rob" };
  const base = { category: "People", kind: "threat" as const, cause: "", event: "", effect: "", ownerPersonId: w.owner.id, actioneePersonId: null, proximityDate: null, proximityText: "next 3 months", strategy: "Talk early", actionsOutstanding: "", nextReviewDate: "2026-11-01" };
  const r1 = createRisk({ actor: by, scope, today: "2026-10-01", input: { ...base, ref: "1", title: "Staff resist", inherentLikelihood: 3, inherentImpact: 3, residualLikelihood: 2, residualImpact: 3, response: "reduce" } });
  reviewRisk({ actor: by, scope, riskId: r1.id, input: { version: 1, reviewDate: "2026-11-05", residualLikelihood: 1, residualImpact: 3, nextReviewDate: "2026-11-20", note: "Briefings held" } });
  linkAction({ actor: by, scope, riskId: r1.id, actionId: w.action.id });
  const r2 = createRisk({ actor: by, scope, today: "2026-10-01", input: { ...base, ref: "2", title: "Grant arrives early", kind: "opportunity", inherentLikelihood: 1, inherentImpact: 2, residualLikelihood: null, residualImpact: null, response: "exploit" } });
  closeRisk({ actor: by, scope, riskId: r2.id, input: { version: 1, dateClosed: "2026-11-10", closingNote: "Grant received" } });
  return w;
}

function emptyDatabase() {
  closeDb();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "waymark-risk-import-")), "empty.db");
  fs.copyFileSync(path.resolve("tests/.cache/template.db"), file);
  process.env.DATABASE_PATH = file;
  resetEnvCache();
}

const view = (slug: string) => {
  const project = getSqlite().prepare("select id from projects where slug = ?").get(slug) as { id: number };
  return listRisks({ scope: { projectId: project.id }, today: D, viewer: systemViewer() }).risks.map((r) => ({
    ref: r.ref, title: r.title, kind: r.kind, owner: r.ownerName, status: r.status, dateClosed: r.dateClosed, closingNote: r.closingNote,
    scores: [r.inherentLikelihood, r.inherentImpact, r.residualLikelihood, r.residualImpact], band: r.band, flags: r.flags, trend: r.trend,
    linked: r.linked.map((a) => a.ref), proximityText: r.proximityText, response: r.response,
  }));
};

describe("risk registers in project export and import", () => {
  it("round-trip the register, each risk's history and its links to actions, with the same flags and trend", () => {
    buildProject();
    const before = view("partnership");
    expect(before[0]!.flags.map((f) => f.kind)).toEqual(["review_due", "action_overdue"]);
    expect(before[0]!.trend?.direction).toBe("falling");
    const exported = JSON.parse(JSON.stringify(exportProject({ slug: "partnership" })));
    expect(exported.riskRegister).toMatchObject({ scale: 3, mediumFrom: 3, highFrom: 6 });
    expect(exported.riskRegister.risks[0]).toMatchObject({ ref: "1", owner: "rita@example.org", actions: ["P1"] });
    expect(exported.riskRegister.risks[0].history.map((h: { reason: string; changedBy: string }) => [h.reason, h.changedBy])).toEqual([
      ["raised", "rob@example.org"],
      ["review", "rob@example.org"],
    ]);

    emptyDatabase();
    const summary = importProject({ actor, value: exported });
    expect(summary.counts).toMatchObject({ risks: 2, riskScoreChanges: 3 });
    expect(view("partnership")).toEqual(before);
    const { exportedAt: _a, ...again } = exportProject({ slug: "partnership" });
    const { exportedAt: _b, ...first } = exported;
    expect(JSON.parse(JSON.stringify(again))).toEqual(first);
    const events = (getSqlite().prepare("select event from audit_events").all() as { event: string }[]).map((e) => e.event);
    expect(events).toContain("risk_register.import");
    expect(verifyAuditChain(getSqlite()).ok).toBe(true);
  });

  it("a file without a register still imports; a bad register is refused with paths and nothing is written", () => {
    buildProject();
    const exported = JSON.parse(JSON.stringify(exportProject({ slug: "partnership" })));
    emptyDatabase();
    const { riskRegister, ...withoutRisks } = exported;
    importProject({ actor, value: { ...withoutRisks, project: { ...exported.project, slug: "no-risks" } } });
    expect(view("no-risks")).toEqual([]);

    const bad = structuredClone(riskRegister);
    bad.risks[0].inherentLikelihood = 5;
    bad.risks[0].actions = ["NOPE"];
    bad.risks[1].response = "avoid";
    bad.risks[1].closingNote = null;
    bad.risks[1].owner = "nobody@example.org";
    let errors: string[] = [];
    try {
      importProject({ actor, value: { ...exported, riskRegister: bad } });
    } catch (error) {
      if (!(error instanceof ImportRefusedError)) throw error;
      errors = error.errors;
    }
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^riskRegister\.risks\[0\]\.inherentLikelihood: .*1 to 3/),
        expect.stringMatching(/^riskRegister\.risks\[0\]\.actions\[0\]: no action "NOPE"/),
        expect.stringMatching(/^riskRegister\.risks\[1\]\.response: An opportunity's response/),
        expect.stringMatching(/^riskRegister\.risks\[1\]\.closingNote: /),
        expect.stringMatching(/^riskRegister\.risks\[1\]\.owner: no person "nobody@example.org"/),
      ]),
    );
    expect((getSqlite().prepare("select count(*) as n from projects where slug = 'partnership'").get() as { n: number }).n).toBe(0);
  });
});
