import fs from "node:fs";
import type Database from "better-sqlite3";
import { and, asc, desc, eq, like, lt, sql, type SQL } from "drizzle-orm";
import { auditEvents, projects } from "#db/schema";
import { getDb, getSqlite, write, type Conn, type DB } from "~/db.server";
import { getEnv } from "~/env.server";
import { localSecret, localSecretPath } from "~/utils/local-secret.server";
import { systemActor, type Actor } from "./actor";
import { GENESIS, keyedHash, plainHash, SEAL_EVENT, type Checkpoint, type ParsedCheckpoint } from "./chain";

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

function serialise(value: Json): string | null {
  return value == null ? null : JSON.stringify(value);
}

type StoredContent = {
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
};

/** The hashed content of an event: exactly the stored columns, in a fixed order. */
function contentOf(row: StoredContent) {
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

// Key files this process created and no event has been written with yet: the trail in that
// database cannot have been keyed before, so unkeyed events in it were written by an older Waymark.
const freshKeys = new Set<string>();

/**
 * The install's audit key: AUDIT_KEY, else a key file beside the database (created on first use,
 * owner-only). Never stored in the database, so a copy of the file cannot recompute the chain.
 */
export function auditKey() {
  const env = getEnv();
  if (env.AUDIT_KEY) return env.AUDIT_KEY;
  const file = localSecretPath(env.DATABASE_PATH, "audit-key");
  if (!fs.existsSync(file)) freshKeys.add(file);
  return localSecret(env.DATABASE_PATH, "audit-key");
}

/** The key for checking, without creating one: a missing key file means the trail cannot be checked. */
export function existingAuditKey(): { key: string } | { key: null; missing: string } {
  const env = getEnv();
  if (env.AUDIT_KEY) return { key: env.AUDIT_KEY };
  const file = localSecretPath(env.DATABASE_PATH, "audit-key");
  return fs.existsSync(file) ? { key: localSecret(env.DATABASE_PATH, "audit-key") } : { key: null, missing: file };
}

function insertEvent(tx: Conn, key: string, prevHash: string, row: StoredContent) {
  const hash = keyedHash(key, prevHash, contentOf(row));
  tx.insert(auditEvents).values({ ...row, prevHash, hash }).run();
  return hash;
}

type LastEvent = typeof auditEvents.$inferSelect | undefined;
const lastEvent = (tx: Conn): LastEvent => tx.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();

/**
 * Seals a trail written before keying: one keyed `audit.keyed` event after its last unkeyed event
 * vouches for all of them. Returns the seal's hash, or null when there is nothing to seal.
 */
function sealUnkeyed(tx: Conn, key: string, last: LastEvent, actor: Actor) {
  if (!last) return null;
  const content = contentOf(last);
  if (last.hash === keyedHash(key, last.prevHash, content) || last.hash !== plainHash(last.prevHash, content)) return null;
  if (tx.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.event, SEAL_EVENT)).limit(1).get()) return null;
  const unkeyed = tx.select({ n: sql<number>`count(*)` }).from(auditEvents).get()?.n ?? 0;
  return insertEvent(tx, key, last.hash, {
    at: new Date().toISOString(),
    actorUserId: actor.userId,
    actor: actor.label,
    event: SEAL_EVENT,
    entityType: "audit",
    entityId: null,
    projectId: null,
    before: null,
    after: JSON.stringify({ unkeyedEvents: unkeyed, lastUnkeyedHash: last.hash }),
    meta: null,
  });
}

/**
 * `waymark audit seal`: for an install upgraded with AUDIT_KEY set, accepts the unkeyed events an
 * older Waymark wrote, once. (With a key file, the first write after the file is created does it.)
 */
export function sealUnkeyedTrail(actor: Actor) {
  return write((tx) => {
    const sealed = sealUnkeyed(tx, auditKey(), lastEvent(tx), actor);
    return sealed ? auditHead(tx) : null;
  });
}

/**
 * Appends one event to the hash chain. Call it inside the write transaction that makes the change
 * (BEGIN IMMEDIATE serialises writers, so reading the last hash here cannot race).
 */
