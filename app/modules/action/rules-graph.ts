// The dependency graph the flag rules read: items as nodes (actions first, then milestones),
// edges in compressed adjacency, and the "blocked" analysis (one forward propagation, one memoised
// walk backwards for root causes, each item's roots capped at MAX_ROOTS). Pure: no I/O, no clock.
import { dayNumber, fromDayNumber, type IsoDate } from "~/utils/dates";
import type { ActionFlag, ActionStatus, Cause, FlagInput, ItemKey, ItemRef, RootCause, Why } from "./rules";

/** Cap on the roots kept per item, so a wide fan-in cannot make the walk quadratic. */
export const MAX_ROOTS = 20;
/** Cap on a reported path's length. */
export const MAX_PATH = 50;

const NONE = Number.NaN;
// Shared, frozen empty lists: a third of the items cited have no reason of their own, and many
// blocked items no root within reach.
const NO_WHY = Object.freeze([]) as never[];
const NO_ROOTS = Object.freeze([]) as never[];

export function isOpen(status: ActionStatus): boolean {
  return status !== "done" && status !== "cancelled";
}

export interface ScheduleGraph {
  input: FlagInput;
  /** Day number of the as-of date. */
  D: number;
  /** Number of actions: node i < na is actions[i]; node na + j is milestones[j]. */
  na: number;
  n: number;
  day: (iso: IsoDate | null | undefined) => number;
  open: Uint8Array;
  /** Days late, 0 when not late (overdue action, missed milestone). */
  late: Int32Array;
  selfBlocked: Uint8Array;
  started: Uint8Array;
  /** Day the item finished (done with a date / achieved), NaN otherwise. */
  finishDay: Float64Array;
  /** Due day of an action, target day of a milestone; NaN when unknown. */
  dueDay: Float64Array;
  /** Edge e runs from node ePred[e] to node eSucc[e] with eLag[e] days of lag; e < m. */
  m: number;
  ePred: Int32Array;
  eSucc: Int32Array;
  eLag: Int32Array;
  inStart: Int32Array;
  inEdges: Int32Array;
  outStart: Int32Array;
  outEdges: Int32Array;
  refOf: (i: number) => ItemRef;
  /** Node number of an action or milestone by id, undefined when not in the input. */
  actionNode: (id: number) => number | undefined;
  milestoneNode: (id: number) => number | undefined;
}

export function buildGraph(input: FlagInput): ScheduleGraph {
  // Plans reuse a few hundred distinct dates: parse each once.
  const days = new Map<IsoDate, number>();
  const day = (iso: IsoDate | null | undefined) => {
    if (!iso) return NONE;
    let d = days.get(iso);
    if (d === undefined) {
      d = dayNumber(iso);
      days.set(iso, d);
    }
    return d;
  };
  const { actions, milestones, dependencies } = input;
  const D = dayNumber(input.asOf);
  const na = actions.length;
  const n = na + milestones.length;

  const actionIndex = idIndex(actions, 0);
  const milestoneIndex = idIndex(milestones, na);
  const nodeOf = (k: ItemKey) => (k.kind === "action" ? actionIndex(k.id) : milestoneIndex(k.id));

  const open = new Uint8Array(n);
  const late = new Int32Array(n);
  const selfBlocked = new Uint8Array(n);
  const started = new Uint8Array(n);
  const finishDay = new Float64Array(n);
  const dueDay = new Float64Array(n);
  for (let i = 0; i < na; i++) {
    const a = actions[i];
    const isOpenA = isOpen(a.status);
    open[i] = isOpenA ? 1 : 0;
    finishDay[i] = a.status === "done" ? day(a.completedDate) : NONE;
    const due = day(a.dueDate);
    dueDay[i] = due;
    if (!isOpenA) continue;
    if (due < D) late[i] = D - due;
    if (a.status === "blocked") selfBlocked[i] = 1;
    if (day(a.plannedStart) <= D) started[i] = 1;
  }
  for (let j = 0; j < milestones.length; j++) {
    const m = milestones[j];
    const i = na + j;
    const achieved = m.achievedDate != null;
    open[i] = achieved ? 0 : 1;
    finishDay[i] = achieved ? dayNumber(m.achievedDate!) : NONE;
    const target = day(m.targetDate);
    dueDay[i] = target;
    if (!achieved && target < D) late[i] = D - target;
  }

  // Edges with both ends known, in compressed adjacency (incoming and outgoing).
  const ePred = new Int32Array(dependencies.length);
  const eSucc = new Int32Array(dependencies.length);
  const eLag = new Int32Array(dependencies.length);
  let m = 0;
  for (const d of dependencies) {
    const p = nodeOf(d.predecessor);
    const s = nodeOf(d.successor);
    if (p === undefined || s === undefined || p === s) continue;
    ePred[m] = p;
    eSucc[m] = s;
    eLag[m] = d.lagDays || 0;
    m++;
  }
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

  // One reference object per item, shared by every flag that names it (flags are read-only; the
  // redaction makes new objects): a programme's chains name the same items thousands of times.
  const refs: (ItemRef | undefined)[] = new Array(n);
  const refOf = (i: number): ItemRef => {
    let ref = refs[i];
    if (ref) return ref;
    if (i < na) {
      const a = actions[i];
      ref = { kind: "action", id: a.id, projectId: a.projectId, ref: a.ref, title: a.title };
    } else {
      const ms = milestones[i - na];
      ref = { kind: "milestone", id: ms.id, projectId: ms.projectId, name: ms.name };
    }
    refs[i] = ref;
    return ref;
  };

  return {
    input, D, na, n, day, open, late, selfBlocked, started, finishDay, dueDay, m, ePred, eSucc, eLag, inStart, inEdges, outStart, outEdges, refOf,
    actionNode: actionIndex,
    milestoneNode: milestoneIndex,
  };
}

