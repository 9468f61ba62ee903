import type { RuleDependency } from "~/modules/action/rules";
import { cpmActionItem, cpmDependencies, cpmMilestoneItem, planCriticalPath } from "~/modules/schedule/critical-items";
import { dayNumber } from "~/utils/dates";

const d = (iso: string) => dayNumber(iso);
const action = (id: number, v: Partial<Parameters<typeof cpmActionItem>[0]> = {}) => ({
  id,
  status: "not_started" as const,
  plannedStart: null,
  dueDate: null,
  completedDate: null,
  ...v,
});
const link = (from: [string, number], to: [string, number], lagDays = 0): RuleDependency =>
  ({
    predecessor: { kind: from[0], id: from[1] },
    successor: { kind: to[0], id: to[1] },
    lagDays,
  }) as RuleDependency;

describe("items as the critical path reads them", () => {
  test("an open action runs from its planned start to the day after its due date; without a start it lasts a day", () => {
    expect(cpmActionItem(action(1, { plannedStart: "2026-03-02", dueDate: "2026-03-06" }))).toEqual({ key: "a1", start: d("2026-03-02"), finish: d("2026-03-07") });
    expect(cpmActionItem(action(2, { dueDate: "2026-03-06" }))).toEqual({ key: "a2", start: null, finish: d("2026-03-07") });
    expect(cpmActionItem(action(3))).toEqual({ key: "a3", start: null, finish: null });
  });

  test("a done action is fixed at its completion, keeping its planned length; a cancelled one takes no part", () => {
    const done = cpmActionItem(action(1, { status: "done", plannedStart: "2026-03-02", dueDate: "2026-03-06", completedDate: "2026-03-10" }));
    expect(done).toEqual({ key: "a1", start: d("2026-03-11") - 5, finish: d("2026-03-11"), fixed: true });
    expect(cpmActionItem(action(2, { status: "cancelled", dueDate: "2026-03-06" })).excluded).toBe(true);
  });

  test("a milestone sits at its target, or fixed at the day it was achieved", () => {
    expect(cpmMilestoneItem({ id: 4, targetDate: "2026-04-01", achievedDate: null })).toEqual({ key: "m4", start: d("2026-04-02"), finish: d("2026-04-02"), fixed: false });
    expect(cpmMilestoneItem({ id: 4, targetDate: "2026-04-01", achievedDate: "2026-03-20" }).finish).toBe(d("2026-03-21"));
  });

  test("only dependencies between the chart's own items count, so the same plan gives the same path in every view", () => {
    const deps = [link(["action", 1], ["action", 2]), link(["action", 2], ["milestone", 7], 3), link(["action", 99], ["action", 1])];
    const { all, inScope } = cpmDependencies(deps, (k) => k !== "a99");
    expect(all).toHaveLength(3);
    expect(inScope).toEqual([
      { from: "a1", to: "a2", lagDays: 0 },
      { from: "a2", to: "m7", lagDays: 3 },
    ]);
    const r = planCriticalPath({
      actions: [action(1, { plannedStart: "2026-03-02", dueDate: "2026-03-06" }), action(2, { plannedStart: "2026-03-07", dueDate: "2026-03-13" }), action(3, { dueDate: "2026-03-04" })],
      milestones: [{ id: 7, targetDate: "2026-03-16", achievedDate: null }],
      dependencies: inScope,
    });
    expect(["a1", "a2", "m7"].map((k) => r.times.get(k)?.critical)).toEqual([true, true, true]);
    expect(r.times.get("a3")?.critical).toBe(false);
  });
});
