// The one place the risk register asks the action plan's rules (app/modules/action/rules.ts) which
// linked actions are overdue or blocked. It does not decide that itself.
import { inArray, or } from "drizzle-orm";
import { actions, dependencies, milestones, projects } from "#db/schema";
import { getDb, type Conn } from "~/db.server";
import { evaluateFlags, type RuleAction, type RuleDependency } from "~/modules/action/rules";

export interface ActionFlagSummary {
  overdueDays: number | null;
  blocked: boolean;
}

export function actionFlagsFor(projectIds: number[], today: string, db: Conn = getDb()): Map<number, ActionFlagSummary> {
  const out = new Map<number, ActionFlagSummary>();
  if (projectIds.length === 0) return out;
  const actionRows = db.select().from(actions).where(inArray(actions.projectId, projectIds)).all();
  const milestoneRows = db.select().from(milestones).where(inArray(milestones.projectId, projectIds)).all();
  const actionIds = actionRows.map((a) => a.id);
  const milestoneIds = milestoneRows.map((m) => m.id);
  const deps = db
    .select()
    .from(dependencies)
    .where(or(inArray(dependencies.successorActionId, actionIds), inArray(dependencies.successorMilestoneId, milestoneIds)))
    .all();
  const settings = Object.fromEntries(
    db
      .select({ id: projects.id, dueSoonDays: projects.dueSoonDays, staleDays: projects.staleDays })
      .from(projects)
      .where(inArray(projects.id, projectIds))
      .all()
      .map((p) => [p.id, { dueSoonDays: p.dueSoonDays, staleDays: p.staleDays }]),
  );
  const ruleActions: RuleAction[] = actionRows.map((a) => ({
    id: a.id,
    projectId: a.projectId,
    ref: a.ref,
    title: a.title,
    status: a.status,
    blockedReason: a.blockedReason,
    plannedStart: a.plannedStart,
    dueDate: a.dueDate,
    baselineDueDate: a.baselineDueDate,
    completedDate: a.completedDate,
    createdDate: a.createdAt.slice(0, 10),
    // Owners, notes and moves only feed flags the risk register does not show.
    ownerCount: 1,
    lastNoteDate: null,
    dueDateMoves: 0,
  }));
  const known = new Set([...actionIds.map((id) => `action:${id}`), ...milestoneIds.map((id) => `milestone:${id}`)]);
  const ruleDeps: RuleDependency[] = deps
    .map((d) => ({
      predecessor: d.predecessorActionId ? { kind: "action" as const, id: d.predecessorActionId } : { kind: "milestone" as const, id: d.predecessorMilestoneId! },
      successor: d.successorActionId ? { kind: "action" as const, id: d.successorActionId } : { kind: "milestone" as const, id: d.successorMilestoneId! },
      lagDays: d.lagDays,
    }))
    .filter((d) => known.has(`${d.predecessor.kind}:${d.predecessor.id}`));
  const result = evaluateFlags({
    asOf: today,
    actions: ruleActions,
    milestones: milestoneRows.map((m) => ({ id: m.id, projectId: m.projectId, name: m.name, targetDate: m.targetDate, achievedDate: m.achievedDate })),
    dependencies: ruleDeps,
    settings,
  });
  for (const [id, flags] of result.actions) {
    const overdue = flags.find((f) => f.kind === "overdue");
    out.set(id, { overdueDays: overdue && overdue.kind === "overdue" ? overdue.days : null, blocked: flags.some((f) => f.kind === "blocked") });
  }
  return out;
}
