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

import { dayNumber, fromDayNumber, type IsoDate } from "~/utils/dates";

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
  /** Milestone risk only: the action is due after the milestone's target (less lag). */
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
  | { kind: "slipped"; moves: number; days: number };

export type MilestoneFlag<I extends ShownItem = ItemRef> = { kind: "missed"; days: number } | { kind: "at_risk"; causes: Cause<I>[] };

export type Flag<I extends ShownItem = ItemRef> = ActionFlag<I> | MilestoneFlag<I>;
/** A flag as one reader may read it (redact.ts). */
export type ShownFlag = Flag<ShownItem>;
export type FlagKind = Flag["kind"];

export interface FlagResult {
  asOf: IsoDate;
  /** Every action given, by id; open actions with nothing wrong (and all closed ones) map to []. */
  actions: Map<number, ActionFlag[]>;
  milestones: Map<number, MilestoneFlag[]>;
}

export const ACTION_FLAG_KINDS = ["overdue", "due_soon", "blocked", "stale", "unowned", "slipped"] as const;
export const MILESTONE_FLAG_KINDS = ["missed", "at_risk"] as const;

export const FLAG_NAMES: Record<FlagKind, string> = {
  overdue: "Overdue",
  due_soon: "Due soon",
  blocked: "Blocked",
  stale: "Stale",
  unowned: "Unowned",
  slipped: "Slipped",
  missed: "Missed",
  at_risk: "At risk",
};

/** Cap on the roots kept per item, so a wide fan-in cannot make the walk quadratic. */
export const MAX_ROOTS = 20;
/** Cap on a reported path's length. */
export const MAX_PATH = 50;

// ------------------------------------------------------------------ dates

// Calendar-date helpers live in ~/utils/dates; re-exported here because rule callers use them together.
export { addDays, dayNumber, daysBetween, fromDayNumber, isIsoDate, todayInLondon } from "~/utils/dates";

export function isOpen(status: ActionStatus): boolean {
  return status !== "done" && status !== "cancelled";
}

// ------------------------------------------------------------------ evaluation

const NONE = Number.NaN;

