import { and, asc, count, eq, inArray, max } from "drizzle-orm";
import { people, stages, workPackageLinks, workPackages } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { personExists } from "~/modules/people/service.server";
import { UserInputError, notFound } from "~/utils/errors";
import { findFeedsIntoCycle } from "./feeds-into";
import type { WorkPackageInput } from "./forms";

export type WorkPackage = typeof workPackages.$inferSelect;

/** The project's work packages in plan order, with lead, number of stages and what each feeds into. */
export function listWorkPackages({ projectId }: { projectId: number }) {
  const db = getDb();
  const rows = db
    .select({
      id: workPackages.id,
      ref: workPackages.ref,
      name: workPackages.name,
      description: workPackages.description,
      position: workPackages.position,
      leadPersonId: workPackages.leadPersonId,
      leadName: people.name,
    })
    .from(workPackages)
    .leftJoin(people, eq(people.id, workPackages.leadPersonId))
    .where(eq(workPackages.projectId, projectId))
    .orderBy(asc(workPackages.position), asc(workPackages.ref))
    .all();
  const ids = rows.map((r) => r.id);
  const stageCounts = new Map(
    ids.length
      ? db
          .select({ id: stages.workPackageId, n: count() })
          .from(stages)
          .where(inArray(stages.workPackageId, ids))
          .groupBy(stages.workPackageId)
          .all()
          .map((r) => [r.id, r.n] as const)
      : [],
  );
  const links = projectLinks(db, projectId);
  const refOf = new Map(rows.map((r) => [r.id, r.ref]));
  return rows.map((r) => ({
    ...r,
    stageCount: stageCounts.get(r.id) ?? 0,
    feedsInto: links.filter((l) => l.from === r.id).map((l) => ({ id: l.to, ref: refOf.get(l.to) ?? "?" })),
    fedBy: links.filter((l) => l.to === r.id).map((l) => ({ id: l.from, ref: refOf.get(l.from) ?? "?" })),
  }));
}

function projectLinks(db: Conn, projectId: number) {
  return db
    .select({ from: workPackageLinks.fromWorkPackageId, to: workPackageLinks.toWorkPackageId })
    .from(workPackageLinks)
    .innerJoin(workPackages, eq(workPackages.id, workPackageLinks.fromWorkPackageId))
    .where(eq(workPackages.projectId, projectId))
    .all();
}

/** One work package, only if it belongs to this project (else 404, whatever the id). */
export function getWorkPackage({ projectId, workPackageId }: { projectId: number; workPackageId: number }, db: Conn = getDb()) {
  const wp = Number.isInteger(workPackageId)
    ? db
        .select()
        .from(workPackages)
        .where(and(eq(workPackages.id, workPackageId), eq(workPackages.projectId, projectId)))
        .get()
    : undefined;
  if (!wp) notFound("Work package not found");
  return wp;
}

function checkInput(tx: Conn, projectId: number, input: WorkPackageInput, selfId?: number) {
  if (input.leadPersonId && !personExists(tx, input.leadPersonId)) throw new UserInputError({ leadPersonId: "Choose a person from the list" });
  const clash = tx
    .select({ id: workPackages.id })
    .from(workPackages)
    .where(and(eq(workPackages.projectId, projectId), eq(workPackages.ref, input.ref)))
    .get();
  if (clash && clash.id !== selfId) throw new UserInputError({ ref: `Another work package in this project is already ${input.ref}` });
  const targets = [...new Set(input.feedsInto)];
  if (selfId && targets.includes(selfId)) throw new UserInputError({ feedsInto: "A work package cannot feed into itself" });
  const all = tx.select({ id: workPackages.id, ref: workPackages.ref }).from(workPackages).where(eq(workPackages.projectId, projectId)).all();
  const refOf = new Map(all.map((w) => [w.id, w.ref]));
  if (targets.some((t) => !refOf.has(t))) throw new UserInputError({ feedsInto: "Choose work packages from this project" });
  if (selfId) {
    const cycle = findFeedsIntoCycle(projectLinks(tx, projectId), selfId, targets);
    if (cycle) {
      const names = cycle.map((id) => refOf.get(id) ?? input.ref);
      throw new UserInputError({
        feedsInto: `That would make a loop: ${names.join(" feeds into ")}. Untick ${names[1]} or change the other work package first`,
      });
    }
  }
  return targets;
}

function setLinks(tx: Conn, fromId: number, targets: number[]) {
  tx.delete(workPackageLinks).where(eq(workPackageLinks.fromWorkPackageId, fromId)).run();
  for (const to of targets) tx.insert(workPackageLinks).values({ fromWorkPackageId: fromId, toWorkPackageId: to }).run();
}

function currentTargets(tx: Conn, fromId: number) {
  return tx
    .select({ to: workPackageLinks.toWorkPackageId })
    .from(workPackageLinks)
    .where(eq(workPackageLinks.fromWorkPackageId, fromId))
    .all()
    .map((r) => r.to)
    .sort((a, b) => a - b);
}

export function createWorkPackage({ actor, projectId, ...input }: WorkPackageInput & { actor: Actor; projectId: number }) {
  return write((tx) => {
    const targets = checkInput(tx, projectId, input);
    const last = tx.select({ n: max(workPackages.position) }).from(workPackages).where(eq(workPackages.projectId, projectId)).get()?.n;
    const wp = tx
      .insert(workPackages)
      .values({
        projectId,
        ref: input.ref,
        name: input.name,
        description: input.description,
        leadPersonId: input.leadPersonId,
        position: input.position ?? (last ?? 0) + 1,
      })
      .returning()
      .get();
    setLinks(tx, wp.id, targets);
    recordAudit(tx, {
      actor,
      event: "work_package.create",
      entityType: "work_package",
      entityId: wp.id,
      projectId,
      after: { ref: wp.ref, name: wp.name, description: wp.description, leadPersonId: wp.leadPersonId, position: wp.position, feedsInto: targets },
    });
    return wp;
  });
}

export function updateWorkPackage({ actor, projectId, workPackageId, ...input }: WorkPackageInput & { actor: Actor; projectId: number; workPackageId: number }) {
  return write((tx) => {
    const before = getWorkPackage({ projectId, workPackageId }, tx);
    const targets = checkInput(tx, projectId, input, workPackageId);
    const values = {
      ref: input.ref,
      name: input.name,
      description: input.description,
      leadPersonId: input.leadPersonId,
      position: input.position ?? before.position,
    };
    const diff = changes({ ...before, feedsInto: currentTargets(tx, workPackageId) }, { ...values, feedsInto: [...targets].sort((a, b) => a - b) });
    if (!diff.changed) return before;
    const after = tx
      .update(workPackages)
      .set({ ...values, updatedAt: new Date().toISOString() })
      .where(eq(workPackages.id, workPackageId))
      .returning()
      .get();
    setLinks(tx, workPackageId, targets);
    recordAudit(tx, { actor, event: "work_package.update", entityType: "work_package", entityId: workPackageId, projectId, before: diff.before, after: diff.after });
    return after;
  });
}

/** Ids this work package feeds into (for the edit form's checkboxes). */
export function feedsIntoIds({ projectId, workPackageId }: { projectId: number; workPackageId: number }) {
  const db = getDb();
  getWorkPackage({ projectId, workPackageId }, db);
  return currentTargets(db, workPackageId);
}
