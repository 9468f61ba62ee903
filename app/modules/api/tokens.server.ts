// Personal access tokens: made and revoked on the person's account page, both audited; checked
// on every API request. Only the sha256 of a token is kept.
import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import { apiTokens, people, users } from "#db/schema";
import { getDb, write } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { isIsoDate } from "~/utils/dates";
import { notFound, UserInputError } from "~/utils/errors";
import { displayPrefix, hashToken, newToken } from "./tokens";

export const MAX_TOKEN_DAYS = 366;

export function listTokens(userId: number) {
  return getDb()
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, expiresOn: apiTokens.expiresOn, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.id))
    .all();
}

/** Makes a token; the token itself is returned this once and never again. */
export function createToken({ actor, userId, name, expiresOn, today }: { actor: Actor; userId: number; name: string; expiresOn: string; today: string }) {
  const clean = name.trim();
  if (!clean) throw new UserInputError({ name: "Enter a name for the token, such as “Power BI dashboard”" });
  if (clean.length > 80) throw new UserInputError({ name: "The name must be 80 characters or fewer" });
  if (!isIsoDate(expiresOn) || expiresOn <= today) throw new UserInputError({ expiresOn: "The expiry date must be a real date after today" });
  const limit = new Date(Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10) + MAX_TOKEN_DAYS)).toISOString().slice(0, 10);
  if (expiresOn > limit) throw new UserInputError({ expiresOn: `The expiry date must be within a year (by ${limit})` });
  const token = newToken();
  const row = write((tx) => {
    const created = tx.insert(apiTokens).values({ userId, name: clean, tokenHash: hashToken(token), prefix: displayPrefix(token), expiresOn }).returning().get();
    recordAudit(tx, { actor, event: "api_token.create", entityType: "api_token", entityId: created.id, after: { name: clean, prefix: created.prefix, expiresOn } });
    return created;
  });
  return { token, id: row.id };
}

export function revokeToken({ actor, userId, tokenId }: { actor: Actor; userId: number; tokenId: number }) {
  write((tx) => {
    const row = tx.select().from(apiTokens).where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId))).get();
    if (!row) notFound("Token not found");
    if (row.revokedAt) return;
    const revokedAt = new Date().toISOString();
    tx.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, tokenId)).run();
    recordAudit(tx, { actor, event: "api_token.revoke", entityType: "api_token", entityId: tokenId, before: { revokedAt: null }, after: { name: row.name, revokedAt } });
  });
}

/** The person a live token acts for (not revoked, not expired, account not disabled), or null. */
export function userForToken(token: string, today: string): (SessionUser & { tokenId: number }) | null {
  const row = getDb()
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, id: users.id, personId: users.personId, email: users.email, isAdmin: users.isAdmin, name: people.name, initials: people.initials })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(people, eq(people.id, users.personId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), gte(apiTokens.expiresOn, today), sql`${users.disabledAt} is null`))
    .get();
  if (!row) return null;
  // "Last used" is bookkeeping, not a change to anyone's data: written at most once a minute per token.
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > 60_000)
    write((tx) => tx.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, row.tokenId)).run());
  const { lastUsedAt: _l, ...user } = row;
  return user as SessionUser & { tokenId: number };
}
