// Personal access tokens for the read-only API (/api/v1). Only the sha256 of a token is stored:
// the token itself is shown once, when it is made. A token acts as its person, seeing exactly
// what they may see, until it expires or is revoked.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../schema";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** sha256 (hex) of the whole token. */
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters of the token ("wmk_ab12…"), so a person can tell their tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: text("created_at").notNull().default(now),
    /** Calendar date (YYYY-MM-DD) after which the token no longer works. */
    expiresOn: text("expires_on").notNull(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);
