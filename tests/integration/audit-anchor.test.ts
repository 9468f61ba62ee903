// The audit chain is keyed (a copy of the database cannot recompute it) and anchored (a checkpoint
// kept elsewhere shows events removed from the end).
import { createHash } from "node:crypto";
import fs from "node:fs";
import { getDb, getSqlite, write } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { systemActor } from "~/modules/audit/actor";
import { formatCheckpoint, parseCheckpoint } from "~/modules/audit/chain";
import { runDailyCheckpoint } from "~/modules/audit/checkpoint.server";
import { auditHead, auditKey, checkAgainstCheckpoint, recordAudit, verifyAuditChain } from "~/modules/audit/service.server";
import { createUser } from "../../seeds/factories";
import { runCli } from "../support/cli";
import { startSmtpServer } from "../support/smtp";

function addEvents(n: number) {
  for (let i = 0; i < n; i++) {
    write((tx) => recordAudit(tx, { actor: systemActor("test"), event: "thing.update", entityType: "thing", entityId: i, after: { n: i } }));
  }
}

/** The waymark command line, run in this process (tests/support/cli.ts). */
async function waymark(args: string[], env: Record<string, string> = {}) {
  const { code, stdout, stderr } = await runCli(args, env);
  return { status: code, stdout, stderr };
}

/** What someone holding only the database file can do: remove the guards, then change rows. */
function asAttacker(sql: string, ...params: unknown[]) {
  const sqlite = getSqlite();
  sqlite.exec("drop trigger if exists audit_events_no_update; drop trigger if exists audit_events_no_delete;");
  sqlite.prepare(sql).run(...params);
}

type Row = { id: number; at: string; actorUserId: number | null; actor: string; event: string; entityType: string; entityId: string | null; projectId: number | null; before: string | null; after: string | null; meta: string | null };
const rowsOf = () =>
  getSqlite()
    .prepare("select id, at, actor_user_id as actorUserId, actor, event, entity_type as entityType, entity_id as entityId, project_id as projectId, before, after, meta from audit_events order by id")
    .all() as Row[];
const contentOf = (r: Row) => JSON.stringify([r.at, r.actorUserId, r.actor, r.event, r.entityType, r.entityId, r.projectId, r.before, r.after, r.meta]);
const sha = (prev: string, content: string) => createHash("sha256").update(prev).update("\n").update(content).digest("hex");

/** Rewrites every hash as the old unkeyed chain did: possible for anyone with the file. */
function recomputeUnkeyed() {
  let prev = "0".repeat(64);
  for (const r of rowsOf()) {
    const hash = sha(prev, contentOf(r));
    asAttacker("update audit_events set prev_hash = ?, hash = ? where id = ?", prev, hash, r.id);
    prev = hash;
  }
}

describe("keyed audit chain", () => {
  it("keys each event with the install's key, kept beside the database and owner-only", () => {
    addEvents(3);
    const file = `${process.env.DATABASE_PATH}.audit-key`;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(verifyAuditChain(getSqlite())).toEqual({ ok: true, count: 3 });
    // The key is nowhere in the database.
    const key = auditKey();
    expect(fs.readFileSync(process.env.DATABASE_PATH!).includes(Buffer.from(key))).toBe(false);
  });

  it("detects a chain recomputed without the key, naming its first event", () => {
    addEvents(4);
    const first = rowsOf()[0]!.id;
    recomputeUnkeyed();
    const result = verifyAuditChain(getSqlite());
    expect(result).toMatchObject({ ok: false, brokenId: first });
    expect(result.ok ? "" : result.reason).toMatch(/plain SHA-256/);
    // The app's next write does not launder it: the trail was keyed, so it is not an old one to seal.
    addEvents(1);
    expect(verifyAuditChain(getSqlite()).ok).toBe(false);
  });

  it("detects an event rewritten with a guessed key, naming it", () => {
    addEvents(4);
    const target = rowsOf()[2]!;
    asAttacker("update audit_events set after = '{\"n\":99}' where id = ?", target.id);
    expect(verifyAuditChain(getSqlite())).toMatchObject({ ok: false, brokenId: target.id, reason: expect.stringMatching(/keyed hash/) });
  });

  it("says clearly when the key is wrong", async () => {
    addEvents(3);
    const result = await waymark(["audit", "verify"], { AUDIT_KEY: "a-different-key-that-is-long-enough-0123456789" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Wrong audit key/);
    expect(result.stderr).toMatch(/AUDIT_KEY/);
  });

  it("uses AUDIT_KEY when it is set, instead of the key file", () => {
    process.env.AUDIT_KEY = "k".repeat(40);
    resetEnvCache();
    try {
      addEvents(2);
      expect(auditKey()).toBe("k".repeat(40));
      expect(verifyAuditChain(getSqlite())).toEqual({ ok: true, count: 2 });
      expect(verifyAuditChain(getSqlite(), "x".repeat(40))).toMatchObject({ ok: false, wrongKey: true });
    } finally {
      delete process.env.AUDIT_KEY;
      resetEnvCache();
    }
  });

  it("accepts a trail written before keying once a keyed event seals it, and still names tampering in it", () => {
    // Three events hashed the old way, as an existing install has them.
    insertUnkeyed(3);
    const sqlite = getSqlite();
    // Unsealed, an unkeyed trail is not vouched for.
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: false, brokenId: 1 });
    addEvents(2);
    const events = rowsOf().map((r) => r.event);
    expect(events).toEqual(["thing.update", "thing.update", "thing.update", "audit.keyed", "thing.update", "thing.update"]);
    expect(verifyAuditChain(sqlite)).toEqual({ ok: true, count: 6, unkeyed: { count: 3, sealId: 4 } });
    addEvents(1);
    expect(rowsOf().filter((r) => r.event === "audit.keyed")).toHaveLength(1);
    // Recomputing the old events after changing one breaks the seal's link: the seal vouches for them.
    asAttacker("update audit_events set after = '{\"n\":20}' where id = 2");
    recomputePrefix(3);
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: false, brokenId: 4 });
  });
});

