// The rules that flag work (DESIGN.md, "Rules that flag work"). Pure: data in, flags out.
// No database, no clock: the as-of date D is an argument (todayInLondon(now) is the one helper
// that turns an instant into a calendar date, and it takes the instant as a parameter).
// Linear in actions + dependencies: one forward propagation for "blocked", one memoised walk
// backwards for root causes (each item's roots capped at MAX_ROOTS), no per-pair work.
//
// Decisions where DESIGN.md is silent:
// - stale: an in_progress action is stale when D - (last note date, else planned start, else the
//   date it was created) > staleDays. A note exactly staleDays ago still counts as recent.
// - lag: an open predecessor blocks regardless of lag. A finished predecessor (done with a
//   completed date, or an achieved milestone) still blocks a started successor while D is before
//   finish + lag. A cancelled predecessor blocks nothing.
// - milestones take part in chains: a milestone is "late" when missed (target < D, not achieved),
//   and it passes on blocking from its own predecessors, so "blocked by Go-live, which is
//   blocked by 4.2, which is 12 days overdue" reads right. A milestone has no planned start, so a
//   merely unfinished predecessor never blocks it.
// - an action with no planned start is never "started": only late or blocked predecessors
//   block it.
// - a cycle in the input (refused by the app, but possible in imported data) cannot hang the
//   evaluation; items on a cycle may report fewer roots.
// - the stronger flag wins: a missed milestone is not also at risk. An item due before an open
//   predecessor's due date plus lag has a schedule conflict; that is the one flag for it, so a
//   milestone's at_risk no longer repeats "due after the milestone" (decision 0011).
// - schedule conflict: strictly before (due on the predecessor's due date plus lag is fine); a
//   finished or cancelled predecessor, an achieved milestone, and items without dates never
//   conflict.
//
// One function per rule below; the graph and the "blocked" chains live in rules-graph.ts, the
// words in flag-words.ts.

import type { IsoDate } from "~/utils/dates";
import { blockingAnalysis, buildGraph, type Blocking, type ScheduleGraph } from "./rules-graph";

export type { IsoDate } from "~/utils/dates";
export type ActionStatus = "not_started" | "in_progress" | "blocked" | "done" | "cancelled";
export type ItemKind = "action" | "milestone";
export interface ItemKey {
  kind: ItemKind;
  id: number;
}

export interface RuleAction {
  id: number;
  projectId: number;
  ref: string;
  title: string;
  status: ActionStatus;
  blockedReason: string | null;
  plannedStart: IsoDate | null;
  dueDate: IsoDate | null;
  baselineDueDate: IsoDate | null;
  completedDate: IsoDate | null;
  /** Calendar date the action was created: the stale clock starts here when nothing else is known. */
  createdDate: IsoDate;
  ownerCount: number;
  lastNoteDate: IsoDate | null;
  dueDateMoves: number;
}

export interface RuleMilestone {
  id: number;
  projectId: number;
  name: string;
  targetDate: IsoDate;
  achievedDate: IsoDate | null;
}

export interface RuleDependency {
  predecessor: ItemKey;
  successor: ItemKey;
  lagDays: number;
}

export interface ProjectRuleSettings {
  dueSoonDays: number;
  staleDays: number;
}

export const DEFAULT_SETTINGS: ProjectRuleSettings = { dueSoonDays: 14, staleDays: 30 };

export interface FlagInput {
  asOf: IsoDate;
  actions: readonly RuleAction[];
  milestones: readonly RuleMilestone[];
  dependencies: readonly RuleDependency[];
  /** Per project id; a project missing here gets DEFAULT_SETTINGS. */
  settings?: Readonly<Record<number, ProjectRuleSettings>>;
}

export type ItemRef =
  | { kind: "action"; id: number; projectId: number; ref: string; title: string }
  | { kind: "milestone"; id: number; projectId: number; name: string };

/** An item of a project the reader may not see: never named (see redact.ts). The rules never make one. */
export interface HiddenItem {
  kind: "hidden";
}
/** An item as one reader may read it. */
export type ShownItem = ItemRef | HiddenItem;

