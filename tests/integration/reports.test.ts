import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as schema from "#db/schema";
import { getDb, getSqlite, write } from "~/db.server";
import { addDays, todayInLondon } from "~/modules/action/rules";
import { systemActor } from "~/modules/audit/actor";
import { viewerFor } from "~/modules/auth/access.server";
import { createReportLink, hashReportToken } from "~/modules/report/links.server";
import { REPORT_LINKS } from "~/modules/throttle/policy";
import { overdueReports, setCycle } from "~/modules/report/cycle.server";
import { createReport, publishReport, readSnapshot, startCorrection, updateDraft } from "~/modules/report/service.server";
import type { HighlightContent } from "~/modules/report/content";
import { readEdits } from "~/modules/report/edits";
import { loader as publicLoader } from "~/routes/published.$token";
import { loader as publicPdf } from "~/routes/published.$token[.]pdf";
import { action as reportActionRoute, loader as reportLoader } from "~/routes/projects.$slug.reports.$reportId._index";
import { action as editActionRoute } from "~/routes/projects.$slug.reports.$reportId.edit";
import { loader as listLoader } from "~/routes/projects.$slug.reports._index";
import { loader as programmeListLoader } from "~/routes/programmes.$slug.reports._index";
import * as flaggedRoute from "~/routes/programmes.$slug.flagged";
import * as f from "../../seeds/factories";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { call, requestAs } from "../utils";

const today = todayInLondon();
const period = { from: addDays(today, -30), to: today };

function build() {
  return write((tx) => {
    const programme = f.createProgramme(tx);
    const ours = f.createProject(tx, { programmeId: programme.id, name: "Home working", endDate: addDays(today, 60), timeToleranceDays: 30 });
    const theirs = f.createProject(tx, { programmeId: programme.id, name: "Partnership" });
    const manager = f.createUser(tx, { name: "Mo Manager" });
    const partner = f.createUser(tx, { name: "Pat Partner" });
    const reader = f.createUser(tx, { name: "Cllr Reader" });
    const boardMember = f.createPerson(tx, { name: "Bea Board", email: "bea@example.test" });
    f.addRole(tx, ours.id, manager.person.id, "manager");
    f.addRole(tx, ours.id, reader.person.id, "reader");
    f.addRole(tx, theirs.id, partner.person.id, "manager");
    f.createBoard(tx, { projectId: ours.id, name: "Pilot board" }, [boardMember.id]);
    const done = f.createAction(tx, ours.id, { ref: "1.1", title: "Survey staff", status: "done", dueDate: addDays(today, -10), completedDate: addDays(today, -5) });
    const open = f.createAction(tx, ours.id, { ref: "1.2", title: "Buy laptops", dueDate: addDays(today, 10), ownerPersonIds: [manager.person.id] });
    f.addProgressNote(tx, open.id, { noteDate: addDays(today, -2), body: "Quotes received" });
    f.createAction(tx, theirs.id, { ref: "9.9", title: "Their secret action", dueDate: addDays(today, 5) });
    return { programme, ours, theirs, manager, partner, reader, done, open };
  });
}

const actor = (w: ReturnType<typeof build>) => ({ userId: w.manager.user.id, personId: w.manager.person.id, label: "Mo Manager" });
const viewer = (w: ReturnType<typeof build>) => viewerFor({ personId: w.manager.person.id, isAdmin: false });

function publishOne(w: ReturnType<typeof build>) {
  const report = createReport({ actor: actor(w), scope: { projectId: w.ours.id }, kind: "highlight", title: "Highlight report", period });
  publishReport({ actor: actor(w), scope: { projectId: w.ours.id }, reportId: report.id, viewer: viewer(w), asOf: today });
  return report;
}

