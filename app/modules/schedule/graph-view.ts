// What the dependency graph page shows for a query string: the whole graph, or a focus view
// (asked for, or chosen because the graph is too big to draw readably). Pure: no I/O.
import {
  criticalLabels,
  focusSubgraph,
  itemsMermaid,
  linksByItem,
  MAX_NODES,
  mostFlagged,
  nodeLabel,
  readDepth,
  readFocus,
  workPackageFeeds,
  workPackagesMermaid,
  type BlockedChain,
  type GraphWorkPackage,
  type ItemGraph,
  type ItemLinks,
} from "./graph";

export interface GraphPageData {
  itemsText: string;
  workPackagesText: string;
  hasWorkPackageLinks: boolean;
  /** The same links as the work packages' picture, in words. */
  workPackageFeeds: Array<{ from: GraphWorkPackage; to: GraphWorkPackage }>;
  chains: BlockedChain[];
  /** Labels of the shown items on the critical path (no float). */
  critical: string[];
  links: ItemLinks[];
  nodeCount: number;
  focus: { key: string; label: string; depth: number; automatic: boolean } | null;
  picker: Array<{ value: string; label: string }>;
  error: string | null;
  raw: { focus: string; depth: string };
}

export function graphView(graph: ItemGraph & { chains: BlockedChain[] }, params: URLSearchParams): GraphPageData {
  const raw = { focus: params.get("focus") ?? "", depth: params.get("depth") ?? "" };
  const visibleNodes = graph.nodes.filter((n) => !n.hidden);
  const picker = visibleNodes
    .map((n) => ({ value: n.key, label: n.kind === "milestone" ? `Milestone: ${n.title}` : `${n.ref} ${n.title}` }))
    .sort((a, b) => a.label.localeCompare(b.label, "en-GB", { numeric: true }));
  let error: string | null = null;
  let focusKey = readFocus(raw.focus);
  if (raw.focus && (!focusKey || !visibleNodes.some((n) => n.key === focusKey))) {
    error = "Choose an item from the list";
    focusKey = null;
  }
  const automatic = !focusKey && graph.nodes.length > MAX_NODES;
  if (automatic) focusKey = mostFlagged(graph.nodes);
  const depth = readDepth(raw.depth);
  const shown = focusKey ? focusSubgraph(graph, focusKey, depth) : graph;
  const focusNode = focusKey ? graph.nodes.find((n) => n.key === focusKey) : undefined;
  const keys = new Set(shown.nodes.map((n) => n.key));
  const chains = focusKey ? graph.chains.filter((c) => keys.has(c.item.key)) : graph.chains;
  return {
    itemsText: itemsMermaid(shown),
    workPackagesText: workPackagesMermaid(graph),
    hasWorkPackageLinks: graph.workPackageLinks.length > 0,
    workPackageFeeds: workPackageFeeds(graph),
    chains,
    critical: criticalLabels(shown.nodes),
    links: linksByItem(shown),
    nodeCount: graph.nodes.length,
    focus: focusNode ? { key: focusNode.key, label: nodeLabel(focusNode), depth, automatic } : null,
    picker,
    error,
    raw,
  };
}
