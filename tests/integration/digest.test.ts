import { eq } from "drizzle-orm";
import * as s from "#db/schema";
import { getDb, write } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { main } from "~/cli/main";
import { digestHasRun, runDigest } from "~/modules/digest/service.server";
import { createBenefit, recordActual, setBaseline } from "~/modules/benefit/service.server";
import { setCycle } from "~/modules/report/cycle.server";
import { systemActor } from "~/modules/audit/actor";
import { digestTick } from "~/modules/digest/scheduler.server";
import * as f from "../../seeds/factories";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";

const AS_OF = "2026-03-20";

function world() {
  return write((tx) => {
    const pilot = f.createProject(tx, { slug: "pilot", name: "Pilot" });
    const other = f.createProject(tx, { slug: "other", name: "Other project" });
    const ben = f.createPerson(tx, { name: "Ben Turner", email: "ben@example.org" });
    const xena = f.createPerson(tx, { name: "Xena Field", email: "xena@example.org" });
    const calm = f.createPerson(tx, { name: "Cal Calm", email: "cal@example.org" });
    const noEmail = f.createPerson(tx, { name: "No Email", email: null });
    const team = f.createTeam(tx, { name: "CSIP project team" }, [ben.id]);
    const overdue = f.createAction(tx, pilot.id, {
      ref: "4.2",
      title: "Survey customers",
      dueDate: "2026-03-10",
      ownerPersonIds: [ben.id],
    });
    const teamBlocked = f.createAction(tx, pilot.id, {
      ref: "4.3",
      title: "Redesign the form",
      status: "blocked",
      blockedReason: "Waiting for legal",
      dueDate: "2026-12-01",
      ownerTeamIds: [team.id],
    });
    const bensCalm = f.createAction(tx, pilot.id, { ref: "4.4", title: "Nothing wrong", dueDate: "2026-12-01", ownerPersonIds: [ben.id] });
    const bensDone = f.createAction(tx, pilot.id, {
      ref: "4.5",
      title: "Done and dusted",
      dueDate: "2026-01-01",
      status: "done",
      ownerPersonIds: [ben.id],
    });
    const xenas = f.createAction(tx, other.id, { ref: "7", title: "Xena's overdue", dueDate: "2026-03-01", ownerPersonIds: [xena.id] });
    f.createAction(tx, other.id, { ref: "8", title: "Cal's fine action", dueDate: "2026-12-01", ownerPersonIds: [calm.id] });
    f.createAction(tx, other.id, { ref: "9", title: "Nobody can be mailed", dueDate: "2026-03-01", ownerPersonIds: [noEmail.id] });
    return { pilot, other, ben, xena, calm, team, overdue, teamBlocked, bensCalm, bensDone, xenas };
  });
}

const addressOf = (m: { to?: unknown }) => {
  const to = Array.isArray(m.to) ? m.to[0] : m.to;
  return (to as { value: Array<{ address: string }> }).value[0]!.address;
};

