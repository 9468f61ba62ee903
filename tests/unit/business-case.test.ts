import {
  cashFlowPayback,
  computeBusinessCase,
  costToleranceCheck,
  netPresentValue,
  simplePayback,
  spendInForce,
  validateSplit,
  yearFigures,
  type CaseLine,
} from "~/modules/benefit/business-case";
import { comparePeriods, financialYearOf, parseFinancialYear } from "~/modules/benefit/periods";
import { partnershipCaseLines, REFERENCE_CONTINGENCY } from "../../seeds/business-case-data";

const SDC = 1;
const DBC = 2;
const reference = () => computeBusinessCase({ lines: partnershipCaseLines(), contingency: REFERENCE_CONTINGENCY, discountRate: null, partnerSplit: [] });

describe("financial years", () => {
  it("reads the councils' way of writing them", () => {
    expect(parseFinancialYear("2011/12")).toEqual({ label: "2011/12", start: "2011-04-01", end: "2012-03-31" });
    expect(parseFinancialYear("2011-2012")?.label).toBe("2011/12");
    expect(parseFinancialYear("1999/00")?.end).toBe("2000-03-31");
    expect(parseFinancialYear("2011/13")).toBeNull();
    expect(parseFinancialYear("11/12")).toBeNull();
  });
  it("places a date in its year and sorts labels in time order", () => {
    expect(financialYearOf("2012-03-31").label).toBe("2011/12");
    expect(financialYearOf("2012-04-01").label).toBe("2012/13");
    expect(["2012/13", "2010/11", "2011/12"].sort(comparePeriods)).toEqual(["2010/11", "2011/12", "2012/13"]);
  });
});

describe("the reference business case (004, 11.3-11.5)", () => {
  it("reproduces its totals: one-off £834,000, savings £2,575,000, £500,000 rising to £525,000", () => {
    const c = reference();
    expect(c.totals.oneOff).toBe(834_000);
    expect(c.years.map((y) => [y.period, y.oneOff])).toEqual([
      ["2010/11", 437_000],
      ["2011/12", 234_000],
      ["2012/13", 138_000],
      ["2013/14", 25_000],
      ["2014/15", 0],
      ["2015/16", 0],
    ]);
    expect(c.years.slice(1).map((y) => y.netSaving)).toEqual([500_000, 500_000, 525_000, 525_000, 525_000]);
    expect(c.years.slice(1).map((y) => y.cumulativeSavings)).toEqual([500_000, 1_000_000, 1_525_000, 2_050_000, 2_575_000]);
    expect(c.totals.netSaving).toBe(2_575_000);
    expect(c.annualNetSaving).toEqual({ period: "2011/12", amount: 500_000 });
    expect(c.ongoingNetSaving).toBe(525_000);
    expect(c.contingency).toBe(150_000);
  });

  it("computes the payback of 1.67 years as the reference does (one-off costs over annual net saving)", () => {
    expect(reference().paybackYears).toBe(1.67);
    expect(simplePayback(834_000, 500_000)).toBe(1.67);
  });

  it("writes the one-off costs off over 5 and 10 years: £166,800 and £83,400", () => {
    const c = reference();
    expect(c.writeOff5).toBe(166_800);
    expect(c.writeOff10).toBe(83_400);
  });

  it("agrees with its own cost comparison: current less future costs is the saving listed each year", () => {
    const c = reference();
    expect(c.years.slice(1).map((y) => y.costComparison)).toEqual([500_000, 500_000, 525_000, 525_000, 525_000]);
    expect(c.totals.currentCosts).toBe(23_150_000);
    expect(c.totals.futureCosts).toBe(20_575_000);
  });

  it("states the cumulative cash-flow payback: positive during 2012/13, 2.62 years from the start of 2010/11", () => {
    // -437; -437 + (500 - 234) = -171; 2012/13 starts at -171 - 138 = -309, and 309/500 of its £500,000 covers it.
    expect(cashFlowPayback(yearFigures(partnershipCaseLines()))).toEqual({ years: 2.62, from: "2010/11", turnsPositiveIn: "2012/13" });
  });
});

