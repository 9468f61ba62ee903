import fs from "node:fs";
import path from "node:path";
import { openDatabase, runMigrations } from "../../app/db.server";

export const TEMPLATE = path.resolve("tests/.cache/template.db");

/** Migrates a template database once; each test file works on its own copy of it. */
export default function setup() {
  fs.mkdirSync(path.dirname(TEMPLATE), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE + suffix, { force: true });
  const { sqlite, db } = openDatabase(TEMPLATE);
  runMigrations(db);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}
