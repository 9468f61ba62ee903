// The partnership's business case as reference 004 sets it out (sections 11.3 to 11.5), in pounds,
// by financial year as the document labels them. Categories are in our own words. The demo seeds
// it (with its years moved like the benefits' years) and the unit tests reproduce its totals and
// its payback of 1.67 years from it.
import type { CaseLine } from "~/modules/benefit/business-case";

const K = 1000;
const YEARS = ["2011/12", "2012/13", "2013/14", "2014/15", "2015/16"];

/** [category, amounts by year in £000] for one-off costs over 2010/11 to 2013/14 (table 11.4). */
const ONE_OFF: Array<[string, number[]]> = [
  ["IT changes for the partnership, including moving document imaging", [79, 0, 0, 0]],
  ["Equipment for home-working", [20, 0, 0, 0]],
  ["Travel for staff changing office", [0, 50, 50, 0]],
  ["Other set-up costs", [0, 30, 0, 0]],
  ["Office changes at both sites", [30, 0, 0, 0]],
  ["Redundancy provision", [250, 0, 0, 0]],
  ["Backfilling posts for resilience", [25, 50, 25, 0]],
  ["Pay protection after assimilation", [0, 50, 50, 25]],
  ["Project management", [33, 54, 13, 0]],
];
const ONE_OFF_YEARS = ["2010/11", "2011/12", "2012/13", "2013/14"];

/** Savings and increased income by year in £000 (table 11.5). */
const SAVINGS: Array<[string, number[], "saving" | "income"]> = [
  ["Smaller revenues and benefits staffing", [233, 233, 233, 233, 233], "saving"],
  ["Further staff efficiencies in later years", [0, 0, 25, 25, 25], "saving"],
  ["Smaller fraud team", [60, 60, 60, 60, 60], "saving"],
  ["Less agency staff in audit", [17, 17, 17, 17, 17], "saving"],
  ["Postage saved through efficiency", [10, 10, 10, 10, 10], "saving"],
  ["Fewer payment methods", [12, 12, 12, 12, 12], "saving"],
  ["Lower customer services recharge", [90, 90, 90, 90, 90], "saving"],
  ["Lower IT recharge (imaging software no longer needed)", [18, 18, 18, 18, 18], "saving"],
  ["Benefit overpayments collected", [30, 30, 30, 30, 30], "income"],
  ["Court fees", [30, 30, 30, 30, 30], "income"],
];

/** Current and future recurring costs by year in £000 (table 11.3, totals by heading). */
const CURRENT: Array<[string, number]> = [
  ["Direct costs", 3037],
  ["Indirect costs", 1593],
];
const FUTURE: Array<[string, number[]]> = [
  ["Direct costs", [2705, 2705, 2680, 2680, 2680]],
  ["Indirect costs", [1485, 1485, 1485, 1485, 1485]],
];
const FUTURE_INCOME = -60;

export const REFERENCE_CONTINGENCY = 150 * K;

/** The case's lines; `relabel` moves a year label (the demo shifts years, tests keep them). */
export function partnershipCaseLines(relabel: (period: string) => string = (p) => p): CaseLine[] {
  const lines: CaseLine[] = [];
  const add = (kind: CaseLine["kind"], category: string, period: string, amount: number) => {
    if (amount !== 0) lines.push({ kind, category, period: relabel(period), amount: amount * K, organisationId: null });
  };
  for (const [category, amounts] of ONE_OFF) amounts.forEach((a, i) => add("one_off", category, ONE_OFF_YEARS[i], a));
  for (const [category, amounts, kind] of SAVINGS) amounts.forEach((a, i) => add(kind, category, YEARS[i], a));
  for (const [category, amount] of CURRENT) YEARS.forEach((y) => add("current_cost", category, y, amount));
  for (const [category, amounts] of FUTURE) amounts.forEach((a, i) => add("future_cost", category, YEARS[i], a));
  // The reference counts increased income inside future costs (a negative cost).
  YEARS.forEach((y) => add("future_cost", "Increased income (shown as a negative cost)", y, FUTURE_INCOME));
  return lines;
}
