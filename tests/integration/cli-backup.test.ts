import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { getEnv } from "~/env.server";
import { localSecret, localSecretPath } from "~/utils/local-secret.server";
import { runCli } from "../support/cli";

describe("waymark backup", () => {
  it("copies the database and, beside it, the audit key a restore needs to verify the trail", async () => {
    const key = localSecret(getEnv().DATABASE_PATH, "audit-key");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-backup-"));
    const file = path.join(dir, "copy.db");

    const result = await runCli(["backup", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Backed up to ${file}.`);

    const copy = new Database(file, { readonly: true });
    const migrations = copy.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
    copy.close();
    const journal = JSON.parse(fs.readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: unknown[] };
    expect(migrations.n).toBe(journal.entries.length);

    const copiedKey = localSecretPath(file, "audit-key");
    expect(fs.readFileSync(copiedKey, "utf8").trim()).toBe(key);
    expect(fs.statSync(copiedKey).mode & 0o777).toBe(0o600);
    expect(result.stdout).toContain(copiedKey);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("asks for a file name when none is given", async () => {
    const result = await runCli(["backup"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Name the file to write");
  });
});
