// The critical path of a plan: a forward and a backward pass over actions and milestones joined
// by finish-to-start dependencies with lag. Pure (no I/O, no clock), O(items + dependencies).
//
// Days are day numbers (days since 1970-01-01) with an exclusive end: an action planned from
// 1 to 3 October occupies [1 Oct, 4 Oct). A dependency with lag L lets the successor start
// L days after the predecessor finishes: start >= finish + L.
//
// Decisions where the issue is silent:
// - Planned dates are "no earlier than" constraints: an item starts at its planned start or when
//   its predecessors (plus lag) allow, whichever is later. The forward pass never moves an item
//   earlier than planned, so float measures slack against the plan as written.
// - A done action is fixed at its completion (finish = completed date + 1, start = finish minus
//   its planned duration); an achieved milestone at its achieved date. A cancelled action takes
//   no part: its dependencies are dropped, as they no longer constrain anything.
// - An action with only a due date lasts one day. An action with no due date (an "Ongoing"
//   action, or one with only a start) cannot be placed: it is returned in `undated` and its
//   dependencies are dropped, so it neither gains nor lends float.
// - Done and achieved items still pass their dates on to their successors, but have no float
//   and are never critical (as MS Project treats completed tasks): the path is the work left.
// - Project end is the latest finish of every item placed; an item with no successor may finish
//   as late as that.
// - Items on a cycle (refused by the app, possible in imported data) are returned in `cyclic`
//   with no float, and their dependencies are ignored.

/** "a12" for action 12, "m3" for milestone 3 (any unique string will do). */
export type ItemKey = string;

export interface CpmItem {
  key: ItemKey;
  /** Planned start, a day number; null when unknown. */
  start: number | null;
  /** Planned finish (exclusive), a day number; null when the item has no date to finish by. */
  finish: number | null;
  /** Done or achieved: fixed at `finish` (already the actual finish). */
  fixed?: boolean;
  /** Cancelled: takes no part. */
  excluded?: boolean;
}

export interface CpmDependency {
  from: ItemKey;
  to: ItemKey;
  lagDays: number;
}

export interface CpmTimes {
  earlyStart: number;
  earlyFinish: number;
  lateStart: number;
  lateFinish: number;
  /**
   * Total float in days: how far the item can slip without moving the plan's end. Null for a
   * done action or an achieved milestone: finished work cannot slip, so float means nothing.
   */
  float: number | null;
  /** Zero float; never true of finished work. */
  critical: boolean;
}

export interface CpmResult {
  times: Map<ItemKey, CpmTimes>;
  /** The plan's end: the latest early finish (exclusive day number), or null when nothing is placed. */
  end: number | null;
  /** Dependencies on the critical path: both ends critical and no slack between them. */
  criticalEdges: Set<string>;
  undated: ItemKey[];
  cyclic: ItemKey[];
}

export const edgeKey = (from: ItemKey, to: ItemKey) => `${from}>${to}`;

export function criticalPath(items: readonly CpmItem[], dependencies: readonly CpmDependency[]): CpmResult {
  const index = new Map<ItemKey, number>();
  const undated: ItemKey[] = [];
  const placed: CpmItem[] = [];
  for (const item of items) {
    if (item.excluded) continue;
    if (item.finish === null) {
      undated.push(item.key);
      continue;
    }
    index.set(item.key, placed.length);
    placed.push(item);
  }
  const n = placed.length;
  const duration = placed.map((i) => Math.max(0, i.finish! - (i.start ?? i.finish! - 1)));

  // Adjacency as flat arrays (CSR-like) for a linear pass.
  const edges = dependencies.filter((d) => index.has(d.from) && index.has(d.to) && d.from !== d.to);
  const indegree = new Int32Array(n);
  const outStart = new Int32Array(n + 1);
  for (const e of edges) {
    outStart[index.get(e.from)! + 1]++;
    indegree[index.get(e.to)!]++;
  }
  for (let i = 0; i < n; i++) outStart[i + 1] += outStart[i];
  const outTo = new Int32Array(edges.length);
  const outLag = new Int32Array(edges.length);
  const fill = outStart.slice(0, n);
  for (const e of edges) {
    const at = fill[index.get(e.from)!]++;
    outTo[at] = index.get(e.to)!;
    outLag[at] = e.lagDays;
  }

  // Kahn's order; whatever is left over lies on (or behind) a cycle.
  const order: number[] = [];
  const remaining = indegree.slice();
  for (let i = 0; i < n; i++) if (remaining[i] === 0) order.push(i);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    for (let e = outStart[i]; e < outStart[i + 1]; e++) if (--remaining[outTo[e]] === 0) order.push(outTo[e]);
  }
  const inOrder = new Uint8Array(n);
  for (const i of order) inOrder[i] = 1;
  const cyclic = placed.filter((_, i) => !inOrder[i]).map((i) => i.key);

  // Forward pass.
  const es = new Float64Array(n);
  const ef = new Float64Array(n);
  const ready = new Float64Array(n).fill(-Infinity); // earliest start allowed by predecessors
  for (const i of order) {
    const item = placed[i];
    if (item.fixed) {
      ef[i] = item.finish!;
      es[i] = ef[i] - duration[i];
    } else {
      es[i] = Math.max(item.start ?? item.finish! - duration[i], ready[i]);
      ef[i] = es[i] + duration[i];
    }
    for (let e = outStart[i]; e < outStart[i + 1]; e++) {
      const j = outTo[e];
      ready[j] = Math.max(ready[j], ef[i] + outLag[e]);
    }
  }
  let end = -Infinity;
  for (const i of order) end = Math.max(end, ef[i]);

  // Backward pass.
  const lf = new Float64Array(n).fill(Infinity);
  const ls = new Float64Array(n);
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    let latest = end;
    for (let e = outStart[i]; e < outStart[i + 1]; e++) latest = Math.min(latest, ls[outTo[e]] - outLag[e]);
    lf[i] = latest;
    ls[i] = latest - duration[i];
  }

  const times = new Map<ItemKey, CpmTimes>();
  for (const i of order) {
    const fixed = placed[i].fixed === true;
    const float = lf[i] - ef[i];
    times.set(placed[i].key, {
      earlyStart: es[i],
      earlyFinish: ef[i],
      lateStart: ls[i],
      lateFinish: lf[i],
      float: fixed ? null : float,
      critical: !fixed && float <= 0,
    });
  }
  const criticalEdges = new Set<string>();
  for (const e of edges) {
    const a = times.get(e.from);
    const b = times.get(e.to);
    if (a?.critical && b?.critical && b.earlyStart === a.earlyFinish + e.lagDays) criticalEdges.add(edgeKey(e.from, e.to));
  }
  return { times, end: order.length ? end : null, criticalEdges, undated, cyclic };
}