/** How an item the reader may not see is written everywhere. */
export const HIDDEN_ITEM = "an item in another project";

/** Why an item stands in the way. An item can have several (overdue and blocked, say). */
export type Why =
  | { kind: "overdue"; days: number }
  | { kind: "missed"; days: number }
  | { kind: "blocked"; reason: string | null }
  /** Blocked by its own predecessors (the chain continues below it). */
  | { kind: "waiting" }
  /** Open, not late, but the successor was planned to start already. */
  | { kind: "not_finished" }
  /** Finished, but the dependency's lag runs until this date. */
  | { kind: "lag"; until: IsoDate }
  /** Kept so stored or imported causes still read; the rules no longer give it (schedule_conflict does). */
  | { kind: "due_after"; days: number };

/** A direct predecessor in the way. */
export interface Cause<I extends ShownItem = ItemRef> {
  item: I;
  why: Why[];
  lagDays: number;
}

/** An item at the bottom of a chain, with one path to it from a direct predecessor (inclusive). */
export interface RootCause<I extends ShownItem = ItemRef> {
  item: I;
  why: Why[];
  path: I[];
}

export type ActionFlag<I extends ShownItem = ItemRef> =
  | { kind: "overdue"; days: number }
  | { kind: "due_soon"; days: number }
  | { kind: "blocked"; reason: string | null; causes: Cause<I>[]; roots: RootCause<I>[] }
  | { kind: "stale"; daysSinceNote: number; lastNoteDate: IsoDate | null }
  | { kind: "unowned" }
  | { kind: "slipped"; moves: number; days: number }
  | ScheduleConflictFlag<I>;

/** An open predecessor due later (plus lag) than the item that waits for it. */
export interface Conflict<I extends ShownItem = ItemRef> {
  item: I;
  /** The predecessor's due date (an action's due date, a milestone's target). */
  predecessorDue: IsoDate;
  lagDays: number;
  /** The item's own due date (or target). */
  due: IsoDate;
  /** How many days too early the item is due. */
  days: number;
}
export type ScheduleConflictFlag<I extends ShownItem = ItemRef> = { kind: "schedule_conflict"; conflicts: Conflict<I>[] };

export type MilestoneFlag<I extends ShownItem = ItemRef> =
  | { kind: "missed"; days: number }
  | { kind: "at_risk"; causes: Cause<I>[] }
  | ScheduleConflictFlag<I>;

export type Flag<I extends ShownItem = ItemRef> = ActionFlag<I> | MilestoneFlag<I>;
/** A flag as one reader may read it (redact.ts). */
export type ShownFlag = Flag<ShownItem>;
export type FlagKind = Flag["kind"];

export interface FlagResult {
  asOf: IsoDate;
  /** Every action given, by id, in the order given; open actions with nothing wrong (and all closed ones) map to [] (one shared, frozen). */
  actions: ReadonlyMap<number, ActionFlag[]>;
  milestones: ReadonlyMap<number, MilestoneFlag[]>;
}

export const ACTION_FLAG_KINDS = ["overdue", "due_soon", "blocked", "stale", "unowned", "slipped", "schedule_conflict"] as const;
export const MILESTONE_FLAG_KINDS = ["missed", "at_risk", "schedule_conflict"] as const;
/** Every kind once, in the order pages list them. */
export const FLAG_KINDS = ["overdue", "due_soon", "blocked", "stale", "unowned", "slipped", "schedule_conflict", "missed", "at_risk"] as const satisfies readonly FlagKind[];


// ------------------------------------------------------------------ dates

// Calendar-date helpers live in ~/utils/dates; re-exported here because rule callers use them together.
export { addDays, dayNumber, daysBetween, fromDayNumber, isIsoDate, todayInLondon } from "~/utils/dates";


export { isOpen, MAX_PATH, MAX_ROOTS } from "./rules-graph";
export { FLAG_NAMES, flagLabel, itemLabel, rootText, shortDate, whyText } from "./flag-words";

