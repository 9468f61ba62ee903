// Status (RAG) for time, cost, scope, risk, benefits and overall, computed from the data with the
// rule written beside each, so a reader sees why. A manager may override any of them only with a
// reason, and the reason is printed. Pure: data in, statuses out; no database, no clock.
import { daysBetween, type IsoDate } from "~/utils/dates";

export type Rag = "green" | "amber" | "red";
/** "none": not assessed (no budget, no benefits recorded). */
export type RagOrNone = Rag | "none";
export const DIMENSIONS = ["time", "cost", "scope", "risk", "benefits"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type RagKey = Dimension | "overall";
export const RAG_KEYS: readonly RagKey[] = [...DIMENSIONS, "overall"];

export const RAG_LABELS: Record<RagOrNone, string> = { green: "Green", amber: "Amber", red: "Red", none: "Not assessed" };
export const DIMENSION_LABELS: Record<RagKey, string> = { time: "Time", cost: "Cost", scope: "Scope", risk: "Risk", benefits: "Benefits", overall: "Overall" };

export interface RagStatus {
  /** What the data says. */
  computed: RagOrNone;
  /** The rule that gave it, in words. */
  rule: string;
  /** What the report shows: the override when there is one, else the computed status. */
  status: RagOrNone;
  override?: { status: Rag; reason: string };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------- time

export interface TimeInput {
  /** The committed end: the project's end date, else the latest baseline date in the plan. */
  baselineEnd: IsoDate | null;
  /** When the plan now says it will finish: the latest due, target or completion date. */
  forecastEnd: IsoDate | null;
  /** Days the end may slip before it is exceptional; null when the project sets none. */
  toleranceDays: number | null;
  /** Milestones not achieved and past their target date. */
  missedMilestones: number;
}

export function timeRag(t: TimeInput): { computed: RagOrNone; rule: string } {
  if (!t.baselineEnd || !t.forecastEnd) return { computed: "none", rule: "No baseline or forecast end date to compare" };
  const slip = daysBetween(t.baselineEnd, t.forecastEnd);
  const tolerance = t.toleranceDays ?? 0;
  const toleranceText = t.toleranceDays == null ? "no time tolerance set" : `the ${t.toleranceDays}-day tolerance`;
  const missed = t.missedMilestones > 0 ? `; ${plural(t.missedMilestones, "milestone")} missed` : "";
  if (slip > tolerance) return { computed: "red", rule: `Red: forecast end ${plural(slip, "day")} past baseline, beyond ${toleranceText}${missed}` };
  if (slip > 0) return { computed: "amber", rule: `Amber: forecast end ${plural(slip, "day")} past baseline, within ${toleranceText}${missed}` };
  if (t.missedMilestones > 0) return { computed: "amber", rule: `Amber: forecast end on or before baseline, but ${plural(t.missedMilestones, "milestone")} missed` };
  return { computed: "green", rule: slip === 0 ? "Green: forecast end on the baseline end" : `Green: forecast end ${plural(-slip, "day")} before baseline` };
}

// ---------------------------------------------------------------- cost

export interface CostInput {
  /** Null when no budget is recorded. */
  budget: number | null;
  forecast: number | null;
  tolerancePercent: number | null;
}

export function costRag(c: CostInput): { computed: RagOrNone; rule: string } {
  if (c.budget == null || c.forecast == null || c.budget <= 0) return { computed: "none", rule: "No budget recorded" };
  const over = ((c.forecast - c.budget) / c.budget) * 100;
  const tolerance = c.tolerancePercent ?? 0;
  const overText = `${Math.round(over * 10) / 10}%`;
  if (over > tolerance) return { computed: "red", rule: `Red: forecast ${overText} over budget, beyond the ${tolerance}% tolerance` };
  if (over > 0) return { computed: "amber", rule: `Amber: forecast ${overText} over budget, within the ${tolerance}% tolerance` };
  return { computed: "green", rule: "Green: forecast within budget" };
}

// ---------------------------------------------------------------- scope

/** Share of the plan changed in a period above which scope is red. */
export const SCOPE_RED_PERCENT = 10;

export interface ScopeInput {
  /** Actions cancelled in the period. */
  cancelled: number;
  /** Actions added to the plan in the period (after the project started). */
  added: number;
  /** Actions in the plan at the end of the period, cancelled ones included. */
  total: number;
}

export function scopeRag(s: ScopeInput): { computed: RagOrNone; rule: string } {
  const changed = s.cancelled + s.added;
  if (s.total === 0) return { computed: "none", rule: "No actions in the plan" };
  if (changed === 0) return { computed: "green", rule: "Green: no actions cancelled or added this period" };
  const percent = Math.round((changed / s.total) * 1000) / 10;
  const what = `${plural(s.cancelled, "action")} cancelled and ${s.added} added this period (${percent}% of ${s.total})`;
  if (percent > SCOPE_RED_PERCENT) return { computed: "red", rule: `Red: ${what}, above ${SCOPE_RED_PERCENT}%` };
  return { computed: "amber", rule: `Amber: ${what}, up to ${SCOPE_RED_PERCENT}%` };
}

// ---------------------------------------------------------------- risk

export interface RiskInput {
  /** The open risk with the highest current (residual once assessed) severity, if any. */
  worst: { ref: string; severity: number; band: "low" | "medium" | "high" } | null;
  openCount: number;
}

export function riskRag(r: RiskInput): { computed: RagOrNone; rule: string } {
  if (r.openCount === 0) return { computed: "green", rule: "Green: no open risks" };
  if (!r.worst) return { computed: "amber", rule: `Amber: ${plural(r.openCount, "open risk")} not yet scored` };
  const what = `${r.worst.ref} has severity ${r.worst.severity} (${r.worst.band})`;
  if (r.worst.band === "high") return { computed: "red", rule: `Red: ${what}` };
  if (r.worst.band === "medium") return { computed: "amber", rule: `Amber: ${what}; no high risks` };
  return { computed: "green", rule: `Green: every open risk is low; highest ${what}` };
}

// ---------------------------------------------------------------- benefits

export interface BenefitsInput {
  total: number;
  offTarget: number;
}

export function benefitsRag(b: BenefitsInput): { computed: RagOrNone; rule: string } {
  if (b.total === 0) return { computed: "none", rule: "No benefits recorded" };
  if (b.offTarget === 0) return { computed: "green", rule: `Green: all ${plural(b.total, "benefit")} on target` };
  const what = `${b.offTarget} of ${plural(b.total, "benefit")} off target`;
  return b.offTarget * 2 > b.total ? { computed: "red", rule: `Red: ${what}, more than half` } : { computed: "amber", rule: `Amber: ${what}` };
}

// ---------------------------------------------------------------- overall and overrides

const ORDER: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

export function overallRag(statuses: Record<Dimension, RagOrNone>): { computed: RagOrNone; rule: string } {
  const assessed = DIMENSIONS.filter((d) => statuses[d] !== "none");
  if (assessed.length === 0) return { computed: "none", rule: "Nothing assessed" };
  const worst = assessed.reduce((a, b) => (ORDER[statuses[b] as Rag] > ORDER[statuses[a] as Rag] ? b : a));
  const status = statuses[worst] as Rag;
  const same = assessed.filter((d) => statuses[d] === status).map((d) => DIMENSION_LABELS[d].toLowerCase());
  if (status === "green") return { computed: "green", rule: `Green: ${same.join(", ")} all green` };
  return { computed: status, rule: `${RAG_LABELS[status]}: the worst of the statuses shown (${same.join(", ")} ${RAG_LABELS[status].toLowerCase()})` };
}

export type Overrides = Partial<Record<RagKey, { status: Rag; reason: string }>>;

/** Applies an override: refused (returns an error) without a reason. */
export function withOverride(base: { computed: RagOrNone; rule: string }, override: { status: Rag; reason: string } | undefined): RagStatus {
  if (!override || !override.reason.trim()) return { ...base, status: base.computed };
  return { ...base, status: override.status, override: { status: override.status, reason: override.reason.trim() } };
}

export interface RagInput {
  time: TimeInput;
  cost: CostInput;
  scope: ScopeInput;
  risk: RiskInput;
  benefits: BenefitsInput;
}

/** Every status, overrides applied; overall is the worst of what the report shows, then its own override. */
export function computeRag(input: RagInput, overrides: Overrides = {}): Record<RagKey, RagStatus> {
  const time = withOverride(timeRag(input.time), overrides.time);
  const cost = withOverride(costRag(input.cost), overrides.cost);
  const scope = withOverride(scopeRag(input.scope), overrides.scope);
  const risk = withOverride(riskRag(input.risk), overrides.risk);
  const benefits = withOverride(benefitsRag(input.benefits), overrides.benefits);
  const overall = withOverride(overallRag({ time: time.status, cost: cost.status, scope: scope.status, risk: risk.status, benefits: benefits.status }), overrides.overall);
  return { time, cost, scope, risk, benefits, overall };
}

/** An override needs a reason; returns field errors keyed "override-<key>". */
export function validateOverrides(overrides: Partial<Record<RagKey, { status: string; reason: string }>>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of RAG_KEYS) {
    const o = overrides[key];
    if (!o || !o.status) continue;
    if (!["green", "amber", "red"].includes(o.status)) errors[`override-${key}`] = `Choose green, amber or red for ${DIMENSION_LABELS[key].toLowerCase()}`;
    else if (!o.reason.trim()) errors[`reason-${key}`] = `Give a reason for changing the ${DIMENSION_LABELS[key].toLowerCase()} status`;
  }
  return errors;
}

/** Worst of several statuses (a programme's line over its projects). */
export function worstOf(statuses: RagOrNone[]): RagOrNone {
  const assessed = statuses.filter((s): s is Rag => s !== "none");
  if (assessed.length === 0) return "none";
  return assessed.reduce((a, b) => (ORDER[b] > ORDER[a] ? b : a));
}