describe("arithmetic edges", () => {
  const line = (kind: CaseLine["kind"], period: string, amount: number, organisationId: number | null = null): CaseLine => ({ kind, category: kind, period, amount, organisationId });

  it("has no payback without a saving", () => {
    const c = computeBusinessCase({ lines: [line("one_off", "2026/27", 100)], contingency: 0, discountRate: null, partnerSplit: [] });
    expect(c.paybackYears).toBeNull();
    expect(c.cashFlowPayback).toBeNull();
  });

  it("uses current less future costs when no saving is listed", () => {
    const years = yearFigures([line("current_cost", "2026/27", 1000), line("future_cost", "2026/27", 700)]);
    expect(years[0].netSaving).toBe(300);
  });

  it("pays back within the first year when the saving covers the cost", () => {
    expect(cashFlowPayback(yearFigures([line("one_off", "2026/27", 50), line("saving", "2026/27", 100)]))).toEqual({ years: 0.5, from: "2026/27", turnsPositiveIn: "2026/27" });
  });

  it("discounts later years for the net present value", () => {
    const years = yearFigures([line("one_off", "2026/27", 1000), line("saving", "2027/28", 550), line("saving", "2028/29", 605)]);
    // -1000 + 550/1.1 + 605/1.21 = -1000 + 500 + 500
    expect(netPresentValue(years, 10)).toBe(0);
    expect(computeBusinessCase({ lines: [line("saving", "2026/27", 100)], contingency: 0, discountRate: 3.5, partnerSplit: [] }).npv).toBe(100);
  });

  it("splits between partners by ratio, and lines borne by one partner go wholly to it", () => {
    const c = computeBusinessCase({
      lines: [...partnershipCaseLines(), line("one_off", "2011/12", 10_000, DBC)],
      contingency: 0,
      discountRate: null,
      partnerSplit: [
        { organisationId: SDC, share: 50 },
        { organisationId: DBC, share: 50 },
      ],
    });
    expect(c.partners).toEqual([
      { organisationId: SDC, share: 50, oneOff: 417_000, netSaving: 1_287_500, firstYearNetSaving: 250_000 },
      { organisationId: DBC, share: 50, oneOff: 427_000, netSaving: 1_287_500, firstYearNetSaving: 250_000 },
    ]);
  });

  it("refuses a split that does not add up to 100%", () => {
    expect(validateSplit([])).toBeNull();
    expect(validateSplit([{ organisationId: 1, share: 60 }, { organisationId: 2, share: 40 }])).toBeNull();
    expect(validateSplit([{ organisationId: 1, share: 60 }, { organisationId: 2, share: 30 }])).toMatch(/add up to 100%/);
    expect(validateSplit([{ organisationId: 1, share: 100 }, { organisationId: 1, share: 0 }])).toMatch(/more than 0%/);
  });
});

describe("cost tolerance", () => {
  const years = yearFigures(partnershipCaseLines());
  it("takes the latest spend entry for a year as the one in force", () => {
    expect(spendInForce([{ id: 1, period: "2010/11", amount: 400 }, { id: 3, period: "2010/11", amount: 450 }, { id: 2, period: "2011/12", amount: 9 }])).toEqual(
      new Map([["2010/11", 450], ["2011/12", 9]]),
    );
  });
  it("flags a year that spends more than its approved one-off costs plus the tolerance", () => {
    const within = costToleranceCheck(years, new Map([["2010/11", 480_000]]), 10);
    expect(within.exceeded).toBe(false);
    expect(within.rows[0]).toEqual({ period: "2010/11", approved: 437_000, actual: 480_000, variance: 43_000, exceeded: false });
    const over = costToleranceCheck(years, new Map([["2010/11", 480_701]]), 10);
    expect(over.exceeded).toBe(true);
  });
  it("tolerates no overspend when the project sets no tolerance, and flags spend in a year the case has none", () => {
    expect(costToleranceCheck(years, new Map([["2010/11", 437_001]]), null).exceeded).toBe(true);
    expect(costToleranceCheck(years, new Map([["2010/11", 437_000]]), null).exceeded).toBe(false);
    expect(costToleranceCheck(years, new Map([["2016/17", 1]]), 50).rows.at(-1)).toMatchObject({ period: "2016/17", approved: 0, exceeded: true });
  });
});