describe("highlight reports", () => {
  let smtp: TestSmtpServer | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  it("drafts from live data, and publishing freezes it: the published page is byte-for-byte the same after live data changes", async () => {
    const w = build();
    const report = createReport({ actor: actor(w), scope: { projectId: w.ours.id }, kind: "highlight", title: "Highlight report", period });
    const path = `/projects/${w.ours.slug}/reports/${report.id}`;
    const params = { slug: w.ours.slug, reportId: String(report.id) };

    const draft = (await (await call(reportLoader, await requestAs(w.manager.user.id, path), params)).json()) as { content: { thisPeriod: { completed: Array<{ ref: string }> }; tolerances: { forecastEnd: string } } };
    expect(draft.content.thisPeriod.completed.map((a) => a.ref)).toEqual(["1.1"]);
    // A reader may not see a draft at all.
    expect((await call(reportLoader, await requestAs(w.reader.user.id, path), params)).status).toBe(404);

    const published = await call(reportActionRoute, await requestAs(w.manager.user.id, path, { form: { intent: "publish" } }), params);
    expect(published.status).toBe(302);
    const frozen = readSnapshot(report.id)!;
    expect(frozen.hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = getDb().select().from(schema.auditEvents).where(eq(schema.auditEvents.event, "report.publish")).get()!;
    expect(JSON.parse(audit.after!)).toMatchObject({ hash: frozen.hash });

    const before = await (await call(reportLoader, await requestAs(w.reader.user.id, path), params)).text();
    // Live data changes: an action slips and another is completed.
    write((tx) => {
      tx.update(schema.actions).set({ dueDate: addDays(today, 200), title: "Buy laptops and docks" }).where(eq(schema.actions.id, w.open.id)).run();
      f.createAction(tx, w.ours.id, { ref: "1.3", title: "Train managers", status: "done", completedDate: today });
    });
    const after = await (await call(reportLoader, await requestAs(w.reader.user.id, path), params)).text();
    expect(after).toBe(before);
    expect(readSnapshot(report.id)!.text).toBe(frozen.text);
    // The database refuses to change a snapshot.
    expect(() => getSqlite().prepare("update report_snapshots set content = '{}' where report_id = ?").run(report.id)).toThrow(/frozen/);

    // The next draft sees the change.
    const next = createReport({ actor: actor(w), scope: { projectId: w.ours.id }, kind: "highlight", title: "Next", period });
    const nextDraft = (await (await call(reportLoader, await requestAs(w.manager.user.id, `/projects/${w.ours.slug}/reports/${next.id}`), { slug: w.ours.slug, reportId: String(next.id) })).json()) as { content: { thisPeriod: { completed: Array<{ ref: string }> } } };
    expect(nextDraft.content.thisPeriod.completed.map((a) => a.ref)).toEqual(["1.1", "1.3"]);
  });

  it("an override needs a reason (400, input kept); with one it is printed", async () => {
    const w = build();
    const report = createReport({ actor: actor(w), scope: { projectId: w.ours.id }, kind: "highlight", title: "Highlight report", period });
    const path = `/projects/${w.ours.slug}/reports/${report.id}/edit`;
    const params = { slug: w.ours.slug, reportId: String(report.id) };
    const form = { revision: "1", title: "Highlight report", from: period.from, to: period.to, "override-time": "red", "reason-time": "", "narrative-summary": "Going well" };
    const refused = await call(editActionRoute, await requestAs(w.manager.user.id, path, { form }), params);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors["reason-time"]).toBe("Give a reason for changing the time status");
    expect(body.values["narrative-summary"]).toBe("Going well");

    const ok = await call(editActionRoute, await requestAs(w.manager.user.id, path, { form: { ...form, "reason-time": "Supplier delay reported to the board" } }), params);
    expect(ok.status).toBe(302);
    const stored = readEdits(getDb().select().from(schema.reports).where(eq(schema.reports.id, report.id)).get()!.edits);
    expect(stored.overrides.time).toEqual({ status: "red", reason: "Supplier delay reported to the board" });
    publishReport({ actor: actor(w), scope: { projectId: w.ours.id }, reportId: report.id, viewer: viewer(w), asOf: today });
    expect(readSnapshot(report.id)!.text).toContain("Supplier delay reported to the board");
    expect(() => updateDraft({ actor: actor(w), scope: { projectId: w.ours.id }, reportId: report.id, revision: 2, title: "x", period, edits: stored })).toThrow(/cannot change/);
  });

  it("a correction supersedes the old version, says what changed, and keeps the old one readable", () => {
    const w = build();
    const first = publishOne(w);
    const firstText = readSnapshot(first.id)!.text;
    const correction = startCorrection({ actor: actor(w), scope: { projectId: w.ours.id }, reportId: first.id });
    expect(() => publishReport({ actor: actor(w), scope: { projectId: w.ours.id }, reportId: correction.id, viewer: viewer(w), asOf: today })).toThrow(/Say what changed/);
    updateDraft({ actor: actor(w), scope: { projectId: w.ours.id }, reportId: correction.id, revision: 1, title: "Highlight report", period, edits: readEdits("{}"), changeNote: "Milestone date was wrong" });
    publishReport({ actor: actor(w), scope: { projectId: w.ours.id }, reportId: correction.id, viewer: viewer(w), asOf: today });
    const rows = getDb().select().from(schema.reports).where(eq(schema.reports.projectId, w.ours.id)).all();
    expect(rows.find((r) => r.id === first.id)!.status).toBe("superseded");
    const second = rows.find((r) => r.id === correction.id)!;
    expect(second).toMatchObject({ status: "published", version: 2, seriesId: first.id, supersedesId: first.id });
    expect(readSnapshot(first.id)!.text).toBe(firstText);
    expect(readSnapshot(correction.id)!.content).toMatchObject({ version: 2, changeNote: "Milestone date was wrong" });
  });

  it("a public link needs no account, is noindex, serves earlier versions, stores only a hash, and stops working when turned off", async () => {
    const w = build();
    const report = publishOne(w);
    const path = `/projects/${w.ours.slug}/reports/${report.id}`;
    const params = { slug: w.ours.slug, reportId: String(report.id) };
    // Readers cannot make links; managers can.
    expect((await call(reportActionRoute, await requestAs(w.reader.user.id, path, { form: { intent: "link-create" } }), params)).status).toBe(403);
    const made = await call(reportActionRoute, await requestAs(w.manager.user.id, path, { form: { intent: "link-create" } }), params);
    const token = new URL(made.headers.get("Location")!, "http://x").searchParams.get("link")!;
    expect(Buffer.from(token, "base64url").length).toBe(32);
    const link = getDb().select().from(schema.reportLinks).get()!;
    expect(link.tokenHash).toBe(hashReportToken(token));
    expect(JSON.stringify(link)).not.toContain(token);

    const page = await call(publicLoader, await requestAs(null, `/published/${token}`), { token });
    expect(page.status).toBe(200);
    expect(page.headers.get("X-Robots-Tag")).toContain("noindex");
    const pdf = await call(publicPdf, await requestAs(null, `/published/${token}.pdf`), { token });
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");

    // One character changed (never to itself: a token may end in "A").
    const wrong = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect((await call(publicLoader, await requestAs(null, `/published/${wrong}`), { token: wrong })).status).toBe(404);
    expect((await call(publicLoader, await requestAs(null, `/published/${token}?version=7`), { token })).status).toBe(404);

    await call(reportActionRoute, await requestAs(w.manager.user.id, path, { form: { intent: "link-revoke", linkId: String(link.id) } }), params);
    expect((await call(publicLoader, await requestAs(null, `/published/${token}`), { token })).status).toBe(404);
    expect(getDb().select().from(schema.auditEvents).where(eq(schema.auditEvents.event, "report_link.revoke")).all()).toHaveLength(1);
  });

  it("slows down report links that do not work from one address, never a working link from it", async () => {
    const w = build();
    const report = publishOne(w);
    const { token } = createReportLink({ actor: actor(w), scope: { projectId: w.ours.id }, reportId: report.id });
    const from = (ip: string) => ({ headers: { "X-Waymark-Client-Ip": ip } });
    const open = async (t: string, ip = "203.0.113.9", query = "") => call(publicLoader, await requestAs(null, `/published/${t}${query}`, from(ip)), { token: t });
    const bad = "x".repeat(43);
    for (let i = 0; i < REPORT_LINKS.address.limit; i++) expect((await open(bad)).status).toBe(404);
    const limited = await open(bad);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await limited.text()).toMatch(/Wait \d+ minutes, then try again/);
    // The downloads share the counter.
    expect((await call(publicPdf, await requestAs(null, `/published/${bad}.pdf`, from("203.0.113.9")), { token: bad })).status).toBe(429);
    // The same address (a council's shared NAT, a mail scanner) with a working link: served, page and PDF.
    expect((await open(token)).status).toBe(200);
    expect((await call(publicPdf, await requestAs(null, `/published/${token}.pdf`, from("203.0.113.9")), { token })).status).toBe(200);
    // A working link asking for a version that does not exist is a 404, not a guess, and not counted.
    expect((await open(token, "198.51.100.1", "?version=9")).status).toBe(404);
    expect((await open(token, "198.51.100.1", "?version=x")).status).toBe(404);
    // Another address is not slowed by the first one's guesses.
    expect((await open(bad, "198.51.100.1")).status).toBe(404);
    const counters = getSqlite().prepare("select key from rate_limits where key like 'report-link-address%'").all() as Array<{ key: string }>;
    expect(counters.map((c) => c.key).sort()).toEqual(["report-link-address:198.51.100.1", "report-link-address:203.0.113.9"]);
  });

  it("a partner cannot see another project's reports, and the report names other projects' items only as such", async () => {
    const w = build();
    write((tx) => f.addDependency(tx, { actionId: getDb().select().from(schema.actions).where(eq(schema.actions.ref, "9.9")).get()!.id }, { actionId: w.open.id }));
    const report = publishOne(w);
    const params = { slug: w.ours.slug, reportId: String(report.id) };
    expect((await call(reportLoader, await requestAs(w.partner.user.id, `/projects/${w.ours.slug}/reports/${report.id}`), params)).status).toBe(404);
    expect((await call(listLoader, await requestAs(w.partner.user.id, `/projects/${w.ours.slug}/reports`), { slug: w.ours.slug })).status).toBe(404);
    // Report ids are scoped by project: asking under the partner's own project finds nothing.
    expect((await call(reportLoader, await requestAs(w.partner.user.id, `/projects/${w.theirs.slug}/reports/${report.id}`), { slug: w.theirs.slug, reportId: String(report.id) })).status).toBe(404);
    // Programme reports are for the programme's own readers and managers.
    expect((await call(programmeListLoader, await requestAs(w.partner.user.id, `/programmes/${w.programme.slug}/reports`), { slug: w.programme.slug })).status).toBe(404);
    const text = readSnapshot(report.id)!.text;
    expect(text).not.toContain("Their secret action");
    // The timeline's drawing is full of coordinates ("229.9"): look for the ref everywhere else, and in its rows.
    const { timeline, ...rest } = readSnapshot(report.id)!.content as HighlightContent;
    expect(JSON.stringify(rest)).not.toContain("9.9");
    expect(JSON.stringify(timeline!.rows)).not.toContain("9.9");
  });

  it("emails the link to the board and a distribution list on publishing (real SMTP), without storing the token", async () => {
    smtp = await startSmtpServer();
    const w = build();
    const report = createReport({ actor: actor(w), scope: { projectId: w.ours.id }, kind: "highlight", title: "Highlight report", period });
    const path = `/projects/${w.ours.slug}/reports/${report.id}`;
    const params = { slug: w.ours.slug, reportId: String(report.id) };
    const bad = await call(reportActionRoute, await requestAs(w.manager.user.id, path, { form: { intent: "publish", distribution: "not-an-address" } }), params);
    expect(bad.status).toBe(400);
    expect(readSnapshot(report.id)).toBeNull();
    await call(reportActionRoute, await requestAs(w.manager.user.id, path, { form: { intent: "publish", emailBoard: "yes", distribution: "clerk@example.test" } }), params);
    const mail = await smtp.waitFor((m) => (m.to as { text: string }).text.includes("bea@example.test"));
    await smtp.waitFor((m) => (m.to as { text: string }).text.includes("clerk@example.test"));
    const href = /https?:\/\/\S+\/published\/([A-Za-z0-9_-]{43})/.exec(mail.text!)!;
    const page = await call(publicLoader, await requestAs(null, `/published/${href[1]}`), { token: href[1] });
    expect(page.status).toBe(200);
    const stored = getDb().select().from(schema.outbox).all();
    expect(stored.every((m) => !m.text.includes(href[1]))).toBe(true);
  });

  it("flags a report overdue after its cycle's due day until one is published", () => {
    const w = build();
    setCycle({ actor: systemActor("test"), projectId: w.ours.id, frequency: "monthly", dueDay: 5, startDate: "2020-01-01" });
    const asOf = "2026-07-06";
    expect(overdueReports({ projectIds: [w.ours.id], today: asOf })[0]).toMatchObject({ due: "2026-07-05", text: expect.stringContaining("June 2026") });
    const r = createReport({ actor: actor(w), scope: { projectId: w.ours.id }, kind: "highlight", title: "June", period: { from: "2026-06-01", to: "2026-06-30" } });
    publishReport({ actor: actor(w), scope: { projectId: w.ours.id }, reportId: r.id, viewer: viewer(w), asOf });
    expect(overdueReports({ projectIds: [w.ours.id], today: asOf })).toEqual([]);
  });

  it("lists an overdue report on the programme's What needs attention, for those who see its project only", async () => {
    const w = build();
    setCycle({ actor: systemActor("test"), projectId: w.ours.id, frequency: "monthly", dueDay: 5, startDate: "2020-01-01" });
    const attention = async (userId: number) => {
      const res = await call(flaggedRoute.loader, await requestAs(userId, `/programmes/${w.programme.slug}/flagged?asOf=2026-07-06`), { slug: w.programme.slug });
      expect(res.status).toBe(200);
      return (await res.json()).reports as Array<{ project: string; href: string; text: string }>;
    };
    expect(await attention(w.manager.user.id)).toEqual([
      { project: "Home working", href: `/projects/${w.ours.slug}/reports`, text: expect.stringContaining("Report overdue: the highlight report for June 2026 was due 2026-07-05") },
    ]);
    expect(await attention(w.partner.user.id)).toEqual([]);
  });
});

describe("waymark report", () => {
  it("prints a draft's data as JSON, and refuses bad dates and unknown projects", async () => {
    const { runCli } = await import("../support/cli");
    const w = build();
    const json = await runCli(["report", "draft", "--project", w.ours.slug, "--from", period.from, "--to", period.to, "--json"]);
    expect(json.code).toBe(0);
    const content = JSON.parse(json.stdout) as { kind: string; thisPeriod: { completed: Array<{ ref: string }> } };
    expect(content.kind).toBe("highlight");
    expect(content.thisPeriod.completed.map((a) => a.ref)).toEqual(["1.1"]);
    expect((await runCli(["report", "draft", "--project", w.ours.slug, "--from", "2026-13-01", "--to", period.to])).code).toBe(2);
    expect((await runCli(["report", "draft", "--project", "nope", "--from", period.from, "--to", period.to])).code).toBe(1);
    expect((await runCli(["report", "pdf", "--report", "999"])).code).toBe(1);
  });
});
