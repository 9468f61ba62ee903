// Demo proposals: one in consultation, one with the home-working board with some ballots in, and
// decided ones in the registers (approved by email ballot, deferred by an email ballot that could
// not be unanimous, rejected at a meeting). Runs inside the demo seed's transaction, after the
// projects, people and boards exist; looks them up by slug and email.
// Ballot tokens are random and thrown away at once (only their hash is kept): demo board members
// vote signed in, or the manager resends a link.
import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import * as s from "#db/schema";
import type { Conn } from "~/db.server";
import { evaluateRule } from "~/modules/approval/decision-rule";

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const at = (date: string, time = "10:00") => `${date}T${time}:00.000Z`;
const tokenHash = () => createHash("sha256").update(randomBytes(32).toString("base64url")).digest("hex");

export function seedProposals(tx: Conn, { today }: { today: string }) {
  const project = (slug: string) => tx.select().from(s.projects).where(eq(s.projects.slug, slug)).get()!;
  const person = (email: string) => tx.select().from(s.people).where(eq(s.people.email, email)).get()!;
  const wp = (projectId: number, ref: string) => tx.select().from(s.workPackages).where(and(eq(s.workPackages.projectId, projectId), eq(s.workPackages.ref, ref))).get() ?? null;
  const board = (projectId: number) => tx.select().from(s.boards).where(eq(s.boards.projectId, projectId)).get()!;
  const members = (boardId: number) => tx.select({ id: s.boardMembers.personId }).from(s.boardMembers).where(eq(s.boardMembers.boardId, boardId)).all().map((m) => m.id);

  const manager = person("manager@waymark.test");
  const consultee = person("consultee@waymark.test");
  const partner = person("partner@waymark.test");
  const hw = project("home-working-pilot");
  const bi = project("benefits-improvement");
  const rb = project("rb-partnership");

  function proposal(p: { projectId: number; workPackageId: number | null; status: s.ProposalStatus; authorId: number; created: string; versions: Array<{ title: string; body: string; options: string; recommendation: string }> }) {
    const row = tx
      .insert(s.proposals)
      .values({ projectId: p.projectId, workPackageId: p.workPackageId, title: p.versions[p.versions.length - 1]!.title, status: p.status, currentVersion: p.versions.length, createdByPersonId: p.authorId, createdAt: at(p.created), updatedAt: at(p.created) })
      .returning()
      .get();
    const versions = p.versions.map((v, i) =>
      tx.insert(s.proposalVersions).values({ proposalId: row.id, number: i + 1, title: v.title, body: v.body, optionsConsidered: v.options, recommendation: v.recommendation, authorPersonId: p.authorId, createdAt: at(addDays(p.created, i * 3)) }).returning().get(),
    );
    return { ...row, versions };
  }

  function respond(versionId: number, position: s.ConsultationPosition, comment: string, date: string, reply?: string) {
    const r = tx.insert(s.consultationResponses).values({ proposalVersionId: versionId, consulteePersonId: consultee.id, position, comment, createdAt: at(date, "14:00") }).returning().get();
    if (reply) tx.insert(s.consultationReplies).values({ responseId: r.id, authorPersonId: manager.id, body: reply, createdAt: at(addDays(date, 1), "09:30") }).run();
  }

  // Members with a login voted signed in ("app"); the others, who have no login, from their email link.
  const hasLogin = (personId: number) => Boolean(tx.select({ id: s.users.id }).from(s.users).where(eq(s.users.personId, personId)).get());
  const channelFor = (personId: number) => (hasLogin(personId) ? "app" : "email");

  /** A request with ballots; votes[i] is member i's vote (null: not yet). Closes with a decision when the rule says so. */
  function request(p: { proposal: ReturnType<typeof proposal>; projectId: number; boardId: number; sent: string; deadline: string; votes: Array<{ vote: s.BallotDecision; comment?: string; conflict?: string } | null>; sentBy: number }) {
    const b = tx.select().from(s.boards).where(eq(s.boards.id, p.boardId)).get()!;
    const ids = members(p.boardId);
    const version = p.proposal.versions[p.proposal.versions.length - 1]!;
    const req = tx
      .insert(s.approvalRequests)
      .values({ proposalId: p.proposal.id, proposalVersionId: version.id, boardId: b.id, deadline: p.deadline, decisionRule: b.decisionRule, quorum: b.quorum, memberCount: ids.length, sentByPersonId: p.sentBy, createdAt: at(p.sent) })
      .returning()
      .get();
    ids.forEach((personId, i) => {
      const v = p.votes[i] ?? null;
      const decidedAt = v ? at(addDays(p.sent, i + 1), "11:15") : null;
      tx.insert(s.ballots)
        .values({ requestId: req.id, personId, tokenHash: tokenHash(), sentAt: at(p.sent), openedAt: decidedAt, decidedAt, decision: v?.vote ?? null, comment: v?.comment ?? "", conflictDeclared: Boolean(v?.conflict), conflictText: v?.conflict ?? "", channel: v ? channelFor(personId) : null })
        .run();
    });
    const result = evaluateRule({ kind: b.decisionRule, members: ids.length, quorum: b.quorum }, p.votes.map((v) => v?.vote ?? null));
    if (result.status === "open") return req;
    const decidedOn = addDays(p.sent, p.votes.filter(Boolean).length);
    const names = ids.map((id) => tx.select({ name: s.people.name }).from(s.people).where(eq(s.people.id, id)).get()!.name);
    const words = { approve: "approved", reject: "rejected", abstain: "abstained" } as const;
    const comments = p.votes.flatMap((v, i) => (v?.comment ? [`${names[i]} (${words[v.vote]}): ${v.comment}`] : []));
    const conflicts = p.votes.flatMap((v, i) => (v?.conflict ? [`${names[i]}: ${v.conflict}`] : []));
    tx.update(s.approvalRequests).set({ status: "closed", closedAt: at(decidedOn, "11:15") }).where(eq(s.approvalRequests.id, req.id)).run();
    tx.insert(s.decisions)
      .values({
        projectId: p.projectId,
        proposalId: p.proposal.id,
        proposalVersionId: version.id,
        requestId: req.id,
        outcome: result.status,
        decidedOn,
        reasons: [`Recommendation put to the board: ${version.recommendation}`, `Vote by email ballot: ${result.explanation}`, comments.length ? `Members' comments:\n${comments.join("\n")}` : null].filter(Boolean).join("\n\n"),
        alternativesRejected: version.optionsConsidered,
        conflictsDeclared: conflicts.length ? conflicts.join("\n") : "None declared",
        method: "email_ballot",
        recordedBy: "Waymark, from the email ballot",
        createdAt: at(decidedOn, "11:15"),
      })
      .run();
    return req;
  }

  // 1. Home-working pilot: decided by email ballot, approved.
  const selection = proposal({
    projectId: hw.id,
    workPackageId: wp(hw.id, "WP2")?.id ?? null,
    status: "approved",
    authorId: manager.id,
    created: addDays(today, -40),
    versions: [
      {
        title: "Selection criteria for pilot home-workers",
        body: "## Purpose\nAgree how volunteers for the home-working pilot are chosen, so selection is fair and the pilot measures what it should.\n\n## Criteria\n- At least 12 months as a benefits assessor\n- Accuracy at or above the team average for the last two quarters\n- A suitable, safe work space at home (checked by a health and safety visit)\n- Line manager's support\n\n## Numbers\nUp to 8 assessors in the first pilot, drawn from both offices.",
        options: "1. Open to all volunteers on a first-come basis: rejected, as it would not give a fair test of productivity.\n2. Managers choose: rejected, as staff and unions saw it as unfair.",
        recommendation: "Adopt the four criteria and select up to 8 volunteers, with a union representative on the selection panel.",
      },
    ],
  });
  respond(selection.versions[0]!.id, "supports", "The branch supports these criteria, provided a union representative sits on the selection panel, as the recommendation says.", addDays(today, -36));
  request({ proposal: selection, projectId: hw.id, boardId: board(hw.id).id, sent: addDays(today, -34), deadline: addDays(today, -27), sentBy: manager.id, votes: [{ vote: "approve", comment: "Clear and fair." }, { vote: "approve" }, null] });

  // 2. Home-working pilot: with the board now, one ballot in, two to come (board@waymark.test can vote signed in).
  const policy = proposal({
    projectId: hw.id,
    workPackageId: wp(hw.id, "WP1")?.id ?? null,
    status: "with_board",
    authorId: manager.id,
    created: addDays(today, -14),
    versions: [
      {
        title: "Home-working policy and equipment standard",
        body: "## What changes\nStaff in the pilot work from home up to four days a week.\n\n## Equipment\n- Laptop with encrypted disk\n- Second screen and adjustable chair\n- Secure token for the benefits system\n\n## Health and safety\nA work-space assessment before starting, then yearly.",
        options: "1. Two days a week at home: rejected, as it would not test the office-space savings.\n2. Staff provide their own furniture: rejected on health and safety grounds.",
        recommendation: "Approve the policy and equipment standard for the pilot.",
      },
      {
        title: "Home-working policy and equipment standard",
        body: "## What changes\nStaff in the pilot work from home up to four days a week, and come to the office at least one day a week for team meetings and coaching.\n\n## Equipment\n- Laptop with encrypted disk\n- Second screen and adjustable chair\n- Secure token for the benefits system\n- A contribution to broadband and heating costs\n\n## Health and safety\nA work-space assessment before starting, then yearly.",
        options: "1. Two days a week at home: rejected, as it would not test the office-space savings.\n2. Staff provide their own furniture: rejected on health and safety grounds.\n3. No contribution to home costs: rejected after consultation.",
        recommendation: "Approve the policy and equipment standard for the pilot, including the contribution to home costs.",
      },
    ],
  });
  respond(policy.versions[0]!.id, "has_concerns", "Members are worried about isolation and about who pays for heating and broadband at home. We ask for an office day each week and a contribution to costs.", addDays(today, -12), "Thank you: version 2 adds a weekly office day and a contribution to home costs.");
  respond(policy.versions[1]!.id, "supports", "Version 2 answers our concerns. The branch supports it.", addDays(today, -7));
  const hwMembers = members(board(hw.id).id);
  const helen = person("board@waymark.test").id;
  request({
    proposal: policy,
    projectId: hw.id,
    boardId: board(hw.id).id,
    sent: addDays(today, -5),
    deadline: addDays(today, 5),
    sentBy: manager.id,
    // The first member who is not Helen Wright has approved; Helen and the other have not voted yet.
    votes: hwMembers.map((id, i) => (id !== helen && i === hwMembers.findIndex((x) => x !== helen) ? { vote: "approve" as const, comment: "Happy with the revised version." } : null)),
  });

  // 3. Home-working pilot: in consultation, no responses yet.
  proposal({
    projectId: hw.id,
    workPackageId: wp(hw.id, "WP3")?.id ?? null,
    status: "in_consultation",
    authorId: manager.id,
    created: addDays(today, -2),
    versions: [
      {
        title: "Extend the pilot to team leaders",
        body: "## Proposal\nInvite two team leaders to join the pilot from next month, to test whether teams can be led remotely.\n\n## Measures\n- Team accuracy and output\n- Staff survey on support and contact\n- Time to answer queries from assessors",
        options: "1. Wait until the pilot ends: rejected, as the wider strategy needs evidence on leading remote teams.\n2. All team leaders: rejected as too big a risk during the pilot.",
        recommendation: "Invite two team leaders to join the pilot for three months.",
      },
    ],
  });

  // 4. Partnership: an email ballot that could not be unanimous (one abstention): deferred.
  const rbBoard = board(rb.id);
  const governance = proposal({
    projectId: rb.id,
    workPackageId: null,
    status: "deferred",
    authorId: partner.id,
    created: addDays(today, -60),
    versions: [
      {
        title: "Joint committee terms of reference for the shared service",
        body: "## Proposal\nSet up a joint committee of both councils to oversee the shared revenues and benefits service.\n\n## Membership\n- Two elected members from each council\n- Quorum of three, including at least one from each council",
        options: "1. Lead-authority model with no joint committee: rejected, as the smaller council would have no say.\n2. A company owned by both councils: rejected as too costly for year one.",
        recommendation: "Adopt the terms of reference and ask each council's cabinet to appoint its members.",
      },
    ],
  });
  respond(governance.versions[0]!.id, "has_concerns", "Staff transferring between councils need a guarantee on terms and conditions before the committee is set up.", addDays(today, -57), "Noted: HR from both councils will report on this before the next board.");
  request({
    proposal: governance,
    projectId: rb.id,
    boardId: rbBoard.id,
    sent: addDays(today, -55),
    deadline: addDays(today, -48),
    sentBy: partner.id,
    votes: [{ vote: "approve" }, { vote: "abstain", comment: "I sit on the cabinet that will appoint members.", conflict: "Member of the cabinet that appoints the committee" }, null, null],
  });

  // 5. Benefits improvement: rejected at a programme board meeting (no email ballot).
  const phones = proposal({
    projectId: bi.id,
    workPackageId: null,
    status: "rejected",
    authorId: manager.id,
    created: addDays(today, -30),
    versions: [
      {
        title: "Close the benefits phone line on Wednesday afternoons",
        body: "## Proposal\nClose the phone line from 1pm on Wednesdays so assessors can clear the backlog of new claims.",
        options: "1. Overtime at weekends: rejected on cost.\n2. Temporary staff: rejected as training takes too long.",
        recommendation: "Close the phone line on Wednesday afternoons for three months.",
      },
    ],
  });
  tx.insert(s.decisions)
    .values({
      projectId: bi.id,
      proposalId: phones.id,
      proposalVersionId: phones.versions[0]!.id,
      outcome: "rejected",
      decidedOn: addDays(today, -21),
      reasons: "The programme board would not reduce access for vulnerable claimants who rely on the phone line. It asked for options that keep the line open.",
      alternativesRejected: phones.versions[0]!.optionsConsidered,
      conflictsDeclared: "None declared",
      method: "meeting",
      recordedByPersonId: manager.id,
      recordedBy: "Priya Shah",
      createdAt: at(addDays(today, -21), "16:00"),
    })
    .run();
}
