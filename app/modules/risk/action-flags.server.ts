// The one place the risk register asks the action plan (app/modules/action/schedule.server.ts, over
// the rules in rules.ts) which linked actions are overdue or blocked. It never decides that itself.
import { flagsForActions } from "~/modules/action/schedule.server";

export interface ActionFlagSummary {
  overdueDays: number | null;
  blocked: boolean;
}

/**
 * The linked actions' flags, evaluated over them and what they depend on only (flagsForActions gives
 * them the same flags as their whole projects would): a register links a few dozen actions, and
 * evaluating every project they belong to cost a programme's worth of rules per register.
 */
export function actionFlagsFor(actionIds: number[], today: string): Map<number, ActionFlagSummary> {
  const out = new Map<number, ActionFlagSummary>();
  if (actionIds.length === 0) return out;
  for (const { action, flags } of flagsForActions({ actionIds, asOf: today }).actions) {
    const overdue = flags.find((f) => f.kind === "overdue");
    out.set(action.id, { overdueDays: overdue?.kind === "overdue" ? overdue.days : null, blocked: flags.some((f) => f.kind === "blocked") });
  }
  return out;
}