// ------------------------------------------------------------------ one function per rule

/** overdue (open, due < D) or due_soon (D <= due <= D + window). */
export function dueFlag(g: ScheduleGraph, i: number, settings: ProjectRuleSettings): ActionFlag | null {
  const due = g.dueDay[i];
  if (g.late[i] > 0) return { kind: "overdue", days: g.late[i] };
  if (due >= g.D && due <= g.D + settings.dueSoonDays) return { kind: "due_soon", days: due - g.D };
  return null;
}

/** stale: in progress with no note for more than staleDays (from the last note, else the planned start, else creation). */
export function staleFlag(g: ScheduleGraph, a: RuleAction, settings: ProjectRuleSettings): ActionFlag | null {
  if (a.status !== "in_progress") return null;
  const since = a.lastNoteDate ?? a.plannedStart ?? a.createdDate;
  const quiet = g.D - g.day(since);
  return quiet > settings.staleDays ? { kind: "stale", daysSinceNote: quiet, lastNoteDate: a.lastNoteDate } : null;
}

export function unownedFlag(a: RuleAction): ActionFlag | null {
  return a.ownerCount === 0 ? { kind: "unowned" } : null;
}

/** slipped: due later than the baseline due date. */
export function slippedFlag(g: ScheduleGraph, i: number, a: RuleAction): ActionFlag | null {
  const baseline = g.day(a.baselineDueDate);
  const due = g.dueDay[i];
  return due > baseline ? { kind: "slipped", moves: a.dueDateMoves, days: due - baseline } : null;
}

/** missed: a milestone not achieved whose target is before D. */
export function missedFlag(g: ScheduleGraph, i: number): MilestoneFlag | null {
  return g.late[i] > 0 ? { kind: "missed", days: g.late[i] } : null;
}

/** at_risk: an open milestone (not missed: the stronger flag wins) fed by an overdue or blocked item. */
export function atRiskFlag(g: ScheduleGraph, i: number, blocking: Blocking): MilestoneFlag | null {
  if (g.late[i] > 0) return null;
  const causes: Cause[] = [];
  for (let k = g.inStart[i]; k < g.inStart[i + 1]; k++) {
    const e = g.inEdges[k];
    const p = g.ePred[e];
    if (!g.open[p]) continue;
    const why = blocking.ownWhy(p);
    if (why.length > 0) causes.push({ item: g.refOf(p), why, lagDays: g.eLag[e] });
  }
  return causes.length > 0 ? { kind: "at_risk", causes } : null;
}

/** schedule_conflict: an open item due strictly before an open predecessor's due date plus lag. */
export function scheduleConflictFlag(g: ScheduleGraph, i: number): ScheduleConflictFlag | null {
  if (!g.open[i]) return null;
  const due = g.dueDay[i];
  if (due !== due) return null;
  let conflicts: Conflict[] | null = null; // made only when needed: most items have none
  for (let k = g.inStart[i]; k < g.inStart[i + 1]; k++) {
    const e = g.inEdges[k];
    const p = g.ePred[e];
    const predDue = g.dueDay[p];
    if (!g.open[p] || predDue !== predDue) continue;
    const earliest = predDue + g.eLag[e];
    if (due < earliest) {
      const conflict = { item: g.refOf(p), predecessorDue: dateOf(g, p), lagDays: g.eLag[e], due: dateOf(g, i), days: earliest - due };
      if (conflicts) conflicts.push(conflict);
      else conflicts = [conflict]; // exact size: a list grown by push from [] keeps 17 slots
    }
  }
  return conflicts ? { kind: "schedule_conflict", conflicts } : null;
}

const dateOf = (g: ScheduleGraph, i: number): IsoDate =>
  i < g.na ? g.input.actions[i].dueDate! : g.input.milestones[i - g.na].targetDate;

// ------------------------------------------------------------------ evaluation

