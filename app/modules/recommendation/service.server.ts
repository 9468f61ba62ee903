// Recommendations from an inspection or review (R1..R5) that a project's actions answer. Scoped
// by project; every write audited (entity "recommendation").
import { and, eq, sql } from "drizzle-orm";
import { actionRecommendations, actions, recommendations } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import { compareRef, flagTagText } from "~/modules/action/plan-view";
import { flagLabel } from "~/modules/action/rules";
import { flagsForProjects } from "~/modules/action/schedule.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { notFound, UserInputError } from "~/utils/errors";
import type { RecommendationInput } from "./forms";
import { progressOf } from "./progress";

/** The project's recommendations in reference order, each with how many of its actions are done. */
export function listRecommendations({ projectId }: { projectId: number }, db: Conn = getDb()) {
  const rows = db.select().from(recommendations).where(eq(recommendations.projectId, projectId)).all();
  const counts = db
    .select({ recommendationId: actionRecommendations.recommendationId, status: actions.status, n: sql<number>`count(*)` })
    .from(actionRecommendations)
    .innerJoin(actions, eq(actions.id, actionRecommendations.actionId))
    .where(eq(actions.projectId, projectId))
    .groupBy(actionRecommendations.recommendationId, actions.status)
    .all();
  return rows
    .sort((a, b) => compareRef(a.ref, b.ref))
    .map((r) => ({ ...r, progress: progressOf(counts.filter((c) => c.recommendationId === r.id).flatMap((c) => Array<string>(c.n).fill(c.status))) }));
}

export function getRecommendation({ projectId, recommendationId }: { projectId: number; recommendationId: number }, db: Conn = getDb()) {
  const r = Number.isInteger(recommendationId)
    ? db.select().from(recommendations).where(and(eq(recommendations.id, recommendationId), eq(recommendations.projectId, projectId))).get()
    : undefined;
  if (!r) notFound("Recommendation not found");
  return r;
}

/** The recommendation's page: its text, the actions answering it with their flags as of a date, and progress. */
export function recommendationPage({ projectId, recommendationId, asOf }: { projectId: number; recommendationId: number; asOf: string }, db: Conn = getDb()) {
  const rec = getRecommendation({ projectId, recommendationId }, db);
  const rows = db
    .select({ id: actions.id, ref: actions.ref, title: actions.title, status: actions.status, dueDate: actions.dueDate, deadlineText: actions.deadlineText, percentComplete: actions.percentComplete })
    .from(actionRecommendations)
    .innerJoin(actions, eq(actions.id, actionRecommendations.actionId))
    .where(and(eq(actionRecommendations.recommendationId, recommendationId), eq(actions.projectId, projectId)))
    .all()
    .sort((a, b) => compareRef(a.ref, b.ref));
  const flags = flagsForProjects({ projectIds: [projectId], asOf });
  return {
    recommendation: rec,
    progress: progressOf(rows.map((a) => a.status)),
    actions: rows.map((a) => ({ ...a, flags: (flags.result.actions.get(a.id) ?? []).map((f) => ({ kind: f.kind, tag: flagTagText(f), text: flagLabel(f) })) })),
  };
}

function refFree(tx: Conn, projectId: number, ref: string, exceptId?: number) {
  const clash = tx.select({ id: recommendations.id }).from(recommendations).where(and(eq(recommendations.projectId, projectId), eq(recommendations.ref, ref))).get();
  if (clash && clash.id !== exceptId) throw new UserInputError({ ref: `This project already has a recommendation ${ref}` });
}

export function createRecommendation({ actor, projectId, ...input }: RecommendationInput & { actor: Actor; projectId: number }) {
  return write((tx) => {
    refFree(tx, projectId, input.ref);
    const r = tx.insert(recommendations).values({ projectId, ...input }).returning().get();
    recordAudit(tx, { actor, event: "recommendation.create", entityType: "recommendation", entityId: r.id, projectId, after: input });
    return r;
  });
}

export function updateRecommendation({ actor, projectId, recommendationId, ...input }: RecommendationInput & { actor: Actor; projectId: number; recommendationId: number }) {
  return write((tx) => {
    const before = getRecommendation({ projectId, recommendationId }, tx);
    refFree(tx, projectId, input.ref, recommendationId);
    const diff = changes(before, input);
    if (!diff.changed) return before;
    const after = tx.update(recommendations).set(input).where(eq(recommendations.id, recommendationId)).returning().get();
    recordAudit(tx, { actor, event: "recommendation.update", entityType: "recommendation", entityId: recommendationId, projectId, before: diff.before, after: diff.after });
    return after;
  });
}
