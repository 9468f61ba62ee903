// The actions linked to risks, with the action plan's own view of whether they are open, overdue or
// blocked. The risk register never decides those itself: it asks the action module.
import { and, eq, inArray } from "drizzle-orm";
import { actions, projects, riskActions } from "#db/schema";
import { getDb, type Conn } from "~/db.server";
import type { LinkedAction } from "./scoring";
import { actionFlagsFor } from "./action-flags.server";

export function linkedActionsFor(riskIds: number[], today: string, db: Conn = getDb()): Map<number, LinkedAction[]> {
  const byRisk = new Map<number, LinkedAction[]>();
  if (riskIds.length === 0) return byRisk;
  const rows = db
    .select({
      riskId: riskActions.riskId,
      id: actions.id,
      projectId: actions.projectId,
      projectSlug: projects.slug,
      ref: actions.ref,
      title: actions.title,
      status: actions.status,
    })
    .from(riskActions)
    .innerJoin(actions, eq(actions.id, riskActions.actionId))
    .innerJoin(projects, eq(projects.id, actions.projectId))
    .where(inArray(riskActions.riskId, riskIds))
    .orderBy(actions.ref)
    .all();
  const flags = actionFlagsFor([...new Set(rows.map((r) => r.projectId))], today);
  for (const r of rows) {
    const f = flags.get(r.id);
    const list = byRisk.get(r.riskId) ?? [];
    list.push({
      id: r.id,
      ref: r.ref,
      title: r.title,
      projectSlug: r.projectSlug,
      open: r.status !== "done" && r.status !== "cancelled",
      overdueDays: f?.overdueDays ?? null,
      blocked: f?.blocked ?? false,
    });
    byRisk.set(r.riskId, list);
  }
  return byRisk;
}

/** Actions a risk in this project may link to (not already linked), for the link form. */
export function linkableActions({ projectIds, riskId }: { projectIds: number[]; riskId: number }, db: Conn = getDb()) {
  if (projectIds.length === 0) return [];
  const linked = new Set(
    db.select({ id: riskActions.actionId }).from(riskActions).where(eq(riskActions.riskId, riskId)).all().map((r) => r.id),
  );
  return db
    .select({ id: actions.id, ref: actions.ref, title: actions.title, projectName: projects.name })
    .from(actions)
    .innerJoin(projects, eq(projects.id, actions.projectId))
    .where(and(inArray(actions.projectId, projectIds)))
    .orderBy(actions.ref)
    .all()
    .filter((a) => !linked.has(a.id));
}