export function evaluateFlags(input: FlagInput): FlagResult {
  // Plans reuse a few hundred distinct dates: parse each once.
  const days = new Map<IsoDate, number>();
  const dayOrNaN = (iso: IsoDate | null | undefined) => {
    if (!iso) return NONE;
    let d = days.get(iso);
    if (d === undefined) {
      d = dayNumber(iso);
      days.set(iso, d);
    }
    return d;
  };
  const { actions, milestones, dependencies } = input;
  const asOf = input.asOf;
  const D = dayNumber(asOf);
  const na = actions.length;
  const n = na + milestones.length;

  // Node i < na is actions[i]; node na + j is milestones[j].
  const actionIndex = new Map<number, number>();
  actions.forEach((a, i) => actionIndex.set(a.id, i));
  const milestoneIndex = new Map<number, number>();
  milestones.forEach((m, j) => milestoneIndex.set(m.id, na + j));
  const nodeOf = (k: ItemKey) => (k.kind === "action" ? actionIndex.get(k.id) : milestoneIndex.get(k.id));

  const open = new Uint8Array(n);
  const late = new Int32Array(n); // days late, 0 when not late
  const selfBlocked = new Uint8Array(n);
  const started = new Uint8Array(n);
  const finishDay = new Float64Array(n); // NaN unless finished (done with a date / achieved)
  for (let i = 0; i < na; i++) {
    const a = actions[i];
    const isOpenA = isOpen(a.status);
    open[i] = isOpenA ? 1 : 0;
    finishDay[i] = a.status === "done" ? dayOrNaN(a.completedDate) : NONE;
    if (!isOpenA) continue;
    const due = dayOrNaN(a.dueDate);
    if (due < D) late[i] = D - due;
    if (a.status === "blocked") selfBlocked[i] = 1;
    if (dayOrNaN(a.plannedStart) <= D) started[i] = 1;
  }
  for (let j = 0; j < milestones.length; j++) {
    const m = milestones[j];
    const i = na + j;
    const achieved = m.achievedDate != null;
    open[i] = achieved ? 0 : 1;
    finishDay[i] = achieved ? dayNumber(m.achievedDate!) : NONE;
    const target = dayOrNaN(m.targetDate);
    if (!achieved && target < D) late[i] = D - target;
  }

  // Edges with both ends known, in compressed adjacency (incoming and outgoing).
  const ePred: number[] = [];
  const eSucc: number[] = [];
  const eLag: number[] = [];
  for (const d of dependencies) {
    const p = nodeOf(d.predecessor);
    const s = nodeOf(d.successor);
    if (p === undefined || s === undefined || p === s) continue;
    ePred.push(p);
    eSucc.push(s);
    eLag.push(d.lagDays || 0);
  }
  const m = ePred.length;
  const inStart = new Int32Array(n + 1);
  const outStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    inStart[eSucc[e] + 1]++;
    outStart[ePred[e] + 1]++;
  }
  for (let i = 0; i < n; i++) {
    inStart[i + 1] += inStart[i];
    outStart[i + 1] += outStart[i];
  }
  const inEdges = new Int32Array(m);
  const outEdges = new Int32Array(m);
  {
    const inFill = inStart.slice(0, n);
    const outFill = outStart.slice(0, n);
    for (let e = 0; e < m; e++) {
      inEdges[inFill[eSucc[e]]++] = e;
      outEdges[outFill[ePred[e]]++] = e;
    }
  }

  const inLag = (e: number) => {
    const f = finishDay[ePred[e]];
    return eLag[e] > 0 && f === f && D < f + eLag[e];
  };
  // An edge blocks its successor for a reason local to the predecessor (not via its own blocking).
  const locallyBlocking = (e: number) => {
    const p = ePred[e];
    const s = eSucc[e];
    if (!open[s]) return false;
    if (open[p]) return late[p] > 0 || selfBlocked[p] === 1 || started[s] === 1;
    return started[s] === 1 && inLag(e);
  };

  // Forward propagation (least fixpoint): blockedVia[x] = some predecessor edge blocks x.
  const blockedVia = new Uint8Array(n);
  const queue = new Int32Array(n);
  let qHead = 0;
  let qTail = 0;
  for (let e = 0; e < m; e++) {
    if (locallyBlocking(e)) blockedVia[eSucc[e]] = 1;
  }
  for (let i = 0; i < n; i++) if (open[i] && (selfBlocked[i] || blockedVia[i])) queue[qTail++] = i;
  while (qHead < qTail) {
    const x = queue[qHead++];
    for (let k = outStart[x]; k < outStart[x + 1]; k++) {
      const y = eSucc[outEdges[k]];
      if (!open[y] || blockedVia[y]) continue;
      const wasBlocked = selfBlocked[y] === 1;
      blockedVia[y] = 1;
      if (!wasBlocked) queue[qTail++] = y;
    }
  }
  const blocked = (i: number) => open[i] === 1 && (selfBlocked[i] === 1 || blockedVia[i] === 1);
  const blocks = (e: number) => locallyBlocking(e) || (open[eSucc[e]] === 1 && blocked(ePred[e]));
  // The end of a chain: trouble of its own, or nothing behind it.
  const isRoot = (i: number) => late[i] > 0 || selfBlocked[i] === 1 || blockedVia[i] === 0;

  // Roots behind each blocked-via item: Map<root node, edge leading one step towards it>.
  const roots: (Map<number, number> | undefined)[] = new Array(n);
  const state = new Uint8Array(n); // 0 new, 1 in progress, 2 done
  const stack: number[] = [];
  const computeRoots = (start: number) => {
    stack.push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (state[top] === 0) {
        state[top] = 1;
        for (let k = inStart[top]; k < inStart[top + 1]; k++) {
          const e = inEdges[k];
          const p = ePred[e];
          if (state[p] === 0 && blockedVia[p] && open[p] && blocks(e)) stack.push(p);
        }
        continue;
      }
      stack.pop();
      if (state[top] === 2) continue;
      const mine = new Map<number, number>();
      for (let k = inStart[top]; k < inStart[top + 1] && mine.size < MAX_ROOTS; k++) {
        const e = inEdges[k];
        if (!blocks(e)) continue;
        const p = ePred[e];
        if (isRoot(p) && !mine.has(p)) mine.set(p, e);
        const behind = state[p] === 2 ? roots[p] : undefined;
        if (behind) {
          for (const r of behind.keys()) {
            if (mine.size >= MAX_ROOTS) break;
            if (r !== top && !mine.has(r)) mine.set(r, e);
          }
        }
      }
      roots[top] = mine;
      state[top] = 2;
    }
  };
  const rootsOf = (i: number) => {
    if (!blockedVia[i]) return undefined;
    if (state[i] !== 2) computeRoots(i);
    return roots[i];
  };

  const refOf = (i: number): ItemRef => {
    if (i < na) {
      const a = actions[i];
      return { kind: "action", id: a.id, projectId: a.projectId, ref: a.ref, title: a.title };
    }
    const ms = milestones[i - na];
    return { kind: "milestone", id: ms.id, projectId: ms.projectId, name: ms.name };
  };
  const ownWhy = (i: number): Why[] => {
    const why: Why[] = [];
    if (late[i] > 0) why.push(i < na ? { kind: "overdue", days: late[i] } : { kind: "missed", days: late[i] });
    if (selfBlocked[i]) why.push({ kind: "blocked", reason: actions[i].blockedReason });
    if (blockedVia[i] && open[i]) why.push({ kind: "waiting" });
    return why;
  };
  const edgeWhy = (e: number): Why[] => {
    const p = ePred[e];
    const why = ownWhy(p);
    if (why.length === 0) {
      if (open[p]) why.push({ kind: "not_finished" });
      else why.push({ kind: "lag", until: fromDayNumber(finishDay[p] + eLag[e]) });
    }
    return why;
  };
  /** Path from node `from` (inclusive) to root `r`, following the recorded steps. */
  const pathTo = (from: number, r: number): { path: ItemRef[]; lastEdge: number } => {
    const path: ItemRef[] = [refOf(from)];
    let at = from;
    let lastEdge = -1;
    while (at !== r && path.length < MAX_PATH) {
      const e = roots[at]?.get(r);
      if (e === undefined) break;
      lastEdge = e;
      at = ePred[e];
      path.push(refOf(at));
    }
    return { path, lastEdge };
  };

  const blockedFlag = (x: number): ActionFlag => {
    const causes: Cause[] = [];
    const rootList: RootCause[] = [];
    const seen = new Set<number>();
    for (let k = inStart[x]; k < inStart[x + 1]; k++) {
      const e = inEdges[k];
      if (!blocks(e)) continue;
      const p = ePred[e];
      causes.push({ item: refOf(p), why: edgeWhy(e), lagDays: eLag[e] });
      if (isRoot(p) && !seen.has(p) && rootList.length < MAX_ROOTS) {
        seen.add(p);
        rootList.push({ item: refOf(p), why: edgeWhy(e), path: [refOf(p)] });
      }
      const behind = rootsOf(p);
      if (!behind) continue;
      for (const r of behind.keys()) {
        if (seen.has(r) || r === x || rootList.length >= MAX_ROOTS) continue;
        seen.add(r);
        const { path, lastEdge } = pathTo(p, r);
        rootList.push({ item: refOf(r), why: lastEdge >= 0 ? edgeWhy(lastEdge) : ownWhy(r), path });
      }
    }
    return {
      kind: "blocked",
      reason: selfBlocked[x] ? (actions[x].blockedReason ?? "no reason given") : null,
      causes,
      roots: rootList,
    };
  };

  const settingsFor = (projectId: number) => input.settings?.[projectId] ?? DEFAULT_SETTINGS;
  const actionFlags = new Map<number, ActionFlag[]>();
  for (let i = 0; i < na; i++) {
    const a = actions[i];
    const flags: ActionFlag[] = [];
    actionFlags.set(a.id, flags);
    if (!open[i]) continue;
    const settings = settingsFor(a.projectId);
    const due = dayOrNaN(a.dueDate);
    if (late[i] > 0) flags.push({ kind: "overdue", days: late[i] });
    else if (due >= D && due <= D + settings.dueSoonDays) flags.push({ kind: "due_soon", days: due - D });
    if (blocked(i)) flags.push(blockedFlag(i));
    if (a.status === "in_progress") {
      const since = a.lastNoteDate ?? a.plannedStart ?? a.createdDate;
      const quiet = D - dayOrNaN(since);
      if (quiet > settings.staleDays) flags.push({ kind: "stale", daysSinceNote: quiet, lastNoteDate: a.lastNoteDate });
    }
    if (a.ownerCount === 0) flags.push({ kind: "unowned" });
    const baseline = dayOrNaN(a.baselineDueDate);
    if (due > baseline) flags.push({ kind: "slipped", moves: a.dueDateMoves, days: due - baseline });
  }

  const milestoneFlags = new Map<number, MilestoneFlag[]>();
  for (let j = 0; j < milestones.length; j++) {
    const ms = milestones[j];
    const i = na + j;
    const flags: MilestoneFlag[] = [];
    milestoneFlags.set(ms.id, flags);
    if (!open[i]) continue;
    if (late[i] > 0) flags.push({ kind: "missed", days: late[i] });
    const target = dayOrNaN(ms.targetDate);
    const causes: Cause[] = [];
    for (let k = inStart[i]; k < inStart[i + 1]; k++) {
      const e = inEdges[k];
      const p = ePred[e];
      if (!open[p]) continue;
      const why = ownWhy(p);
      if (p < na) {
        const due = dayOrNaN(actions[p].dueDate);
        const after = due + eLag[e] - target;
        if (after > 0) why.push({ kind: "due_after", days: after });
      }
      if (why.length > 0) causes.push({ item: refOf(p), why, lagDays: eLag[e] });
    }
    if (causes.length > 0) flags.push({ kind: "at_risk", causes });
  }

  return { asOf, actions: actionFlags, milestones: milestoneFlags };
}

