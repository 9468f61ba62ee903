// Counters for slowing down guessing (sign-in, ballot links), kept by rate-limiter-flexible's
// SQLite store over Waymark's own connection, so every app process sharing the database shares
// them and they survive a restart. Keys are "<limiter>:<account|address>"; expire is epoch ms.
// The shape is the one rate-limiter-flexible expects (see RateLimiterSQLite).
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    points: integer("points").notNull().default(0),
    expire: integer("expire"),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);
