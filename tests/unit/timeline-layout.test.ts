import fs from "node:fs";
import { defaultZoom, HEADER_HEIGHT, layoutTimeline, PX_PER_DAY, ROW_HEIGHT, type LayoutInput, type TimelineAction, type TimelineMilestone, type TimelineNode } from "~/modules/schedule/layout";
import { chartParts, clipArrow, CSS_CLASS, pageRanges, standaloneSvg, STYLES } from "~/modules/schedule/svg";
import { barName, dateRange, shortFlag } from "~/modules/schedule/words";
import { dayNumber } from "~/utils/dates";

const action = (id: number, start: string | null, due: string, extra: Partial<TimelineAction> = {}): TimelineAction => ({
  type: "action",
  key: `a${id}`,
  id,
  ref: `1.${id}`,
  title: `Action ${id}`,
  href: `/projects/p/actions/${id}`,
  name: `Action 1.${id}`,
  flags: [],
  float: null,
  critical: false,
  start,
  due,
  status: "in_progress",
  percent: 50,
  baselineDue: due,
  ...extra,
});
const milestone = (id: number, date: string, extra: Partial<TimelineMilestone> = {}): TimelineMilestone => ({
  type: "milestone",
  key: `m${id}`,
  id,
  title: `Milestone ${id}`,
  href: "/projects/p/milestones",
  name: `Milestone ${id}`,
  flags: [],
  float: null,
  critical: false,
  date,
  achieved: false,
  baseline: date,
  ...extra,
});

function plan(): TimelineNode[] {
  return [
    {
      type: "group",
      level: "work_package",
      key: "w1",
      label: "WP1 People",
      children: [
        action(1, "2026-03-02", "2026-03-13"),
        { type: "group", level: "stage", key: "s1", label: "Stage 1", children: [action(2, "2026-03-16", "2026-03-27"), action(3, null, "2026-04-10")] },
        { type: "group", level: "stage", key: "s2", label: "Empty stage", children: [] },
      ],
    },
    { type: "group", level: "milestones", key: "ms", label: "Milestones", children: [milestone(9, "2026-04-15", { achieved: true })] },
  ];
}
const input = (over: Partial<LayoutInput> = {}): LayoutInput => ({
  roots: plan(),
  dependencies: [
    { from: "a1", to: "a2", lagDays: 2, critical: true },
    { from: "a2", to: "m9", lagDays: 0, critical: false },
  ],
  zoom: "week",
  today: "2026-03-20",
  asOf: "2026-03-20",
  baseline: false,
  critical: false,
  ...over,
});