describe("the morning digest", () => {
  let smtp: TestSmtpServer | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  it("arrives once per person with only their flagged actions; a second run sends nothing; nobody without flags gets mail", async () => {
    const w = world();
    smtp = await startSmtpServer();
    const first = await runDigest({ asOf: AS_OF });
    expect(first.delivered.map((r) => r.email).sort()).toEqual(["ben@example.org", "xena@example.org"]);

    const bens = await smtp.waitFor((m) => addressOf(m) === "ben@example.org");
    const xenas = await smtp.waitFor((m) => addressOf(m) === "xena@example.org");
    expect(bens.subject).toBe("Waymark: 2 flagged actions for 20 March 2026");
    expect(bens.text).toContain("4.2 Survey customers (Pilot)");
    expect(bens.text).toContain("Overdue 10 days");
    expect(bens.text).toContain("4.3 Redesign the form (Pilot)"); // owned through his team
    expect(bens.text).toContain(`http://localhost:3999/projects/pilot/actions/${w.overdue.id}`);
    expect(String(bens.html)).toContain(`href="http://localhost:3999/projects/pilot/actions/${w.teamBlocked.id}"`);
    for (const notHis of ["Nothing wrong", "Done and dusted", "Xena's overdue", "Nobody can be mailed"])
      expect(bens.text).not.toContain(notHis);
    expect(xenas.text).toContain("7 Xena's overdue");
    expect(xenas.text).not.toContain("Survey customers");

    const second = await runDigest({ asOf: AS_OF });
    expect(second.delivered).toEqual([]);
    expect(second.recipients.map((r) => r.outcome)).toEqual(["duplicate", "duplicate"]);
    // A later, different message proves the server was listening while the second run sent nothing.
    const { sendMail } = await import("~/modules/mail/mailer.server");
    await sendMail({ to: "probe@example.org", subject: "Probe", text: "x", html: "<p>x</p>" });
    await smtp.waitFor((m) => m.subject === "Probe");
    expect(smtp.messages.map(addressOf).sort()).toEqual(["ben@example.org", "probe@example.org", "xena@example.org"]);

    const runs = getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, "digest.run")).all();
    expect(runs).toHaveLength(2);
    expect(JSON.parse(runs[0]!.meta!).delivered).toHaveLength(2);
    expect(JSON.parse(runs[1]!.meta!).delivered).toHaveLength(0);
    expect(digestHasRun(AS_OF)).toBe(true);
  });

  it("sends nothing at all when nothing is flagged, and a dry run sends and records nothing", async () => {
    write((tx) => {
      const project = f.createProject(tx);
      const cal = f.createPerson(tx, { name: "Quiet Person", email: "quiet@example.org" });
      f.createAction(tx, project.id, { ref: "1", dueDate: "2026-12-01", ownerPersonIds: [cal.id] });
      f.createAction(tx, project.id, { ref: "2", dueDate: "2026-01-01" }); // overdue and unowned: flagged, but nobody to tell
    });
    smtp = await startSmtpServer();
    const quiet = await runDigest({ asOf: "2026-06-01" });
    expect(quiet.recipients).toEqual([]);
    expect(smtp.messages).toEqual([]);
    world();
    const dry = await runDigest({ asOf: AS_OF, dryRun: true });
    expect(dry.recipients.map((r) => r.outcome)).toEqual(["dry-run", "dry-run"]);
    expect(getDb().select().from(s.outbox).all()).toEqual([]);
    expect(smtp.messages).toEqual([]);
    expect(digestHasRun(AS_OF)).toBe(false);
  });

  it("runs from the scheduler once a day after DIGEST_TIME in Europe/London", async () => {
    world();
    process.env.DIGEST_TIME = "07:00";
    process.env.SMTP_URL = "";
    resetEnvCache();
    try {
      // 20 March 2026 is GMT: London time equals UTC.
      expect(await digestTick(new Date("2026-03-20T06:59:00Z"))).toBe("not-yet");
      expect(await digestTick(new Date("2026-03-20T07:01:00Z"))).toBe("ran");
      expect(await digestTick(new Date("2026-03-20T09:00:00Z"))).toBe("already-ran");
      expect(
        getDb()
          .select()
          .from(s.outbox)
          .all()
          .map((m) => m.dedupeKey)
          .sort()
      ).toHaveLength(2);
      // In summer London is an hour ahead: 06:30 UTC is 07:30 BST.
      expect(await digestTick(new Date("2026-07-01T05:59:00Z"))).toBe("not-yet");
      expect(await digestTick(new Date("2026-07-01T06:30:00Z"))).toBe("ran");
    } finally {
      delete process.env.DIGEST_TIME;
      resetEnvCache();
    }
  });

  it("can be run by hand with waymark digest", async () => {
    world();
    process.env.SMTP_URL = "";
    resetEnvCache();
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
    expect(await main(["digest", "--as-of", AS_OF, "--dry-run"], io)).toBe(0);
    expect(lines.join("\n")).toContain("Ben Turner <ben@example.org>: would send, 2 flagged actions");
    expect(getDb().select().from(s.outbox).all()).toEqual([]);
    lines.length = 0;
    expect(await main(["digest", "--as-of", AS_OF], io)).toBe(0);
    expect(lines.at(-1)).toBe(`Digest as of ${AS_OF}: 2 sent, 0 not sent.`);
    expect(
      getDb()
        .select()
        .from(s.outbox)
        .all()
        .map((m) => m.to)
        .sort()
    ).toEqual(["ben@example.org", "xena@example.org"]);
    expect(await main(["digest", "--as-of", "20/03/2026"], io)).toBe(2);
  });
});

