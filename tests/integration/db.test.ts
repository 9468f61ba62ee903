import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { getSqlite } from "~/db.server";
import { verifyAuditChain } from "~/modules/audit/service.server";

const run = promisify(execFile);

describe("the database module", () => {
  it("runs with WAL, foreign keys and a busy timeout", () => {
    const sqlite = getSqlite();
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(Number(sqlite.pragma("busy_timeout", { simple: true }))).toBeGreaterThanOrEqual(5000);
  });

  it("lets concurrent writers in separate processes all succeed, keeping the audit chain whole", async () => {
    getSqlite(); // migrate before the writers start
    const writers = 4;
    const each = 60;
    const results = await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        run("node", ["--import", "tsx", "tests/support/concurrent-writer.ts", String(each), `writer-${i}`], {
          env: { ...process.env },
        }),
      ),
    );
    expect(results.map((r) => r.stdout)).toEqual(Array(writers).fill("done"));
    const count = getSqlite().prepare("select count(*) as n from audit_events where event = 'test.write'").get() as { n: number };
    expect(count.n).toBe(writers * each);
    expect(verifyAuditChain(getSqlite())).toEqual({ ok: true, count: writers * each });
  }, 60_000);
});
