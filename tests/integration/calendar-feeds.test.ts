import { and, eq } from "drizzle-orm";
import ical from "node-ical";
import { describe, expect, it } from "vitest";
import * as schema from "#db/schema";
import { getDb, write } from "~/db.server";
import { addDays, todayInLondon } from "~/modules/action/rules";
import { systemActor } from "~/modules/audit/actor";
import type { SessionUser } from "~/modules/auth/session.server";
import { createFeedToken, feedForToken, hashFeedToken, regenerateFeedToken, revokeFeedToken } from "~/modules/calendar/feeds.server";
import { loadDependencyGraph } from "~/modules/schedule/graph.server";
import { loader as feedLoader } from "~/routes/feeds.$token";
import { HIDDEN_LABEL } from "~/modules/schedule/graph";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

const today = todayInLondon();
const APP = "http://localhost:3999";
const actor = systemActor("test");

function build() {
  return write((tx) => {
    const programme = f.createProgramme(tx);
    const ours = f.createProject(tx, { programmeId: programme.id, name: "Ours" });
    const theirs = f.createProject(tx, { programmeId: programme.id, name: "Theirs" });
    const manager = f.createUser(tx, { name: "Mo Manager" });
    const partner = f.createUser(tx, { name: "Pat Partner" });
    f.addRole(tx, ours.id, manager.person.id, "manager");
    f.addRole(tx, theirs.id, partner.person.id, "manager");
    const mine = f.createAction(tx, ours.id, { ref: "1.1", title: "Our visible action", dueDate: addDays(today, 10), ownerPersonIds: [manager.person.id] });
    const secret = f.createAction(tx, theirs.id, { ref: "9.9", title: "Their secret action", dueDate: addDays(today, -3), ownerPersonIds: [manager.person.id] });
    f.addDependency(tx, { actionId: secret.id }, { actionId: mine.id });
    const milestone = f.createMilestone(tx, ours.id, { name: "Our go-live", targetDate: addDays(today, 40) });
    const sessionUser = (u: typeof manager): SessionUser => ({ id: u.user.id, personId: u.person.id, email: u.user.email, name: u.person.name, initials: u.person.initials, isAdmin: false });
    return { programme, ours, theirs, manager, partner, mine, secret, milestone, managerUser: sessionUser(manager), partnerUser: sessionUser(partner) };
  });
}

const events = (body: string) => Object.values(ical.sync.parseICS(body)).filter((c) => c?.type === "VEVENT") as ical.VEvent[];

describe("feed tokens", () => {
  it("stores only the sha256 of a 256-bit token, audits it, and a revoked token gives 404", async () => {
    const w = build();
    const { token, row } = createFeedToken({ actor, user: w.managerUser, target: { kind: "personal" }, name: "Outlook" });
    expect(Buffer.from(token, "base64url").length).toBe(32);
    const stored = getDb().select().from(schema.feedTokens).where(eq(schema.feedTokens.id, row.id)).get()!;
    expect(stored.tokenHash).toBe(hashFeedToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const audit = getDb().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.event, "feed_token.create"), eq(schema.auditEvents.entityId, String(row.id)))).get();
    expect(audit).toBeTruthy();

    const ok = await call(feedLoader, await requestAs(null, `/feeds/${token}.ics`), { token: `${token}.ics` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toContain("text/calendar");
    expect(ok.headers.get("Cache-Control")).toContain("max-age");
    const etag = ok.headers.get("ETag")!;
    const again = await call(feedLoader, await requestAs(null, `/feeds/${token}.ics`, { headers: { "If-None-Match": etag } }), { token: `${token}.ics` });
    expect(again.status).toBe(304);

    expect(() => createFeedToken({ actor, user: w.managerUser, target: { kind: "personal" }, name: "Twice" })).toThrow(/already have a link/);

    revokeFeedToken({ actor, user: w.managerUser, tokenId: row.id });
    const gone = await call(feedLoader, await requestAs(null, `/feeds/${token}.ics`), { token: `${token}.ics` });
    expect(gone.status).toBe(404);
    const unknown = await call(feedLoader, await requestAs(null, `/feeds/${"x".repeat(43)}.ics`), { token: `${"x".repeat(43)}.ics` });
    expect(unknown.status).toBe(404);
    expect(getDb().select().from(schema.auditEvents).where(eq(schema.auditEvents.event, "feed_token.revoke")).all()).toHaveLength(1);
  });

  it("regenerating replaces the old token, which stops working", () => {
    const w = build();
    const first = createFeedToken({ actor, user: w.managerUser, target: { kind: "personal" }, name: "Phone" });
    const second = regenerateFeedToken({ actor, user: w.managerUser, tokenId: first.row.id });
    expect(second.row.name).toBe("Phone");
    expect(feedForToken(first.token, APP)).toBeNull();
    expect(feedForToken(second.token, APP)).toContain("BEGIN:VCALENDAR");
    // Someone else's token cannot be revoked by id.
    expect(() => revokeFeedToken({ actor, user: w.partnerUser, tokenId: second.row.id })).toThrow();
  });

  it("a project feed is for the project's managers only", () => {
    const w = build();
    expect(() => createFeedToken({ actor, user: w.partnerUser, target: { kind: "project", projectId: w.ours.id }, name: "x" })).toThrow();
    const { token } = createFeedToken({ actor, user: w.managerUser, target: { kind: "project", projectId: w.ours.id }, name: "Ours" });
    const body = feedForToken(token, APP)!;
    expect(events(body).map((e) => e.summary)).toEqual(expect.arrayContaining([expect.stringContaining("1.1 Our visible action"), expect.stringContaining("Our go-live")]));
  });
});

