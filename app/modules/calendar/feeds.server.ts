// Calendar feed tokens: a 256-bit random secret per person per feed, shown once, stored only as
// its sha256. Named, revocable and regenerable; every change audited in its transaction. A feed is
// built for the token's owner as they are now: a revoked token, a disabled account or a feed the
// owner may no longer have answers null (404), and items leave the feed when access goes.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import { feedTokens, people, programmeRoles, programmes, projects, users, type FeedKind } from "#db/schema";
import { getDb, write } from "~/db.server";
import { todayInLondon } from "~/modules/action/rules";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { projectAccess, visibleProgrammes } from "~/modules/auth/access.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { notFound, UserInputError } from "~/utils/errors";
import { loadEvents, type EventScope } from "./events.server";
import { buildIcs } from "./ics";

export const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type FeedTarget = { kind: "personal" } | { kind: "project"; projectId: number } | { kind: "programme"; programmeId: number };

const feedKeyOf = (t: FeedTarget) => (t.kind === "personal" ? "personal" : t.kind === "project" ? `project:${t.projectId}` : `programme:${t.programmeId}`);

/** Project feeds for the project's managers, programme feeds for the programme's; one's own for everyone. */
export function mayHaveFeed(user: SessionUser, target: FeedTarget): boolean {
  const db = getDb();
  if (target.kind === "personal") return true;
  if (target.kind === "project") {
    const project = db.select().from(projects).where(eq(projects.id, target.projectId)).get();
    return !!project && !!projectAccess(user, project)?.canManage;
  }
  if (user.isAdmin) return !!db.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, target.programmeId)).get();
  return !!db
    .select({ id: programmeRoles.id })
    .from(programmeRoles)
    .where(and(eq(programmeRoles.programmeId, target.programmeId), eq(programmeRoles.personId, user.personId), eq(programmeRoles.role, "manager")))
    .get();
}

/** The feeds a person may subscribe to, each with its live token's details if they have one. */
export function feedChoices(user: SessionUser) {
  const db = getDb();
  const live = db
    .select({ id: feedTokens.id, feedKey: feedTokens.feedKey, name: feedTokens.name, createdAt: feedTokens.createdAt })
    .from(feedTokens)
    .where(and(eq(feedTokens.personId, user.personId), isNull(feedTokens.revokedAt)))
    .all();
  const byKey = new Map(live.map((t) => [t.feedKey, t]));
  const choices: Array<{ target: FeedTarget; label: string; token: (typeof live)[number] | null }> = [{ target: { kind: "personal" }, label: "My items", token: byKey.get("personal") ?? null }];
  for (const p of db.select().from(projects).orderBy(asc(projects.name)).all()) {
    const target: FeedTarget = { kind: "project", projectId: p.id };
    if (projectAccess(user, p)?.canManage) choices.push({ target, label: `Project: ${p.name}`, token: byKey.get(feedKeyOf(target)) ?? null });
  }
  for (const g of visibleProgrammes(user)) {
    const target: FeedTarget = { kind: "programme", programmeId: g.id };
    if (mayHaveFeed(user, target)) choices.push({ target, label: `Programme: ${g.name}`, token: byKey.get(feedKeyOf(target)) ?? null });
  }
  return choices;
}

function insertToken(tx: Parameters<Parameters<typeof write>[0]>[0], user: SessionUser, target: FeedTarget, name: string) {
  const token = randomBytes(32).toString("base64url");
  const row = tx
    .insert(feedTokens)
    .values({
      userId: user.id,
      personId: user.personId,
      kind: target.kind,
      projectId: target.kind === "project" ? target.projectId : null,
      programmeId: target.kind === "programme" ? target.programmeId : null,
      feedKey: feedKeyOf(target),
      name,
      tokenHash: hashFeedToken(token),
    })
    .returning()
    .get();
  return { token, row };
}

export function createFeedToken({ actor, user, target, name }: { actor: Actor; user: SessionUser; target: FeedTarget; name: string }) {
  if (!mayHaveFeed(user, target)) notFound("Feed not found");
  return write((tx) => {
    const existing = tx
      .select({ id: feedTokens.id })
      .from(feedTokens)
      .where(and(eq(feedTokens.personId, user.personId), eq(feedTokens.feedKey, feedKeyOf(target)), isNull(feedTokens.revokedAt)))
      .get();
    if (existing) throw new UserInputError({ feed: "You already have a link for this calendar: make a new one or turn it off" });
    const created = insertToken(tx, user, target, name);
    recordAudit(tx, {
      actor,
      event: "feed_token.create",
      entityType: "feed_token",
      entityId: created.row.id,
      projectId: target.kind === "project" ? target.projectId : null,
      after: { feed: created.row.feedKey, name },
    });
    return created;
  });
}

