import { eq, sql } from "drizzle-orm";
import * as s from "#db/schema";
import { getDb, write } from "~/db.server";
import { sendReminders, sendToBoard } from "~/modules/approval/service.server";
import { todayInLondon } from "~/utils/dates";
import { systemActor } from "~/modules/audit/actor";
import { createProposal } from "~/modules/proposal/service.server";
import * as consultationRoute from "~/routes/projects.$slug.proposals.$proposalId.consultation";
import * as voteRoute from "~/routes/projects.$slug.proposals.$proposalId.vote";
import * as implementRoute from "~/routes/projects.$slug.proposals.$proposalId.implement";
import * as editRoute from "~/routes/projects.$slug.proposals.$proposalId.edit";
import * as decisionsRoute from "~/routes/projects.$slug.decisions";
import * as decideRoute from "~/routes/projects.$slug.proposals.$proposalId.decide";
import { listRequests } from "~/modules/approval/service.server";
import { addRole, createBoard, createProject, createUser, createWorkPackage } from "../../seeds/factories";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { call, requestAs } from "../utils";

let smtp: TestSmtpServer;
beforeEach(async () => {
  smtp = await startSmtpServer();
});
afterEach(async () => {
  await smtp.close();
});

function setup() {
  const w = write((tx) => {
    const project = createProject(tx, { slug: "pilot", name: "Home-working pilot" });
    const wp = createWorkPackage(tx, project.id, { ref: "WP1", name: "Policy" });
    const manager = createUser(tx, { name: "Priya Shah", email: "manager@example.org" });
    const consultee = createUser(tx, { name: "Sam Okafor", email: "consultee@example.org" });
    const reader = createUser(tx, { name: "Jo Evans", email: "reader@example.org" });
    const members = ["Helen Wright", "Stephen Moss", "Lorna Baxter"].map((name, i) => createUser(tx, { name, email: `member${i}@example.org` }));
    addRole(tx, project.id, manager.person.id, "manager");
    addRole(tx, project.id, consultee.person.id, "consultee");
    addRole(tx, project.id, reader.person.id, "reader");
    for (const m of members) addRole(tx, project.id, m.person.id, "board_member");
    const board = createBoard(tx, { projectId: project.id, name: "Pilot board", decisionRule: "majority" }, members.map((m) => m.person.id));
    return { project, wp, manager, consultee, reader, members, board };
  });
  const actor = { userId: w.manager.user.id, personId: w.manager.person.id, label: "Priya Shah" };
  const proposal = createProposal({ actor, projectId: w.project.id, title: "Home-working policy", workPackageId: w.wp.id, body: "Body", optionsConsidered: "Do nothing", recommendation: "Adopt it" });
  return { ...w, actor, proposal };
}

const params = (proposalId: number) => ({ slug: "pilot", proposalId: String(proposalId) });
const path = (proposalId: number, rest: string) => `/projects/pilot/proposals/${proposalId}/${rest}`;

describe("consultation", () => {
  it("emails consultees when opened, takes a consultee's position, and refuses the comments to a reader", async () => {
    const w = setup();
    const opened = await call(consultationRoute.action as never, await requestAs(w.manager.user.id, path(w.proposal.id, "consultation"), { form: { intent: "open" } }), params(w.proposal.id));
    expect(opened.status).toBe(302);
    const mail = await smtp.waitFor((m) => m.subject === "Consultation open: Home-working policy");
    expect(mail.text).toContain(`/projects/pilot/proposals/${w.proposal.id}/consultation`);

    const respond = await call(consultationRoute.action as never, await requestAs(w.consultee.user.id, path(w.proposal.id, "consultation"), { form: { intent: "respond", position: "has_concerns", comment: "Members worry about isolation" } }), params(w.proposal.id));
    expect(respond.status).toBe(302);

    const asManager = await call(consultationRoute.loader as never, await requestAs(w.manager.user.id, path(w.proposal.id, "consultation")), params(w.proposal.id));
    const data = await asManager.json();
    expect(data.responses[0]).toMatchObject({ name: "Sam Okafor", position: "has_concerns", comment: "Members worry about isolation" });

    const asReader = await call(consultationRoute.loader as never, await requestAs(w.reader.user.id, path(w.proposal.id, "consultation")), params(w.proposal.id));
    expect(asReader.status).toBe(403);
    expect(await asReader.text()).not.toContain("isolation");
    const readerPost = await call(consultationRoute.action as never, await requestAs(w.reader.user.id, path(w.proposal.id, "consultation"), { form: { intent: "respond", position: "objects" } }), params(w.proposal.id));
    expect(readerPost.status).toBe(403);
    expect(getDb().select().from(s.consultationResponses).all()).toHaveLength(1);
    // The comment stays out of the audit trail, which more people can read.
    const events = getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, "consultation.respond")).all();
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain("isolation");
  });

  it("keeps a manager's reply with the response, and refuses a consultee's reply", async () => {
    const w = setup();
    await call(consultationRoute.action as never, await requestAs(w.manager.user.id, path(w.proposal.id, "consultation"), { form: { intent: "open" } }), params(w.proposal.id));
    await call(consultationRoute.action as never, await requestAs(w.consultee.user.id, path(w.proposal.id, "consultation"), { form: { intent: "respond", position: "supports" } }), params(w.proposal.id));
    const responseId = String(getDb().select().from(s.consultationResponses).get()!.id);
    const byConsultee = await call(consultationRoute.action as never, await requestAs(w.consultee.user.id, path(w.proposal.id, "consultation"), { form: { intent: "reply", responseId, body: "x" } }), params(w.proposal.id));
    expect(byConsultee.status).toBe(403);
    const empty = await call(consultationRoute.action as never, await requestAs(w.manager.user.id, path(w.proposal.id, "consultation"), { form: { intent: "reply", responseId, body: "" } }), params(w.proposal.id));
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors.body).toBe("Enter your reply");
    await call(consultationRoute.action as never, await requestAs(w.manager.user.id, path(w.proposal.id, "consultation"), { form: { intent: "reply", responseId, body: "Thank you" } }), params(w.proposal.id));
    expect(getDb().select().from(s.consultationReplies).all()).toMatchObject([{ body: "Thank you" }]);
  });
});

