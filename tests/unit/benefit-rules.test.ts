import {
  benefitFlagLabel,
  benefitFlags,
  benefitRag,
  effectiveActuals,
  formatValue,
  measurementDueFlag,
  offTargetFlag,
  seriesRag,
  trendWorseningFlag,
  type BenefitInput,
  type SeriesInput,
} from "~/modules/benefit/rules";
import { financialYear } from "~/modules/benefit/periods";

const fy = (y: number, value: number) => ({ period: financialYear(y).label, start: financialYear(y).start, end: financialYear(y).end, value });
const actual = (id: number, measuredOn: string, value: number) => ({ id, measuredOn, value, corrected: false });

/** Council tax collected (higher is better): 97.7 / 97.8 / 97.9 targets, as Dartford's in 003. */
const series = (actuals: SeriesInput["actuals"], organisation: string | null = "Dunmore"): SeriesInput => ({
  organisation,
  baselineValue: 97.4,
  baselineDate: "2011-03-31",
  targets: [fy(2011, 97.7), fy(2012, 97.8), fy(2013, 97.9)],
  actuals,
});
const benefit = (s: SeriesInput[], more: Partial<BenefitInput> = {}): BenefitInput => ({ direction: "higher", frequency: "quarterly", tolerance: 0.1, series: s, ...more });

describe("corrections", () => {
  it("replace the value they correct, through a chain, and stay marked as corrections", () => {
    const rows = [
      { id: 1, measuredOn: "2011-06-30", value: 90, correctsId: null },
      { id: 2, measuredOn: "2011-09-30", value: 95, correctsId: null },
      { id: 3, measuredOn: "2011-06-30", value: 96, correctsId: 1 },
      { id: 4, measuredOn: "2011-06-30", value: 97, correctsId: 3 },
    ];
    expect(effectiveActuals(rows)).toEqual([
      { id: 4, measuredOn: "2011-06-30", value: 97, corrected: true },
      { id: 2, measuredOn: "2011-09-30", value: 95, corrected: false },
    ]);
  });
});

describe("off target", () => {
  it("flags the latest actual worse than its period's target beyond the tolerance, by direction", () => {
    expect(offTargetFlag(benefit([series([actual(1, "2012-03-31", 97.5)])]))).toEqual({
      kind: "off_target",
      items: [{ organisation: "Dunmore", latest: 97.5, target: 97.7, period: "2011/12" }],
    });
    // within tolerance (0.1): amber, not flagged
    const near = benefit([series([actual(1, "2012-03-31", 97.6)])]);
    expect(offTargetFlag(near)).toBeNull();
    expect(seriesRag(near, near.series[0])).toBe("amber");
    // lower is better: days to process new claims, target 23
    const days = benefit([{ ...series([actual(1, "2011-09-30", 25)]), targets: [fy(2011, 23)] }], { direction: "lower", tolerance: 0 });
    expect(offTargetFlag(days)?.kind).toBe("off_target");
    const fast = benefit([{ ...series([actual(1, "2011-09-30", 21)]), targets: [fy(2011, 23)] }], { direction: "lower", tolerance: 0 });
    expect(offTargetFlag(fast)).toBeNull();
    expect(seriesRag(fast, fast.series[0])).toBe("green");
  });

  it("only looks at the latest actual, and needs a target for its period", () => {
    expect(offTargetFlag(benefit([series([actual(1, "2011-09-30", 90), actual(2, "2011-12-31", 98)])]))).toBeNull();
    const noTarget = benefit([series([actual(1, "2015-06-30", 1)])]);
    expect(offTargetFlag(noTarget)).toBeNull();
    expect(seriesRag(noTarget, noTarget.series[0])).toBe("none");
  });

  it("names each organisation off target; the benefit's RAG is the worst of its series", () => {
    const b = benefit([series([actual(1, "2012-03-31", 98)], "Stowford"), series([actual(2, "2012-03-31", 97)], "Dunmore"), series([], null)]);
    expect(benefitRag(b)).toBe("red");
    expect(benefitFlagLabel(offTargetFlag(b)!, "percent")).toBe("Off target: Dunmore 97% against 97.7% (2011/12)");
  });
});