// ------------------------------------------------------------------ words

export function itemLabel(item: ShownItem): string {
  if (item.kind === "hidden") return HIDDEN_ITEM;
  return item.kind === "action" ? item.ref : `milestone “${item.name}”`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function whyText(why: Why): string {
  switch (why.kind) {
    case "overdue":
      return `is ${plural(why.days, "day")} overdue`;
    case "missed":
      return `was missed ${plural(why.days, "day")} ago`;
    case "blocked":
      return why.reason ? `is blocked (${why.reason})` : "is blocked";
    case "waiting":
      return "is blocked by its predecessors";
    case "not_finished":
      return "is not finished";
    case "lag":
      return `finished, but the lag runs until ${why.until}`;
    case "due_after":
      return `is due ${plural(why.days, "day")} after the milestone`;
  }
}

const joinWhy = (why: Why[]) => why.map(whyText).join(" and ");

/** "4.2, which is 12 days overdue"; an item the reader may not see gets no reason (that would tell its status). */
const withWhy = (item: ShownItem, why: Why[]) => (item.kind === "hidden" || why.length === 0 ? itemLabel(item) : `${itemLabel(item)}, which ${joinWhy(why)}`);

/** The same words once: several hidden items read as one. */
const unique = (texts: string[]) => [...new Set(texts)];

/** One path as words: "4.2, which is blocked by 3.1, which is 12 days overdue". */
export function rootText(root: RootCause<ShownItem>): string {
  // Consecutive hidden hops read as one, so a chain through another project tells nothing of its shape.
  const hops = root.path.filter((item, k) => !(item.kind === "hidden" && root.path[k - 1]?.kind === "hidden"));
  let text = itemLabel(hops[0]);
  for (let k = 1; k < hops.length; k++) text += `, which is blocked by ${itemLabel(hops[k])}`;
  const last = hops[hops.length - 1];
  return last.kind === "hidden" ? text : `${text}, which ${joinWhy(root.why)}`;
}

/** Readable text for a flag, e.g. "Blocked by 4.2, which is 12 days overdue". */
export function flagLabel(flag: ShownFlag): string {
  switch (flag.kind) {
    case "overdue":
      return `Overdue by ${plural(flag.days, "day")}`;
    case "due_soon":
      return flag.days === 0 ? "Due today" : `Due in ${plural(flag.days, "day")}`;
    case "stale":
      return `Stale: no progress note for ${plural(flag.daysSinceNote, "day")}`;
    case "unowned":
      return "Unowned: nobody owns this action";
    case "slipped":
      return `Slipped ${plural(flag.days, "day")} from its baseline (due date moved ${plural(flag.moves, "time")})`;
    case "missed":
      return `Missed by ${plural(flag.days, "day")}`;
    case "at_risk":
      return `At risk: ${unique(flag.causes.map((c) => (c.item.kind === "hidden" ? itemLabel(c.item) : `${itemLabel(c.item)} ${joinWhy(c.why)}`))).join("; ")}`;
    case "blocked": {
      const parts: string[] = [];
      if (flag.reason !== null) parts.push(`Blocked: ${flag.reason}`);
      if (flag.roots.length > 0) parts.push(`Blocked by ${unique(flag.roots.map(rootText)).join("; and by ")}`);
      else if (flag.causes.length > 0) parts.push(`Blocked by ${unique(flag.causes.map((c) => withWhy(c.item, c.why))).join("; and by ")}`);
      return parts.join(". ") || "Blocked";
    }
  }
}
