// Calendar feed tokens: the secret in a person's ICS feed URL. Only the sha256 of the token is
// stored; one live token per person per feed (a regenerated one revokes the old in the same
// transaction), so a leaked URL is cut off by revoking or regenerating it.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { people, programmes, projects, users } from "../schema";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const FEED_KINDS = ["personal", "project", "programme"] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export const feedTokens = sqliteTable(
  "feed_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    kind: text("kind", { enum: FEED_KINDS }).notNull(),
    projectId: integer("project_id").references(() => projects.id),
    programmeId: integer("programme_id").references(() => programmes.id),
    /** "personal", "project:12" or "programme:3": which feed, for the one-live-token rule. */
    feedKey: text("feed_key").notNull(),
    name: text("name").notNull(),
    /** sha256 (hex) of the 32-byte random token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull().default(now),
    revokedAt: text("revoked_at"),
  },
  (t) => [
    uniqueIndex("feed_tokens_hash_unique").on(t.tokenHash),
    uniqueIndex("feed_tokens_live_unique").on(t.personId, t.feedKey).where(sql`revoked_at is null`),
    index("feed_tokens_person_idx").on(t.personId),
    check(
      "feed_tokens_scope",
      sql`(${t.kind} = 'personal' and ${t.projectId} is null and ${t.programmeId} is null) or (${t.kind} = 'project' and ${t.projectId} is not null and ${t.programmeId} is null) or (${t.kind} = 'programme' and ${t.programmeId} is not null and ${t.projectId} is null)`,
    ),
  ],
);
