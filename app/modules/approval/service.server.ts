// Board approval: sending a proposal version to a board, ballots by email link or in the app,
// closing with a decision record, withdrawal, resends and reminders.
// Raw ballot tokens exist only in memory between their creation and the email that carries them:
// the database keeps a sha256, audit events never see them, and the outbox only ever stores a copy without them.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import {
  approvalRequests,
  ballots,
  boardMembers,
  boards,
  decisions,
  outbox,
  people,
  projects,
  proposalVersions,
  proposals,
  type BallotDecision,
} from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import { getEnv } from "~/env.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { sendMail } from "~/modules/mail/mailer.server";
import { getProposal, projectPeopleWithRole } from "~/modules/proposal/service.server";
import { notFound, UserInputError } from "~/utils/errors";
import { ballotState, BallotRefused } from "./ballot-state";
import { closeIfDecided, notifyOutcome } from "./decision.server";
import { ballotEmail } from "./emails";
import { todayInLondon } from "~/utils/dates";
import { isStalled } from "~/modules/action/approval-rules";

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");
const nowIso = () => new Date().toISOString();

/** Boards that may decide for a project: its own, and its programme's. */
export function boardsFor({ projectId }: { projectId: number }, db: Conn = getDb()) {
  const project = db.select().from(projects).where(eq(projects.id, projectId)).get();
  if (!project) notFound();
  const scope = project.programmeId
    ? or(eq(boards.projectId, projectId), and(isNull(boards.projectId), eq(boards.programmeId, project.programmeId)))
    : eq(boards.projectId, projectId);
  return db
    .select({ id: boards.id, name: boards.name, decisionRule: boards.decisionRule, quorum: boards.quorum, castingVote: boards.castingVote, chairPersonId: boards.chairPersonId, members: sql<number>`(select count(*) from board_members m where m.board_id = ${boards.id})` })
    .from(boards)
    .where(scope)
    .orderBy(asc(boards.name))
    .all();
}

interface Issued {
  ballotId: number;
  token: string;
  personId: number;
  name: string;
  email: string | null;
}

function issueBallot(tx: Conn, requestId: number, person: { personId: number; name: string; email: string | null }, remindedAt: string | null = null): Issued {
  const token = newToken();
  const row = tx
    .insert(ballots)
    .values({ requestId, personId: person.personId, tokenHash: hashToken(token), sentAt: nowIso(), remindedAt })
    .returning({ id: ballots.id })
    .get();
  return { ballotId: row.id, token, ...person };
}

type EmailKind = "new" | "resend" | "new_version" | "reminder";

/** Emails each member their link; the outbox's copy never holds it (see `secrets` in sendMail). */
async function emailBallots(requestId: number, issued: Issued[], kind: EmailKind) {
  const ctx = requestContext(getDb(), requestId);
  for (const b of issued) {
    if (!b.email) continue;
    const link = `${getEnv().APP_URL}/ballot/${b.token}`;
    const message = ballotEmail({ to: b.email, memberName: b.name, projectName: ctx.projectName, title: ctx.title, versionNumber: ctx.versionNumber, deadline: ctx.deadline, link, kind });
    await sendMail({ ...message, secrets: [b.token], dedupeKey: kind === "reminder" ? reminderKey(requestId, b.personId) : `ballot:${b.ballotId}` });
  }
}

const reminderKey = (requestId: number, personId: number) => `ballot-reminder:${requestId}:${personId}`;

function requestContext(db: Conn, requestId: number) {
  const row = db
    .select({ deadline: approvalRequests.deadline, title: proposalVersions.title, versionNumber: proposalVersions.number, projectName: projects.name, projectId: projects.id })
    .from(approvalRequests)
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .innerJoin(proposals, eq(proposals.id, approvalRequests.proposalId))
    .innerJoin(projects, eq(projects.id, proposals.projectId))
    .where(eq(approvalRequests.id, requestId))
    .get();
  if (!row) notFound();
  return row;
}

function openRequestFor(tx: Conn, proposalId: number) {
  return tx
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.proposalId, proposalId), eq(approvalRequests.status, "open")))
    .get();
}

/**
 * Sends the proposal's current version to a board. A request already open for the proposal is
 * superseded: its links stop working and every member gets a new one for the new version.
 */