describe("timeline layout", () => {
  test("rows: groups before their children, depth first; a group with nothing drawn under it is left out", () => {
    const l = layoutTimeline(input());
    expect(l.rows.map((r) => r.key)).toEqual(["w1", "a1", "s1", "a2", "a3", "ms", "m9"]);
    expect(l.rows.map((r) => r.depth)).toEqual([0, 1, 1, 2, 2, 0, 1]);
    expect(l.rows.map((r) => r.y)).toEqual(l.rows.map((_, i) => HEADER_HEIGHT + i * ROW_HEIGHT));
    expect(l.rows[1].label).toBe("1.1 Action 1");
  });

  test("x-scale: week zoom starts on the Monday on or before the first date, 16 px a day", () => {
    const l = layoutTimeline(input());
    expect(l.start).toBe("2026-03-02"); // a Monday
    expect(l.pxPerDay).toBe(PX_PER_DAY.week);
    const a1 = l.rows[1].bar!;
    expect(a1.x).toBe(l.chartX);
    // 2 to 13 March inclusive is 12 days.
    expect(a1.w).toBe(12 * 16);
    expect(l.header.bottom[0]).toMatchObject({ label: "2 Mar", x: l.chartX, w: 7 * 16 });
    expect(l.header.top[0].label).toBe("March 2026");
    // Weekends shaded: the first Saturday is 7 March.
    expect(l.weekends[0]).toEqual({ x: l.chartX + 5 * 16, w: 32 });
  });

  test("month and quarter zoom snap to the month and the quarter; headers are British", () => {
    const m = layoutTimeline(input({ zoom: "month" }));
    expect(m.start).toBe("2026-03-01");
    expect(m.end).toBe("2026-05-01");
    expect(m.header.bottom.map((c) => c.label)).toEqual(["Mar", "Apr"]);
    expect(m.weekends).toEqual([]);
    const q = layoutTimeline(input({ zoom: "quarter", from: "2026-06-01", to: "2026-10-01", roots: [action(5, "2026-07-01", "2026-09-30")], dependencies: [] }));
    expect(q.start).toBe("2026-04-01");
    expect(q.header.bottom.map((c) => c.label)).toEqual(["Apr–Jun", "Jul–Sept", "Oct–Dec"]);
    expect(q.header.top.map((c) => c.label)).toEqual(["2026"]);
  });

  test("bar extents: an action with only a due date gets a short bar ending at its due date; summaries span their children", () => {
    const l = layoutTimeline(input({ zoom: "month" }));
    const x = (iso: string) => l.chartX + (dayNumber(iso) - dayNumber(l.start)) * l.pxPerDay;
    const a3 = l.rows.find((r) => r.key === "a3")!.bar!;
    expect(a3.x + a3.w).toBe(x("2026-04-11"));
    expect(a3.w).toBe(10);
    const stage = l.rows.find((r) => r.key === "s1")!.summary!;
    expect(stage.x).toBe(x("2026-03-16"));
    expect(stage.x + stage.w).toBe(x("2026-04-11"));
    const wp = l.rows.find((r) => r.key === "w1")!.summary!;
    expect(wp.x).toBe(x("2026-03-02"));
    expect(l.rows.find((r) => r.key === "a2")!.bar!.percentW).toBe(l.rows.find((r) => r.key === "a2")!.bar!.w / 2);
    const m9 = l.rows.find((r) => r.key === "m9")!.diamond!;
    expect(m9).toMatchObject({ achieved: true, cx: x("2026-04-15") + l.pxPerDay / 2 });
  });

  test("arrows run from the predecessor's end to the successor's start, with the lag labelled", () => {
    const l = layoutTimeline(input());
    const a1 = l.rows.find((r) => r.key === "a1")!;
    const a2 = l.rows.find((r) => r.key === "a2")!;
    const arrow = l.arrows.find((a) => a.from === "a1")!;
    const nums = arrow.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    // M x1 y1 ... ends at x2 on the successor's row.
    expect(nums[0]).toBe(a1.bar!.x + a1.bar!.w);
    expect(nums[1]).toBe(a1.y + ROW_HEIGHT / 2);
    expect(arrow.d.endsWith(`H${a2.bar!.x}`)).toBe(true);
    expect(arrow.d).toContain(`V${a2.y + ROW_HEIGHT / 2}`);
    expect(arrow.lag?.text).toBe("+2d lag");
    expect(arrow.critical).toBe(false); // only shown with critical=1
    expect(layoutTimeline(input({ critical: true })).arrows.find((a) => a.from === "a1")!.critical).toBe(true);
  });

  test("an elbow avoids a bar in the rows it crosses when a simple route does", () => {
    // a1 ends 13 Mar; a3 (two rows down) starts 1 Apr; a2 in between occupies 16 to 27 Mar and its note after it.
    const l = layoutTimeline(
      input({
        roots: [action(1, "2026-03-02", "2026-03-13"), action(2, "2026-03-30", "2026-04-03"), action(3, "2026-04-20", "2026-04-24")],
        dependencies: [{ from: "a1", to: "a3", lagDays: 0, critical: false }],
      }),
    );
    const a2 = l.rows[1].extent!;
    // Every vertical run of the arrow (the one through a2's row is the last) misses a2's bar and note.
    for (const [, x] of l.arrows[0].d.matchAll(/H([\d.]+)V/g)) expect(Number(x) < a2[0] || Number(x) > a2[1]).toBe(true);
  });

  test("an arrow that must go down further right steps to the edge between rows first, not through the note", () => {
    // a2 (the row between) spans from before a1's end to after a3's start: the only clear vertical is past a2's note.
    const l = layoutTimeline(
      input({
        roots: [action(1, "2026-03-02", "2026-03-13"), action(2, "2026-03-10", "2026-04-10"), action(3, "2026-04-20", "2026-04-24")],
        dependencies: [{ from: "a1", to: "a3", lagDays: 0, critical: false }],
      }),
    );
    const [a1, a2] = l.rows;
    const d = l.arrows[0].d;
    const x1 = a1.bar!.x + a1.bar!.w;
    // Out of the bar, down to the row's lower edge, along it, then down past a2.
    expect(d.startsWith(`M${x1} ${a1.y + ROW_HEIGHT / 2}H${x1 + 3}V${a1.y + ROW_HEIGHT}H`)).toBe(true);
    const runs = [...d.matchAll(/H([\d.]+)V/g)].map((m) => Number(m[1]));
    expect(runs.at(-1)! > a2.extent![1] || runs.at(-1)! < a2.extent![0]).toBe(true);
  });

  test("an arrow goes down just past its predecessor's end, clear of the note written after the bar", () => {
    const l = layoutTimeline(
      input({
        roots: [action(1, "2026-03-02", "2026-03-13"), action(2, "2026-04-20", "2026-04-24")],
        dependencies: [{ from: "a1", to: "a2", lagDays: 0, critical: false }],
      }),
    );
    const a1 = l.rows[0];
    const vx = Number(/H([\d.]+)V/.exec(l.arrows[0].d)![1]);
    expect(a1.note).not.toBe("");
    expect(vx).toBeGreaterThan(a1.bar!.x + a1.bar!.w);
    expect(vx).toBeLessThan(a1.noteX);
  });

  test("the window leaves out items outside it and counts them; today and as-of lines are placed", () => {
    const l = layoutTimeline(input({ from: "2026-03-16", to: "2026-04-30", asOf: "2026-03-25" }));
    expect(l.rows.map((r) => r.key)).not.toContain("a1");
    expect(l.outsideWindow).toBe(1);
    expect(l.arrows.find((a) => a.from === "a1")).toBeUndefined();
    expect(l.today?.date).toBe("2026-03-20");
    expect(l.asOf?.date).toBe("2026-03-25");
  });

  test("baselines: a thin bar of the same length ending at the baseline, and the slip in words", () => {
    const roots = [action(1, "2026-03-02", "2026-03-13", { baselineDue: "2026-03-06" })];
    const l = layoutTimeline(input({ roots, dependencies: [], baseline: true }));
    const row = l.rows[0];
    expect(row.baselineBar!.w).toBe(row.bar!.w);
    expect(row.baselineBar!.x).toBe(row.bar!.x - 7 * 16);
    expect(row.note).toContain("Slip: 7 days late");
  });

  test("default zoom follows the plan's span", () => {
    expect(defaultZoom(60)).toBe("week");
    expect(defaultZoom(365)).toBe("month");
    expect(defaultZoom(1000)).toBe("quarter");
  });
});

