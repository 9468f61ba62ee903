import { getSqlite, write } from "~/db.server";
import { systemActor } from "~/modules/audit/actor";
import { recordAudit, verifyAuditChain } from "~/modules/audit/service.server";
import { cliOutput, runCli } from "../support/cli";

function addEvents(n: number) {
  for (let i = 0; i < n; i++) {
    write((tx) =>
      recordAudit(tx, { actor: systemActor("test"), event: "thing.update", entityType: "thing", entityId: i, before: { n: i }, after: { n: i + 1 } }),
    );
  }
}

describe("audit trail", () => {
  it("chains every event to the one before it and verifies whole", () => {
    addEvents(5);
    const result = verifyAuditChain(getSqlite());
    expect(result).toEqual({ ok: true, count: 5 });
  });

  it("refuses UPDATE and DELETE on audit events", () => {
    addEvents(1);
    expect(() => getSqlite().prepare("update audit_events set actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => getSqlite().prepare("delete from audit_events").run()).toThrow(/append-only/);
  });

  it("names the first event whose stored content was changed", () => {
    addEvents(4);
    const sqlite = getSqlite();
    // An attacker with the file drops the trigger and changes one byte of event 3.
    sqlite.exec("drop trigger audit_events_no_update");
    sqlite.prepare("update audit_events set after = replace(after, '3', '4') where id = 3").run();
    const result = verifyAuditChain(sqlite);
    expect(result).toMatchObject({ ok: false, brokenId: 3 });
  });

  it("`waymark audit verify` exits non-zero naming the broken event", async () => {
    addEvents(2);
    const file = process.env.DATABASE_PATH!;
    const ok = await cliOutput(["audit", "verify"], { DATABASE_PATH: file });
    expect(ok).toMatch(/intact/);
    const sqlite = getSqlite();
    const last = sqlite.prepare("select max(id) as id from audit_events").get() as { id: number };
    sqlite.exec("drop trigger if exists audit_events_no_update");
    sqlite.prepare("update audit_events set actor = 'someone else' where id = ?").run(last.id);
    const { code, stderr } = await runCli(["audit", "verify"], { DATABASE_PATH: file });
    expect(code).toBe(1);
    expect(stderr).toContain(`event ${last.id}`);
  });
});
