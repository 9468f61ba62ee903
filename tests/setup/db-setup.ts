import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { closeDb } from "../../app/db.server";
import { resetEnvCache } from "../../app/env.server";

// Every test gets a fresh copy of the migrated template: a real SQLite database, never a mock.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-test-"));
let n = 0;
process.env.NODE_ENV = "test";
process.env.APP_URL = "http://localhost:3999";

function freshDatabase() {
  closeDb();
  const file = path.join(dir, `test-${++n}.db`);
  fs.copyFileSync(path.resolve("tests/.cache/template.db"), file);
  process.env.DATABASE_PATH = file;
  resetEnvCache();
}
freshDatabase();

// console.error during a test fails it: it means something went wrong that nothing asserted.
let errors: unknown[][] = [];
beforeEach(() => {
  freshDatabase();
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called during the test:\n${errors.map((e) => e.join(" ")).join("\n")}`);
});

afterAll(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