export async function sendToBoard({ actor, projectId, proposalId, boardId, deadline, today = todayInLondon() }: { actor: Actor; projectId: number; proposalId: number; boardId: number; deadline: string; today?: string }) {
  const { requestId, issued, kind } = write((tx) => {
    const proposal = getProposal({ projectId, proposalId }, tx);
    if (!["draft", "in_consultation", "with_board", "deferred", "rejected"].includes(proposal.status))
      throw new UserInputError({ _form: "An approved or implemented proposal cannot be sent to the board again." });
    const board = boardsFor({ projectId }, tx).find((b) => b.id === boardId);
    if (!board) throw new UserInputError({ boardId: "Choose a board for this project" });
    if (deadline < today) throw new UserInputError({ deadline: "The deadline must be today or in the future" });
    const members = tx
      .select({ personId: people.id, name: people.name, email: people.email })
      .from(boardMembers)
      .innerJoin(people, eq(people.id, boardMembers.personId))
      .where(eq(boardMembers.boardId, boardId))
      .all();
    if (members.length === 0) throw new UserInputError({ boardId: "This board has no members yet" });
    const version = tx.select().from(proposalVersions).where(and(eq(proposalVersions.proposalId, proposalId), eq(proposalVersions.number, proposal.currentVersion))).get()!;
    const previous = openRequestFor(tx, proposalId);
    if (previous) {
      tx.update(approvalRequests).set({ status: "superseded", closedAt: nowIso() }).where(eq(approvalRequests.id, previous.id)).run();
      tx.update(ballots).set({ supersededAt: nowIso() }).where(and(eq(ballots.requestId, previous.id), isNull(ballots.supersededAt))).run();
      recordAudit(tx, { actor, event: "approval.supersede", entityType: "approval_request", entityId: previous.id, projectId, before: { status: "open" }, after: { status: "superseded" } });
    }
    const request = tx
      .insert(approvalRequests)
      .values({
        proposalId,
        proposalVersionId: version.id,
        boardId,
        deadline,
        decisionRule: board.decisionRule,
        quorum: board.quorum,
        // The chair's casting vote counts only if the chair is still a member when the request goes out.
        castingVotePersonId: board.castingVote && members.some((m) => m.personId === board.chairPersonId) ? board.chairPersonId : null,
        memberCount: members.length,
        sentByPersonId: actor.personId,
      })
      .returning()
      .get();
    const issued = members.map((m) => issueBallot(tx, request.id, m));
    tx.update(proposals).set({ status: "with_board", updatedAt: nowIso() }).where(eq(proposals.id, proposalId)).run();
    recordAudit(tx, {
      actor,
      event: "approval.send",
      entityType: "approval_request",
      entityId: request.id,
      projectId,
      before: { status: proposal.status },
      after: { proposalId, version: version.number, board: board.name, deadline, rule: board.decisionRule, quorum: board.quorum, members: members.map((m) => m.name) },
    });
    return { requestId: request.id, issued, kind: (previous ? "new_version" : "new") as EmailKind };
  });
  await emailBallots(requestId, issued, kind);
  return { requestId };
}

export interface BallotInput {
  decision: BallotDecision;
  comment: string;
  conflictDeclared: boolean;
  conflictText: string;
}

/** Records one ballot, once; closes the request with a decision when the board's rule is met or can no longer be. */
export async function castBallot({ actor, ballotId, personId, channel, today = todayInLondon(), ...input }: BallotInput & { actor: Actor; ballotId: number; personId: number; channel: "email" | "app"; today?: string }) {
  const result = write((tx) => {
    const row = tx.select({ ballot: ballots, request: approvalRequests }).from(ballots).innerJoin(approvalRequests, eq(approvalRequests.id, ballots.requestId)).where(eq(ballots.id, ballotId)).get();
    if (!row || row.ballot.personId !== personId) notFound("Ballot not found");
    const state = ballotState(row.ballot, row.request, today);
    if (state !== "open") throw new BallotRefused(state);
    const at = nowIso();
    const updated = tx
      .update(ballots)
      .set({ decision: input.decision, comment: input.comment, conflictDeclared: input.conflictDeclared, conflictText: input.conflictDeclared ? input.conflictText : "", decidedAt: at, openedAt: at, channel })
      .where(and(eq(ballots.id, ballotId), isNull(ballots.decidedAt), isNull(ballots.supersededAt)))
      .run();
    if (updated.changes !== 1) throw new BallotRefused("decided");
    const ctx = requestContext(tx, row.request.id);
    recordAudit(tx, {
      actor,
      event: "ballot.cast",
      entityType: "ballot",
      entityId: ballotId,
      projectId: ctx.projectId,
      after: { requestId: row.request.id, decision: input.decision, channel, conflictDeclared: input.conflictDeclared, comment: input.comment },
    });
    return closeIfDecided(tx, row.request.id, today);
  });
  if (result) await notifyOutcome(result.decisionId);
  return result;
}

