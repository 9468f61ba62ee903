// Runs once before the end-to-end workers start: migrates a database and loads the demo into it.
// Each worker then copies this seeded template and serves it with its own server and its own
// loopback SMTP server (see worker-server.ts), so workers run in parallel without sharing state.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const E2E_TEMPLATE = path.resolve(process.env.E2E_DB ?? "tests/.cache/e2e-template.db");

export default async function globalSetup() {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${E2E_TEMPLATE}${suffix}`, { force: true });
  fs.mkdirSync(path.dirname(E2E_TEMPLATE), { recursive: true });
  const env = { ...process.env, DATABASE_PATH: E2E_TEMPLATE, RUN_SCHEDULER: "0", NODE_ENV: "production" as const, SESSION_SECRET: "e2e-session-secret-not-for-production" };
  execFileSync(process.execPath, ["bin/waymark.js", "migrate"], { env, stdio: "inherit" });
  execFileSync(process.execPath, ["bin/waymark.js", "seed", "--demo"], { env, stdio: "inherit" });
  // Fold the WAL into the main file so a plain copy carries everything.
  execFileSync(process.execPath, ["-e", `const D=require("better-sqlite3");const d=new D(process.argv[1]);d.pragma("wal_checkpoint(TRUNCATE)");d.close();`, E2E_TEMPLATE], { stdio: "inherit" });
}
