// Pure risk scoring: severity, banding, validation, flags and trend. No database, no clock:
// the calendar date D is always an argument (see ../shared/DESIGN.md "Rules that flag work").

export type Scale = 3 | 5;
export type Band = "low" | "medium" | "high";
export type Kind = "threat" | "opportunity";

export interface RegisterSettings {
  scale: Scale;
  likelihoodLabels: string[];
  impactLabels: string[];
  /** Severity at or above which a risk is medium; below it, low. */
  mediumFrom: number;
  /** Severity at or above which a risk is high. */
  highFrom: number;
}

export const THREAT_RESPONSES = ["avoid", "reduce", "fallback", "transfer", "accept", "share"] as const;
export const OPPORTUNITY_RESPONSES = ["exploit", "enhance", "reject", "share"] as const;

export const RESPONSE_LABELS: Record<string, string> = {
  avoid: "Avoid",
  reduce: "Reduce",
  fallback: "Fallback",
  transfer: "Transfer",
  accept: "Accept",
  share: "Share",
  exploit: "Exploit",
  enhance: "Enhance",
  reject: "Reject",
};

/** The reference register's 1-3 scale, and a common council 5x5 matrix. */
export const DEFAULT_SETTINGS: Record<Scale, RegisterSettings> = {
  3: { scale: 3, likelihoodLabels: ["Low", "Medium", "High"], impactLabels: ["Low", "Medium", "High"], mediumFrom: 3, highFrom: 6 },
  5: {
    scale: 5,
    likelihoodLabels: ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"],
    impactLabels: ["Negligible", "Minor", "Moderate", "Major", "Severe"],
    mediumFrom: 7,
    highFrom: 13,
  },
};

export interface Scores {
  inherentLikelihood: number | null;
  inherentImpact: number | null;
  residualLikelihood: number | null;
  residualImpact: number | null;
}

export type View = "inherent" | "residual";

export function severity(likelihood: number | null | undefined, impact: number | null | undefined): number | null {
  return likelihood == null || impact == null ? null : likelihood * impact;
}

export function scoreOf(risk: Scores, view: View) {
  const likelihood = view === "inherent" ? risk.inherentLikelihood : risk.residualLikelihood;
  const impact = view === "inherent" ? risk.inherentImpact : risk.residualImpact;
  return { likelihood, impact, severity: severity(likelihood, impact) };
}

/** The score that counts now: residual once assessed, else inherent. */
export function currentScore(risk: Scores) {
  const residual = scoreOf(risk, "residual");
  return residual.severity !== null ? residual : scoreOf(risk, "inherent");
}

export function band(sev: number | null, settings: Pick<RegisterSettings, "mediumFrom" | "highFrom">): Band | null {
  if (sev === null) return null;
  if (sev >= settings.highFrom) return "high";
  if (sev >= settings.mediumFrom) return "medium";
  return "low";
}

export const BAND_LABELS: Record<Band, string> = { low: "Low", medium: "Medium", high: "High" };

// ---------------------------------------------------------------- validation (field -> message)

export type Errors = Record<string, string>;

const SCORE_FIELDS = {
  inherentLikelihood: "Likelihood before the response",
  inherentImpact: "Impact before the response",
  residualLikelihood: "Likelihood after the response",
  residualImpact: "Impact after the response",
} as const;

export function validateScores(scores: Partial<Scores>, scale: Scale): Errors {
  const errors: Errors = {};
  for (const [field, label] of Object.entries(SCORE_FIELDS)) {
    const v = scores[field as keyof Scores];
    if (v == null) continue;
    if (!Number.isInteger(v) || v < 1 || v > scale) errors[field] = `${label} must be from 1 to ${scale} on this register's scale`;
  }
  // A likelihood without its impact (or the reverse) gives no severity: ask for both.
  for (const [l, i] of [
    ["inherentLikelihood", "inherentImpact"],
    ["residualLikelihood", "residualImpact"],
  ] as const) {
    if ((scores[l] == null) !== (scores[i] == null)) {
      const missing = scores[l] == null ? l : i;
      errors[missing] ??= `Enter ${SCORE_FIELDS[missing].toLowerCase()} as well`;
    }
  }
  return errors;
}

export function responsesFor(kind: Kind): readonly string[] {
  return kind === "threat" ? THREAT_RESPONSES : OPPORTUNITY_RESPONSES;
}

export function validateResponse(kind: Kind, response: string | null | undefined): Errors {
  if (!response) return {};
  if (!responsesFor(kind).includes(response)) {
    return {
      response:
        kind === "opportunity"
          ? `An opportunity's response must be exploit, enhance, reject or share, not ${response}`
          : `A threat's response must be avoid, reduce, fallback, transfer, accept or share, not ${response}`,
    };
  }
  return {};
}

