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
  /** In a project the reader may not see: no id, ref, title or link are given (docs/decisions/0008). */
  hidden?: boolean;
  open: boolean;
  overdueDays?: number | null;
  blocked?: boolean;
}

export type RiskFlag =
  | { kind: "review_due"; days: number }
  | { kind: "high_no_action" }
  /** actionRef null: a linked action of a project the reader may not see. */
  | { kind: "action_overdue"; actionRef: string | null; days: number }
  | { kind: "action_blocked"; actionRef: string | null };


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
    const actionRef = a.hidden ? null : a.ref;
    if (a.overdueDays != null && a.overdueDays > 0) flags.push({ kind: "action_overdue", actionRef, days: a.hidden ? 0 : a.overdueDays });
    if (a.blocked) flags.push({ kind: "action_blocked", actionRef });
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
      return flag.actionRef === null ? "A linked action in another project is overdue" : `Action ${flag.actionRef} overdue`;
    case "action_blocked":
      return flag.actionRef === null ? "A linked action in another project is blocked" : `Action ${flag.actionRef} blocked`;
  }
}