describe("versions", () => {
  it("edits a draft in place, then makes a new version for every edit once it has left draft", async () => {
    const w = setup();
    const edit = async (body: string, baseVersion: number) =>
      call(editRoute.action as never, await requestAs(w.manager.user.id, path(w.proposal.id, "edit"), { form: { title: "Home-working policy", workPackageId: String(w.wp.id), body, optionsConsidered: "", recommendation: "Adopt it", baseVersion: String(baseVersion) } }), params(w.proposal.id));
    await edit("Draft change", 1);
    expect(getDb().select().from(s.proposalVersions).all()).toHaveLength(1);
    await call(consultationRoute.action as never, await requestAs(w.manager.user.id, path(w.proposal.id, "consultation"), { form: { intent: "open" } }), params(w.proposal.id));
    await edit("Second version", 1);
    const stale = await edit("Stale edit", 1);
    expect(stale.status).toBe(400);
    expect((await stale.json()).errors._form).toMatch(/version 2/);
    expect(getDb().select({ n: s.proposalVersions.number, body: s.proposalVersions.body }).from(s.proposalVersions).all()).toEqual([
      { n: 1, body: "Draft change" },
      { n: 2, body: "Second version" },
    ]);
  });
});

describe("voting in the app", () => {
  it("lets a board member vote once, signed in, and refuses a reader and a consultee", async () => {
    const w = setup();
    await sendToBoard({ actor: w.actor, projectId: w.project.id, proposalId: w.proposal.id, boardId: w.board.id, deadline: todayInLondon() });
    const form = { decision: "approve", conflict: "no" };
    for (const outsider of [w.reader, w.consultee]) {
      const page = await call(voteRoute.loader as never, await requestAs(outsider.user.id, path(w.proposal.id, "vote")), params(w.proposal.id));
      expect(page.status).toBe(403);
      const post = await call(voteRoute.action as never, await requestAs(outsider.user.id, path(w.proposal.id, "vote"), { form }), params(w.proposal.id));
      expect(post.status).toBe(403);
    }
    expect(getDb().select().from(s.ballots).where(sql`decided_at is not null`).all()).toHaveLength(0);
    const ok = await call(voteRoute.action as never, await requestAs(w.members[0]!.user.id, path(w.proposal.id, "vote"), { form }), params(w.proposal.id));
    expect(ok.status).toBe(302);
    const again = await call(voteRoute.action as never, await requestAs(w.members[0]!.user.id, path(w.proposal.id, "vote"), { form }), params(w.proposal.id));
    expect(again.status).toBe(403);
    expect(getDb().select().from(s.ballots).where(sql`decided_at is not null`).all()).toMatchObject([{ channel: "app", decision: "approve" }]);
  });

  it("turns an approved proposal into actions, and the decision shows in the register to a reader", async () => {
    const w = setup();
    await sendToBoard({ actor: w.actor, projectId: w.project.id, proposalId: w.proposal.id, boardId: w.board.id, deadline: todayInLondon() });
    for (const m of w.members.slice(0, 2))
      await call(voteRoute.action as never, await requestAs(m.user.id, path(w.proposal.id, "vote"), { form: { decision: "approve", conflict: "no" } }), params(w.proposal.id));
    const register = await call(decisionsRoute.loader as never, await requestAs(w.reader.user.id, "/projects/pilot/decisions"), { slug: "pilot" });
    const { decisions } = await register.json();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ outcome: "approved", method: "email_ballot", title: "Home-working policy" });
    expect(decisions[0].ballots.map((b: { decision: string }) => b.decision)).toEqual(["approve", null, "approve"]);

    const made = await call(implementRoute.action as never, await requestAs(w.manager.user.id, path(w.proposal.id, "implement"), { form: { workPackageId: String(w.wp.id), titles: "Issue laptops\nTrain managers", dueDate: "" } }), params(w.proposal.id));
    expect(made.status).toBe(302);
    expect(getDb().select({ ref: s.actions.ref, title: s.actions.title }).from(s.actions).all()).toEqual([
      { ref: `WP1.P${w.proposal.id}.1`, title: "Issue laptops" },
      { ref: `WP1.P${w.proposal.id}.2`, title: "Train managers" },
    ]);
    expect(getDb().select().from(s.proposals).get()!.status).toBe("implemented");
    expect(getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, "action.create")).all()).toHaveLength(2);
  });
});

