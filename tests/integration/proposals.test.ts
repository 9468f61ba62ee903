import { eq, sql } from "drizzle-orm";
import type { AddressObject, ParsedMail } from "mailparser";
import * as s from "#db/schema";
import { getDb, getSqlite, write } from "~/db.server";
import { sendToBoard, withdrawRequest, resendBallot } from "~/modules/approval/service.server";
import { BALLOT_LINKS } from "~/modules/throttle/policy";
import { createProposal, editProposal } from "~/modules/proposal/service.server";
import { loader as ballotLoader, action as ballotAction } from "~/routes/ballot.$token";
import { addRole, createBoard, createProject, createUser, createWorkPackage } from "../../seeds/factories";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { APP, call, requestAs } from "../utils";
import { todayInLondon } from "~/utils/dates";

let smtp: TestSmtpServer;
beforeEach(async () => {
  smtp = await startSmtpServer();
});
afterEach(async () => {
  await smtp.close();
});

function setup() {
  return write((tx) => {
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
}

const actorOf = (u: { user: { id: number }; person: { id: number; name: string } }) => ({ userId: u.user.id, personId: u.person.id, label: u.person.name });

async function sentProposal() {
  const w = setup();
  const proposal = createProposal({
    actor: actorOf(w.manager),
    projectId: w.project.id,
    title: "Home-working policy",
    workPackageId: w.wp.id,
    body: "## Scope\n- Assessors\n- Team leaders",
    optionsConsidered: "Do nothing",
    recommendation: "Adopt the policy",
  });
  await sendToBoard({ actor: actorOf(w.manager), projectId: w.project.id, proposalId: proposal.id, boardId: w.board.id, deadline: todayInLondon() });
  const tokens = await tokensFromMail(w.members.map((m) => m.person.email!));
  return { ...w, proposal, tokens };
}

/** Reads each member's newest ballot email and takes the token from its link, as a person would follow it. */
async function tokensFromMail(emails: string[], after = 0) {
  const out: string[] = [];
  for (const email of emails) {
    const message = await smtp.waitFor((m) => smtp.messages.indexOf(m) >= after && toOf(m).includes(email) && /\/ballot\//.test(m.text ?? ""));
    out.push(/\/ballot\/([A-Za-z0-9_-]+)/.exec(message.text!)![1]!);
  }
  return out;
}

const toOf = (m: ParsedMail) => ([] as Array<AddressObject | undefined>).concat(m.to).map((a) => a?.text ?? "").join(", ");

const vote = (token: string, form: Record<string, string> = { decision: "approve", conflict: "no" }, userId: number | null = null) =>
  requestAs(userId, `/ballot/${token}`, { form }).then((req) => call(ballotAction as never, req, { token }));
const open = (token: string, method = "GET") => call(ballotLoader as never, new Request(`${APP}/ballot/${token}`, { method }), { token });

function ballotState() {
  const db = getDb();
  return {
    ballots: db.select().from(s.ballots).orderBy(s.ballots.id).all(),
    decisions: db.select().from(s.decisions).all(),
    requests: db.select().from(s.approvalRequests).all(),
    audit: db.select({ n: sql<number>`count(*)` }).from(s.auditEvents).get()!.n,
  };
}

describe("ballot links", () => {
  it("records nothing on 100 GETs and 100 HEADs, and keeps no raw token anywhere in the database", async () => {
    const { tokens } = await sentProposal();
    const before = ballotState();
    for (let i = 0; i < 100; i++) {
      expect((await open(tokens[0]!)).status).toBe(200);
      expect((await open(tokens[0]!, "HEAD")).status).toBe(200);
    }
    expect(ballotState()).toEqual(before);
    expect(before.ballots.every((b) => b.openedAt === null && b.decidedAt === null)).toBe(true);
    const page = await (await open(tokens[0]!)).json();
    expect(page).toMatchObject({ state: "open", member: "Helen Wright", title: "Home-working policy" });
    const dump = getSqlite().serialize().toString("latin1");
    for (const t of tokens) expect(dump).not.toContain(t);
  });

  it("records a vote once: a reused link says it was already recorded, by whom and when", async () => {
    const { tokens } = await sentProposal();
    const first = await vote(tokens[0]!);
    expect(first.status).toBe(302);
    const again = await vote(tokens[0]!, { decision: "reject", comment: "Changed my mind", conflict: "no" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("cannot be used again");
    const page = await (await open(tokens[0]!)).json();
    expect(page.state).toBe("decided");
    expect(page.recorded).toMatchObject({ name: "Helen Wright", decision: "approve" });
    const cast = getDb().select().from(s.ballots).where(sql`decided_at is not null`).all();
    expect(cast).toHaveLength(1);
    expect(cast[0]).toMatchObject({ decision: "approve", channel: "email" });
    const events = getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, "ballot.cast")).all();
    expect(events).toHaveLength(1);
    for (const t of tokens) expect(JSON.stringify(events)).not.toContain(t);
  });

  it("records exactly one ballot from 20 simultaneous submissions of one link", async () => {
    const { tokens } = await sentProposal();
    const results = await Promise.all(Array.from({ length: 20 }, () => vote(tokens[1]!)));
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    expect(getDb().select().from(s.ballots).where(sql`decided_at is not null`).all()).toHaveLength(1);
    expect(getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, "ballot.cast")).all()).toHaveLength(1);
  });

  it("refuses a submission without a choice, and a rejection without a reason, recording nothing", async () => {
    const { tokens } = await sentProposal();
    const before = ballotState();
    const none = await vote(tokens[0]!, { conflict: "no" });
    expect(none.status).toBe(400);
    expect((await none.json()).errors.decision).toBe("Choose approve, reject or abstain");
    const reject = await vote(tokens[0]!, { decision: "reject", conflict: "no" });
    expect((await reject.json()).errors.comment).toMatch(/why you reject/);
    expect(ballotState()).toEqual(before);
  });

  it("closes with a decision record when the majority is reached, and emails the outcome", async () => {
    const w = await sentProposal();
    await vote(w.tokens[0]!, { decision: "approve", conflict: "yes", conflictText: "My partner works in the team" });
    expect(getDb().select().from(s.decisions).all()).toHaveLength(0);
    await vote(w.tokens[1]!, { decision: "approve", comment: "Good plan", conflict: "no" });
    const [decision] = getDb().select().from(s.decisions).all();
    expect(decision).toMatchObject({ outcome: "approved", method: "email_ballot", alternativesRejected: "Do nothing", decidedOn: todayInLondon() });
    expect(decision!.conflictsDeclared).toContain("Helen Wright: My partner works in the team");
    expect(decision!.reasons).toContain("Stephen Moss (approved): Good plan");
    expect(getDb().select().from(s.proposals).get()!.status).toBe("approved");
    for (const to of ["manager@example.org", "member2@example.org", "consultee@example.org"])
      await smtp.waitFor((m) => toOf(m).includes(to) && m.subject === "Decision: Home-working policy was approved");
    const late = await open(w.tokens[2]!);
    expect(await late.json()).toMatchObject({ state: "closed", decision: { outcome: "approved" } });
    const lateVote = await vote(w.tokens[2]!);
    expect(lateVote.status).toBe(409);
    expect(await lateVote.text()).toContain("decision has been made");
  });
});

describe("links that can no longer be used record nothing and say why", () => {
  it("after the deadline", async () => {
    const { tokens } = await sentProposal();
    write((tx) => tx.update(s.approvalRequests).set({ deadline: "2000-01-01" }).run());
    const before = ballotState();
    const res = await vote(tokens[0]!);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("deadline for voting on this proposal has passed");
    expect(ballotState()).toEqual(before);
  });

  it("after a new version is sent: the old links stop and new ones are emailed", async () => {
    const w = await sentProposal();
    const count = smtp.messages.length;
    editProposal({ actor: actorOf(w.manager), projectId: w.project.id, proposalId: w.proposal.id, baseVersion: 1, title: "Home-working policy", workPackageId: w.wp.id, body: "Changed", optionsConsidered: "Do nothing", recommendation: "Adopt it" });
    await sendToBoard({ actor: actorOf(w.manager), projectId: w.project.id, proposalId: w.proposal.id, boardId: w.board.id, deadline: todayInLondon() });
    const fresh = await tokensFromMail(w.members.map((m) => m.person.email!), count);
    expect(fresh[0]).not.toBe(w.tokens[0]);
    const before = ballotState();
    const res = await vote(w.tokens[0]!);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("newer version");
    expect(ballotState()).toEqual(before);
    expect(await (await open(fresh[0]!)).json()).toMatchObject({ state: "open", version: { number: 2 } });
  });

  it("after withdrawal", async () => {
    const w = await sentProposal();
    withdrawRequest({ actor: actorOf(w.manager), projectId: w.project.id, proposalId: w.proposal.id });
    const before = ballotState();
    const res = await vote(w.tokens[0]!);
    expect(await res.text()).toContain("withdrew");
    expect(ballotState()).toEqual(before);
    expect(getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, "approval.withdraw")).all()).toHaveLength(1);
  });

  it("after a resend to that member", async () => {
    const w = await sentProposal();
    const count = smtp.messages.length;
    await resendBallot({ actor: actorOf(w.manager), projectId: w.project.id, proposalId: w.proposal.id, personId: w.members[0]!.person.id });
    const [fresh] = await tokensFromMail([w.members[0]!.person.email!], count);
    const before = ballotState();
    const res = await vote(w.tokens[0]!);
    expect(await res.text()).toContain("replaced by a newer one");
    expect(ballotState()).toEqual(before);
    expect((await vote(fresh!)).status).toBe(302);
    expect(getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, "ballot.resend")).all()).toHaveLength(1);
  });

  it("a tampered token", async () => {
    const { tokens } = await sentProposal();
    const t = tokens[0]!;
    const tampered = (t[0] === "A" ? "B" : "A") + t.slice(1);
    const before = ballotState();
    expect((await open(tampered)).status).toBe(404);
    const res = await vote(tampered);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("not valid");
    expect(ballotState()).toEqual(before);
  });

  it("another member's link, used while signed in as someone else", async () => {
    const w = await sentProposal();
    const before = ballotState();
    const res = await vote(w.tokens[0]!, { decision: "approve", conflict: "no" }, w.members[1]!.user.id);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This link was sent to Helen Wright");
    expect(ballotState()).toEqual(before);
  });

  it("slows down bad tokens from one address, never a valid link from it", async () => {
    const { tokens } = await sentProposal();
    const bad = "x".repeat(43);
    for (let i = 0; i < BALLOT_LINKS.address.limit; i++) expect((await open(bad)).status).toBe(404);
    const limited = await open(bad);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await limited.text()).toMatch(/Wait \d+ minutes, then try again/);
    // The same address (a council's shared NAT, a mail scanner) with a real link: it works.
    expect((await open(tokens[0]!)).status).toBe(200);
    expect((await vote(tokens[0]!)).status).toBe(302);
  });
});
