// "Feeds into" links between work packages are informational, but a loop (WP1 feeds WP2 feeds
// WP1) makes no sense in a plan, so a change that would close one is refused. Pure: no I/O.

export interface Link {
  from: number;
  to: number;
}

/**
 * If `from` were to feed into each of `targets`, would a loop close? Returns the loop as a list of
 * ids starting and ending at `from` (from → target → ... → from), or null when there is none.
 * `links` are the other existing links; `from`'s own outgoing links are replaced by `targets`.
 */
export function findFeedsIntoCycle(links: Link[], from: number, targets: number[]): number[] | null {
  const next = new Map<number, number[]>();
  for (const l of links) {
    if (l.from === from) continue;
    next.set(l.from, [...(next.get(l.from) ?? []), l.to]);
  }
  for (const target of targets) {
    if (target === from) return [from, from];
    // Breadth-first from the target back to `from`, remembering how each node was reached.
    const cameFrom = new Map<number, number>([[target, target]]);
    const queue = [target];
    while (queue.length) {
      const node = queue.shift()!;
      if (node === from) {
        const path = [node];
        let cur = node;
        while (cur !== target) {
          cur = cameFrom.get(cur)!;
          path.unshift(cur);
        }
        return [from, ...path];
      }
      for (const n of next.get(node) ?? []) {
        if (!cameFrom.has(n)) {
          cameFrom.set(n, node);
          queue.push(n);
        }
      }
    }
  }
  return null;
}
