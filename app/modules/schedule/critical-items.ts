// The critical path of a plan's actions and milestones, as the timeline and the dependency graph
// both read it: how each item enters the forward and backward passes (see critical-path.ts for
// the decisions), over the items of the chart's own projects and the dependencies between them.
// Pure: no I/O, no clock. One place, so the two views can never disagree on what is critical.
import type { RuleAction, RuleDependency, RuleMilestone } from "~/modules/action/rules";
import { dayNumber } from "~/utils/dates";
import { criticalPath, type CpmDependency, type CpmItem, type CpmResult, type ItemKey } from "./critical-path";

type ActionDates = Pick<RuleAction, "id" | "status" | "plannedStart" | "dueDate" | "completedDate">;
type MilestoneDates = Pick<RuleMilestone, "id" | "targetDate" | "achievedDate">;

export const actionKey = (id: number): ItemKey => `a${id}`;
export const milestoneKey = (id: number): ItemKey => `m${id}`;
export const ruleItemKey = (item: RuleDependency["predecessor"]): ItemKey =>
  item.kind === "action" ? actionKey(item.id) : milestoneKey(item.id);

/** An action or milestone as the critical path sees it. */
export function cpmActionItem(a: ActionDates): CpmItem {
  const key = actionKey(a.id);
  if (a.status === "cancelled") return { key, start: null, finish: null, excluded: true };
  if (a.status === "done") {
    const end = a.completedDate ?? a.dueDate;
    const finish = end ? dayNumber(end) + 1 : null;
    const planned = a.dueDate && a.plannedStart ? dayNumber(a.dueDate) - dayNumber(a.plannedStart) + 1 : 1;
    return { key, start: finish === null ? null : finish - Math.max(1, planned), finish, fixed: true };
  }
  return { key, start: a.plannedStart ? dayNumber(a.plannedStart) : null, finish: a.dueDate ? dayNumber(a.dueDate) + 1 : null };
}

export function cpmMilestoneItem(m: MilestoneDates): CpmItem {
  const day = dayNumber(m.achievedDate ?? m.targetDate) + 1;
  return { key: milestoneKey(m.id), start: day, finish: day, fixed: m.achievedDate !== null };
}

/** Every dependency as critical-path keys, and those with both ends among `inScope`. */
export function cpmDependencies(dependencies: readonly RuleDependency[], inScope: (key: ItemKey) => boolean) {
  const all: CpmDependency[] = dependencies.map((d) => ({ from: ruleItemKey(d.predecessor), to: ruleItemKey(d.successor), lagDays: d.lagDays }));
  return { all, inScope: all.filter((d) => inScope(d.from) && inScope(d.to)) };
}

/**
 * The critical path over the given actions and milestones (the chart's own, before any filter,
 * so filtering a view never changes an item's float) and the dependencies between them.
 */
export function planCriticalPath({
  actions,
  milestones,
  dependencies,
}: {
  actions: readonly ActionDates[];
  milestones: readonly MilestoneDates[];
  dependencies: readonly CpmDependency[];
}): CpmResult {
  const items: CpmItem[] = [];
  for (const a of actions) items.push(cpmActionItem(a));
  for (const m of milestones) items.push(cpmMilestoneItem(m));
  return criticalPath(items, dependencies);
}
