import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../support/cli";

const journal = JSON.parse(fs.readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: Array<{ tag: string }> };

describe("waymark migrate", () => {
  it("names the migrations it applied, then says the database is already up to date", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "waymark-migrate-")), "new.db");
    const first = await runCli(["migrate"], { DATABASE_PATH: file });
    expect(first.code).toBe(0);
    const n = journal.entries.length;
    expect(first.stdout).toContain(`Applied ${n} ${n === 1 ? "migration" : "migrations"} to ${file}:`);
    for (const { tag } of journal.entries) expect(first.stdout).toContain(`  ${tag}\n`);

    const again = await runCli(["migrate"], { DATABASE_PATH: file });
    expect(again).toEqual({ code: 0, stdout: `Database ${file} is already up to date.\n`, stderr: "" });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
