import { describe, expect, it } from "vitest";
import {
  addDays,
  evaluateFlags,
  flagLabel,
  isOpen,
  todayInLondon,
  type ActionFlag,
  type FlagInput,
  type ItemKey,
  type RuleAction,
  type RuleDependency,
  type RuleMilestone,
} from "~/modules/action/rules";

const D = "2026-11-22";
let nextId = 1;

function action(v: Partial<RuleAction> = {}): RuleAction {
  const id = v.id ?? nextId++;
  return {
    id,
    projectId: 1,
    ref: `A${id}`,
    title: `Action ${id}`,
    status: "not_started",
    blockedReason: null,
    plannedStart: null,
    dueDate: null,
    baselineDueDate: null,
    completedDate: null,
    createdDate: D,
    ownerCount: 1,
    lastNoteDate: null,
    dueDateMoves: 0,
    ...v,
  };
}

function milestone(v: Partial<RuleMilestone> = {}): RuleMilestone {
  const id = v.id ?? nextId++;
  return { id, projectId: 1, name: `Milestone ${id}`, targetDate: addDays(D, 30), achievedDate: null, ...v };
}

const A = (id: number): ItemKey => ({ kind: "action", id });
const M = (id: number): ItemKey => ({ kind: "milestone", id });
const dep = (predecessor: ItemKey, successor: ItemKey, lagDays = 0): RuleDependency => ({
  predecessor,
  successor,
  lagDays,
});

function run(input: Partial<FlagInput>) {
  return evaluateFlags({ asOf: D, actions: [], milestones: [], dependencies: [], ...input });
}
function flagsOf(input: Partial<FlagInput>, id: number) {
  return run(input).actions.get(id)!;
}
function kinds(flags: { kind: string }[]) {
  return flags.map((f) => f.kind).sort();
}
function blockedOf(flags: ActionFlag[]) {
  const f = flags.find((x) => x.kind === "blocked");
  if (!f || f.kind !== "blocked") throw new Error("not blocked");
  return f;
}