describe("what a feed holds", () => {
  it("a partner's feed never holds another project's items", () => {
    const w = build();
    write((tx) => f.createAction(tx, w.theirs.id, { ref: "T1", title: "Partner's own", dueDate: addDays(today, 5), ownerPersonIds: [w.partner.person.id] }));
    const { token } = createFeedToken({ actor, user: w.partnerUser, target: { kind: "project", projectId: w.theirs.id }, name: "Theirs" });
    const body = feedForToken(token, APP)!;
    expect(body).toContain("Partner's own");
    expect(body).not.toContain("Our visible action");
    expect(body).not.toContain("Our go-live");
    const personal = createFeedToken({ actor, user: w.partnerUser, target: { kind: "personal" }, name: "Mine" });
    expect(feedForToken(personal.token, APP)).not.toContain("Ours");
  });

  it("items leave the feed when access is removed, and the project feed stops", () => {
    const w = build();
    const personal = createFeedToken({ actor, user: w.managerUser, target: { kind: "personal" }, name: "Mine" });
    const project = createFeedToken({ actor, user: w.managerUser, target: { kind: "project", projectId: w.ours.id }, name: "Ours" });
    // The manager owns an action in a project they cannot see: it is not in their feed.
    expect(feedForToken(personal.token, APP)).not.toContain("Their secret action");
    expect(feedForToken(personal.token, APP)).toContain("Our visible action");
    write((tx) => tx.delete(schema.projectRoles).where(eq(schema.projectRoles.personId, w.manager.person.id)).run());
    expect(feedForToken(personal.token, APP)).not.toContain("Our visible action");
    expect(feedForToken(project.token, APP)).toBeNull();
  });

  it("after a due date moves, the same UID comes back with a higher SEQUENCE", () => {
    const w = build();
    const { token } = createFeedToken({ actor, user: w.managerUser, target: { kind: "personal" }, name: "Mine" });
    const find = (body: string) => events(body).find((e) => String(e.summary).includes("1.1 "))!;
    const before = find(feedForToken(token, APP)!);
    write((tx) => f.addDueDateChange(tx, w.mine.id, { oldDueDate: addDays(today, 10), newDueDate: addDays(today, 24), changedAt: "2099-01-01T00:00:00.000Z" }));
    const after = find(feedForToken(token, APP)!);
    expect(after.uid).toBe(before.uid);
    expect(Number(after.sequence)).toBe(Number(before.sequence) + 1);
    expect(after.start.toISOString().slice(0, 10)).not.toBe(before.start.toISOString().slice(0, 10));
  });
});

describe("dependency graph access", () => {
  it("shows an item in a project the reader cannot see as an item in another project, with no ref, title or date", () => {
    const w = build();
    const graph = loadDependencyGraph({ user: w.managerUser, projectIds: [w.ours.id], asOf: today });
    const hidden = graph.nodes.find((n) => n.key === `a:${w.secret.id}`)!;
    expect(hidden).toMatchObject({ hidden: true, ref: null, title: HIDDEN_LABEL, href: null, flags: [] });
    const text = JSON.stringify(graph);
    expect(text).not.toContain("9.9");
    expect(text).not.toContain("Their secret action");
    expect(graph.chains.map((c) => c.path.map((p) => p.label))).toEqual([[HIDDEN_LABEL]]);
    // The partner, who manages both ends' other project only, sees the chain from their side.
    const theirs = loadDependencyGraph({ user: w.partnerUser, projectIds: [w.theirs.id], asOf: today });
    expect(JSON.stringify(theirs)).not.toContain("Our visible action");
  });
});
