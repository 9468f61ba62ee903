// One report compared with the one before it: RAG changes, items newly flagged and resolved,
// milestones whose target moved. Both sides are frozen content, so the comparison never changes. Pure.
import type { FlaggedItem, HighlightBody, MilestoneLine } from "./content";
import { DIMENSION_LABELS, RAG_KEYS, RAG_LABELS, type RagKey, type RagStatus } from "./rag";

export interface Comparison {
  ragChanges: Array<{ key: RagKey; label: string; from: string; to: string }>;
  newlyFlagged: FlaggedItem[];
  resolved: FlaggedItem[];
  milestonesMoved: Array<{ name: string; from: string; to: string }>;
}

type Comparable = { rag: Record<RagKey, RagStatus>; flagged: FlaggedItem[]; milestones: MilestoneLine[] };

export function compareBodies(previous: Comparable, current: Comparable): Comparison {
  const ragChanges = RAG_KEYS.filter((k) => previous.rag[k]?.status !== current.rag[k]?.status).map((key) => ({
    key,
    label: DIMENSION_LABELS[key],
    from: RAG_LABELS[previous.rag[key]?.status ?? "none"],
    to: RAG_LABELS[current.rag[key]?.status ?? "none"],
  }));
  const before = new Set(previous.flagged.map((f) => f.key));
  const now = new Set(current.flagged.map((f) => f.key));
  const targets = new Map(previous.milestones.map((m) => [m.key, m.target]));
  return {
    ragChanges,
    newlyFlagged: current.flagged.filter((f) => !before.has(f.key)),
    resolved: previous.flagged.filter((f) => !now.has(f.key)),
    milestonesMoved: current.milestones.flatMap((m) => {
      const was = targets.get(m.key);
      return was && was !== m.target ? [{ name: m.name, from: was, to: m.target }] : [];
    }),
  };
}

/** A programme's projects compared one by one, matched by slug. */
export function compareProgrammes(previous: { projects: HighlightBody[] }, current: { projects: HighlightBody[] }) {
  const earlier = new Map(previous.projects.map((p) => [p.project.slug, p]));
  return current.projects.flatMap((p) => {
    const was = earlier.get(p.project.slug);
    return was ? [{ project: p.project.name, comparison: compareBodies(was, p) }] : [];
  });
}

export const isEmpty = (c: Comparison) => c.ragChanges.length + c.newlyFlagged.length + c.resolved.length + c.milestonesMoved.length === 0;