function ownLiveToken(tx: Parameters<Parameters<typeof write>[0]>[0], user: SessionUser, tokenId: number) {
  const row = tx
    .select()
    .from(feedTokens)
    .where(and(eq(feedTokens.id, tokenId), eq(feedTokens.personId, user.personId), isNull(feedTokens.revokedAt)))
    .get();
  if (!row) notFound("Calendar link not found");
  return row;
}

/** Revokes the old token and makes a new one with the same name, in one transaction. */
export function regenerateFeedToken({ actor, user, tokenId }: { actor: Actor; user: SessionUser; tokenId: number }) {
  return write((tx) => {
    const old = ownLiveToken(tx, user, tokenId);
    const target: FeedTarget = old.kind === "personal" ? { kind: "personal" } : old.kind === "project" ? { kind: "project", projectId: old.projectId! } : { kind: "programme", programmeId: old.programmeId! };
    if (!mayHaveFeed(user, target)) notFound("Calendar link not found");
    tx.update(feedTokens).set({ revokedAt: new Date().toISOString() }).where(eq(feedTokens.id, old.id)).run();
    const created = insertToken(tx, user, target, old.name);
    recordAudit(tx, {
      actor,
      event: "feed_token.regenerate",
      entityType: "feed_token",
      entityId: created.row.id,
      projectId: old.projectId,
      before: { id: old.id },
      after: { feed: old.feedKey, name: old.name },
    });
    return created;
  });
}

export function revokeFeedToken({ actor, user, tokenId }: { actor: Actor; user: SessionUser; tokenId: number }) {
  write((tx) => {
    const old = ownLiveToken(tx, user, tokenId);
    tx.update(feedTokens).set({ revokedAt: new Date().toISOString() }).where(eq(feedTokens.id, old.id)).run();
    recordAudit(tx, { actor, event: "feed_token.revoke", entityType: "feed_token", entityId: old.id, projectId: old.projectId, before: { feed: old.feedKey, name: old.name } });
  });
}

/** The token's owner and feed, or null when the token is unknown, revoked or no longer allowed. */
export function resolveFeedToken(token: string): { user: SessionUser; target: FeedTarget; name: string } | null {
  if (!/^[A-Za-z0-9_-]{40,60}$/.test(token)) return null;
  const row = getDb()
    .select({
      kind: feedTokens.kind,
      projectId: feedTokens.projectId,
      programmeId: feedTokens.programmeId,
      name: feedTokens.name,
      userId: users.id,
      personId: users.personId,
      email: users.email,
      isAdmin: users.isAdmin,
      disabledAt: users.disabledAt,
      personName: people.name,
      initials: people.initials,
    })
    .from(feedTokens)
    .innerJoin(users, eq(users.id, feedTokens.userId))
    .innerJoin(people, eq(people.id, users.personId))
    .where(and(eq(feedTokens.tokenHash, hashFeedToken(token)), isNull(feedTokens.revokedAt)))
    .get();
  if (!row || row.disabledAt) return null;
  const user: SessionUser = { id: row.userId, personId: row.personId, email: row.email, name: row.personName, initials: row.initials, isAdmin: row.isAdmin };
  const target: FeedTarget = row.kind === "personal" ? { kind: "personal" } : row.kind === "project" ? { kind: "project", projectId: row.projectId! } : { kind: "programme", programmeId: row.programmeId! };
  if (!mayHaveFeed(user, target)) return null;
  return { user, target, name: row.name };
}

export function scopeOf(target: FeedTarget): EventScope {
  if (target.kind === "personal") return { kind: "personal" };
  if (target.kind === "project") return { kind: "projects", projectIds: [target.projectId], programmeIds: [] };
  const ids = getDb().select({ id: projects.id }).from(projects).where(eq(projects.programmeId, target.programmeId)).all().map((p) => p.id);
  return { kind: "projects", projectIds: ids, programmeIds: [target.programmeId] };
}

/** The ICS body for a token, or null (404). */
export function feedForToken(token: string, appUrl: string, asOf = todayInLondon()): string | null {
  const resolved = resolveFeedToken(token);
  if (!resolved) return null;
  const events = loadEvents({ user: resolved.user, scope: scopeOf(resolved.target), asOf });
  return buildIcs({ name: `Waymark: ${resolved.name}`, events, appUrl });
}

export type { FeedKind };
