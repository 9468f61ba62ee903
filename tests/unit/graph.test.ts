import { describe, expect, it } from "vitest";
import {
  chainSentence,
  criticalLabels,
  escapeMermaid,
  focusSubgraph,
  HIDDEN_LABEL,
  itemsMermaid,
  linksByItem,
  MAX_NODES,
  mostFlagged,
  readDepth,
  readFocus,
  redactChain,
  workPackageFeeds,
  workPackagesMermaid,
  type GraphEdge,
  type GraphNode,
  type NodeKey,
} from "~/modules/schedule/graph";
import { graphView } from "~/modules/schedule/graph-view";

const node = (id: number, v: Partial<GraphNode> = {}): GraphNode => ({
  key: `a:${id}`,
  kind: "action",
  hidden: false,
  ref: `2.${id}`,
  title: `Action ${id}`,
  href: `/projects/p/actions/${id}`,
  workPackageId: 1,
  projectName: null,
  flags: [],
  critical: false,
  ...v,
});
const edge = (from: number, to: number, lagDays = 0): GraphEdge => ({ from: `a:${from}`, to: `a:${to}`, lagDays });

// A line 1 → 2 → 3 → 4 → 5, and 6 → 3.
const line = { nodes: [1, 2, 3, 4, 5, 6].map((i) => node(i)), edges: [edge(1, 2), edge(2, 3), edge(3, 4), edge(4, 5), edge(6, 3)] };
const keys = (g: { nodes: GraphNode[] }) => g.nodes.map((n) => n.key).sort();

describe("chains as sentences", () => {
  it("reads a chain down to its root with the root's trouble", () => {
    const chain = {
      item: { key: "a:14" as NodeKey, label: "2.14", hidden: false },
      path: [
        { key: "a:13" as NodeKey, label: "2.13", hidden: false },
        { key: "a:12" as NodeKey, label: "2.12", hidden: false },
      ],
      why: "is 18 days overdue",
    };
    expect(chainSentence(chain)).toBe("2.14 waits for 2.13, which waits for 2.12, which is 18 days overdue");
  });

  it("stops at an item in another project the reader may not see, and says nothing of what is behind it", () => {
    const chain = {
      item: { key: "a:14" as NodeKey, label: "2.14", hidden: false },
      path: [
        { key: "a:13" as NodeKey, label: "2.13", hidden: false },
        { key: "a:99" as NodeKey, label: HIDDEN_LABEL, hidden: true },
        { key: "a:98" as NodeKey, label: "SECRET 7.1", hidden: true },
      ],
      why: "is 3 days overdue",
    };
    const text = chainSentence(redactChain(chain));
    expect(text).toBe(`2.14 waits for 2.13, which waits for ${HIDDEN_LABEL}`);
    expect(text).not.toMatch(/SECRET|overdue/);
  });
});

describe("focus view", () => {
  it("keeps the item and N levels up and down", () => {
    expect(keys(focusSubgraph(line, "a:3", 1))).toEqual(["a:2", "a:3", "a:4", "a:6"]);
    expect(keys(focusSubgraph(line, "a:3", 2))).toEqual(["a:1", "a:2", "a:3", "a:4", "a:5", "a:6"]);
    expect(keys(focusSubgraph(line, "a:1", 2))).toEqual(["a:1", "a:2", "a:3"]);
    const sub = focusSubgraph(line, "a:3", 1);
    expect(sub.edges).toEqual([edge(2, 3), edge(3, 4), edge(6, 3)]);
  });

  it("does not loop on a cycle in imported data", () => {
    const cyclic = { nodes: [1, 2, 3].map((i) => node(i)), edges: [edge(1, 2), edge(2, 3), edge(3, 1)] };
    expect(keys(focusSubgraph(cyclic, "a:1", 6))).toEqual(["a:1", "a:2", "a:3"]);
    expect(linksByItem(cyclic)).toHaveLength(3);
  });

  it("reads focus and depth from the query, ignoring nonsense", () => {
    expect(readFocus("m:12")).toBe("m:12");
    expect(readFocus("a:x")).toBeNull();
    expect(readFocus("drop table")).toBeNull();
    expect(readDepth("3")).toBe(3);
    expect(readDepth("99")).toBe(6);
    expect(readDepth("-1")).toBe(2);
    expect(readDepth(null)).toBe(2);
  });

  it("opens a graph over the limit on the most flagged item", () => {
    const many = Array.from({ length: MAX_NODES + 1 }, (_, i) => node(i + 1));
    many[40] = node(41, { flags: [{ kind: "blocked", tag: "Blocked", text: "Blocked" }, { kind: "overdue", tag: "Overdue 2 days", text: "" }] });
    const graph = { nodes: many, edges: many.slice(1).map((n, i) => ({ from: many[i]!.key, to: n.key, lagDays: 0 })), workPackages: [], workPackageLinks: [], chains: [] };
    expect(mostFlagged(graph.nodes)).toBe("a:41");
    const view = graphView(graph, new URLSearchParams());
    expect(view.focus).toMatchObject({ key: "a:41", automatic: true, depth: 2 });
    expect(view.links.map((l) => l.node.key).sort()).toEqual(["a:39", "a:40", "a:41", "a:42", "a:43"]);
  });

  it("refuses an item that is not in the graph with a message, showing the whole graph", () => {
    const view = graphView({ ...line, workPackages: [], workPackageLinks: [], chains: [] }, new URLSearchParams("focus=a:999"));
    expect(view.error).toBe("Choose an item from the list");
    expect(view.focus).toBeNull();
    expect(view.links).toHaveLength(6);
  });
});

