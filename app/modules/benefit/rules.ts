// Benefit flags and RAG (DESIGN.md "Rules that flag work": measurement due, off target, trend
// worsening). Pure: data in, flags out; the calendar date is an argument. One function per rule;
// benefitFlags gathers them.
import type { BenefitDirection, BenefitFrequency, BenefitUnit } from "#db/schema";
import { addDays, daysBetween } from "~/utils/dates";

export interface TargetPoint {
  period: string;
  start: string;
  end: string;
  value: number;
}

export interface ActualRow {
  id: number;
  measuredOn: string;
  value: number;
  correctsId: number | null;
}

export interface ActualPoint {
  id: number;
  measuredOn: string;
  value: number;
  /** This value replaced an earlier one (a correction). */
  corrected: boolean;
}

export interface SeriesInput {
  /** The organisation's name, or null for the whole project ("joint"). */
  organisation: string | null;
  baselineValue: number | null;
  baselineDate: string | null;
  targets: TargetPoint[];
  /** In force (corrections applied: see effectiveActuals), any order. */
  actuals: ActualPoint[];
}

export interface BenefitInput {
  direction: BenefitDirection;
  frequency: BenefitFrequency;
  tolerance: number;
  series: SeriesInput[];
}

export type Rag = "green" | "amber" | "red" | "none";

export interface OffTargetItem {
  organisation: string | null;
  latest: number;
  target: number;
  period: string;
}

export type BenefitFlag =
  | { kind: "measurement_due"; items: Array<{ organisation: string | null; since: string; days: number }> }
  | { kind: "off_target"; items: OffTargetItem[] }
  | { kind: "trend_worsening"; items: Array<{ organisation: string | null }> };

export type BenefitFlagKind = BenefitFlag["kind"];

export const BENEFIT_FLAG_NAMES: Record<BenefitFlagKind, string> = {
  measurement_due: "Measurement due",
  off_target: "Off target",
  trend_worsening: "Trend worsening",
};

/** Days within which a new actual is expected. */
export const FREQUENCY_DAYS: Record<BenefitFrequency, number> = { monthly: 31, quarterly: 92, annually: 366 };
export const FREQUENCY_LABELS: Record<BenefitFrequency, string> = { monthly: "Monthly", quarterly: "Quarterly", annually: "Annually" };

/** Floating-point sums such as 97.7 - 0.1 must not flag by a hair. */
const EPSILON = 1e-9;

/**
 * The actuals in force: a correction (a row with correctsId) replaces the row it corrects, also
 * through a chain of corrections. Sorted by date measured, then by entry.
 */
export function effectiveActuals(rows: ActualRow[]): ActualPoint[] {
  const replaced = new Set(rows.flatMap((r) => (r.correctsId !== null ? [r.correctsId] : [])));
  return rows
    .filter((r) => !replaced.has(r.id))
    .map((r) => ({ id: r.id, measuredOn: r.measuredOn, value: r.value, corrected: r.correctsId !== null }))
    .sort((a, b) => a.measuredOn.localeCompare(b.measuredOn) || a.id - b.id);
}

/** The target in force on a date: the period containing it. */
export function targetOn(targets: TargetPoint[], date: string): TargetPoint | null {
  return targets.find((t) => t.start <= date && date <= t.end) ?? null;
}

/** How far a value falls short of its target, by direction: positive is worse than target. */
export function shortfall(direction: BenefitDirection, value: number, target: number): number {
  return direction === "higher" ? target - value : value - target;
}

export function latestActual(series: Pick<SeriesInput, "actuals">): ActualPoint | null {
  const sorted = [...series.actuals].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn) || a.id - b.id);
  return sorted[sorted.length - 1] ?? null;
}

/** RAG of one series: green meets its period's target, amber misses within tolerance, red beyond it. */
export function seriesRag(benefit: Pick<BenefitInput, "direction" | "tolerance">, series: SeriesInput): Rag {
  const latest = latestActual(series);
  const target = latest ? targetOn(series.targets, latest.measuredOn) : null;
  if (!latest || !target) return "none";
  const miss = shortfall(benefit.direction, latest.value, target.value);
  if (miss <= EPSILON) return "green";
  return miss <= benefit.tolerance + EPSILON ? "amber" : "red";
}

