// Business-case arithmetic: totals per year, cumulative savings, payback (as the reference computes
// it, and by cumulative cash flow), write-off, net present value, partner split and the cost
// tolerance check. Pure: figures in, figures out. Amounts are pounds.
import type { BusinessCaseLineKind } from "#db/schema";
import { comparePeriods } from "./periods";

export interface CaseLine {
  kind: BusinessCaseLineKind;
  category: string;
  period: string;
  amount: number;
  organisationId: number | null;
}

export interface PartnerShare {
  organisationId: number;
  /** Percent; the shares of a case add up to 100. */
  share: number;
}

export interface CaseInput {
  lines: CaseLine[];
  contingency: number;
  /** Percent a year; null: no net present value. */
  discountRate: number | null;
  partnerSplit: PartnerShare[];
}

export interface YearFigures {
  period: string;
  oneOff: number;
  currentCosts: number;
  futureCosts: number;
  /** Savings and increased income as listed. */
  savings: number;
  income: number;
  /** Current costs less future costs. */
  costComparison: number;
  /** The year's net saving (see netSavingOf). */
  netSaving: number;
  /** Net saving less one-off costs. */
  cashFlow: number;
  cumulativeSavings: number;
  cumulativeCashFlow: number;
}

export const LINE_KIND_LABELS: Record<BusinessCaseLineKind, string> = {
  one_off: "One-off costs",
  current_cost: "Current costs (recurring)",
  future_cost: "Future costs (recurring)",
  saving: "Savings",
  income: "Increased income",
};

/** Pounds to two decimal places, and years to two, as the reference states them. */
export const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100 + 0; // + 0: no "-0"

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * A year's net saving: the savings and income listed, when the case lists any; otherwise current
 * costs less future costs. A case may hold both tables (the reference does); the listed savings
 * then count and the cost comparison is shown beside them as a check.
 */
function netSavingOf(y: Pick<YearFigures, "savings" | "income" | "costComparison">, listsSavings: boolean) {
  return listsSavings ? y.savings + y.income : y.costComparison;
}

const listsSavingsIn = (lines: CaseLine[]) => lines.some((l) => l.kind === "saving" || l.kind === "income");

/** Figures per year; `listsSavings` lets a partner's part follow the whole case's choice of net saving. */
export function yearFigures(lines: CaseLine[], listsSavings = listsSavingsIn(lines)): YearFigures[] {
  const periods = [...new Set(lines.map((l) => l.period))].sort(comparePeriods);
  let cumulativeSavings = 0;
  let cumulativeCashFlow = 0;
  return periods.map((period) => {
    const of = (kind: BusinessCaseLineKind) => sum(lines.filter((l) => l.period === period && l.kind === kind).map((l) => l.amount));
    const base = {
      period,
      oneOff: of("one_off"),
      currentCosts: of("current_cost"),
      futureCosts: of("future_cost"),
      savings: of("saving"),
      income: of("income"),
    };
    const costComparison = base.currentCosts - base.futureCosts;
    const netSaving = netSavingOf({ ...base, costComparison }, listsSavings);
    const cashFlow = netSaving - base.oneOff;
    cumulativeSavings += netSaving;
    cumulativeCashFlow += cashFlow;
    return { ...base, costComparison, netSaving, cashFlow, cumulativeSavings, cumulativeCashFlow };
  });
}

/** The annual net saving payback divides by: the first year with a net saving (the reference's Year 1). */
export function annualNetSaving(years: YearFigures[]): { period: string; amount: number } | null {
  const first = years.find((y) => y.netSaving > 0);
  return first ? { period: first.period, amount: first.netSaving } : null;
}

/** Payback as the reference computes it: one-off costs over the annual net saving, in years to 2 dp. */
export function simplePayback(oneOffTotal: number, annual: number | null): number | null {
  if (!annual || annual <= 0) return null;
  return round2(oneOffTotal / annual);
}

/**
 * Payback by cumulative cash flow: years from the start of the first year of the case until the
 * running total of (net saving less one-off costs) reaches zero, taking each year's one-off costs
 * as spent at its start and its savings as coming in evenly through it.
 */
export function cashFlowPayback(years: YearFigures[]): { years: number; from: string; turnsPositiveIn: string } | null {
  let before = 0;
  for (let i = 0; i < years.length; i++) {
    const y = years[i];
    if (y.cumulativeCashFlow >= 0 && y.netSaving > 0) {
      const fraction = (y.oneOff - before) / y.netSaving;
      return { years: round2(i + Math.max(0, Math.min(1, fraction))), from: years[0].period, turnsPositiveIn: y.period };
    }
    before = y.cumulativeCashFlow;
  }
  return null;
}

/** Net present value of the yearly cash flows, the first year undiscounted. */
export function netPresentValue(years: YearFigures[], ratePercent: number): number {
  const r = ratePercent / 100;
  return round2(sum(years.map((y, t) => y.cashFlow / (1 + r) ** t)));
}

/** Shares must be whole partners, each over 0, adding up to 100. Empty: the case is not split. */
export function validateSplit(split: PartnerShare[]): string | null {
  if (split.length === 0) return null;
  if (split.some((s) => !(s.share > 0))) return "Each partner's share must be more than 0%";
  if (new Set(split.map((s) => s.organisationId)).size !== split.length) return "Name each partner once";
  if (Math.abs(sum(split.map((s) => s.share)) - 100) > 1e-6) return "The partners' shares must add up to 100%";
  return null;
}

