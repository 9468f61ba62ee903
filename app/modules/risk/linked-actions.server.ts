// The actions linked to risks, with the action plan's own view of whether they are open, overdue or
// blocked. The risk register never decides those itself: it asks the action module.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { actions, projects, riskActions } from "#db/schema";
import { getDb, prepared, type Conn } from "~/db.server";
import type { Viewer } from "~/modules/auth/access.server";
import type { LinkedAction } from "./scoring";
import { actionFlagsFor } from "./action-flags.server";

const linkedQuery = (db: Conn, where: SQL) =>
  db
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
    .where(where)
    .orderBy(actions.ref);
// Built and prepared once: the register pages and the programme's attention page run it for every register.
const linkedRows = () =>
  prepared("risk linked actions", (db) => linkedQuery(db, sql`${riskActions.riskId} in (select value from json_each(${sql.placeholder("ids")}))`).prepare());

/**
 * The actions linked to each risk, as this viewer may read them: an action of a project they may
 * not see keeps its part in the risk's flags but shows no id, ref, title or link.
 */
export function linkedActionsFor(riskIds: number[], today: string, viewer: Viewer, db: Conn = getDb()): Map<number, LinkedAction[]> {
  const byRisk = new Map<number, LinkedAction[]>();
  if (riskIds.length === 0) return byRisk;
  const rows = db === getDb() ? linkedRows().all({ ids: JSON.stringify(riskIds) }) : linkedQuery(db, inArray(riskActions.riskId, riskIds)).all();
  const flags = actionFlagsFor([...new Set(rows.map((r) => r.id))], today);
  for (const r of rows) {
    const f = flags.get(r.id);
    const list = byRisk.get(r.riskId) ?? [];
    if (!viewer.sees.has(r.projectId)) {
      list.push({ id: -list.length - 1, ref: "", title: "", hidden: true, open: r.status !== "done" && r.status !== "cancelled", overdueDays: f?.overdueDays ?? null, blocked: f?.blocked ?? false });
      byRisk.set(r.riskId, list);
      continue;
    }
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

/** Actions a risk in this register may link to (not already linked), of projects the viewer manages, for the link form. */
export function linkableActions({ viewer, projectIds: inScope, riskId }: { viewer: Viewer; projectIds: number[]; riskId: number }, db: Conn = getDb()) {
  const projectIds = inScope.filter((id) => viewer.manages.has(id));
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
