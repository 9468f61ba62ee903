// Financial years as councils write them: "2011/12" runs from 1 April 2011 to 31 March 2012. Pure.

export interface Period {
  label: string;
  start: string;
  end: string;
}

const FY = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/;

/** "2011/12" (also "2011-12", "2011/2012") to its dates; null when it is not a financial year. */
export function parseFinancialYear(text: string): Period | null {
  const m = FY.exec(text.trim());
  if (!m) return null;
  const first = Number(m[1]);
  const second = Number(m[2]);
  const next = m[2].length === 2 ? (first + 1) % 100 : first + 1;
  if (second !== next || first < 1900 || first > 2200) return null;
  return financialYear(first);
}

/** The financial year starting in April of `startYear`. */
export function financialYear(startYear: number): Period {
  return {
    label: `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`,
    start: `${startYear}-04-01`,
    end: `${startYear + 1}-03-31`,
  };
}

/** The financial year a date falls in. */
export function financialYearOf(date: string): Period {
  const y = Number(date.slice(0, 4));
  return financialYear(date.slice(5) >= "04-01" ? y : y - 1);
}

/** The start year of a financial-year label, for sorting and shifting; NaN when not one. */
export function startYearOf(label: string): number {
  return parseFinancialYear(label) ? Number(label.trim().slice(0, 4)) : NaN;
}

/** Labels in time order (financial years first by year, anything else after, alphabetically). */
export function comparePeriods(a: string, b: string): number {
  const ya = startYearOf(a);
  const yb = startYearOf(b);
  if (Number.isNaN(ya) || Number.isNaN(yb)) return Number.isNaN(ya) === Number.isNaN(yb) ? a.localeCompare(b) : Number.isNaN(ya) ? 1 : -1;
  return ya - yb;
}

export const PERIOD_EXAMPLE = "2011/12";