/**
 * Node numbers by id (`offset + position`), in an open-addressing table of two typed arrays: a
 * Map of 10,000 entries took 2.6 ms to build and is a large heap object that the collector then
 * copies and scans; this takes a fraction of that (decision 26).
 */
function idIndex(items: readonly { id: number }[], offset: number): (id: number) => number | undefined {
  let size = 16;
  while (size < items.length * 2) size *= 2;
  const mask = size - 1;
  const keys = new Float64Array(size).fill(Number.NaN);
  const values = new Int32Array(size);
  const slot = (id: number) => Math.imul(id | 0, 0x9e3779b1) >>> 0 & mask;
  for (let i = 0; i < items.length; i++) {
    const id = items[i].id;
    let h = slot(id);
    while (keys[h] === keys[h] && keys[h] !== id) h = (h + 1) & mask;
    keys[h] = id;
    values[h] = offset + i;
  }
  return (id) => {
    for (let h = slot(id); ; h = (h + 1) & mask) {
      const key = keys[h];
      if (key === id) return values[h];
      if (key !== key) return undefined;
    }
  };
}

export interface Blocking {
  blocked: (i: number) => boolean;
  /** Why an item stands in the way on its own account (late, blocked, waiting). */
  ownWhy: (i: number) => Why[];
  blockedFlag: (i: number) => ActionFlag;
}

