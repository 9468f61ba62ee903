// A project's reporting cycle and the "report overdue" flag it gives its managers.
import { and, eq, inArray, ne } from "drizzle-orm";
import { projects, reportingCycles, type ReportFrequency } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { overdueReport, periodText, type Overdue } from "./period";
import { publishedPeriods } from "./service.server";

export function getCycle({ projectId }: { projectId: number }, db: Conn = getDb()) {
  return db.select().from(reportingCycles).where(eq(reportingCycles.projectId, projectId)).get() ?? null;
}

export function setCycle({ actor, projectId, frequency, dueDay, startDate }: { actor: Actor; projectId: number; frequency: ReportFrequency; dueDay: number; startDate: string }) {
  write((tx) => {
    const before = getCycle({ projectId }, tx);
    const after = { frequency, dueDay, startDate };
    if (before) tx.update(reportingCycles).set({ ...after, updatedAt: new Date().toISOString() }).where(eq(reportingCycles.projectId, projectId)).run();
    else tx.insert(reportingCycles).values({ projectId, ...after }).run();
    recordAudit(tx, { actor, event: "reporting_cycle.set", entityType: "project", entityId: projectId, projectId, ...(before ? changes(before, after) : { after }) });
  });
}

export function removeCycle({ actor, projectId }: { actor: Actor; projectId: number }) {
  write((tx) => {
    const before = getCycle({ projectId }, tx);
    if (!before) return;
    tx.delete(reportingCycles).where(eq(reportingCycles.projectId, projectId)).run();
    recordAudit(tx, { actor, event: "reporting_cycle.remove", entityType: "project", entityId: projectId, projectId, before: { frequency: before.frequency, dueDay: before.dueDay } });
  });
}

export interface OverdueReport extends Overdue {
  projectId: number;
  text: string;
}

/** Projects whose cycle's latest report is past due and unpublished, as of `today`. Two queries. */
export function overdueReports({ projectIds, today }: { projectIds: number[]; today: string }, db: Conn = getDb()): OverdueReport[] {
  if (projectIds.length === 0) return [];
  // A closed project asks for no more highlight reports (its end project report closes the series).
  const cycles = db
    .select({ cycle: reportingCycles })
    .from(reportingCycles)
    .innerJoin(projects, eq(projects.id, reportingCycles.projectId))
    .where(and(inArray(reportingCycles.projectId, projectIds), ne(projects.status, "closed")))
    .all()
    .map((r) => r.cycle);
  if (cycles.length === 0) return [];
  const published = publishedPeriods({ projectIds: cycles.map((c) => c.projectId) }, db);
  return cycles.flatMap((c) => {
    const o = overdueReport(c, published.filter((p) => p.projectId === c.projectId), today);
    return o ? [{ ...o, projectId: c.projectId, text: `Report overdue: the highlight report for ${periodText(o.period)} was due ${o.due} (${o.daysOverdue} ${o.daysOverdue === 1 ? "day" : "days"} ago)` }] : [];
  });
}
