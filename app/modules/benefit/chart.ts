// Geometry of the benefit and business-case charts, server-rendered as SVG by ui.tsx. Pure: values
// in, coordinates out; the words a screen reader hears are built here too.
import type { BenefitUnit } from "#db/schema";
import { dayNumber } from "~/utils/dates";
import { formatValue, type SeriesInput } from "./rules";

export const CHART = { width: 720, height: 300, left: 64, right: 16, top: 16, bottom: 40 };

/** Distinguishes series without colour: each has its own dash pattern and marker shape too. */
export const SERIES_STYLES = [
  { colour: "#1d70b8", dash: "", marker: "circle" },
  { colour: "#d4351c", dash: "8 4", marker: "square" },
  { colour: "#00703c", dash: "2 3", marker: "triangle" },
  { colour: "#4c2c92", dash: "12 4 2 4", marker: "diamond" },
] as const;

/** Round steps for an axis: 1, 2 or 5 times a power of ten, about five ticks. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

export interface ChartSeries {
  label: string;
  style: (typeof SERIES_STYLES)[number];
  actuals: Array<{ x: number; y: number; date: string; value: number }>;
  targets: Array<{ x1: number; x2: number; y: number; period: string; value: number }>;
  baseline: { y: number; value: number } | null;
}

export interface ChartModel {
  series: ChartSeries[];
  yTicks: Array<{ y: number; label: string }>;
  xTicks: Array<{ x: number; label: string }>;
  empty: boolean;
}

export function benefitChart(series: SeriesInput[], unit: BenefitUnit): ChartModel {
  const dates = series.flatMap((s) => [...s.actuals.map((a) => a.measuredOn), ...s.targets.flatMap((t) => [t.start, t.end]), ...(s.baselineDate ? [s.baselineDate] : [])]);
  const values = series.flatMap((s) => [...s.actuals.map((a) => a.value), ...s.targets.map((t) => t.value), ...(s.baselineValue !== null ? [s.baselineValue] : [])]);
  if (dates.length === 0 || values.length === 0) return { series: [], yTicks: [], xTicks: [], empty: true };
  const d0 = Math.min(...dates.map(dayNumber));
  const d1 = Math.max(...dates.map(dayNumber), d0 + 1);
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const v0 = ticks[0];
  const v1 = ticks[ticks.length - 1];
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const x = (date: string) => CHART.left + ((dayNumber(date) - d0) / (d1 - d0)) * plotW;
  const y = (v: number) => CHART.top + (1 - (v - v0) / (v1 - v0 || 1)) * plotH;
  const years: Array<{ x: number; label: string }> = [];
  const firstYear = Number(new Date(d0 * 86_400_000).toISOString().slice(0, 4));
  const lastYear = Number(new Date(d1 * 86_400_000).toISOString().slice(0, 4));
  const stride = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 8));
  for (let yr = firstYear; yr <= lastYear + 1; yr += stride) {
    const date = `${yr}-04-01`;
    if (dayNumber(date) >= d0 && dayNumber(date) <= d1) years.push({ x: x(date), label: `Apr ${yr}` });
  }
  return {
    empty: false,
    yTicks: ticks.map((t) => ({ y: y(t), label: formatValue(t, unit) })),
    xTicks: years,
    series: series.map((s, i) => ({
      label: s.organisation ?? "Joint",
      style: SERIES_STYLES[i % SERIES_STYLES.length],
      actuals: s.actuals.map((a) => ({ x: x(a.measuredOn), y: y(a.value), date: a.measuredOn, value: a.value })),
      targets: s.targets.map((t) => ({ x1: x(t.start), x2: x(t.end), y: y(t.value), period: t.period, value: t.value })),
      baseline: s.baselineValue !== null ? { y: y(s.baselineValue), value: s.baselineValue } : null,
    })),
  };
}

/** The chart's accessible name: each series' latest value against its target. */
export function chartSummary(name: string, unit: BenefitUnit, series: Array<{ organisation: string | null; latest: { value: number } | null; latestTarget: { period: string; value: number } | null }>): string {
  const parts = series.map((s) => {
    const who = s.organisation ?? "Joint";
    if (!s.latest) return `${who}: no actual yet`;
    return `${who}: latest ${formatValue(s.latest.value, unit)}${s.latestTarget ? ` against a target of ${formatValue(s.latestTarget.value, unit)} for ${s.latestTarget.period}` : ", no target for its period"}`;
  });
  return `${name}. ${parts.join("; ")}.`;
}

/** Cumulative savings and cash flow by year as bars and a line. */
export function cumulativeChart(years: Array<{ period: string; cumulativeSavings: number; cumulativeCashFlow: number }>) {
  if (years.length === 0) return null;
  const values = years.flatMap((y) => [y.cumulativeSavings, y.cumulativeCashFlow, 0]);
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const v0 = ticks[0];
  const v1 = ticks[ticks.length - 1];
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const band = plotW / years.length;
  const y = (v: number) => CHART.top + (1 - (v - v0) / (v1 - v0 || 1)) * plotH;
  return {
    zero: y(0),
    yTicks: ticks.map((t) => ({ y: y(t), value: t })),
    bars: years.map((yr, i) => ({
      period: yr.period,
      x: CHART.left + i * band + band * 0.2,
      width: band * 0.6,
      centre: CHART.left + i * band + band / 2,
      top: Math.min(y(yr.cumulativeSavings), y(0)),
      height: Math.abs(y(yr.cumulativeSavings) - y(0)),
      cashY: y(yr.cumulativeCashFlow),
    })),
  };
}
