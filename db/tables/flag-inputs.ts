// One row, one number: bumped by triggers (hand-written in migration 0013) on every insert, update
// and delete of what the flag rules read (actions, their owners, notes and due-date moves,
// milestones, dependencies, projects), in the writing transaction, whichever process writes.
// The flags cache (app/modules/action/flags-cache.server.ts) keys on it; docs/decisions/0010.
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

export const flagInputsVersion = sqliteTable("flag_inputs_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull().default(0),
});