describe("the morning digest: benefits and reports", () => {
  let smtp: TestSmtpServer | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  /** A monthly benefit of the project owned by the person, measured last on `since`. */
  function benefit(projectId: number, ownerPersonId: number, name: string, since: string) {
    const actor = systemActor("test");
    const b = createBenefit({ actor, projectId, input: { name, description: "", unit: "count", direction: "higher", frequency: "monthly", ownerPersonId, source: "", tolerance: 0, series: ["joint"] } });
    const seriesId = getDb().select().from(s.benefitSeries).where(eq(s.benefitSeries.benefitId, b.id)).get()!.id;
    setBaseline({ actor, projectId, benefitId: b.id, input: { seriesId, baselineValue: 10, baselineDate: "2025-12-31", baselineLabel: "" } });
    recordActual({ actor, projectId, benefitId: b.id, input: { seriesId, measuredOn: since, value: 12, comment: "", correctsId: null } });
    return b;
  }

  it("tells owners of benefits whose measurement is due and managers of projects whose report is overdue, only for projects they may see", async () => {
    const w = world();
    const people = write((tx) => {
      const mia = f.createPerson(tx, { name: "Mia Manager", email: "mia@example.org" });
      const nora = f.createPerson(tx, { name: "Nora Named", email: "nora@example.org" });
      const olly = f.createPerson(tx, { name: "Olly Outside", email: "olly@example.org" });
      f.addRole(tx, w.pilot.id, mia.id, "manager");
      f.addRole(tx, w.other.id, olly.id, "reader");
      // Nora is named the manager of Other on the project record, with no role there: she may not see it.
      tx.update(s.projects).set({ managerPersonId: nora.id }).where(eq(s.projects.id, w.other.id)).run();
      return { mia, nora, olly };
    });
    const actor = systemActor("test");
    // Monthly highlight reports due on the 5th: February's was due 5 March and nobody published it.
    setCycle({ actor, projectId: w.pilot.id, frequency: "monthly", dueDay: 5, startDate: "2026-01-01" });
    setCycle({ actor, projectId: w.other.id, frequency: "monthly", dueDay: 5, startDate: "2026-01-01" });
    const due = benefit(w.pilot.id, people.mia.id, "Calls answered first time", "2026-01-31");
    benefit(w.pilot.id, people.mia.id, "Recently measured", "2026-03-01");
    benefit(w.pilot.id, people.olly.id, "Olly's benefit in a project he cannot see", "2026-01-31");
    const ollys = benefit(w.other.id, people.olly.id, "Letters answered in 7 days", "2026-01-31");

    smtp = await startSmtpServer();
    const result = await runDigest({ asOf: AS_OF });
    expect(result.delivered.map((r) => r.email).sort()).toEqual(["ben@example.org", "mia@example.org", "olly@example.org", "xena@example.org"]);

    const mias = await smtp.waitFor((m) => addressOf(m) === "mia@example.org");
    expect(mias.subject).toBe("Waymark: 1 measurement due and 1 report overdue for 20 March 2026");
    expect(mias.text).toContain("Benefit measurements due");
    expect(mias.text).toContain("* Calls answered first time (Pilot)");
    expect(mias.text).toContain("Measurement due: Joint nothing recorded for 48 days");
    expect(mias.text).toContain(`http://localhost:3999/projects/pilot/benefits/${due.id}`);
    expect(mias.text).not.toContain("Recently measured");
    expect(mias.text).toContain("Progress reports overdue");
    expect(mias.text).toContain("Report overdue: the highlight report for February 2026 was due 2026-03-05 (15 days ago)");
    expect(mias.text).toContain("http://localhost:3999/projects/pilot/reports");
    expect(mias.text).not.toContain("All your actions"); // she owns no flagged action
    expect(String(mias.html)).toContain(`href="http://localhost:3999/projects/pilot/benefits/${due.id}"`);
    expect(String(mias.html)).toContain("<h2");

    const ollies = await smtp.waitFor((m) => addressOf(m) === "olly@example.org");
    expect(ollies.subject).toBe("Waymark: 1 measurement due for 20 March 2026");
    expect(ollies.text).toContain(`/projects/other/benefits/${ollys.id}`);
    expect(ollies.text).not.toContain("cannot see");
    expect(ollies.text).not.toContain("Report overdue"); // a reader, not a manager

    // Ben's digest still reads as an action digest; Nora, named manager of a project she may not see, gets nothing.
    const bens = await smtp.waitFor((m) => addressOf(m) === "ben@example.org");
    expect(bens.subject).toBe("Waymark: 2 flagged actions for 20 March 2026");
    expect(smtp.messages.map(addressOf)).not.toContain("nora@example.org");

    const run = getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, "digest.run")).get()!;
    expect(JSON.parse(run.meta!).delivered).toContainEqual({ personId: people.mia.id, actions: [], benefits: [due.id], reports: [w.pilot.id] });
  });

  it("lists benefits and reports in the command line's dry run", async () => {
    const w = world();
    const mia = write((tx) => {
      const p = f.createPerson(tx, { name: "Mia Manager", email: "mia@example.org" });
      f.addRole(tx, w.pilot.id, p.id, "manager");
      return p;
    });
    benefit(w.pilot.id, mia.id, "Calls answered first time", "2026-01-31");
    setCycle({ actor: systemActor("test"), projectId: w.pilot.id, frequency: "monthly", dueDay: 5, startDate: "2026-01-01" });
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
    expect(await main(["digest", "--as-of", AS_OF, "--dry-run"], io)).toBe(0);
    const out = lines.join("\n");
    expect(out).toContain("Mia Manager <mia@example.org>: would send, 0 flagged actions, 1 benefit measurement due, 1 report overdue");
    expect(out).toContain("  Pilot benefit Calls answered first time: Measurement due: Joint nothing recorded for 48 days");
    expect(out).toContain("  Pilot: Report overdue");
  });
});
