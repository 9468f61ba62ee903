import { describe, expect, it } from "vitest";
import { benefitsSheet, type BenefitForSheet } from "~/modules/benefit/sheet";

const target = (period: string, value: number) => ({ period, start: `${period.slice(0, 4)}-04-01`, end: `${Number(period.slice(0, 4)) + 1}-03-31`, value });

const benefit = (over: Partial<BenefitForSheet> = {}): BenefitForSheet => ({
  name: "Days to process new claims",
  unit: "days",
  direction: "lower",
  frequency: "quarterly",
  tolerance: 1,
  source: "",
  ownerName: null,
  flags: [],
  series: [],
  ...over,
});

describe("benefitsSheet", () => {
  it("has one target column per period any series has, in time order, and one row per benefit and organisation", () => {
    const spec = benefitsSheet([
      benefit({
        series: [
          { organisation: "Dunmore", baselineValue: 25.8, baselineDate: "2011-03-31", baselineLabel: "2010/11", targets: [target("2013/14", 20), target("2011/12", 22)], actuals: [], rag: "none", latest: null },
          { organisation: null, baselineValue: null, baselineDate: null, baselineLabel: "", targets: [target("2012/13", 21)], actuals: [], rag: "green", latest: { measuredOn: "2012-06-30", value: 20.5 } },
        ],
        flags: [{ kind: "trend_worsening", items: [{ organisation: null }] }],
      }),
      benefit({ name: "No series yet" }),
    ]);
    expect(spec.sheetName).toBe("Benefits");
    expect(spec.columns.filter((c) => c.header.startsWith("Target")).map((c) => [c.header, c.type])).toEqual([
      ["Target 2011/12", "number"],
      ["Target 2012/13", "number"],
      ["Target 2013/14", "number"],
    ]);
    expect(spec.rows).toHaveLength(2);
    const [dunmore, joint] = spec.rows;
    expect(dunmore).toMatchObject({ organisation: "Dunmore", unit: "days", direction: "Lower is better", baseline: 25.8, baselinePeriod: "2010/11", "target:2011/12": 22, "target:2013/14": 20, latest: null, rag: "No actual yet" });
    expect(dunmore!["target:2012/13"]).toBeUndefined(); // written as an empty cell
    expect(joint).toMatchObject({ organisation: "Joint", "target:2012/13": 21, latest: 20.5, latestDate: "2012-06-30", rag: "Green" });
    expect(joint!.flags).toBe("Trend worsening: the last three actuals move away from target (Joint)");
  });
});