/** The "blocked" rule over the whole graph: which items are blocked, and by what chain. */
export function blockingAnalysis(g: ScheduleGraph): Blocking {
  const { D, na, n, m, open, late, selfBlocked, started, finishDay, ePred, eSucc, eLag, inStart, inEdges, outStart, outEdges, refOf } = g;
  const actions = g.input.actions;

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

  // Roots behind each blocked-via item, as (root node, edge leading one step towards it) pairs in
  // one pool: node i's are entries rootsAt[i] .. rootsAt[i] + rootsLen[i]. A Map per item cost a
  // megabyte a run at 10,000 actions, all live until the end, which the collector then copied.
  let poolRoot = new Int32Array(Math.max(64, n * 2));
  let poolEdge = new Int32Array(poolRoot.length);
  let poolSize = 0;
  const rootsAt = new Int32Array(n);
  const rootsLen = new Int32Array(n);
  const push = (r: number, e: number) => {
    if (poolSize === poolRoot.length) {
      const root = new Int32Array(poolSize * 2);
      const edge = new Int32Array(poolSize * 2);
      root.set(poolRoot);
      edge.set(poolEdge);
      poolRoot = root;
      poolEdge = edge;
    }
    poolRoot[poolSize] = r;
    poolEdge[poolSize++] = e;
  };
  // Roots already listed for the item at hand: listed[r] === that item (no Set per item).
  const listed = new Int32Array(n).fill(-1);
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
      const first = poolSize;
      for (let k = inStart[top]; k < inStart[top + 1] && poolSize - first < MAX_ROOTS; k++) {
        const e = inEdges[k];
        if (!blocks(e)) continue;
        const p = ePred[e];
        if (isRoot(p) && listed[p] !== top) {
          listed[p] = top;
          push(p, e);
        }
        if (state[p] !== 2) continue;
        for (let j = rootsAt[p], end = j + rootsLen[p]; j < end && poolSize - first < MAX_ROOTS; j++) {
          const r = poolRoot[j];
          if (r !== top && listed[r] !== top) {
            listed[r] = top;
            push(r, e);
          }
        }
      }
      rootsAt[top] = first;
      rootsLen[top] = poolSize - first;
      state[top] = 2;
    }
  };
  /** Makes sure node i's roots are worked out (only blocked-via items have any). */
  const ensureRoots = (i: number) => {
    if (blockedVia[i] && state[i] !== 2) computeRoots(i);
  };
  const stepTowards = (at: number, r: number) => {
    for (let j = rootsAt[at], end = j + rootsLen[at]; j < end; j++) if (poolRoot[j] === r) return poolEdge[j];
    return -1;
  };

  // Each item's own reasons, worked out once and shared (read-only) by every flag that cites it.
  const whyOf: (Why[] | undefined)[] = new Array(n);
  const NOT_FINISHED: Why[] = [{ kind: "not_finished" }];
  const WAITING: Why = { kind: "waiting" };
  const whyBuf: Why[] = [];
  const ownWhy = (i: number): Why[] => {
    let why = whyOf[i];
    if (why) return why;
    let k = 0;
    if (late[i] > 0) whyBuf[k++] = i < na ? { kind: "overdue", days: late[i] } : { kind: "missed", days: late[i] };
    if (selfBlocked[i]) whyBuf[k++] = { kind: "blocked", reason: actions[i].blockedReason };
    if (blockedVia[i] && open[i]) whyBuf[k++] = WAITING;
    why = k === 0 ? NO_WHY : whyBuf.slice(0, k);
    whyOf[i] = why;
    return why;
  };
  const edgeWhy = (e: number): Why[] => {
    const p = ePred[e];
    const why = ownWhy(p);
    if (why.length > 0) return why;
    return open[p] ? NOT_FINISHED : [{ kind: "lag", until: fromDayNumber(finishDay[p] + eLag[e]) }];
  };
  // A path of one item, shared by every root that is a direct predecessor.
  const alone: (ItemRef[] | undefined)[] = new Array(n);
  const aloneOf = (i: number) => (alone[i] ??= [refOf(i)]);
  /**
   * Root r as seen from predecessor `from`, with the path from `from` (inclusive) to r, following
   * the recorded steps. Depends only on the pair, so it is made once per pool entry and shared
   * (read-only) by every blocked item behind the same predecessor.
   */
  const rootCauses: (RootCause | undefined)[] = [];
  const pathBuf: ItemRef[] = [];
  const rootVia = (from: number, j: number): RootCause => {
    let found = rootCauses[j];
    if (found) return found;
    const r = poolRoot[j];
    pathBuf[0] = refOf(from);
    let len = 1;
    let at = from;
    let lastEdge = -1;
    while (at !== r && len < MAX_PATH) {
      const e = stepTowards(at, r);
      if (e < 0) break;
      lastEdge = e;
      at = ePred[e];
      pathBuf[len++] = refOf(at);
    }
    found = { item: refOf(r), why: lastEdge >= 0 ? edgeWhy(lastEdge) : ownWhy(r), path: pathBuf.slice(0, len) };
    rootCauses[j] = found;
    return found;
  };

  // Scratch lists (here and above), copied out at their exact length: a list grown by push keeps
  // spare slots (and emptying one by `length = 0` frees its store, so the next push allocates again).
  // The roots blockedFlag has listed for its item: its own marks, as it may work out roots midway.
  const seenBy = new Int32Array(n).fill(-1);
  const causeBuf: Cause[] = [];
  const rootBuf: RootCause[] = [];
  const blockedFlag = (x: number): ActionFlag => {
    let nc = 0;
    let nr = 0;
    for (let k = inStart[x]; k < inStart[x + 1]; k++) {
      const e = inEdges[k];
      if (!blocks(e)) continue;
      const p = ePred[e];
      causeBuf[nc++] = { item: refOf(p), why: edgeWhy(e), lagDays: eLag[e] };
      if (isRoot(p) && seenBy[p] !== x && nr < MAX_ROOTS) {
        seenBy[p] = x;
        rootBuf[nr++] = { item: refOf(p), why: edgeWhy(e), path: aloneOf(p) };
      }
      if (!blockedVia[p]) continue;
      ensureRoots(p);
      for (let j = rootsAt[p], end = j + rootsLen[p]; j < end; j++) {
        const r = poolRoot[j];
        if (seenBy[r] === x || r === x || nr >= MAX_ROOTS) continue;
        seenBy[r] = x;
        rootBuf[nr++] = rootVia(p, j);
      }
    }
    return {
      kind: "blocked",
      reason: selfBlocked[x] ? (actions[x].blockedReason ?? "no reason given") : null,
      causes: causeBuf.slice(0, nc),
      roots: nr === 0 ? NO_ROOTS : rootBuf.slice(0, nr),
    };
  };

  return { blocked, ownWhy, blockedFlag };
}