describe("measurement due", () => {
  it("flags a series with no actual within its frequency since the last one", () => {
    const b = benefit([series([actual(1, "2011-06-30", 98)])]);
    expect(measurementDueFlag(b, "2011-09-30")).toBeNull(); // 92 days: not yet
    expect(measurementDueFlag(b, "2011-10-01")).toEqual({ kind: "measurement_due", items: [{ organisation: "Dunmore", since: "2011-06-30", days: 93 }] });
  });
  it("counts from the baseline when nothing was measured yet, and not at all without either", () => {
    expect(measurementDueFlag(benefit([series([])], { frequency: "annually" }), "2012-03-31")).toBeNull();
    expect(measurementDueFlag(benefit([series([])], { frequency: "annually" }), "2012-04-01")?.kind).toBe("measurement_due");
    expect(measurementDueFlag(benefit([{ ...series([]), baselineDate: null }]), "2030-01-01")).toBeNull();
  });
});

describe("trend worsening", () => {
  it("flags three actuals each further from target", () => {
    const b = benefit([series([actual(1, "2011-06-30", 97.9), actual(2, "2011-09-30", 97.8), actual(3, "2011-12-31", 97.75)])]);
    expect(trendWorseningFlag(b)).toEqual({ kind: "trend_worsening", items: [{ organisation: "Dunmore" }] });
  });
  it("does not flag two actuals, a level pair, or a recovery", () => {
    expect(trendWorseningFlag(benefit([series([actual(1, "2011-06-30", 97.9), actual(2, "2011-09-30", 97.8)])]))).toBeNull();
    expect(trendWorseningFlag(benefit([series([actual(1, "2011-06-30", 97.9), actual(2, "2011-09-30", 97.9), actual(3, "2011-12-31", 97.8)])]))).toBeNull();
    expect(trendWorseningFlag(benefit([series([actual(1, "2011-06-30", 97.9), actual(2, "2011-09-30", 97.8), actual(3, "2011-12-31", 98)])]))).toBeNull();
  });
  it("compares against each actual's own period target across years", () => {
    // 97.8 in 2011/12 (0.1 above 97.7), 97.85 in 2012/13 (0.05 above 97.8), 97.9 in 2013/14 (on 97.9): closer to missing each time
    const b = benefit([series([actual(1, "2012-03-31", 97.8), actual(2, "2013-03-31", 97.85), actual(3, "2014-03-31", 97.9)])]);
    expect(trendWorseningFlag(b)?.kind).toBe("trend_worsening");
  });
  it("uses the values by direction where a target is missing", () => {
    const b = benefit([{ ...series([actual(1, "2020-06-30", 20), actual(2, "2020-09-30", 22), actual(3, "2020-12-31", 25)]), targets: [] }], { direction: "lower" });
    expect(trendWorseningFlag(b)?.kind).toBe("trend_worsening");
  });
});

describe("all flags together", () => {
  it("gathers them in a fixed order and none for a benefit on target and up to date", () => {
    const bad = benefit([series([actual(1, "2011-06-30", 97.6), actual(2, "2011-09-30", 97.5), actual(3, "2011-12-31", 97.2)])]);
    expect(benefitFlags(bad, "2012-06-01").map((f) => f.kind)).toEqual(["measurement_due", "off_target", "trend_worsening"]);
    const good = benefit([series([actual(1, "2011-12-31", 98)])]);
    expect(benefitFlags(good, "2012-01-15")).toEqual([]);
  });
  it("formats values in their unit", () => {
    expect(formatValue(97.7, "percent")).toBe("97.7%");
    expect(formatValue(1, "days")).toBe("1 day");
    expect(formatValue(834000, "gbp")).toBe("£834,000");
    expect(formatValue(null, "count")).toBe("None");
  });
});