export function validateClose(input: { dateClosed?: string | null; closingNote?: string | null }): Errors {
  const errors: Errors = {};
  if (!input.dateClosed) errors.dateClosed = "Enter the date the risk was closed";
  if (!input.closingNote?.trim()) errors.closingNote = "Enter a closing note saying why the risk is closed";
  return errors;
}

export function validateSettings(s: RegisterSettings): Errors {
  const errors: Errors = {};
  if (s.scale !== 3 && s.scale !== 5) errors.scale = "Choose a scale of 1 to 3 or 1 to 5";
  const max = s.scale * s.scale;
  for (const [field, labels] of [
    ["likelihoodLabels", s.likelihoodLabels],
    ["impactLabels", s.impactLabels],
  ] as const) {
    if (labels.length !== s.scale || labels.some((l) => !l.trim())) errors[field] = `Enter a label for each of the ${s.scale} levels`;
  }
  if (!Number.isInteger(s.mediumFrom) || s.mediumFrom < 2 || s.mediumFrom > max)
    errors.mediumFrom = `Medium must start at a severity from 2 to ${max}`;
  else if (!Number.isInteger(s.highFrom) || s.highFrom <= s.mediumFrom || s.highFrom > max)
    errors.highFrom = `High must start above medium (${s.mediumFrom}) and at most ${max}`;
  return errors;
}

/**
 * A new scale with risks in the register needs every old level mapped to a new one (for both
 * likelihood and impact); without it the change is refused, because the scores would lose meaning.
 */
export function validateScaleChange(input: { from: Scale; to: Scale; riskCount: number; mapping: Record<number, number> | null }): Errors {
  if (input.from === input.to || input.riskCount === 0) return {};
  if (!input.mapping) return { mapping: `The register has ${input.riskCount} risks: map each level of the 1 to ${input.from} scale to the new scale` };
  for (let level = 1; level <= input.from; level++) {
    const to = input.mapping[level];
    if (to === undefined || !Number.isInteger(to) || to < 1 || to > input.to)
      return { [`map${level}`]: `Choose the level on the 1 to ${input.to} scale that level ${level} becomes` };
  }
  return {};
}

export function mapScores(scores: Scores, mapping: Record<number, number>): Scores {
  const m = (v: number | null) => (v == null ? null : (mapping[v] ?? v));
  return {
    inherentLikelihood: m(scores.inherentLikelihood),
    inherentImpact: m(scores.inherentImpact),
    residualLikelihood: m(scores.residualLikelihood),
    residualImpact: m(scores.residualImpact),
  };
}

// ---------------------------------------------------------------- flags

// The risk flag rules live beside the action rules (one home for every flag rule).
export { flagLabel, riskFlags, type LinkedAction, type RiskFlag } from "~/modules/action/risk-rules";

// ---------------------------------------------------------------- trend

export interface ScoreChange extends Scores {
  reason: string;
  effectiveDate: string;
}

export interface Trend {
  direction: "rising" | "falling" | "steady";
  from: number;
  to: number;
  since: string;
}

/**
 * How the current residual severity compares with the severity before the latest review
 * (or, if it was never reviewed, with the scores it was raised with). `history` is oldest first.
 */
export function trend(history: ScoreChange[], current: Scores): Trend | null {
  if (history.length === 0) return null;
  let lastReview = -1;
  history.forEach((h, i) => {
    if (h.reason === "review") lastReview = i;
  });
  const baseline = lastReview > 0 ? history[lastReview - 1]! : history[0]!;
  const since = lastReview > 0 ? history[lastReview - 1]!.effectiveDate : history[0]!.effectiveDate;
  const from = currentScore(baseline).severity;
  const to = currentScore(current).severity;
  if (from === null || to === null) return null;
  return { direction: to > from ? "rising" : to < from ? "falling" : "steady", from, to, since };
}

export function trendLabel(t: Trend | null) {
  if (!t) return "No history yet";
  if (t.direction === "steady") return `Steady at ${t.to}`;
  return `${t.direction === "rising" ? "Rising" : "Falling"} from ${t.from} to ${t.to}`;
}

// ---------------------------------------------------------------- heat map

export interface HeatCell {
  likelihood: number;
  impact: number;
  severity: number;
  band: Band;
  refs: string[];
}

/** Cells for likelihood (rows, highest first) x impact (columns); only scored risks are counted. */
export function heatMap(risks: Array<Scores & { ref: string }>, settings: RegisterSettings, view: View) {
  const rows: HeatCell[][] = [];
  for (let l = settings.scale; l >= 1; l--) {
    const row: HeatCell[] = [];
    for (let i = 1; i <= settings.scale; i++) row.push({ likelihood: l, impact: i, severity: l * i, band: band(l * i, settings)!, refs: [] });
    rows.push(row);
  }
  let unscored = 0;
  for (const r of risks) {
    const s = scoreOf(r, view);
    if (s.likelihood == null || s.impact == null) {
      unscored++;
      continue;
    }
    rows[settings.scale - s.likelihood]![s.impact - 1]!.refs.push(r.ref);
  }
  return { rows, unscored };
}