export function recordAudit(tx: Conn, input: AuditInput) {
  const key = auditKey();
  const last = lastEvent(tx);
  // Only a key made by this process may seal: a trail someone rewrote unkeyed must stay broken.
  const fresh = freshKeys.delete(localSecretPath(getEnv().DATABASE_PATH, "audit-key"));
  const sealHash = fresh && !getEnv().AUDIT_KEY ? sealUnkeyed(tx, key, last, systemActor("audit")) : null;
  insertEvent(tx, key, sealHash ?? last?.hash ?? GENESIS, {
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
  });
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

export type VerifyResult =
  | { ok: true; count: number; unkeyed?: { count: number; sealId: number } }
  | { ok: false; count: number; brokenId: number; reason: string; wrongKey?: true };

type StoredRow = typeof auditEvents.$inferSelect;

function storedRows(sqlite: Database.Database) {
  // Streams the rows, so verifying a long trail does not hold it all in memory.
  return sqlite
    .prepare(
      `select id, at, actor_user_id as actorUserId, actor, event, entity_type as entityType, entity_id as entityId,
              project_id as projectId, before, after, meta, prev_hash as prevHash, hash
         from audit_events order by id`,
    )
    .iterate() as IterableIterator<StoredRow>;
}

/**
 * Walks the chain in order; the first event whose link or keyed hash does not match breaks it.
 * Unkeyed events (written before the chain was keyed) are accepted only as a prefix sealed by a
 * keyed `audit.keyed` event. When no event at all matches the key, the key is what is wrong.
 */
export function verifyAuditChain(sqlite: Database.Database, key: string = auditKey()): VerifyResult {
  let prev = GENESIS;
  let count = 0;
  let mode: "start" | "unkeyed" | "keyed" = "start";
  let unkeyed = 0;
  let firstUnkeyedId = 0;
  let sealId = 0;
  let keyedMatches = 0;
  let broken: { id: number; reason: string; keyMismatch: boolean } | null = null;
  for (const row of storedRows(sqlite)) {
    count++;
    const content = contentOf(row);
    // Each event is checked against its own stored link, so events after a break still count as key matches.
    const keyed = keyedHash(key, row.prevHash, content) === row.hash;
    if (keyed) keyedMatches++;
    if (!broken) {
      const plain = !keyed && plainHash(row.prevHash, content) === row.hash;
      if (row.prevHash !== prev) broken = { id: row.id, reason: "its link to the previous event does not match", keyMismatch: false };
      else if (plain && mode !== "keyed" && row.event !== SEAL_EVENT) {
        if (mode === "start") firstUnkeyedId = row.id;
        mode = "unkeyed";
        unkeyed++;
      } else if (plain) broken = { id: row.id, reason: "its hash is not keyed (plain SHA-256, which anyone holding the file can recompute)", keyMismatch: false };
      else if (!keyed) broken = { id: row.id, reason: "its content does not match its keyed hash", keyMismatch: true };
      else if (mode === "unkeyed" && row.event !== SEAL_EVENT)
        broken = { id: row.id, reason: "it follows unkeyed events that no audit.keyed event seals", keyMismatch: false };
      else {
        if (mode === "unkeyed") sealId = row.id;
        mode = "keyed";
      }
    }
    prev = row.hash;
  }
  if (broken) {
    if (broken.keyMismatch && keyedMatches === 0) {
      return {
        ok: false,
        count,
        brokenId: broken.id,
        wrongKey: true,
        reason:
          "no event matches this audit key: the key is not the one the trail was written with (check AUDIT_KEY, or the .audit-key file beside the database), or every keyed event was rewritten",
      };
    }
    return { ok: false, count, brokenId: broken.id, reason: broken.reason };
  }
  if (mode === "unkeyed") {
    return {
      ok: false,
      count,
      brokenId: firstUnkeyedId,
      reason: `it and the ${unkeyed - 1} events after it carry plain SHA-256 hashes, which anyone holding the file can recompute, and no keyed event seals them`,
    };
  }
  return unkeyed ? { ok: true, count, unkeyed: { count: unkeyed, sealId } } : { ok: true, count };
}

/** The number of events and the hash of the last one: what a checkpoint records. */
export function auditHead(db: Conn): Checkpoint {
  const count = db.select({ n: sql<number>`count(*)` }).from(auditEvents).get()?.n ?? 0;
  const last = db.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
  return { count, hash: last?.hash ?? GENESIS };
}

export type CheckpointResult = { ok: true; id: number | null } | { ok: false; reason: string };

/**
 * Whether the trail still holds the checkpoint's event: a trail cut short has fewer events than
 * the checkpoint counted, or a different event in its place.
 */
export function checkAgainstCheckpoint(sqlite: Database.Database, checkpoint: ParsedCheckpoint): CheckpointResult {
  const total = (sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n;
  if (checkpoint.kind === "hash") {
    const row = sqlite.prepare("select id from audit_events where hash = ?").get(checkpoint.hash) as { id: number } | undefined;
    if (row) return { ok: true, id: row.id };
    if (checkpoint.hash === GENESIS) return { ok: true, id: null };
    return { ok: false, reason: `no event has the checkpoint's hash ${checkpoint.hash}: that event and any after it have been removed or rewritten` };
  }
  const { count, hash } = checkpoint.checkpoint;
  if (total < count) {
    return { ok: false, reason: `the trail has ${total} events but the checkpoint counted ${count}: at least ${count - total} events have been removed from its end` };
  }
  if (count === 0) return hash === GENESIS ? { ok: true, id: null } : { ok: false, reason: "the checkpoint counts no events but names a hash" };
  const row = sqlite.prepare("select id, hash from audit_events order by id limit 1 offset ?").get(count - 1) as { id: number; hash: string };
  if (row.hash !== hash) {
    return { ok: false, reason: `event ${row.id}, the checkpoint's event number ${count}, differs from the checkpoint: events up to it have been removed or rewritten` };
  }
  return { ok: true, id: row.id };
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

export function countAuditEvents(db: DB = getDb()) {
  return db.select({ n: sql<number>`count(*)` }).from(auditEvents).get()?.n ?? 0;
}

/** Every project by name, for the audit trail's project filter (administrators only: it ignores access). */
export function projectsForAuditFilter(db: DB) {
  return db.select({ id: projects.id, name: projects.name }).from(projects).orderBy(asc(projects.name)).all();
}

/** The administrator's audit trail page: one page of events, the project filter's choices, and whether the chain verifies. */
export function auditTrailPage(filter: AuditFilter, db: DB = getDb()) {
  const { events, hasMore } = listAuditEvents(db, filter);
  return { events, hasMore, projects: projectsForAuditFilter(db), verification: verifyAuditChain(getSqlite()) };
}
