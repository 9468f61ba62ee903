import { and, asc, eq, max } from "drizzle-orm";
import { stages } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { notFound } from "~/utils/errors";
import type { StageInput } from "./forms";
import { getWorkPackage } from "./work-package.server";

interface Scope {
  projectId: number;
  workPackageId: number;
}

export function listStages({ projectId, workPackageId }: Scope) {
  const db = getDb();
  getWorkPackage({ projectId, workPackageId }, db);
  return db.select().from(stages).where(eq(stages.workPackageId, workPackageId)).orderBy(asc(stages.position), asc(stages.id)).all();
}

/** One stage, only when it belongs to this work package and the work package to this project. */
export function getStage({ projectId, workPackageId, stageId }: Scope & { stageId: number }, db: Conn = getDb()) {
  getWorkPackage({ projectId, workPackageId }, db);
  const stage = Number.isInteger(stageId)
    ? db.select().from(stages).where(and(eq(stages.id, stageId), eq(stages.workPackageId, workPackageId))).get()
    : undefined;
  if (!stage) notFound("Stage not found");
  return stage;
}

export function createStage({ actor, projectId, workPackageId, ...input }: StageInput & Scope & { actor: Actor }) {
  return write((tx) => {
    getWorkPackage({ projectId, workPackageId }, tx);
    const last = tx.select({ n: max(stages.position) }).from(stages).where(eq(stages.workPackageId, workPackageId)).get()?.n;
    const stage = tx
      .insert(stages)
      .values({ workPackageId, ...input, position: input.position ?? (last ?? 0) + 1 })
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      event: "stage.create",
      entityType: "stage",
      entityId: stage.id,
      projectId,
      after: { workPackageId, name: stage.name, position: stage.position, plannedStart: stage.plannedStart, plannedEnd: stage.plannedEnd, datesNote: stage.datesNote },
    });
    return stage;
  });
}

export function updateStage({ actor, projectId, workPackageId, stageId, ...input }: StageInput & Scope & { actor: Actor; stageId: number }) {
  return write((tx) => {
    const before = getStage({ projectId, workPackageId, stageId }, tx);
    const values = { ...input, position: input.position ?? before.position };
    const diff = changes(before, values);
    if (!diff.changed) return before;
    const after = tx
      .update(stages)
      .set({ ...values, updatedAt: new Date().toISOString() })
      .where(eq(stages.id, stageId))
      .returning()
      .get();
    recordAudit(tx, { actor, event: "stage.update", entityType: "stage", entityId: stageId, projectId, before: diff.before, after: diff.after });
    return after;
  });
}