export interface PartnerFigures {
  organisationId: number;
  share: number;
  oneOff: number;
  netSaving: number;
  firstYearNetSaving: number;
}

/**
 * Each partner's part: lines borne by one partner go wholly to it, the rest by the ratio. Net
 * saving follows the same rule as the whole case.
 */
export function partnerFigures(input: Pick<CaseInput, "lines" | "partnerSplit">): PartnerFigures[] {
  const firstYear = annualNetSaving(yearFigures(input.lines))?.period ?? null;
  return input.partnerSplit.map(({ organisationId, share }) => {
    const lines = input.lines.flatMap((l) =>
      l.organisationId === null ? [{ ...l, amount: (l.amount * share) / 100 }] : l.organisationId === organisationId ? [l] : [],
    );
    const partYears = yearFigures(lines, listsSavingsIn(input.lines));
    return {
      organisationId,
      share,
      oneOff: round2(sum(partYears.map((y) => y.oneOff))),
      netSaving: round2(sum(partYears.map((y) => y.netSaving))),
      firstYearNetSaving: round2(partYears.find((y) => y.period === firstYear)?.netSaving ?? 0),
    };
  });
}

export interface CaseFigures {
  years: YearFigures[];
  totals: Omit<YearFigures, "period" | "cumulativeSavings" | "cumulativeCashFlow">;
  annualNetSaving: { period: string; amount: number } | null;
  /** The saving a year once every line is in effect: the last year's. */
  ongoingNetSaving: number | null;
  paybackYears: number | null;
  cashFlowPayback: ReturnType<typeof cashFlowPayback>;
  writeOff5: number;
  writeOff10: number;
  npv: number | null;
  contingency: number;
  partners: PartnerFigures[];
  /** Categories per kind with their amounts by year, for the tables. */
  categories: Array<{ kind: BusinessCaseLineKind; rows: Array<{ category: string; organisationId: number | null; amounts: Record<string, number>; total: number }> }>;
}

export function computeBusinessCase(input: CaseInput): CaseFigures {
  const years = yearFigures(input.lines);
  const total = (k: keyof YearFigures) => sum(years.map((y) => y[k] as number));
  const totals = {
    oneOff: total("oneOff"),
    currentCosts: total("currentCosts"),
    futureCosts: total("futureCosts"),
    savings: total("savings"),
    income: total("income"),
    costComparison: total("costComparison"),
    netSaving: total("netSaving"),
    cashFlow: total("cashFlow"),
  };
  const annual = annualNetSaving(years);
  const categories = (["one_off", "current_cost", "future_cost", "saving", "income"] as const).map((kind) => {
    const rows: CaseFigures["categories"][number]["rows"] = [];
    for (const l of input.lines.filter((x) => x.kind === kind)) {
      let row = rows.find((r) => r.category === l.category && r.organisationId === l.organisationId);
      if (!row) rows.push((row = { category: l.category, organisationId: l.organisationId, amounts: {}, total: 0 }));
      row.amounts[l.period] = (row.amounts[l.period] ?? 0) + l.amount;
      row.total += l.amount;
    }
    return { kind, rows };
  });
  return {
    years,
    totals,
    annualNetSaving: annual,
    ongoingNetSaving: years.length ? years[years.length - 1].netSaving : null,
    paybackYears: simplePayback(totals.oneOff, annual?.amount ?? null),
    cashFlowPayback: cashFlowPayback(years),
    writeOff5: round2(totals.oneOff / 5),
    writeOff10: round2(totals.oneOff / 10),
    npv: input.discountRate === null ? null : netPresentValue(years, input.discountRate),
    contingency: input.contingency,
    partners: partnerFigures(input),
    categories: categories.filter((c) => c.rows.length > 0),
  };
}

// ---- cost tolerance

export interface SpendRow {
  id: number;
  period: string;
  amount: number;
}

export interface ToleranceRow {
  period: string;
  approved: number;
  actual: number | null;
  /** Actual less approved; positive is overspend. */
  variance: number | null;
  exceeded: boolean;
}

/** The spend in force per year: the latest entry for each year (earlier ones are history). */
export function spendInForce(rows: SpendRow[]): Map<string, number> {
  const out = new Map<string, { id: number; amount: number }>();
  for (const r of rows) if (!out.has(r.period) || out.get(r.period)!.id < r.id) out.set(r.period, { id: r.id, amount: r.amount });
  return new Map([...out].map(([k, v]) => [k, v.amount]));
}

/**
 * Actual one-off spend per year against the approved case: a year exceeds the cost tolerance when
 * it spends more than its approved one-off costs plus the project's cost tolerance (percent; none
 * set: no overspend is tolerated).
 */
export function costToleranceCheck(years: Pick<YearFigures, "period" | "oneOff">[], spend: Map<string, number>, tolerancePercent: number | null) {
  const tol = (tolerancePercent ?? 0) / 100;
  const periods = [...new Set([...years.map((y) => y.period), ...spend.keys()])].sort(comparePeriods);
  const rows: ToleranceRow[] = periods.map((period) => {
    const approved = years.find((y) => y.period === period)?.oneOff ?? 0;
    const actual = spend.has(period) ? spend.get(period)! : null;
    const variance = actual === null ? null : round2(actual - approved);
    return { period, approved, actual, variance, exceeded: actual !== null && actual > approved * (1 + tol) + 1e-6 };
  });
  return { rows, exceeded: rows.some((r) => r.exceeded), tolerancePercent };
}

const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
export const formatPounds = (n: number) => pounds.format(n);