const RAG_ORDER: Rag[] = ["none", "green", "amber", "red"];
/** The worst RAG of the benefit's series. */
export function benefitRag(benefit: BenefitInput): Rag {
  return benefit.series.map((s) => seriesRag(benefit, s)).reduce<Rag>((worst, r) => (RAG_ORDER.indexOf(r) > RAG_ORDER.indexOf(worst) ? r : worst), "none");
}

/** measurement due: no actual within the frequency since the last one (or since the baseline). */
export function measurementDueFlag(benefit: BenefitInput, today: string): BenefitFlag | null {
  const items = benefit.series.flatMap((s) => {
    const since = latestActual(s)?.measuredOn ?? s.baselineDate;
    if (!since || addDays(since, FREQUENCY_DAYS[benefit.frequency]) >= today) return [];
    return [{ organisation: s.organisation, since, days: daysBetween(since, today) }];
  });
  return items.length ? { kind: "measurement_due", items } : null;
}

/** off target: the latest actual is worse than its period's target, by direction, beyond the tolerance. */
export function offTargetFlag(benefit: BenefitInput): BenefitFlag | null {
  const items = benefit.series.flatMap((s): OffTargetItem[] => {
    const latest = latestActual(s);
    const target = latest ? targetOn(s.targets, latest.measuredOn) : null;
    if (!latest || !target) return [];
    return shortfall(benefit.direction, latest.value, target.value) > benefit.tolerance + EPSILON
      ? [{ organisation: s.organisation, latest: latest.value, target: target.value, period: target.period }]
      : [];
  });
  return items.length ? { kind: "off_target", items } : null;
}

/**
 * trend worsening: each of the last three actuals is further from its target than the one before
 * (by direction). Where any of them has no target, the values themselves must each be worse.
 */
export function trendWorseningFlag(benefit: BenefitInput): BenefitFlag | null {
  const items = benefit.series.flatMap((s) => {
    const last = [...s.actuals].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn) || a.id - b.id).slice(-3);
    if (last.length < 3) return [];
    const targets = last.map((a) => targetOn(s.targets, a.measuredOn));
    const gaps = targets.every((t) => t !== null)
      ? last.map((a, i) => shortfall(benefit.direction, a.value, targets[i]!.value))
      : last.map((a) => shortfall(benefit.direction, a.value, 0));
    return gaps[0] + EPSILON < gaps[1] && gaps[1] + EPSILON < gaps[2] ? [{ organisation: s.organisation }] : [];
  });
  return items.length ? { kind: "trend_worsening", items } : null;
}

/** Every flag of a benefit as of `today`. */
export function benefitFlags(benefit: BenefitInput, today: string): BenefitFlag[] {
  return [measurementDueFlag(benefit, today), offTargetFlag(benefit), trendWorseningFlag(benefit)].filter((f): f is BenefitFlag => f !== null);
}

// ---- words

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const poundFormat = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

export const UNIT_LABELS: Record<BenefitUnit, string> = { percent: "Percentage (%)", days: "Days", gbp: "Pounds (£)", count: "Count" };

/** A value in its unit: "97.7%", "23 days", "£834,000", "1,234". */
export function formatValue(value: number | null | undefined, unit: BenefitUnit): string {
  if (value === null || value === undefined) return "None";
  switch (unit) {
    case "percent":
      return `${numberFormat.format(value)}%`;
    case "days":
      return `${numberFormat.format(value)} ${value === 1 ? "day" : "days"}`;
    case "gbp":
      return poundFormat.format(value);
    case "count":
      return numberFormat.format(value);
  }
}

const who = (organisation: string | null) => organisation ?? "Joint";

/** A flag in words, e.g. "Off target: Dunmore 97.1% against 97.7% (2011/12)". */
export function benefitFlagLabel(flag: BenefitFlag, unit: BenefitUnit): string {
  switch (flag.kind) {
    case "measurement_due":
      return `Measurement due: ${flag.items.map((i) => `${who(i.organisation)} nothing recorded for ${i.days} days`).join("; ")}`;
    case "off_target":
      return `Off target: ${flag.items.map((i) => `${who(i.organisation)} ${formatValue(i.latest, unit)} against ${formatValue(i.target, unit)} (${i.period})`).join("; ")}`;
    case "trend_worsening":
      return `Trend worsening: the last three actuals move away from target (${flag.items.map((i) => who(i.organisation)).join(", ")})`;
  }
}

export const RAG_LABELS: Record<Rag, string> = { green: "Green: on target", amber: "Amber: within tolerance", red: "Red: beyond tolerance", none: "No actual yet" };
