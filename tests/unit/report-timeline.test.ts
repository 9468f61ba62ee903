import { describe, expect, it } from "vitest";
import { endBlocks, reportBlocks, timelineBlocks } from "~/modules/report/blocks";
import type { EndContent } from "~/modules/report/content";
import { reportTimeline, type TimelineStageInput } from "~/modules/report/timeline";

const AS_OF = "2026-06-15";
const stage = (name: string, actions: TimelineStageInput["actions"], planned: [string, string] | null = null): TimelineStageInput => ({ name, plannedStart: planned?.[0] ?? null, plannedEnd: planned?.[1] ?? null, actions });
const act = (status: string, start: string | null, due: string | null, flags: string[] = []) => ({ status, start, due, flags });

describe("a report's timeline", () => {
  it("draws one bar per stage over its live actions' span, and counts done and flagged actions", () => {
    const t = reportTimeline({
      asOf: AS_OF,
      title: "Pilot: timeline",
      projects: [
        {
          name: "Pilot",
          workPackages: [
            {
              label: "WP1 Technology",
              stages: [
                stage("Baseline", [act("done", "2026-03-01", "2026-03-20"), act("in_progress", null, "2026-05-10", ["Overdue by 36 days"]), act("cancelled", "2025-01-01", "2027-01-01")]),
                stage("Review", [], ["2026-07-01", "2026-08-31"]),
                stage("Measure", []),
              ],
            },
          ],
          milestones: [{ name: "Pilot starts", target: "2026-04-01", achieved: "2026-04-03", flags: [] }, { name: "Pilot ends", target: "2026-06-01", achieved: null, flags: ["Missed by 14 days"] }],
        },
      ],
    })!;
    expect(t.rows).toEqual([
      // The cancelled action's dates do not stretch the bar.
      { item: "WP1 Technology, Baseline", kind: "stage", dates: "1 March to 10 May 2026", status: "1 of 2 actions done, 1 flagged" },
      // No actions: the stage's planned dates.
      { item: "WP1 Technology, Review", kind: "stage", dates: "1 July to 31 August 2026", status: "No actions" },
      { item: "WP1 Technology, Measure", kind: "stage", dates: "Dates to be confirmed", status: "No actions" },
      { item: "Milestone: Pilot starts", kind: "milestone", dates: "3 April 2026", status: "Achieved" },
      { item: "Milestone: Pilot ends", kind: "milestone", dates: "1 June 2026", status: "Missed by 14 days" },
    ]);
    expect(t.svg).toMatch(/^<svg [^>]*width="\d+" height="\d+"/);
    expect(t.svg).toContain("As of 15 Jun");
    expect(t.svg).not.toContain("Today");
    // A red flag (overdue) draws the bar hatched red, as the action plan does.
    expect(t.svg).toContain("url(#tl-sev)");
    expect(t.width).toBeLessThanOrEqual(1100);
  });

  it("names each project when it covers several, escapes every name, and links nowhere", () => {
    const project = (name: string) => ({ name, workPackages: [{ label: "WP1 <Build>", stages: [stage("Stage & one", [act("not_started", null, "2026-07-01")])] }], milestones: [] });
    const t = reportTimeline({ asOf: AS_OF, title: "Programme", projects: [project("North"), project("South")] })!;
    expect(t.rows.map((r) => r.item)).toEqual(["North: WP1 <Build>, Stage & one", "South: WP1 <Build>, Stage & one"]);
    expect(t.svg).toContain("WP1 &lt;Build&gt;");
    expect(t.svg).toContain("Stage &amp; one");
    expect(t.svg).not.toMatch(/<a |href=/);
  });

  it("is absent when there is nothing to show, and a table alone when nothing is dated", () => {
    expect(reportTimeline({ asOf: AS_OF, title: "t", projects: [{ name: "P", workPackages: [], milestones: [] }] })).toBeNull();
    const undated = reportTimeline({ asOf: AS_OF, title: "t", projects: [{ name: "P", workPackages: [{ label: "WP1", stages: [stage("S", [])] }], milestones: [] }] })!;
    expect(undated.svg).toBe("");
    expect(timelineBlocks(undated, "h2").map((b) => b.kind)).toEqual(["h2", "table"]);
  });
});

describe("the end project report's blocks", () => {
  const content: EndContent = {
    kind: "end",
    title: "Pilot: end project report",
    period: { from: "2026-01-01", to: "2026-06-15" },
    periodText: "1 January to 15 June 2026",
    next: { from: "2026-06-16", to: "2026-07-15" },
    nextText: "",
    asOf: AS_OF,
    version: 1,
    changeNote: "",
    publishedAt: null,
    publishedBy: null,
    project: { name: "Pilot", slug: "pilot", manager: "Mo", purpose: "Prove home working." },
    programme: null,
    rag: Object.fromEntries(["time", "cost", "scope", "risk", "benefits", "overall"].map((k) => [k, { status: "green", computed: "green", rule: "Fine" }])) as EndContent["rag"],
    narrative: { lessons: "Buy kit early." },
    delivery: { total: 4, done: 3, cancelled: 1, open: 0, doneOnTime: 2, doneLate: 1, baselineEnd: "2026-06-01", forecastEnd: "2026-06-10", toleranceDays: 30, cost: "No budget recorded" },
    milestones: [],
    benefits: [{ name: "Productivity", measure: "17% on 2026-06-01; target 15% for 2026/27", status: "on target", owner: "Olu", nextReview: "2026-09-01" }],
    handover: { actions: [], risks: [] },
    decisions: [],
    recommendations: [],
  };

  it("says what was delivered, what is handed over and to whom, in the PRINCE2 sections", () => {
    const blocks = endBlocks(content);
    expect(blocks.filter((b) => b.kind === "h2").map((b) => (b as { text: string }).text)).toEqual(["Summary", "Achievements against the objectives", "Performance against the plan", "Benefits", "Follow-on actions", "Decisions taken", "Lessons learned"]);
    const text = JSON.stringify(reportBlocks(content));
    expect(text).toContain("3 of 4 actions done (75%), 1 cancelled, 0 still open");
    expect(text).toContain("2 by their baseline date, 1 after it");
    expect(text).toContain("No open actions: everything was done or cancelled.");
    expect(text).toContain('["Productivity","17% on 2026-06-01; target 15% for 2026/27: on target","Olu","1 Sep 2026"]');
    expect(text).toContain("Buy kit early.");
    expect(text).toContain("Project: Pilot.");
  });
});
