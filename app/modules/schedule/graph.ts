// The dependency graph as data, mermaid text and plain sentences. Pure: no database, no clock.
// Nodes are schedule items keyed as in ~/modules/action/dependency-graph (`a:<id>`, `m:<id>`).
// A node the reader may not see is `hidden`: it keeps its place in the chain but carries no ref,
// title, status, date or link, and reads "an item in another project" everywhere.
import { parseNode, type NodeKey } from "~/modules/action/dependency-graph";

export type { NodeKey };

export const HIDDEN_LABEL = "an item in another project";
/** Above this many nodes the page opens in the focus view instead of drawing a hairball. */
export const MAX_NODES = 150;
export const DEFAULT_DEPTH = 2;
export const MAX_DEPTH = 6;

export interface GraphFlag {
  /** The rule's kind ("overdue", "blocked", whatever the rules return). */
  kind: string;
  /** Short words on the tag: "Overdue 12 days". */
  tag: string;
  /** The full sentence: "Blocked by 4.2, which is 12 days overdue". */
  text: string;
}

export interface GraphNode {
  key: NodeKey;
  kind: "action" | "milestone";
  hidden: boolean;
  /** "2.13" for an action; null for a milestone or a hidden item. */
  ref: string | null;
  title: string;
  href: string | null;
  /** The work package the node is drawn in (null: none, or hidden). */
  workPackageId: number | null;
  /** The project's name when it is not the page's own project. */
  projectName: string | null;
  flags: GraphFlag[];
  /** On the critical path: no float (critical-items.ts, as the timeline computes it). */
  critical: boolean;
}

export interface GraphEdge {
  from: NodeKey;
  to: NodeKey;
  lagDays: number;
  /** Both ends critical and no slack between them: drawn as a thick arrow. */
  critical?: boolean;
}

export interface GraphWorkPackage {
  id: number;
  ref: string;
  name: string;
  href: string;
  projectName: string | null;
}

export interface WorkPackageLink {
  from: number;
  to: number;
}

export interface ItemGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  workPackages: GraphWorkPackage[];
  workPackageLinks: WorkPackageLink[];
}

/** A chain hop as the rules report it: the item, and whether the reader may see it. */
export interface ChainItem {
  key: NodeKey;
  label: string;
  hidden: boolean;
}

/** One blocked chain: `item` waits for `path[0]`, which waits for `path[1]`, … whose last one `why`. */
export interface BlockedChain {
  item: ChainItem;
  path: ChainItem[];
  /** What is wrong with the last item ("is 18 days overdue"); empty when it is hidden. */
  why: string;
}

// ------------------------------------------------------------------ labels

/** "2.13", "milestone “Go live”", "an item in another project". */
export function nodeLabel(node: Pick<GraphNode, "hidden" | "kind" | "ref" | "title">): string {
  if (node.hidden) return HIDDEN_LABEL;
  return node.kind === "action" && node.ref !== null ? node.ref : `milestone “${node.title}”`;
}