/** Events hashed the old, unkeyed way, as an install written by an older Waymark has them. */
function insertUnkeyed(n: number) {
  const sqlite = getSqlite();
  let prev = "0".repeat(64);
  for (let i = 1; i <= n; i++) {
    const r: Row = { id: i, at: `2026-01-0${i}T00:00:00.000Z`, actorUserId: null, actor: "old", event: "thing.update", entityType: "thing", entityId: String(i), projectId: null, before: null, after: `{"n":${i}}`, meta: "{}" };
    const hash = sha(prev, contentOf(r));
    sqlite
      .prepare("insert into audit_events (id, at, actor_user_id, actor, event, entity_type, entity_id, project_id, before, after, meta, prev_hash, hash) values (?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .run(r.id, r.at, r.actorUserId, r.actor, r.event, r.entityType, r.entityId, r.projectId, r.before, r.after, r.meta, prev, hash);
    prev = hash;
  }
}

function recomputePrefix(upTo: number) {
  let prev = "0".repeat(64);
  for (const r of rowsOf().filter((x) => x.id <= upTo)) {
    const hash = sha(prev, contentOf(r));
    asAttacker("update audit_events set prev_hash = ?, hash = ? where id = ?", prev, hash, r.id);
    prev = hash;
  }
}

describe("upgrading an install with AUDIT_KEY set", () => {
  beforeEach(() => {
    process.env.AUDIT_KEY = "u".repeat(48);
    resetEnvCache();
  });
  afterEach(() => {
    delete process.env.AUDIT_KEY;
    resetEnvCache();
  });

  it("seals the old unkeyed events only when the administrator runs `waymark audit seal`", async () => {
    insertUnkeyed(2);
    const sealed = await waymark(["audit", "seal"]);
    expect(sealed.stdout).toMatch(/Sealed: the 2 unkeyed events/);
    expect((await waymark(["audit", "seal"])).stdout).toMatch(/Nothing to seal/);
    addEvents(1);
    expect(verifyAuditChain(getSqlite())).toEqual({ ok: true, count: 4, unkeyed: { count: 2, sealId: 3 } });
  });

  it("does not seal them on its own: the app cannot tell them from a trail recomputed without the key", () => {
    insertUnkeyed(2);
    addEvents(1);
    expect(rowsOf().some((r) => r.event === "audit.keyed")).toBe(false);
    expect(verifyAuditChain(getSqlite())).toMatchObject({ ok: false, brokenId: 3, reason: expect.stringMatching(/no audit.keyed event seals/) });
  });
});

describe("audit checkpoints", () => {
  it("`waymark audit head` prints the count, head hash and a signed checkpoint", async () => {
    addEvents(3);
    const head = auditHead(getDb());
    const result = await waymark(["audit", "head"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Events: ${head.count}`);
    expect(result.stdout).toContain(`Head hash: ${head.hash}`);
    expect(result.stdout).toContain(`Checkpoint: ${formatCheckpoint(auditKey(), head)}`);
  });

  it("detects the last events removed, given a checkpoint, though the chain itself still verifies", async () => {
    addEvents(6);
    const signed = formatCheckpoint(auditKey(), auditHead(getDb()));
    expect((await waymark(["audit", "verify", "--checkpoint", signed])).status).toBe(0);
    const ids = rowsOf().map((r) => r.id);
    asAttacker("delete from audit_events where id >= ?", ids[4]);
    // What verify saw before anchoring: a whole chain.
    expect(verifyAuditChain(getSqlite())).toEqual({ ok: true, count: 4 });
    expect(checkAgainstCheckpoint(getSqlite(), parseCheckpoint(signed)!)).toMatchObject({ ok: false, reason: expect.stringMatching(/has 4 events but the checkpoint counted 6/) });
    const result = await waymark(["audit", "verify", "--checkpoint", signed]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/at least 2 events have been removed/);
  });

  it("detects a removed tail refilled with new events, from a checkpoint file or a bare head hash", async () => {
    addEvents(5);
    const head = auditHead(getDb());
    const file = `${process.env.DATABASE_PATH}.checkpoint.txt`;
    fs.writeFileSync(file, `Checkpoint (one line):\n${formatCheckpoint(auditKey(), head)}\n`);
    const last = rowsOf().at(-1)!.id;
    asAttacker("delete from audit_events where id >= ?", last - 1);
    addEvents(3);
    expect(verifyAuditChain(getSqlite()).ok).toBe(true);
    const fromFile = await waymark(["audit", "verify", "--checkpoint", file]);
    expect(fromFile.status).toBe(1);
    expect(fromFile.stderr).toMatch(/checkpoint's event number 5, differs/);
    const fromHash = await waymark(["audit", "verify", "--checkpoint", head.hash]);
    expect(fromHash.status).toBe(1);
    expect(fromHash.stderr).toMatch(/no event has the checkpoint's hash/);
  });

  it("refuses a checkpoint whose signature does not match", async () => {
    addEvents(6);
    const head = auditHead(getDb());
    const signed = formatCheckpoint(auditKey(), head);
    const ids = rowsOf().map((r) => r.id);
    asAttacker("delete from audit_events where id >= ?", ids[4]);
    // A forger lowers the count to match the cut trail, keeping the signature, or signs with a key of their own.
    const fourth = getSqlite().prepare("select hash from audit_events where id = ?").get(ids[3]) as { hash: string };
    const lowered = `4:${fourth.hash}:${signed.split(":")[2]}`;
    const ownKey = formatCheckpoint("m".repeat(64), auditHead(getDb()));
    for (const forged of [lowered, ownKey]) {
      const result = await waymark(["audit", "verify", "--checkpoint", forged]);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/Checkpoint refused: its signature does not match/);
    }
  });

  it("records a signed checkpoint once a day and mails it to each administrator", async () => {
    const smtp = await startSmtpServer();
    try {
      write((tx) => {
        createUser(tx, { email: "admin1@waymark.test", name: "Ada Admin", isAdmin: true });
        createUser(tx, { email: "admin2@waymark.test", name: "Bo Admin", isAdmin: true });
        createUser(tx, { email: "plain@waymark.test", name: "Pat Plain" });
      });
      addEvents(3);
      const head = auditHead(getDb());
      const morning = new Date("2026-11-30T02:00:00Z");
      const first = await runDailyCheckpoint(morning);
      expect(first).toMatchObject({ created: true, emailed: 2, checkpoint: { count: head.count, hash: head.hash } });
      const again = await runDailyCheckpoint(new Date("2026-11-30T15:00:00Z"));
      expect(again).toMatchObject({ created: false, emailed: 0 });
      const checkpoints = rowsOf().filter((r) => r.event === "audit.checkpoint");
      expect(checkpoints.map((c) => c.entityId)).toEqual(["2026-11-30"]);

      await smtp.waitFor((m) => m.subject?.includes("Audit checkpoint") === true && m.to !== undefined);
      const mails = smtp.messages.filter((m) => m.subject?.startsWith("Audit checkpoint"));
      expect(mails.map((m) => (Array.isArray(m.to) ? "" : m.to!.text)).sort()).toEqual(["admin1@waymark.test", "admin2@waymark.test"]);
      const text = mails[0]!.text!;
      expect(text).toContain(`Events: ${head.count}`);
      expect(text).toContain(`Head hash: ${head.hash}`);
      expect(text).toContain("waymark audit verify --checkpoint");
      // The mailed line is what verify takes, and it vouches for the trail as it was.
      const mailed = parseCheckpoint(text);
      expect(mailed).toMatchObject({ kind: "signed", checkpoint: { count: head.count, hash: head.hash } });
      const file = `${process.env.DATABASE_PATH}.mail.txt`;
      fs.writeFileSync(file, text);
      expect((await waymark(["audit", "verify", "--checkpoint", file])).status).toBe(0);

      const nextDay = await runDailyCheckpoint(new Date("2026-12-01T02:00:00Z"));
      expect(nextDay).toMatchObject({ created: true, emailed: 2 });
      expect(rowsOf().filter((r) => r.event === "audit.checkpoint").map((c) => c.entityId)).toEqual(["2026-11-30", "2026-12-01"]);
    } finally {
      await smtp.close();
    }
  });
});