describe("reminders", () => {
  it("reminds each member who has not voted once, with a new link", async () => {
    const w = setup();
    await sendToBoard({ actor: w.actor, projectId: w.project.id, proposalId: w.proposal.id, boardId: w.board.id, deadline: todayInLondon() });
    await call(voteRoute.action as never, await requestAs(w.members[0]!.user.id, path(w.proposal.id, "vote"), { form: { decision: "approve", conflict: "no" } }), params(w.proposal.id));
    expect(await sendReminders({ actor: systemActor("test") })).toEqual({ reminded: 2 });
    expect(await sendReminders({ actor: systemActor("test") })).toEqual({ reminded: 0 });
    await smtp.waitFor((m) => m.subject?.startsWith("Reminder: vote by") === true && m.text?.includes("/ballot/") === true);
    const live = getDb().select().from(s.ballots).where(sql`superseded_at is null`).all();
    expect(live.filter((b) => b.remindedAt)).toHaveLength(2);
  });
});

describe("a stalled request settled at a meeting", () => {
  it("flags the request stalled after its deadline, then a meeting decision closes it and supersedes the earlier decision", async () => {
    const w = setup();
    await sendToBoard({ actor: w.actor, projectId: w.project.id, proposalId: w.proposal.id, boardId: w.board.id, deadline: todayInLondon() });
    const tomorrow = new Date(Date.parse(`${todayInLondon()}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(listRequests({ projectId: w.project.id, proposalId: w.proposal.id, today: tomorrow })[0]).toMatchObject({ status: "open", stalled: true });

    const decide = async (form: Record<string, string>, userId = w.manager.user.id) =>
      call(decideRoute.action as never, await requestAs(userId, path(w.proposal.id, "decide"), { form }), params(w.proposal.id));
    expect((await decide({ outcome: "deferred", decidedOn: todayInLondon(), reasons: "x" }, w.members[0]!.user.id)).status).toBe(403);
    const missing = await decide({ outcome: "deferred", decidedOn: "2026-02-30", reasons: "" });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toMatchObject({ decidedOn: expect.stringMatching(/real date/), reasons: "Enter the reasons for the decision" });

    expect((await decide({ outcome: "deferred", decidedOn: todayInLondon(), reasons: "Needs the cost figures" })).status).toBe(302);
    expect((await decide({ outcome: "approved", decidedOn: todayInLondon(), reasons: "Cost figures received", conflictsDeclared: "" })).status).toBe(302);
    const rows = getDb().select().from(s.decisions).orderBy(s.decisions.id).all();
    expect(rows.map((d) => [d.outcome, d.method, d.supersededById])).toEqual([
      ["deferred", "meeting", rows[1]!.id],
      ["approved", "meeting", null],
    ]);
    expect(rows[1]).toMatchObject({ recordedBy: "Priya Shah", conflictsDeclared: "None declared" });
    expect(listRequests({ projectId: w.project.id, proposalId: w.proposal.id, today: tomorrow })[0]).toMatchObject({ status: "closed", stalled: false });
    expect(getDb().select().from(s.proposals).get()!.status).toBe("approved");
    const told = await smtp.waitFor((m) => m.subject === "Decision: Home-working policy was approved");
    expect(told.text).toContain("at a meeting");
    expect(told.text).toContain("Cost figures received");
  });
});
