// Risk flags (DESIGN.md "Rules that flag work": review_due, and what linked actions say). Pure: the
// calendar date is an argument. One function per rule; riskFlags gathers them.
import { daysBetween } from "~/utils/dates";
import { band, currentScore, type RegisterSettings, type Scores } from "~/modules/risk/scoring";


/** A linked action as the risk register sees it; `flags` come from the action-plan rules. */
export interface LinkedAction {
  id: number;
  ref: string;
  title: string;
  /** Where the action lives (a programme register links actions of several projects). */
  projectSlug?: string;
  open: boolean;
  overdueDays?: number | null;
  blocked?: boolean;
}

export type RiskFlag =
  | { kind: "review_due"; days: number }
  | { kind: "high_no_action" }
  | { kind: "action_overdue"; actionRef: string; days: number }
  | { kind: "action_blocked"; actionRef: string };


/** review_due: open and the next review date is before D. */
export function reviewDueFlag(risk: { nextReviewDate: string | null }, today: string): RiskFlag | null {
  return risk.nextReviewDate && risk.nextReviewDate < today ? { kind: "review_due", days: daysBetween(risk.nextReviewDate, today) } : null;
}

/** high_no_action: the current score is in the high band and no linked action is open. */
export function highNoActionFlag(
  risk: Scores,
  settings: Pick<RegisterSettings, "mediumFrom" | "highFrom">,
  linked: LinkedAction[],
): RiskFlag | null {
  return band(currentScore(risk).severity, settings) === "high" && !linked.some((a) => a.open) ? { kind: "high_no_action" } : null;
}

/** action_overdue / action_blocked: what the action-plan rules say about each open linked action. */
export function linkedActionFlags(linked: LinkedAction[]): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const a of linked) {
    if (!a.open) continue;
    if (a.overdueDays != null && a.overdueDays > 0) flags.push({ kind: "action_overdue", actionRef: a.ref, days: a.overdueDays });
    if (a.blocked) flags.push({ kind: "action_blocked", actionRef: a.ref });
  }
  return flags;
}

/** Every flag of a risk as of `today`; a closed risk has none. */
export function riskFlags(
  risk: Scores & { status: string; nextReviewDate: string | null },
  settings: Pick<RegisterSettings, "mediumFrom" | "highFrom">,
  linked: LinkedAction[],
  today: string,
): RiskFlag[] {
  if (risk.status !== "open") return [];
  return [reviewDueFlag(risk, today), highNoActionFlag(risk, settings, linked), ...linkedActionFlags(linked)].filter((f): f is RiskFlag => f !== null);
}

export function flagLabel(flag: RiskFlag): string {
  switch (flag.kind) {
    case "review_due":
      return `Review due (${flag.days} ${flag.days === 1 ? "day" : "days"} late)`;
    case "high_no_action":
      return "High, no open action";
    case "action_overdue":
      return `Action ${flag.actionRef} overdue`;
    case "action_blocked":
      return `Action ${flag.actionRef} blocked`;
  }
}