export function shortTitle(title: string, max = 40): string {
  const clean = title.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Text safe inside a quoted mermaid label: every character that is not a plain letter, digit,
 * space or simple punctuation becomes mermaid's `#<code>;` entity, so quotes, brackets, angle
 * brackets, pipes and semicolons in a title cannot end the label or inject markup.
 */
export function escapeMermaid(text: string): string {
  let out = "";
  for (const ch of text.replace(/\s+/g, " ")) {
    out += /[A-Za-z0-9 .,:()'/+-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

const mermaidId = (key: NodeKey) => key.replace(":", "_");
const wpId = (id: number) => `wp_${id}`;

/** The class a node is styled by: its strongest flag; the words in the label carry the meaning. */
function styleClass(node: GraphNode): string | null {
  if (node.hidden) return "hidden";
  const kinds = new Set(node.flags.map((f) => f.kind));
  if (kinds.has("blocked")) return "blocked";
  if (kinds.has("overdue") || kinds.has("missed")) return "late";
  if (node.critical) return "critical";
  if (node.flags.length > 0) return "flagged";
  return null;
}

// Shapes and dash patterns, not only colour: blocked nodes have a dashed thick border, late ones
// a double-weight border, hidden ones a dotted grey one; critical actions are drawn with double
// side bars (mermaid's subroutine shape) whatever their flags, and the critical path's arrows are
// thick. Every node also says its flags and "Critical" in words. Colours meet 3:1 against white.
const CLASS_DEFS = [
  "classDef blocked fill:#fde8e8,stroke:#d4351c,stroke-width:4px,stroke-dasharray:6 3,color:#0b0c0c",
  "classDef late fill:#fde8e8,stroke:#d4351c,stroke-width:4px,color:#0b0c0c",
  "classDef flagged fill:#fff7d6,stroke:#594d00,stroke-width:2px,color:#0b0c0c",
  "classDef critical fill:#ffffff,stroke:#0b0c0c,stroke-width:4px,color:#0b0c0c",
  "classDef hidden fill:#f3f2f1,stroke:#505a5f,stroke-width:1px,stroke-dasharray:2 2,color:#0b0c0c",
];

function nodeText(node: GraphNode): string {
  if (node.hidden) return escapeMermaid(HIDDEN_LABEL);
  const head = node.kind === "milestone" ? `Milestone: ${shortTitle(node.title)}` : `${node.ref ?? ""} ${shortTitle(node.title)}`;
  const lines = [escapeMermaid(head)];
  if (node.projectName) lines.push(escapeMermaid(`(${node.projectName})`));
  const words = [...node.flags.map((f) => f.tag), ...(node.critical ? ["Critical"] : [])];
  if (words.length) lines.push(escapeMermaid(words.join(", ")));
  return lines.join("<br/>");
}

/**
 * Actions and milestones with their dependencies, grouped by work package (one mermaid
 * subgraph each), lag on the arrow, each visible node a link to its item.
 */
export function itemsMermaid(graph: Pick<ItemGraph, "nodes" | "edges" | "workPackages">): string {
  const lines = ["flowchart LR"];
  const byWp = new Map<number | null, GraphNode[]>();
  for (const n of graph.nodes) {
    const wp = n.hidden || n.kind === "milestone" ? null : n.workPackageId;
    const list = byWp.get(wp);
    if (list) list.push(n);
    else byWp.set(wp, [n]);
  }
  const nodeLine = (n: GraphNode) => {
    const shape = n.kind === "milestone" ? [`{{"`, `"}}`] : n.critical && !n.hidden ? [`[["`, `"]]`] : [`["`, `"]`];
    return `${mermaidId(n.key)}${shape[0]}${nodeText(n)}${shape[1]}`;
  };
  for (const wp of graph.workPackages) {
    const members = byWp.get(wp.id);
    if (!members?.length) continue;
    lines.push(`  subgraph ${wpId(wp.id)}["${escapeMermaid(`${wp.ref} ${shortTitle(wp.name, 50)}`)}"]`);
    for (const n of members) lines.push(`    ${nodeLine(n)}`);
    lines.push("  end");
  }
  const known = new Set(graph.workPackages.map((w) => w.id));
  for (const [wp, members] of byWp) {
    if (wp !== null && known.has(wp)) continue;
    for (const n of members) lines.push(`  ${nodeLine(n)}`);
  }
  const present = new Set(graph.nodes.map((n) => n.key));
  for (const e of graph.edges) {
    if (!present.has(e.from) || !present.has(e.to)) continue;
    const label = e.lagDays ? `|"${escapeMermaid(`lag ${e.lagDays} ${Math.abs(e.lagDays) === 1 ? "day" : "days"}`)}"|` : "";
    lines.push(`  ${mermaidId(e.from)} ${e.critical ? "==>" : "-->"}${label} ${mermaidId(e.to)}`);
  }
  lines.push(...CLASS_DEFS.map((c) => `  ${c}`));
  for (const n of graph.nodes) {
    const cls = styleClass(n);
    if (cls) lines.push(`  class ${mermaidId(n.key)} ${cls}`);
    if (!n.hidden && n.href) lines.push(`  click ${mermaidId(n.key)} href "${n.href}"`);
  }
  return lines.join("\n");
}

/** Work packages and their "feeds into" links. */
export function workPackagesMermaid(graph: Pick<ItemGraph, "workPackages" | "workPackageLinks">): string {
  const lines = ["flowchart LR"];
  for (const wp of graph.workPackages) {
    const name = `${wp.ref} ${shortTitle(wp.name, 50)}${wp.projectName ? ` (${wp.projectName})` : ""}`;
    lines.push(`  ${wpId(wp.id)}["${escapeMermaid(name)}"]`);
  }
  const present = new Set(graph.workPackages.map((w) => w.id));
  for (const l of graph.workPackageLinks) {
    if (present.has(l.from) && present.has(l.to)) lines.push(`  ${wpId(l.from)} -->|"feeds into"| ${wpId(l.to)}`);
  }
  for (const wp of graph.workPackages) lines.push(`  click ${wpId(wp.id)} href "${wp.href}"`);
  return lines.join("\n");
}

/** The feeds-into links in words, for the text under the picture: "WP1 People policies feeds into WP4 …". */
export function workPackageFeeds(graph: Pick<ItemGraph, "workPackages" | "workPackageLinks">): Array<{ from: GraphWorkPackage; to: GraphWorkPackage }> {
  const byId = new Map(graph.workPackages.map((w) => [w.id, w]));
  return graph.workPackageLinks.flatMap((l) => {
    const from = byId.get(l.from);
    const to = byId.get(l.to);
    return from && to ? [{ from, to }] : [];
  });
}

// ------------------------------------------------------------------ focus

/** `a:12` or `m:3` from `?focus=`, or null when it is not one. */
export function readFocus(raw: string | null): NodeKey | null {
  if (!raw) return null;
  const node = parseNode(raw.trim());
  return node ? (`${node.kind === "action" ? "a" : "m"}:${node.id}` as NodeKey) : null;
}

export function readDepth(raw: string | null): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_DEPTH) : DEFAULT_DEPTH;
}

/**
 * The focus item with everything up to `depth` links upstream (what it waits for) and
 * downstream (what waits for it). Breadth-first both ways with a visited set, so a cycle in
 * imported data cannot loop. Edges kept are those between kept nodes.
 */
export function focusSubgraph<G extends Pick<ItemGraph, "nodes" | "edges">>(graph: G, focus: NodeKey, depth: number): G {
  const up = new Map<NodeKey, NodeKey[]>();
  const down = new Map<NodeKey, NodeKey[]>();
  for (const e of graph.edges) {
    (up.get(e.to) ?? up.set(e.to, []).get(e.to)!).push(e.from);
    (down.get(e.from) ?? down.set(e.from, []).get(e.from)!).push(e.to);
  }
  const keep = new Set<NodeKey>([focus]);
  for (const next of [up, down]) {
    let frontier = [focus];
    const seen = new Set<NodeKey>([focus]);
    for (let d = 0; d < depth && frontier.length; d++) {
      const following: NodeKey[] = [];
      for (const k of frontier) {
        for (const n of next.get(k) ?? []) {
          if (seen.has(n)) continue;
          seen.add(n);
          keep.add(n);
          following.push(n);
        }
      }
      frontier = following;
    }
  }
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => keep.has(n.key)),
    edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
  };
}

