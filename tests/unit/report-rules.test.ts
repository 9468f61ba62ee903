import { describe, expect, it } from "vitest";
import { compareBodies } from "~/modules/report/compare";
import { calendarDateOf, defaultPeriod, dueDateFor, inPeriod, nextPeriod, overdueReport, periodContaining, periodText } from "~/modules/report/period";
import { benefitsRag, computeRag, costRag, overallRag, riskRag, scopeRag, timeRag, validateOverrides, worstOf, type RagInput } from "~/modules/report/rag";

const base: RagInput = {
  time: { baselineEnd: "2027-03-31", forecastEnd: "2027-03-31", toleranceDays: 30, missedMilestones: 0 },
  cost: { budget: null, forecast: null, tolerancePercent: null },
  scope: { cancelled: 0, added: 0, total: 40 },
  risk: { openCount: 2, worst: { ref: "R1", severity: 2, band: "low" } },
  benefits: { total: 0, offTarget: 0 },
};

describe("time status", () => {
  it("is green on or before the baseline end", () => {
    expect(timeRag(base.time)).toEqual({ computed: "green", rule: "Green: forecast end on the baseline end" });
    expect(timeRag({ ...base.time, forecastEnd: "2027-03-29" }).rule).toBe("Green: forecast end 2 days before baseline");
  });
  it("is amber past the baseline within tolerance, inclusive of the tolerance's last day", () => {
    expect(timeRag({ ...base.time, forecastEnd: "2027-04-12" })).toEqual({ computed: "amber", rule: "Amber: forecast end 12 days past baseline, within the 30-day tolerance" });
    expect(timeRag({ ...base.time, forecastEnd: "2027-04-30" }).computed).toBe("amber");
  });
  it("is red one day beyond the tolerance", () => {
    expect(timeRag({ ...base.time, forecastEnd: "2027-05-01" })).toEqual({ computed: "red", rule: "Red: forecast end 31 days past baseline, beyond the 30-day tolerance" });
  });
  it("treats no tolerance as none: any slip is red", () => {
    expect(timeRag({ ...base.time, toleranceDays: null, forecastEnd: "2027-04-01" }).rule).toBe("Red: forecast end 1 day past baseline, beyond no time tolerance set");
  });
  it("is amber on time when a milestone is missed, and not assessed without dates", () => {
    expect(timeRag({ ...base.time, missedMilestones: 1 }).computed).toBe("amber");
    expect(timeRag({ ...base.time, baselineEnd: null }).computed).toBe("none");
  });
});

describe("cost, scope, risk and benefits", () => {
  it("says no budget recorded without one, and measures against tolerance with one", () => {
    expect(costRag(base.cost)).toEqual({ computed: "none", rule: "No budget recorded" });
    expect(costRag({ budget: 100, forecast: 104, tolerancePercent: 5 }).computed).toBe("amber");
    expect(costRag({ budget: 100, forecast: 106, tolerancePercent: 5 }).computed).toBe("red");
    expect(costRag({ budget: 100, forecast: 90, tolerancePercent: 5 }).computed).toBe("green");
  });
  it("counts cancelled and added actions; red above 10% of the plan", () => {
    expect(scopeRag(base.scope).computed).toBe("green");
    expect(scopeRag({ cancelled: 2, added: 2, total: 40 })).toEqual({ computed: "amber", rule: "Amber: 2 actions cancelled and 2 added this period (10% of 40), up to 10%" });
    expect(scopeRag({ cancelled: 3, added: 2, total: 40 }).computed).toBe("red");
    expect(scopeRag({ cancelled: 0, added: 0, total: 0 }).computed).toBe("none");
  });
  it("follows the highest open risk's band", () => {
    expect(riskRag({ openCount: 0, worst: null }).computed).toBe("green");
    expect(riskRag({ openCount: 3, worst: { ref: "R3", severity: 9, band: "high" } })).toEqual({ computed: "red", rule: "Red: R3 has severity 9 (high)" });
    expect(riskRag({ openCount: 3, worst: { ref: "R2", severity: 4, band: "medium" } }).computed).toBe("amber");
    expect(riskRag({ openCount: 1, worst: null }).computed).toBe("amber");
  });
  it("says no benefits recorded without any", () => {
    expect(benefitsRag({ total: 0, offTarget: 0 })).toEqual({ computed: "none", rule: "No benefits recorded" });
    expect(benefitsRag({ total: 4, offTarget: 1 }).computed).toBe("amber");
    expect(benefitsRag({ total: 4, offTarget: 3 }).computed).toBe("red");
  });
});