describe("dates", () => {
  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });
  it("gives today in Europe/London, not UTC", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    expect(todayInLondon(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    // In winter London is on UTC.
    expect(todayInLondon(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
  it("knows which statuses are open", () => {
    expect(isOpen("in_progress")).toBe(true);
    expect(isOpen("blocked")).toBe(true);
    expect(isOpen("done")).toBe(false);
    expect(isOpen("cancelled")).toBe(false);
  });
});

describe("overdue", () => {
  it("flags an open action due before D with the days overdue", () => {
    const a = action({ dueDate: addDays(D, -12) });
    expect(flagsOf({ actions: [a] }, a.id)).toContainEqual({ kind: "overdue", days: 12 });
  });
  it("does not flag an action due today as overdue", () => {
    const a = action({ dueDate: D });
    expect(kinds(flagsOf({ actions: [a] }, a.id))).toEqual(["due_soon"]);
  });
  it("never flags done or cancelled actions", () => {
    const done = action({ dueDate: addDays(D, -5), status: "done", ownerCount: 0 });
    const cancelled = action({ dueDate: addDays(D, -5), status: "cancelled", ownerCount: 0 });
    const result = run({ actions: [done, cancelled] });
    expect(result.actions.get(done.id)).toEqual([]);
    expect(result.actions.get(cancelled.id)).toEqual([]);
  });
  it("answers by id like a Map: every item given, in input order, and nothing else", () => {
    const late = action({ dueDate: addDays(D, -3) });
    const fine = action();
    const ms = milestone({ targetDate: addDays(D, -1) });
    const result = run({ actions: [late, fine], milestones: [ms] });
    expect([...result.actions.keys()]).toEqual([late.id, fine.id]);
    expect(new Map(result.actions)).toEqual(new Map([[late.id, [{ kind: "overdue", days: 3 }]], [fine.id, []]]));
    expect(result.actions.size).toBe(2);
    expect(result.actions.has(fine.id)).toBe(true);
    expect(result.actions.has(ms.id + 1000)).toBe(false);
    expect(result.actions.get(ms.id + 1000)).toBeUndefined();
    expect(result.milestones.get(ms.id)).toEqual([{ kind: "missed", days: 1 }]);
    expect(result.milestones.has(late.id)).toBe(false);
    const seen: number[] = [];
    result.actions.forEach((_flags, id) => seen.push(id));
    expect(seen).toEqual([late.id, fine.id]);
  });
  it("gives an action with no due date no date flags", () => {
    const a = action();
    expect(flagsOf({ actions: [a] }, a.id)).toEqual([]);
  });
});

describe("due_soon", () => {
  it("flags due today with 0 days", () => {
    const a = action({ dueDate: D });
    expect(flagsOf({ actions: [a] }, a.id)).toEqual([{ kind: "due_soon", days: 0 }]);
  });
  it("includes D+14 and excludes D+15 by default", () => {
    const inside = action({ dueDate: addDays(D, 14) });
    const outside = action({ dueDate: addDays(D, 15) });
    const result = run({ actions: [inside, outside] });
    expect(result.actions.get(inside.id)).toEqual([{ kind: "due_soon", days: 14 }]);
    expect(result.actions.get(outside.id)).toEqual([]);
  });
  it("uses the project's window", () => {
    const a = action({ projectId: 7, dueDate: addDays(D, 20) });
    const b = action({ projectId: 7, dueDate: addDays(D, 22) });
    const result = run({ actions: [a, b], settings: { 7: { dueSoonDays: 21, staleDays: 30 } } });
    expect(result.actions.get(a.id)).toEqual([{ kind: "due_soon", days: 20 }]);
    expect(result.actions.get(b.id)).toEqual([]);
  });
});

describe("blocked", () => {
  it("flags an action blocked by its own status, with the reason", () => {
    const a = action({ status: "blocked", blockedReason: "Waiting for HR" });
    const f = blockedOf(flagsOf({ actions: [a] }, a.id));
    expect(f.reason).toBe("Waiting for HR");
    expect(f.causes).toEqual([]);
    expect(flagLabel(f)).toBe("Blocked: Waiting for HR");
  });

  it("is blocked by an overdue predecessor even before its own start", () => {
    const p = action({ ref: "4.2", dueDate: addDays(D, -12) });
    const s = action({ plannedStart: addDays(D, 10) });
    const f = blockedOf(flagsOf({ actions: [p, s], dependencies: [dep(A(p.id), A(s.id))] }, s.id));
    expect(f.reason).toBeNull();
    expect(f.causes).toHaveLength(1);
    expect(f.causes[0].why).toEqual([{ kind: "overdue", days: 12 }]);
    expect(flagLabel(f)).toBe("Blocked by 4.2, which is 12 days overdue");
  });

  it("is blocked by a merely open predecessor only once its planned start has come", () => {
    const p = action({ dueDate: addDays(D, 5) });
    const startsToday = action({ plannedStart: D });
    const startsTomorrow = action({ plannedStart: addDays(D, 1) });
    const noStart = action();
    const result = run({
      actions: [p, startsToday, startsTomorrow, noStart],
      dependencies: [dep(A(p.id), A(startsToday.id)), dep(A(p.id), A(startsTomorrow.id)), dep(A(p.id), A(noStart.id))],
    });
    const f = blockedOf(result.actions.get(startsToday.id)!);
    expect(f.causes[0].why).toEqual([{ kind: "not_finished" }]);
    expect(kinds(result.actions.get(startsTomorrow.id)!)).toEqual([]);
    expect(kinds(result.actions.get(noStart.id)!)).toEqual([]);
  });

  it("is not blocked by a done or cancelled predecessor", () => {
    const done = action({ status: "done", dueDate: addDays(D, -30), completedDate: addDays(D, -20) });
    const cancelled = action({ status: "cancelled", dueDate: addDays(D, -30) });
    const s = action({ plannedStart: addDays(D, -1) });
    expect(
      flagsOf({ actions: [done, cancelled, s], dependencies: [dep(A(done.id), A(s.id)), dep(A(cancelled.id), A(s.id))] }, s.id),
    ).toEqual([]);
  });

  it("a blocked predecessor blocks its successors transitively", () => {
    const root = action({ ref: "1", status: "blocked", blockedReason: "No budget" });
    const mid = action({ ref: "2" });
    const leaf = action({ ref: "3" });
    const result = run({ actions: [root, mid, leaf], dependencies: [dep(A(root.id), A(mid.id)), dep(A(mid.id), A(leaf.id))] });
    const f = blockedOf(result.actions.get(leaf.id)!);
    expect(f.causes.map((c) => c.item)).toMatchObject([{ ref: "2" }]);
    expect(f.causes[0].why).toEqual([{ kind: "waiting" }]);
    expect(f.roots).toHaveLength(1);
    expect(f.roots[0].item).toMatchObject({ ref: "1" });
    expect(f.roots[0].why).toEqual([{ kind: "blocked", reason: "No budget" }]);
    expect(flagLabel(f)).toBe("Blocked by 2, which is blocked by 1, which is blocked (No budget)");
  });

  it("reports a chain several links long down to its root", () => {
    const chain = Array.from({ length: 6 }, (_, k) => action({ ref: `C${k}` }));
    chain[0].dueDate = addDays(D, -3);
    const deps = chain.slice(1).map((a, k) => dep(A(chain[k].id), A(a.id)));
    const result = run({ actions: chain, dependencies: deps });
    for (const a of chain.slice(1)) expect(kinds(result.actions.get(a.id)!)).toContain("blocked");
    const f = blockedOf(result.actions.get(chain[5].id)!);
    expect(f.roots).toHaveLength(1);
    expect(f.roots[0].path.map((i) => (i.kind === "action" ? i.ref : i.name))).toEqual(["C4", "C3", "C2", "C1", "C0"]);
    expect(f.roots[0].why).toEqual([{ kind: "overdue", days: 3 }]);
  });

  it("reports the root of a diamond once", () => {
    const root = action({ ref: "R", dueDate: addDays(D, -1) });
    const left = action({ ref: "L" });
    const right = action({ ref: "Rt" });
    const bottom = action({ ref: "B" });
    const f = blockedOf(
      flagsOf(
        {
          actions: [root, left, right, bottom],
          dependencies: [
            dep(A(root.id), A(left.id)),
            dep(A(root.id), A(right.id)),
            dep(A(left.id), A(bottom.id)),
            dep(A(right.id), A(bottom.id)),
          ],
        },
        bottom.id,
      ),
    );
    expect(f.causes).toHaveLength(2);
    expect(f.roots.map((r) => r.item.id)).toEqual([root.id]);
  });

  it("stays fast on a ladder of diamonds (no exponential blow-up)", () => {
    // 40 stacked diamonds: 2^40 paths to the root.
    const acts: RuleAction[] = [action({ ref: "top", dueDate: addDays(D, -1) })];
    const deps: RuleDependency[] = [];
    for (let k = 0; k < 40; k++) {
      const prev = acts[acts.length - 1];
      const l = action();
      const r = action();
      const join = action({ ref: `J${k}` });
      acts.push(l, r, join);
      deps.push(dep(A(prev.id), A(l.id)), dep(A(prev.id), A(r.id)), dep(A(l.id), A(join.id)), dep(A(r.id), A(join.id)));
    }
    const last = acts[acts.length - 1];
    const f = blockedOf(flagsOf({ actions: acts, dependencies: deps }, last.id));
    expect(f.roots.map((r) => r.item)).toMatchObject([{ ref: "top" }]);
  });

  it("is blocked through a milestone predecessor", () => {
    const p = action({ ref: "4.2", dueDate: addDays(D, -12) });
    const m = milestone({ name: "Go live" });
    const s = action({ ref: "5.1" });
    const result = run({ actions: [p, s], milestones: [m], dependencies: [dep(A(p.id), M(m.id)), dep(M(m.id), A(s.id))] });
    const f = blockedOf(result.actions.get(s.id)!);
    expect(f.causes[0].item).toMatchObject({ kind: "milestone", name: "Go live" });
    expect(flagLabel(f)).toBe("Blocked by milestone “Go live”, which is blocked by 4.2, which is 12 days overdue");
  });

  it("is blocked by a missed milestone", () => {
    const m = milestone({ name: "Consultation closes", targetDate: addDays(D, -2) });
    const s = action({ plannedStart: addDays(D, 5) });
    const f = blockedOf(flagsOf({ actions: [s], milestones: [m], dependencies: [dep(M(m.id), A(s.id))] }, s.id));
    expect(f.causes[0].why).toEqual([{ kind: "missed", days: 2 }]);
  });

  it("honours lag after a predecessor finishes", () => {
    const p = action({ ref: "P", status: "done", completedDate: addDays(D, -2) });
    const inLag = action({ plannedStart: addDays(D, -1) });
    const pastLag = action({ plannedStart: addDays(D, -1) });
    const notStarted = action({ plannedStart: addDays(D, 1) });
    const result = run({
      actions: [p, inLag, pastLag, notStarted],
      dependencies: [dep(A(p.id), A(inLag.id), 5), dep(A(p.id), A(pastLag.id), 2), dep(A(p.id), A(notStarted.id), 5)],
    });
    const f = blockedOf(result.actions.get(inLag.id)!);
    expect(f.causes[0]).toMatchObject({ lagDays: 5, why: [{ kind: "lag", until: addDays(D, 3) }] });
    expect(result.actions.get(pastLag.id)).toEqual([]); // finished D-2, lag 2: free from D
    expect(result.actions.get(notStarted.id)).toEqual([]);
  });

  it("does not hang on a cycle in the input", () => {
    const a = action({ status: "blocked", blockedReason: "x" });
    const b = action();
    const c = action();
    const result = run({
      actions: [a, b, c],
      dependencies: [dep(A(a.id), A(b.id)), dep(A(b.id), A(c.id)), dep(A(c.id), A(a.id))],
    });
    expect(kinds(result.actions.get(c.id)!)).toEqual(["blocked"]);
    expect(blockedOf(result.actions.get(c.id)!).roots.map((r) => r.item.id)).toEqual([a.id]);
  });

  it("does not call a cycle of open, unstarted, on-time actions blocked", () => {
    const a = action();
    const b = action();
    const result = run({ actions: [a, b], dependencies: [dep(A(a.id), A(b.id)), dep(A(b.id), A(a.id))] });
    expect(result.actions.get(a.id)).toEqual([]);
  });
});

describe("stale", () => {
  it("flags in_progress with no note for more than 30 days", () => {
    const a = action({ status: "in_progress", lastNoteDate: addDays(D, -31) });
    const b = action({ status: "in_progress", lastNoteDate: addDays(D, -30) });
    const result = run({ actions: [a, b] });
    expect(result.actions.get(a.id)).toEqual([{ kind: "stale", daysSinceNote: 31, lastNoteDate: addDays(D, -31) }]);
    expect(result.actions.get(b.id)).toEqual([]);
  });
  it("only applies to in_progress", () => {
    const a = action({ status: "not_started", lastNoteDate: addDays(D, -100) });
    expect(flagsOf({ actions: [a] }, a.id)).toEqual([]);
  });
  it("counts from the planned start, then the created date, when never noted", () => {
    const a = action({ status: "in_progress", plannedStart: addDays(D, -40), createdDate: addDays(D, -90) });
    const b = action({ status: "in_progress", createdDate: addDays(D, -35) });
    const result = run({ actions: [a, b] });
    expect(result.actions.get(a.id)).toEqual([{ kind: "stale", daysSinceNote: 40, lastNoteDate: null }]);
    expect(result.actions.get(b.id)).toEqual([{ kind: "stale", daysSinceNote: 35, lastNoteDate: null }]);
  });
  it("uses the project's window", () => {
    const a = action({ projectId: 9, status: "in_progress", lastNoteDate: addDays(D, -8) });
    expect(flagsOf({ actions: [a], settings: { 9: { dueSoonDays: 14, staleDays: 7 } } }, a.id)).toMatchObject([
      { kind: "stale", daysSinceNote: 8 },
    ]);
  });
});

describe("unowned", () => {
  it("flags an open action with no owner", () => {
    const a = action({ ownerCount: 0 });
    expect(flagsOf({ actions: [a] }, a.id)).toEqual([{ kind: "unowned" }]);
    expect(flagLabel({ kind: "unowned" })).toMatch(/nobody owns/);
  });
});

describe("slipped", () => {
  it("flags due later than baseline with the move count and days", () => {
    const a = action({ dueDate: addDays(D, 40), baselineDueDate: addDays(D, 20), dueDateMoves: 3 });
    const f = flagsOf({ actions: [a] }, a.id);
    expect(f).toEqual([{ kind: "slipped", moves: 3, days: 20 }]);
    expect(flagLabel(f[0])).toBe("Slipped 20 days from its baseline (due date moved 3 times)");
  });
  it("does not flag due on or before baseline", () => {
    const a = action({ dueDate: addDays(D, 40), baselineDueDate: addDays(D, 40), dueDateMoves: 2 });
    const b = action({ dueDate: addDays(D, 30), baselineDueDate: addDays(D, 40), dueDateMoves: 1 });
    const result = run({ actions: [a, b] });
    expect(result.actions.get(a.id)).toEqual([]);
    expect(result.actions.get(b.id)).toEqual([]);
  });
});

describe("milestone missed", () => {
  it("flags a target before D that is not achieved", () => {
    const missed = milestone({ targetDate: addDays(D, -4) });
    const today = milestone({ targetDate: D });
    const achieved = milestone({ targetDate: addDays(D, -4), achievedDate: addDays(D, -5) });
    const result = run({ milestones: [missed, today, achieved] });
    expect(result.milestones.get(missed.id)).toEqual([{ kind: "missed", days: 4 }]);
    expect(result.milestones.get(today.id)).toEqual([]);
    expect(result.milestones.get(achieved.id)).toEqual([]);
  });
});

describe("milestone at_risk", () => {
  it("flags a milestone an overdue or blocked action feeds; a late-due action is a schedule conflict instead", () => {
    const overdue = action({ ref: "1", dueDate: addDays(D, -1) });
    const blocked = action({ ref: "2", status: "blocked", blockedReason: "x", dueDate: addDays(D, 5) });
    const late = action({ ref: "3", dueDate: addDays(D, 40) });
    const fine = action({ ref: "4", dueDate: addDays(D, 10) });
    const m = milestone({ targetDate: addDays(D, 30) });
    const result = run({
      actions: [overdue, blocked, late, fine],
      milestones: [m],
      dependencies: [overdue, blocked, late, fine].map((a) => dep(A(a.id), M(m.id))),
    });
    const [flag, conflict] = result.milestones.get(m.id)!;
    expect(flag.kind).toBe("at_risk");
    if (flag.kind !== "at_risk") return;
    expect(flag.causes.map((c) => (c.item.kind === "action" ? c.item.ref : ""))).toEqual(["1", "2"]);
    expect(conflict).toMatchObject({ kind: "schedule_conflict", conflicts: [{ item: { ref: "3" }, days: 10 }] });
  });
  it("a missed milestone is not also at risk: the stronger flag wins", () => {
    const overdue = action({ ref: "1", dueDate: addDays(D, -10) });
    const m = milestone({ targetDate: addDays(D, -3) });
    const result = run({ actions: [overdue], milestones: [m], dependencies: [dep(A(overdue.id), M(m.id))] });
    expect(result.milestones.get(m.id)).toEqual([{ kind: "missed", days: 3 }]);
  });
  it("ignores done actions and achieved milestones", () => {
    const a = action({ status: "done", dueDate: addDays(D, 60) });
    const b = action({ dueDate: addDays(D, -3) });
    const open = milestone({ targetDate: addDays(D, 30) });
    const achieved = milestone({ targetDate: addDays(D, 30), achievedDate: D });
    const result = run({
      actions: [a, b],
      milestones: [open, achieved],
      dependencies: [dep(A(a.id), M(open.id)), dep(A(b.id), M(achieved.id))],
    });
    expect(result.milestones.get(open.id)).toEqual([]);
    expect(result.milestones.get(achieved.id)).toEqual([]);
  });
});

describe("schedule conflict", () => {
  const conflictOf = (flags: { kind: string }[]) => flags.find((f) => f.kind === "schedule_conflict");

  it("flags an open action due before its predecessor is due, with the cause in words", () => {
    const pred = action({ ref: "1.10", dueDate: "2027-02-05" });
    const succ = action({ ref: "4.2", dueDate: "2027-01-08" });
    const flags = flagsOf({ actions: [pred, succ], dependencies: [dep(A(pred.id), A(succ.id))] }, succ.id);
    const f = conflictOf(flags);
    expect(f).toEqual({
      kind: "schedule_conflict",
      conflicts: [{ item: expect.objectContaining({ kind: "action", ref: "1.10" }), predecessorDue: "2027-02-05", lagDays: 0, due: "2027-01-08", days: 28 }],
    });
    expect(flagLabel(f as ActionFlag)).toBe("Schedule conflict: due 8 Jan 2027, before 1.10 is due 5 Feb 2027");
  });
  it("does not flag equal dates (finish-to-start on the same day)", () => {
    const pred = action({ dueDate: addDays(D, 20) });
    const succ = action({ dueDate: addDays(D, 20) });
    expect(conflictOf(flagsOf({ actions: [pred, succ], dependencies: [dep(A(pred.id), A(succ.id))] }, succ.id))).toBeUndefined();
  });
  it("counts lag: due on predecessor + lag is fine, one day earlier conflicts", () => {
    const pred = action({ ref: "P", dueDate: addDays(D, 20) });
    const onTime = action({ dueDate: addDays(D, 23) });
    const early = action({ dueDate: addDays(D, 22) });
    const result = run({ actions: [pred, onTime, early], dependencies: [dep(A(pred.id), A(onTime.id), 3), dep(A(pred.id), A(early.id), 3)] });
    expect(conflictOf(result.actions.get(onTime.id)!)).toBeUndefined();
    const f = conflictOf(result.actions.get(early.id)!) as ActionFlag;
    expect(f).toMatchObject({ conflicts: [{ lagDays: 3, days: 1 }] });
    expect(flagLabel(f)).toMatch(/before P is due .* plus 3 days’ lag$/);
  });
  it("does not flag when the predecessor is done or cancelled", () => {
    const done = action({ status: "done", completedDate: D, dueDate: addDays(D, 40) });
    const cancelled = action({ status: "cancelled", dueDate: addDays(D, 40) });
    const succ = action({ dueDate: addDays(D, 10) });
    const flags = flagsOf({ actions: [done, cancelled, succ], dependencies: [dep(A(done.id), A(succ.id)), dep(A(cancelled.id), A(succ.id))] }, succ.id);
    expect(conflictOf(flags)).toBeUndefined();
  });
  it("does not flag a successor that is itself done", () => {
    const pred = action({ dueDate: addDays(D, 40) });
    const succ = action({ status: "done", completedDate: D, dueDate: addDays(D, 10) });
    expect(flagsOf({ actions: [pred, succ], dependencies: [dep(A(pred.id), A(succ.id))] }, succ.id)).toEqual([]);
  });
  it("flags a milestone due before an action it waits for, and an action waiting for a later milestone", () => {
    const a = action({ ref: "2.1", dueDate: "2027-03-01" });
    const m = milestone({ name: "Go live", targetDate: "2027-02-01" });
    const after = action({ ref: "3.1", dueDate: "2027-01-15" });
    const result = run({ actions: [a, after], milestones: [m], dependencies: [dep(A(a.id), M(m.id)), dep(M(m.id), A(after.id))] });
    const mf = conflictOf(result.milestones.get(m.id)!) as ActionFlag;
    expect(flagLabel(mf)).toBe("Schedule conflict: due 1 Feb 2027, before 2.1 is due 1 Mar 2027");
    expect(flagLabel(conflictOf(result.actions.get(after.id)!) as ActionFlag)).toBe(
      "Schedule conflict: due 15 Jan 2027, before milestone “Go live” is due 1 Feb 2027",
    );
  });
  it("does not flag an achieved milestone, either way round", () => {
    const a = action({ dueDate: addDays(D, 60) });
    const m = milestone({ targetDate: addDays(D, 30), achievedDate: D });
    const after = action({ dueDate: addDays(D, 10) });
    const result = run({ actions: [a, after], milestones: [m], dependencies: [dep(A(a.id), M(m.id)), dep(M(m.id), A(after.id))] });
    expect(result.milestones.get(m.id)).toEqual([]);
    expect(conflictOf(result.actions.get(after.id)!)).toBeUndefined();
  });
  it("does not flag when either end has no date", () => {
    const undated = action({ dueDate: null });
    const dated = action({ dueDate: addDays(D, 5) });
    const later = action({ dueDate: addDays(D, 50) });
    const undatedSucc = action({ dueDate: null });
    const result = run({ actions: [undated, dated, later, undatedSucc], dependencies: [dep(A(undated.id), A(dated.id)), dep(A(later.id), A(undatedSucc.id))] });
    expect(conflictOf(result.actions.get(dated.id)!)).toBeUndefined();
    expect(conflictOf(result.actions.get(undatedSucc.id)!)).toBeUndefined();
  });
  it("lists every conflicting predecessor", () => {
    const p1 = action({ ref: "1", dueDate: addDays(D, 30) });
    const p2 = action({ ref: "2", dueDate: addDays(D, 40) });
    const s = action({ dueDate: addDays(D, 20) });
    const f = conflictOf(flagsOf({ actions: [p1, p2, s], dependencies: [dep(A(p1.id), A(s.id)), dep(A(p2.id), A(s.id))] }, s.id));
    expect(f).toMatchObject({ conflicts: [{ item: { ref: "1" }, days: 10 }, { item: { ref: "2" }, days: 20 }] });
  });
});

describe("scale", () => {
  it("evaluates 10,000 actions and 3,000 dependencies", () => {
    const acts: RuleAction[] = [];
    for (let k = 0; k < 10_000; k++) {
      acts.push(
        action({
          projectId: (k % 10) + 1,
          status: k % 7 === 0 ? "blocked" : k % 3 === 0 ? "in_progress" : "not_started",
          blockedReason: k % 7 === 0 ? "x" : null,
          dueDate: addDays(D, (k % 90) - 30),
          plannedStart: addDays(D, (k % 60) - 45),
          lastNoteDate: addDays(D, -(k % 50)),
          ownerCount: k % 11 === 0 ? 0 : 1,
        }),
      );
    }
    // Long chains plus fan-in: predecessor always earlier, so no cycles.
    const deps: RuleDependency[] = [];
    for (let k = 0; k < 3_000; k++) {
      const s = 1 + ((k * 7919) % 9_999);
      const p = (k * 104_729) % s;
      deps.push(dep(A(acts[p].id), A(acts[s].id)));
    }
    const result = run({ actions: acts, dependencies: deps });
    expect(result.actions.size).toBe(10_000);
    const blockedCount = [...result.actions.values()].filter((f) => f.some((x) => x.kind === "blocked")).length;
    expect(blockedCount).toBeGreaterThan(1_000);
  });
});