describe("mermaid text", () => {
  it("escapes anything that could end a label or inject markup", () => {
    const text = escapeMermaid(`Fix "quotes"]; <script>alert(1)</script> | click`);
    expect(text.replace(/#\d+;/g, "")).not.toMatch(/["<>\];|]/);
    expect(text).toContain("#34;");
    expect(text).toContain("#60;script#62;");
  });

  it("groups actions by work package, labels lag and flags in words, links nodes, hides what may not be seen", () => {
    const text = itemsMermaid({
      nodes: [
        node(12, { flags: [{ kind: "overdue", tag: "Overdue 18 days", text: "" }] }),
        node(13, { flags: [{ kind: "blocked", tag: "Blocked", text: "" }] }),
        node(99, { hidden: true, ref: null, title: HIDDEN_LABEL, href: null, workPackageId: null }),
        { ...node(5, { kind: "milestone", ref: null, title: "Go live", workPackageId: null }), key: "m:5" },
      ],
      edges: [edge(12, 13, 5), edge(99, 12), { from: "a:13", to: "m:5", lagDays: 0 }],
      workPackages: [{ id: 1, ref: "WP2", name: "Scheme", href: "/projects/p/work-packages/1", projectName: null }],
    });
    expect(text).toMatch(/^flowchart LR/);
    expect(text).toContain(`subgraph wp_1["WP2 Scheme"]`);
    expect(text).toContain(`a_12["2.12 Action 12<br/>Overdue 18 days"]`);
    expect(text).toContain(`a_12 -->|"lag 5 days"| a_13`);
    expect(text).toContain(`m_5{{"Milestone: Go live"}}`);
    expect(text).toContain("class a_13 blocked");
    expect(text).toContain("class a_12 late");
    expect(text).toContain(`click a_12 href "/projects/p/actions/12"`);
    expect(text).toContain(`a_99["an item in another project"]`);
    expect(text).not.toContain("click a_99");
  });

  it("draws critical actions with double side bars and the critical path's arrows thick, and says so in words", () => {
    const text = itemsMermaid({
      nodes: [node(1, { critical: true }), node(2, { critical: true, flags: [{ kind: "overdue", tag: "Overdue 3 days", text: "" }] }), node(3)],
      edges: [{ ...edge(1, 2), critical: true }, edge(1, 3, 2)],
      workPackages: [],
    });
    expect(text).toContain(`a_1[["2.1 Action 1<br/>Critical"]]`);
    expect(text).toContain(`a_2[["2.2 Action 2<br/>Overdue 3 days, Critical"]]`);
    expect(text).toContain(`a_3["2.3 Action 3"]`);
    expect(text).toContain("a_1 ==> a_2");
    expect(text).toContain(`a_1 -->|"lag 2 days"| a_3`);
    expect(text).toContain("class a_1 critical");
    expect(text).toContain("class a_2 late");
    expect(criticalLabels([node(1, { critical: true }), node(3), node(9, { hidden: true, critical: true })])).toEqual(["2.1"]);
  });

  it("draws work packages with their feeds-into links", () => {
    const text = workPackagesMermaid({
      workPackages: [1, 2, 3, 4].map((i) => ({ id: i, ref: `WP${i}`, name: `Package ${i}`, href: `/w/${i}`, projectName: null })),
      workPackageLinks: [1, 2, 3].map((from) => ({ from, to: 4 })),
    });
    for (const from of [1, 2, 3]) expect(text).toContain(`wp_${from} -->|"feeds into"| wp_4`);
  });

  it("writes the same feeds-into links out for the text under the picture, skipping a link to a package not shown", () => {
    const graph = {
      workPackages: [1, 2, 4].map((i) => ({ id: i, ref: `WP${i}`, name: `Package ${i}`, href: `/w/${i}`, projectName: null })),
      workPackageLinks: [1, 2, 3].map((from) => ({ from, to: 4 })),
    };
    expect(workPackageFeeds(graph).map(({ from, to }) => `${from.ref} feeds into ${to.ref}`)).toEqual(["WP1 feeds into WP4", "WP2 feeds into WP4"]);
  });
});

describe("what waits for what", () => {
  it("lists both directions, never for a hidden item itself", () => {
    const g = { nodes: [node(1), node(2), node(9, { hidden: true, ref: null })], edges: [edge(1, 2, 3), edge(9, 2)] };
    const links = linksByItem(g);
    expect(links.map((l) => l.node.key)).toEqual(["a:1", "a:2"]);
    expect(links[1]!.waitsFor.map((w) => [w.node.key, w.lagDays])).toEqual([["a:1", 3], ["a:9", 0]]);
    expect(links[0]!.waitedOnBy.map((w) => w.node.key)).toEqual(["a:2"]);
  });
});