export function withdrawRequest({ actor, projectId, proposalId }: { actor: Actor; projectId: number; proposalId: number }) {
  return write((tx) => {
    getProposal({ projectId, proposalId }, tx);
    const request = openRequestFor(tx, proposalId);
    if (!request) throw new UserInputError({ _form: "There is no open request to withdraw." });
    tx.update(approvalRequests).set({ status: "withdrawn", closedAt: nowIso() }).where(eq(approvalRequests.id, request.id)).run();
    tx.update(proposals).set({ status: "in_consultation", updatedAt: nowIso() }).where(eq(proposals.id, proposalId)).run();
    recordAudit(tx, { actor, event: "approval.withdraw", entityType: "approval_request", entityId: request.id, projectId, before: { status: "open" }, after: { status: "withdrawn" } });
    return request;
  });
}

/** A new link for one member; the old one stops working. */
export async function resendBallot({ actor, projectId, proposalId, personId }: { actor: Actor; projectId: number; proposalId: number; personId: number }) {
  const { requestId, issued } = write((tx) => {
    getProposal({ projectId, proposalId }, tx);
    const request = openRequestFor(tx, proposalId);
    if (!request) throw new UserInputError({ _form: "There is no open request to resend." });
    const live = tx.select().from(ballots).where(and(eq(ballots.requestId, request.id), eq(ballots.personId, personId), isNull(ballots.supersededAt))).get();
    if (!live) throw new UserInputError({ _form: "That person is not on this request's board." });
    if (live.decidedAt) throw new UserInputError({ _form: "That member has already voted." });
    tx.update(ballots).set({ supersededAt: nowIso() }).where(eq(ballots.id, live.id)).run();
    const person = tx.select({ personId: people.id, name: people.name, email: people.email }).from(people).where(eq(people.id, personId)).get()!;
    const issued = issueBallot(tx, request.id, person);
    recordAudit(tx, { actor, event: "ballot.resend", entityType: "ballot", entityId: issued.ballotId, projectId, before: { ballotId: live.id }, after: { ballotId: issued.ballotId, member: person.name } });
    return { requestId: request.id, issued };
  });
  await emailBallots(requestId, [issued], "resend");
}

/** Reminds members who have not voted on requests due within `withinDays`; one reminder per member per request. */
export async function sendReminders({ actor, today = todayInLondon(), withinDays = 2 }: { actor: Actor; today?: string; withinDays?: number }) {
  const last = new Date(Date.parse(`${today}T00:00:00Z`) + withinDays * 86_400_000).toISOString().slice(0, 10);
  const batches = write((tx) => {
    const due = tx.select().from(approvalRequests).where(and(eq(approvalRequests.status, "open"), sql`${approvalRequests.deadline} between ${today} and ${last}`)).all();
    const out: Array<{ requestId: number; issued: Issued[] }> = [];
    for (const request of due) {
      const waiting = tx
        .select({ ballot: ballots, name: people.name, email: people.email })
        .from(ballots)
        .innerJoin(people, eq(people.id, ballots.personId))
        .where(and(eq(ballots.requestId, request.id), isNull(ballots.supersededAt), isNull(ballots.decidedAt)))
        .all()
        .filter((w) => w.email && !tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, reminderKey(request.id, w.ballot.personId))).get());
      const issued: Issued[] = [];
      for (const w of waiting) {
        tx.update(ballots).set({ supersededAt: nowIso() }).where(eq(ballots.id, w.ballot.id)).run();
        const b = issueBallot(tx, request.id, { personId: w.ballot.personId, name: w.name, email: w.email }, nowIso());
        recordAudit(tx, { actor, event: "ballot.remind", entityType: "ballot", entityId: b.ballotId, projectId: requestContext(tx, request.id).projectId, before: { ballotId: w.ballot.id }, after: { ballotId: b.ballotId, member: w.name } });
        issued.push(b);
      }
      if (issued.length) out.push({ requestId: request.id, issued });
    }
    return out;
  });
  for (const b of batches) await emailBallots(b.requestId, b.issued, "reminder");
  return { reminded: batches.reduce((n, b) => n + b.issued.length, 0) };
}

