import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { and, asc, desc, eq, like, lt, sql, type SQL } from "drizzle-orm";
import { auditEvents, projects } from "#db/schema";
import type { Conn, DB } from "~/db.server";
import type { Actor } from "./actor";

export type { Actor } from "./actor";

type Json = Record<string, unknown> | null | undefined;

export interface AuditInput {
  actor: Actor;
  event: string;
  entityType: string;
  entityId?: string | number | null;
  projectId?: number | null;
  before?: Json;
  after?: Json;
  meta?: Json;
}

const GENESIS = "0".repeat(64);

function serialise(value: Json): string | null {
  return value == null ? null : JSON.stringify(value);
}

/** The hashed content of an event: exactly the stored columns, in a fixed order. */
function contentOf(row: {
  at: string;
  actorUserId: number | null;
  actor: string;
  event: string;
  entityType: string;
  entityId: string | null;
  projectId: number | null;
  before: string | null;
  after: string | null;
  meta: string | null;
}) {
  return JSON.stringify([
    row.at,
    row.actorUserId,
    row.actor,
    row.event,
    row.entityType,
    row.entityId,
    row.projectId,
    row.before,
    row.after,
    row.meta,
  ]);
}

export function hashEvent(prevHash: string, content: string) {
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

/**
 * Appends one event to the hash chain. Call it inside the write transaction that makes the change
 * (BEGIN IMMEDIATE serialises writers, so reading the last hash here cannot race).
 */
export function recordAudit(tx: Conn, input: AuditInput) {
  const last = tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS;
  const row = {
    at: new Date().toISOString(),
    actorUserId: input.actor.userId,
    actor: input.actor.label,
    event: input.event,
    entityType: input.entityType,
    entityId: input.entityId == null ? null : String(input.entityId),
    projectId: input.projectId ?? null,
    before: serialise(input.before),
    after: serialise(input.after),
    meta: serialise({ ...(input.meta ?? {}), ...(input.actor.ip ? { ip: input.actor.ip } : {}) }),
  };
  const hash = hashEvent(prevHash, contentOf(row));
  tx.insert(auditEvents).values({ ...row, prevHash, hash }).run();
}

/** Only the fields that changed, so an event says what changed rather than repeating a record. */
export function changes<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (key === "updatedAt" || key === "version") continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

export type VerifyResult = { ok: true; count: number } | { ok: false; count: number; brokenId: number; reason: string };

/** Walks the chain in order; the first event whose hash or link does not match breaks it. */
export function verifyAuditChain(sqlite: Database.Database): VerifyResult {
  let prev = GENESIS;
  let count = 0;
  // Streams the rows, so verifying a long trail does not hold it all in memory.
  const rows = sqlite
    .prepare(
      `select id, at, actor_user_id as actorUserId, actor, event, entity_type as entityType, entity_id as entityId,
              project_id as projectId, before, after, meta, prev_hash as prevHash, hash
         from audit_events order by id`,
    )
    .iterate() as IterableIterator<typeof auditEvents.$inferSelect>;
  for (const row of rows) {
    count++;
    if (row.prevHash !== prev) {
      return { ok: false, count, brokenId: row.id, reason: "its link to the previous event does not match" };
    }
    if (hashEvent(prev, contentOf(row)) !== row.hash) {
      return { ok: false, count, brokenId: row.id, reason: "its content does not match its hash" };
    }
    prev = row.hash;
  }
  return { ok: true, count };
}

export interface AuditFilter {
  event?: string;
  entityType?: string;
  actor?: string;
  projectId?: number;
  before?: number;
  limit?: number;
}

export function listAuditEvents(db: DB, filter: AuditFilter) {
  const where: SQL[] = [];
  if (filter.event) where.push(like(auditEvents.event, `${filter.event}%`));
  if (filter.entityType) where.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.actor) where.push(like(auditEvents.actor, `%${filter.actor}%`));
  if (filter.projectId) where.push(eq(auditEvents.projectId, filter.projectId));
  if (filter.before) where.push(lt(auditEvents.id, filter.before));
  const limit = filter.limit ?? 50;
  const rows = db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1)
    .all();
  return { events: rows.slice(0, limit), hasMore: rows.length > limit };
}

export function auditEventTypes(db: DB) {
  return db
    .selectDistinct({ event: auditEvents.event })
    .from(auditEvents)
    .orderBy(auditEvents.event)
    .all()
    .map((r) => r.event);
}

export function countAuditEvents(db: DB) {
  return db.select({ n: sql<number>`count(*)` }).from(auditEvents).get()?.n ?? 0;
}

/** Every project by name, for the audit trail's project filter (administrators only: it ignores access). */
export function projectsForAuditFilter(db: DB) {
  return db.select({ id: projects.id, name: projects.name }).from(projects).orderBy(asc(projects.name)).all();
}
