import { eq } from "drizzle-orm";
import { riskActions, risks } from "#db/schema";
import { getDb, write } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { createRisk, type Scope } from "~/modules/risk/service.server";
import * as flaggedRoute from "~/routes/programmes.$slug.flagged";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

const AS_OF = "2026-03-20";

function world() {
  const w = write((tx) => {
    const programme = f.createProgramme(tx, { slug: "revs", name: "Revs and bens" });
    const pilot = f.createProject(tx, { programmeId: programme.id, slug: "pilot", name: "Pilot" });
    const hidden = f.createProject(tx, { programmeId: programme.id, slug: "hidden", name: "Hidden" });
    const ben = f.createUser(tx, { name: "Ben Turner" });
    f.addRole(tx, pilot.id, ben.person.id, "contributor");
    const late = f.createAction(tx, pilot.id, { ref: "4.2", title: "Comms plan", dueDate: "2026-03-10", status: "in_progress" });
    const stuck = f.createAction(tx, pilot.id, {
      ref: "4.3",
      title: "Stuck",
      dueDate: "2026-12-01",
      status: "blocked",
      blockedReason: "Legal",
    });
    const calm = f.createAction(tx, pilot.id, { ref: "4.4", title: "Calm", dueDate: "2026-12-01", status: "in_progress" });
    return { programme, pilot, hidden, ben, late, stuck, calm };
  });
  const actor: Actor = { userId: w.ben.user.id, personId: w.ben.person.id, label: "Ben Turner" };
  const risk = (scope: Scope, ref: string, over: Record<string, unknown> = {}) =>
    createRisk({
      actor,
      scope,
      today: "2026-01-01",
      // prettier-ignore
      input: {
        ref, title: `Risk ${ref}`, category: "People", kind: "threat", cause: "", event: "", effect: "", ownerPersonId: null,
        actioneePersonId: null, inherentLikelihood: 1, inherentImpact: 1, residualLikelihood: null, residualImpact: null,
        proximityDate: null, proximityText: "", response: "reduce", strategy: "", actionsOutstanding: "", nextReviewDate: "2026-12-01",
        ...over,
      },
    });
  const link = (riskId: number, actionId: number) => write((tx) => tx.insert(riskActions).values({ riskId, actionId }).run());
  const pilot = { projectId: w.pilot.id };
  const reviewDue = risk(pilot, "1", { nextReviewDate: "2026-03-01" });
  const high = risk(pilot, "2", { inherentLikelihood: 3, inherentImpact: 3 });
  const highCovered = risk(pilot, "3", { inherentLikelihood: 3, inherentImpact: 3 });
  link(highCovered.id, w.calm.id);
  const actionLate = risk(pilot, "4");
  link(actionLate.id, w.late.id);
  const actionStuck = risk(pilot, "5");
  link(actionStuck.id, w.stuck.id);
  const closed = risk(pilot, "6", { nextReviewDate: "2026-03-01" });
  getDb().update(risks).set({ status: "closed", dateClosed: "2026-02-01", closingNote: "Gone" }).where(eq(risks.id, closed.id)).run();
  risk({ projectId: w.hidden.id }, "7", { nextReviewDate: "2026-03-01" });
  const programmeRisk = risk({ programmeId: w.programme.id }, "P1", { nextReviewDate: "2026-03-01" });
  return { ...w, reviewDue, high, highCovered, actionLate, actionStuck, closed, programmeRisk };
}

interface RiskRow {
  id: number;
  ref: string;
  title: string;
  band: string | null;
  register: string;
  href: string;
  flags: Array<{ kind: string }>;
}

async function flaggedRisks(userId: number, asOf: string): Promise<RiskRow[]> {
  const res = await call(flaggedRoute.loader, await requestAs(userId, `/programmes/revs/flagged?asOf=${asOf}`), { slug: "revs" });
  expect(res.status).toBe(200);
  return (await res.json()).risks;
}

describe("the programme's flagged list: risks needing attention", () => {
  it("lists open, flagged risks of visible projects and the programme's register, with band, flags and a link", async () => {
    const w = world();
    const rows = await flaggedRisks(w.ben.user.id, AS_OF);
    const byRef = Object.fromEntries(rows.map((r) => [r.ref, r]));
    expect(rows.map((r) => r.ref).sort()).toEqual(["1", "2", "4", "5", "P1"]);
    expect(byRef["1"]!.flags.map((x) => x.kind)).toEqual(["review_due"]);
    expect(byRef["2"]!.flags.map((x) => x.kind)).toEqual(["high_no_action"]);
    expect(byRef["2"]!.band).toBe("high");
    expect(byRef["4"]!.flags).toEqual([{ kind: "action_overdue", actionRef: "4.2", days: 10 }]);
    expect(byRef["5"]!.flags).toEqual([{ kind: "action_blocked", actionRef: "4.3" }]);
    expect(byRef["1"]).toMatchObject({ title: "Risk 1", register: "Pilot", href: `/projects/pilot/risks/${w.reviewDue.id}` });
    expect(byRef["P1"]).toMatchObject({ register: "Revs and bens (programme)", href: `/programmes/revs/risks/${w.programmeRisk.id}` });
    // A high risk with an open linked action, a closed risk and a risk in a project Ben cannot see are left out.
    expect(rows.map((r) => r.ref)).not.toContain("3");
    expect(rows.map((r) => r.ref)).not.toContain("6");
    expect(rows.map((r) => r.ref)).not.toContain("7");
  });

  it("honours the as-of date", async () => {
    const w = world();
    // On 1 March no review is late and action 4.2 is not yet overdue; only the high and blocked ones stand.
    const early = await flaggedRisks(w.ben.user.id, "2026-03-01");
    expect(early.map((r) => r.ref).sort()).toEqual(["2", "5"]);
  });
});