/** Every request for a proposal, newest first, with its ballots (live ones only) and whether it has stalled. */
export function listRequests({ projectId, proposalId, today = todayInLondon() }: { projectId: number; proposalId: number; today?: string }, db: Conn = getDb()) {
  getProposal({ projectId, proposalId }, db);
  const requests = db
    .select({ request: approvalRequests, board: boards.name, version: proposalVersions.number })
    .from(approvalRequests)
    .innerJoin(boards, eq(boards.id, approvalRequests.boardId))
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(eq(approvalRequests.proposalId, proposalId))
    .orderBy(desc(approvalRequests.id))
    .all();
  const ids = requests.map((r) => r.request.id);
  const all = ids.length ? ballotsFor(db, ids) : [];
  return requests.map((r) => ({
    ...r.request,
    board: r.board,
    version: r.version,
    stalled: isStalled(r.request, today),
    ballots: all.filter((b) => b.requestId === r.request.id),
  }));
}

export function ballotsFor(db: Conn, requestIds: number[]) {
  return db
    .select({
      id: ballots.id,
      requestId: ballots.requestId,
      personId: ballots.personId,
      name: people.name,
      decision: ballots.decision,
      decidedAt: ballots.decidedAt,
      sentAt: ballots.sentAt,
      remindedAt: ballots.remindedAt,
      comment: ballots.comment,
      conflictDeclared: ballots.conflictDeclared,
      conflictText: ballots.conflictText,
      channel: ballots.channel,
    })
    .from(ballots)
    .innerJoin(people, eq(people.id, ballots.personId))
    .where(and(inArray(ballots.requestId, requestIds), isNull(ballots.supersededAt)))
    .orderBy(asc(people.name))
    .all();
}

/** The signed-in member's live ballot on the proposal's open request, if any. */
export function myOpenBallot({ proposalId, personId }: { proposalId: number; personId: number }, db: Conn = getDb()) {
  return db
    .select({ ballot: ballots, request: approvalRequests })
    .from(ballots)
    .innerJoin(approvalRequests, eq(approvalRequests.id, ballots.requestId))
    .where(and(eq(approvalRequests.proposalId, proposalId), eq(approvalRequests.status, "open"), eq(ballots.personId, personId), isNull(ballots.supersededAt)))
    .get();
}

// ---- ballot links: lookups that change nothing (the slow-down for guessing is app/modules/throttle)

/** The ballot a link's token names, or null for a token that is malformed or unknown. Reads only. */
export function findBallotByToken(token: string) {
  if (!TOKEN_PATTERN.test(token)) return null;
  return getDb()
    .select({ ballot: ballots, request: approvalRequests, member: people.name })
    .from(ballots)
    .innerJoin(approvalRequests, eq(approvalRequests.id, ballots.requestId))
    .innerJoin(people, eq(people.id, ballots.personId))
    .where(eq(ballots.tokenHash, hashToken(token)))
    .get() ?? null;
}

export function latestDecision({ proposalId }: { proposalId: number }, db: Conn = getDb()) {
  return db.select().from(decisions).where(and(eq(decisions.proposalId, proposalId), isNull(decisions.supersededById))).orderBy(desc(decisions.id)).get() ?? null;
}

export { projectPeopleWithRole };

/** Open requests for a project's proposals (for the list's deadlines and stalled flags). */
export function openRequestsFor({ projectId, today = todayInLondon() }: { projectId: number; today?: string }, db: Conn = getDb()) {
  return db
    .select({ proposalId: approvalRequests.proposalId, deadline: approvalRequests.deadline, status: approvalRequests.status })
    .from(approvalRequests)
    .innerJoin(proposals, eq(proposals.id, approvalRequests.proposalId))
    .where(and(eq(proposals.projectId, projectId), eq(approvalRequests.status, "open")))
    .all()
    .map((r) => ({ proposalId: r.proposalId, deadline: r.deadline, stalled: isStalled(r, today) }));
}