// Frozen, as every result the flags cache hands out is (flags-cache.server.ts): lists are read, never changed.
const NONE = Object.freeze([]) as never[];

export function evaluateFlags(input: FlagInput): FlagResult {
  const g = buildGraph(input);
  const blocking = blockingAnalysis(g);
  const settingsFor = (projectId: number) => input.settings?.[projectId] ?? DEFAULT_SETTINGS;
  // Each list is gathered in one scratch list and copied out at its exact length: a list grown by
  // push keeps spare slots (10,000 of them held a megabyte the collector then copied), and emptying
  // one by `length = 0` frees its store, so the scratch list keeps its length and a count.
  const buf: Flag[] = [];
  let count = 0;
  const keep = (flag: Flag | null) => {
    if (flag) buf[count++] = flag;
  };
  // Items with nothing wrong share one frozen empty list: a third of a programme's actions, say.
  const done = <F extends Flag>(): F[] => (count > 0 ? (buf.slice(0, count) as F[]) : NONE);

  const actionFlags: ActionFlag[][] = new Array(input.actions.length);
  const { actions, milestones } = input;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    count = 0;
    if (g.open[i]) {
      const settings = settingsFor(a.projectId);
      keep(dueFlag(g, i, settings));
      if (blocking.blocked(i)) keep(blocking.blockedFlag(i));
      keep(staleFlag(g, a, settings));
      keep(unownedFlag(a));
      keep(slippedFlag(g, i, a));
      keep(scheduleConflictFlag(g, i));
    }
    actionFlags[i] = done<ActionFlag>();
  }

  const milestoneFlags: MilestoneFlag[][] = new Array(input.milestones.length);
  for (let j = 0; j < milestones.length; j++) {
    const i = g.na + j;
    count = 0;
    if (g.open[i]) {
      keep(missedFlag(g, i));
      keep(atRiskFlag(g, i, blocking));
      keep(scheduleConflictFlag(g, i));
    }
    milestoneFlags[j] = done<MilestoneFlag>();
  }

  return {
    asOf: input.asOf,
    actions: new FlagsById(input.actions, actionFlags, g.actionNode),
    milestones: new FlagsById(input.milestones, milestoneFlags, shifted(g.milestoneNode, -g.na)),
  };
}

/** A lookup with its answers moved by `offset`, made out here so that a kept result holds only the lookup, not the whole graph. */
function shifted(lookup: (id: number) => number | undefined, offset: number) {
  return (id: number) => {
    const i = lookup(id);
    return i === undefined ? undefined : i + offset;
  };
}

/**
 * Each item's flags by id: a read-only Map over the lists in input order, looked up through the
 * graph's id table. A Map of 10,000 entries, built one set at a time, was a quarter of what an
 * evaluation allocated and a third of its time (decision 0026).
 */
export class FlagsById<F> implements ReadonlyMap<number, F[]> {
  constructor(
    private readonly items: readonly { id: number }[],
    private readonly lists: F[][],
    private readonly indexOf: (id: number) => number | undefined,
  ) {}
  get size() {
    return this.items.length;
  }
  get(id: number): F[] | undefined {
    const i = this.indexOf(id);
    return i === undefined ? undefined : this.lists[i];
  }
  has(id: number) {
    return this.indexOf(id) !== undefined;
  }
  *entries(): MapIterator<[number, F[]]> {
    for (let i = 0; i < this.items.length; i++) yield [this.items[i].id, this.lists[i]];
  }
  *keys(): MapIterator<number> {
    for (const item of this.items) yield item.id;
  }
  values(): MapIterator<F[]> {
    return this.lists.values();
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  forEach(callback: (value: F[], key: number, map: ReadonlyMap<number, F[]>) => void, thisArg?: unknown) {
    for (let i = 0; i < this.items.length; i++) callback.call(thisArg, this.lists[i], this.items[i].id, this);
  }
  /** The lists, for freezing (flags-cache.server.ts): the items are the caller's. */
  allLists(): readonly F[][] {
    return this.lists;
  }
}
