import { actionNode as a, describeCycle, findCycle, milestoneNode as m, parseNode, type Edge } from "~/modules/action/dependency-graph";

const link = (from: Edge["from"], to: Edge["to"]): Edge => ({ from, to });

describe("findCycle", () => {
  it("allows a link that closes no cycle", () => {
    const edges = [link(a(1), a(2)), link(a(2), a(3))];
    expect(findCycle(edges, link(a(1), a(3)))).toBeNull(); // a shortcut, not a cycle
    expect(findCycle(edges, link(a(4), a(1)))).toBeNull();
    expect(findCycle([], link(a(1), a(2)))).toBeNull();
  });

  it("refuses a link from an item to itself", () => {
    expect(findCycle([], link(a(7), a(7)))).toEqual([a(7), a(7)]);
  });

  it("refuses the reverse of an existing link", () => {
    expect(findCycle([link(a(1), a(2))], link(a(2), a(1)))).toEqual([a(2), a(1), a(2)]);
  });

  it("names a longer cycle in order, starting and ending at the new link's predecessor", () => {
    // 4.2 → 5.1 → 3.3 exist; adding 3.3 → 4.2 closes 3.3 → 4.2 → 5.1 → 3.3
    const edges = [link(a(42), a(51)), link(a(51), a(33))];
    expect(findCycle(edges, link(a(33), a(42)))).toEqual([a(33), a(42), a(51), a(33)]);
  });

  it("goes through milestones as well as actions", () => {
    const edges = [link(a(1), m(1)), link(m(1), a(2))];
    expect(findCycle(edges, link(a(2), a(1)))).toEqual([a(2), a(1), m(1), a(2)]);
  });

  it("names the shortest cycle when there are several, and copes with diamonds", () => {
    // 1 → 2 → 3 → 4 and 1 → 4 (diamond-ish); adding 4 → 1 gives the short way round
    const edges = [link(a(1), a(2)), link(a(2), a(3)), link(a(3), a(4)), link(a(1), a(4))];
    expect(findCycle(edges, link(a(4), a(1)))).toEqual([a(4), a(1), a(4)]);
  });

  it("ignores cycles elsewhere in the graph that the new link is not part of", () => {
    const edges = [link(a(1), a(2)), link(a(2), a(1))];
    expect(findCycle(edges, link(a(3), a(4)))).toBeNull();
  });

  it("handles a long chain without recursion limits", () => {
    const edges: Edge[] = [];
    for (let i = 1; i < 20000; i++) edges.push(link(a(i), a(i + 1)));
    const cycle = findCycle(edges, link(a(20000), a(1)));
    expect(cycle).toHaveLength(20001);
    expect(cycle?.[0]).toBe(a(20000));
    expect(cycle?.at(-1)).toBe(a(20000));
  });
});

describe("describeCycle", () => {
  it("joins the labels with arrows", () => {
    const labels: Record<string, string> = { "a:42": "4.2", "a:51": "5.1", "a:33": "3.3" };
    expect(describeCycle([a(42), a(51), a(33), a(42)], (k) => labels[k]!)).toBe("4.2 → 5.1 → 3.3 → 4.2");
  });
});

describe("parseNode", () => {
  it("reads node keys and refuses anything else", () => {
    expect(parseNode("a:12")).toEqual({ kind: "action", id: 12 });
    expect(parseNode("m:3")).toEqual({ kind: "milestone", id: 3 });
    expect(parseNode("x:3")).toBeNull();
    expect(parseNode("a:")).toBeNull();
  });
});
