// The one place the risk register asks the action plan (app/modules/action/schedule.server.ts, over
// the rules in rules.ts) which linked actions are overdue or blocked. It never decides that itself.
import { flagsForProjects } from "~/modules/action/schedule.server";

export interface ActionFlagSummary {
  overdueDays: number | null;
  blocked: boolean;
}

export function actionFlagsFor(projectIds: number[], today: string): Map<number, ActionFlagSummary> {
  const out = new Map<number, ActionFlagSummary>();
  if (projectIds.length === 0) return out;
  for (const { action, flags } of flagsForProjects({ projectIds, asOf: today }).actions) {
    const overdue = flags.find((f) => f.kind === "overdue");
    out.set(action.id, { overdueDays: overdue?.kind === "overdue" ? overdue.days : null, blocked: flags.some((f) => f.kind === "blocked") });
  }
  return out;
}
