// Dependency links between schedule items (actions and milestones) form a directed graph from
// predecessor to successor. A new link that would close a cycle is refused; this finds the cycle
// so the refusal can name it: "4.2 → 5.1 → 3.3 → 4.2". Pure: no database.

/** A schedule item: `a:<actionId>` or `m:<milestoneId>`. */
export type NodeKey = `a:${number}` | `m:${number}`;

export interface Edge {
  from: NodeKey;
  to: NodeKey;
}

export const actionNode = (id: number): NodeKey => `a:${id}`;
export const milestoneNode = (id: number): NodeKey => `m:${id}`;

export function parseNode(key: string): { kind: "action" | "milestone"; id: number } | null {
  const m = /^([am]):(\d+)$/.exec(key);
  if (!m) return null;
  return { kind: m[1] === "a" ? "action" : "milestone", id: Number(m[2]) };
}

/**
 * The cycle that adding `link` to `edges` would close, as the items in order from the new link's
 * predecessor back round to it (first and last are the same), or null when there is none.
 * Breadth-first from the successor, so the shortest cycle is named. Linear in the edges.
 */
export function findCycle(edges: Edge[], link: Edge): NodeKey[] | null {
  if (link.from === link.to) return [link.from, link.to];
  const next = new Map<NodeKey, NodeKey[]>();
  for (const e of edges) {
    const list = next.get(e.from);
    if (list) list.push(e.to);
    else next.set(e.from, [e.to]);
  }
  // A path from the successor back to the predecessor plus the new link is the cycle.
  const cameFrom = new Map<NodeKey, NodeKey | null>([[link.to, null]]);
  const queue: NodeKey[] = [link.to];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (node === link.from) {
      const path: NodeKey[] = [];
      for (let at: NodeKey | null = node; at; at = cameFrom.get(at) ?? null) path.push(at);
      path.reverse(); // successor … predecessor
      return [link.from, ...path];
    }
    for (const to of next.get(node) ?? []) {
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return null;
}

/** "4.2 → 5.1 → 3.3 → 4.2" */
export function describeCycle(cycle: NodeKey[], labelOf: (key: NodeKey) => string) {
  return cycle.map(labelOf).join(" → ");
}