describe("overall and overrides", () => {
  it("is the worst assessed status, naming which", () => {
    expect(overallRag({ time: "amber", cost: "none", scope: "green", risk: "red", benefits: "none" })).toEqual({ computed: "red", rule: "Red: the worst of the statuses shown (risk red)" });
    expect(overallRag({ time: "none", cost: "none", scope: "none", risk: "none", benefits: "none" }).computed).toBe("none");
    expect(worstOf(["green", "none", "amber"])).toBe("amber");
  });
  it("applies an override with its reason, keeps the computed status and rule, and overall follows the shown status", () => {
    const rag = computeRag({ ...base, time: { ...base.time, forecastEnd: "2027-05-10" } }, { time: { status: "amber", reason: "Board agreed the new end date on 3 March" } });
    expect(rag.time).toMatchObject({ computed: "red", status: "amber", override: { reason: "Board agreed the new end date on 3 March" } });
    expect(rag.time.rule).toContain("beyond the 30-day tolerance");
    expect(rag.overall.status).toBe("amber");
  });
  it("ignores an override without a reason, and validation refuses it", () => {
    expect(computeRag(base, { risk: { status: "red", reason: "  " } }).risk.status).toBe("green");
    expect(validateOverrides({ risk: { status: "red", reason: " " } })).toEqual({ "reason-risk": "Give a reason for changing the risk status" });
    expect(validateOverrides({ risk: { status: "purple", reason: "x" } })).toHaveProperty("override-risk");
  });
});

describe("periods", () => {
  const june = { from: "2026-06-01", to: "2026-06-30" };
  it("includes both edges and nothing outside them", () => {
    expect(inPeriod("2026-06-01", june)).toBe(true);
    expect(inPeriod("2026-06-30", june)).toBe(true);
    expect(inPeriod("2026-05-31", june)).toBe(false);
    expect(inPeriod("2026-07-01", june)).toBe(false);
    expect(inPeriod(null, june)).toBe(false);
  });
  it("puts an instant on its London calendar date", () => {
    expect(calendarDateOf("2026-06-30T23:30:00.000Z")).toBe("2026-07-01");
    expect(inPeriod("2026-06-30T23:30:00.000Z", june)).toBe(false);
    expect(inPeriod("2026-05-31T23:30:00.000Z", june)).toBe(true);
    expect(calendarDateOf("2026-12-31T23:30:00.000Z")).toBe("2026-12-31");
  });
  it("finds months and quarters, the next one, and the default last whole month", () => {
    expect(periodContaining("2026-02-14", "monthly")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(periodContaining("2026-11-30", "quarterly")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(nextPeriod({ from: "2026-12-01", to: "2026-12-31" })).toEqual({ from: "2027-01-01", to: "2027-01-31" });
    expect(nextPeriod({ from: "2026-01-01", to: "2026-03-31" })).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(nextPeriod({ from: "2026-06-03", to: "2026-06-16" })).toEqual({ from: "2026-06-17", to: "2026-06-30" });
    expect(defaultPeriod("2026-01-01")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(periodText(june)).toBe("June 2026");
    expect(periodText({ from: "2026-04-01", to: "2026-06-30" })).toBe("April to June 2026");
  });
  it("is due on the cycle's day of the following month, and overdue the day after", () => {
    const cycle = { frequency: "monthly" as const, dueDay: 5, startDate: "2026-01-01" };
    expect(dueDateFor(june, cycle)).toBe("2026-07-05");
    expect(overdueReport(cycle, [], "2026-07-05")).toMatchObject({ period: { from: "2026-05-01" } });
    expect(overdueReport(cycle, [{ from: "2026-05-01", to: "2026-05-31" }], "2026-07-05")).toBeNull();
    expect(overdueReport(cycle, [{ from: "2026-05-01", to: "2026-05-31" }], "2026-07-06")).toEqual({ period: june, due: "2026-07-05", daysOverdue: 1 });
    expect(overdueReport(cycle, [june], "2026-07-06")).toBeNull();
    expect(overdueReport({ ...cycle, startDate: "2026-07-01" }, [], "2026-07-06")).toBeNull();
  });
});

describe("comparison", () => {
  it("lists RAG changes, newly flagged and resolved items, and moved milestones", () => {
    const rag = computeRag(base);
    const red = computeRag(base, { risk: { status: "red", reason: "New audit finding" } });
    const ms = (target: string) => [{ key: "m:1", name: "Pilot starts", target, baseline: "2027-01-01", achieved: null, flags: [] }];
    const c = compareBodies({ rag, flagged: [{ key: "a:1", label: "1 Old", flags: ["Overdue by 2 days"] }], milestones: ms("2027-01-01") }, { rag: red, flagged: [{ key: "a:2", label: "2 New", flags: ["Blocked"] }], milestones: ms("2027-02-01") });
    expect(c.ragChanges.map((r) => `${r.label} ${r.from}→${r.to}`)).toEqual(["Risk Green→Red", "Overall Green→Red"]);
    expect(c.newlyFlagged.map((f) => f.key)).toEqual(["a:2"]);
    expect(c.resolved.map((f) => f.key)).toEqual(["a:1"]);
    expect(c.milestonesMoved).toEqual([{ name: "Pilot starts", from: "2027-01-01", to: "2027-02-01" }]);
  });
});