/** The item to open a large graph on: most flags, then blocked before others, then the first. */
export function mostFlagged(nodes: GraphNode[]): NodeKey | null {
  let best: GraphNode | null = null;
  const score = (n: GraphNode) => n.flags.length * 2 + (n.flags.some((f) => f.kind === "blocked") ? 1 : 0);
  for (const n of nodes) {
    if (n.hidden) continue;
    if (!best || score(n) > score(best)) best = n;
  }
  return best?.key ?? null;
}

// ------------------------------------------------------------------ words

/** "2.14 waits for 2.13, which waits for 2.12, which is 18 days overdue". */
export function chainSentence(chain: BlockedChain): string {
  const hops = chain.path.map((h) => h.label);
  let text = `${chain.item.label} waits for ${hops[0] ?? HIDDEN_LABEL}`;
  for (let k = 1; k < hops.length; k++) text += `, which waits for ${hops[k]}`;
  return chain.why ? `${text}, which ${chain.why}` : text;
}

/**
 * Chains are cut at the first hidden item: what lies behind an item the reader may not see is
 * not theirs to be told (its label already says "an item in another project").
 */
export function redactChain(chain: BlockedChain): BlockedChain {
  const cut = chain.path.findIndex((h) => h.hidden);
  if (cut < 0) return chain;
  return { ...chain, path: chain.path.slice(0, cut + 1), why: "" };
}

export interface ItemLinks {
  node: GraphNode;
  waitsFor: Array<{ node: GraphNode; lagDays: number }>;
  waitedOnBy: Array<{ node: GraphNode; lagDays: number }>;
}

/** The visible items on the critical path, as their labels, in the order the nodes come. */
export function criticalLabels(nodes: readonly GraphNode[]): string[] {
  return nodes.filter((n) => n.critical && !n.hidden).map(nodeLabel);
}

/** For each visible item with a link: what it waits for and what waits for it. */
export function linksByItem(graph: Pick<ItemGraph, "nodes" | "edges">): ItemLinks[] {
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const out = new Map<NodeKey, ItemLinks>();
  const entry = (n: GraphNode) => out.get(n.key) ?? out.set(n.key, { node: n, waitsFor: [], waitedOnBy: [] }).get(n.key)!;
  for (const e of graph.edges) {
    const from = byKey.get(e.from);
    const to = byKey.get(e.to);
    if (!from || !to) continue;
    if (!to.hidden) entry(to).waitsFor.push({ node: from, lagDays: e.lagDays });
    if (!from.hidden) entry(from).waitedOnBy.push({ node: to, lagDays: e.lagDays });
  }
  return graph.nodes.flatMap((n) => (out.has(n.key) ? [out.get(n.key)!] : []));
}