describe("timeline drawing", () => {
  test("the whole SVG has one link per drawn item, each named, and its own defs", () => {
    const l = layoutTimeline(input());
    const svg = standaloneSvg(l, { title: "Pilot: timeline", subtitle: "as of" });
    expect(svg.match(/<a href=/g)).toHaveLength(4);
    expect(svg).toContain("<title>Action 1.2</title>");
    expect(svg).toContain('id="tl-sev"');
    expect(svg).not.toContain("class=");
    // XML: every attribute quoted.
    expect(svg).not.toMatch(/ [a-z-]+=[^"]/);
  });

  test("the page parts use classes, in chunks whose bars stay in row order", () => {
    const l = layoutTimeline(input());
    const parts = chartParts(l);
    expect(parts.chunks).toHaveLength(1);
    expect(parts.chunks[0].body).toContain("<path class=tb d=");
    expect(parts.chunks[0].body).toContain("<a href=/projects/p/actions/1><title>Action 1.1</title>");
    const order = [...parts.chunks[0].body.matchAll(/<title>([^<]+)<\/title>/g)].map((m) => m[1]);
    expect(order).toEqual(["Action 1.1", "Action 1.2", "Action 1.3", "Milestone 9"]);
  });

  test("pages hold at most the rows asked for, cover every row once, and prefer to break at a work package", () => {
    const many: TimelineNode[] = Array.from({ length: 5 }, (_, w) => ({
      type: "group" as const,
      level: "work_package" as const,
      key: `w${w}`,
      label: `WP${w}`,
      children: Array.from({ length: 9 }, (_, i) => action(w * 10 + i, "2026-03-02", "2026-03-13")),
    }));
    const l = layoutTimeline(input({ roots: many, dependencies: [] }));
    const pages = pageRanges(l, 12);
    expect(pages[0]).toEqual([0, 10]);
    expect(pages.flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i))).toEqual(l.rows.map((_, i) => i));
    expect(pages.every(([a, b]) => b - a <= 12)).toBe(true);
  });

  test("an arrow reaching beyond a page is cut at its edge", () => {
    expect(clipArrow("M860 445H1578V5945H1584", 400, 1000)).toBe("M860 445h718v555");
    expect(clipArrow("M10 20H30V40H50", 0, 100)).toBe("M10 20h20v20h20");
    // Only what crosses the rows is kept: the runs above and below them are left out.
    expect(clipArrow("M100 50H200V500H120V5000H130", 400, 1000)).toBe("M200 400v100h-80v500");
    expect(clipArrow("M100 50H200V40", 400, 1000)).toBe("");
    // Counted from the rows' own top (the page's chunks): y less 400.
    expect(clipArrow("M100 50H200V500H120V5000H130", 400, 1000, 400)).toBe("M200 0v100h-80v500");
  });

  test("every style the page uses has the same rule in styles/app.scss", () => {
    const scss = fs.readFileSync("styles/app.scss", "utf8");
    for (const [name, props] of Object.entries(STYLES)) {
      const css = CSS_CLASS[name as keyof typeof STYLES];
      const rule = new RegExp(`\\n\\.${css} \\{ ([^}]*) \\}`).exec(scss);
      expect(rule, `.${css} (${name})`).not.toBeNull();
      expect(rule![1]).toBe(Object.entries(props).map(([p, v]) => `${p}: ${v};`).join(" "));
    }
  });

  test("British date ranges and bar names", () => {
    expect(dateRange("2026-10-01", "2026-11-13")).toBe("1 October to 13 November 2026");
    expect(dateRange("2026-12-30", "2027-01-04")).toBe("30 December 2026 to 4 January 2027");
    expect(dateRange("2026-10-01", "2026-10-13")).toBe("1 to 13 October 2026");
    expect(dateRange(null, "2026-10-13")).toBe("13 October 2026");
    expect(
      barName({
        kind: "action",
        ref: "2.7",
        title: "Set up an appeals process",
        start: "2026-10-01",
        end: "2026-11-13",
        status: null,
        flags: ["Overdue by 17 days", "Blocked by 2.6, which is 3 days overdue"],
      }),
    ).toBe("Action 2.7, Set up an appeals process, 1 October to 13 November 2026, overdue by 17 days, blocked by 2.6");
    // Only the first clause of a chain goes into the name; the table and the plan give the whole chain.
    expect(shortFlag("Blocked by 2.6, which waits for 2.5, which is 3 days overdue")).toBe("Blocked by 2.6");
    expect(shortFlag("Overdue by 17 days")).toBe("Overdue by 17 days");
  });
});
