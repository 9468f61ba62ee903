// Decision records: made when a request closes, never edited (a later one supersedes), listed in
// the project and programme decisions registers.
import { and, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import { approvalRequests, ballots, boardMembers, decisions, people, projects, proposalVersions, proposals, type DecisionOutcome } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import { getEnv } from "~/env.server";
import { systemActor, type Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { sendMail } from "~/modules/mail/mailer.server";
import { getProposal, projectPeopleWithRole } from "~/modules/proposal/service.server";
import { UserInputError } from "~/utils/errors";
import { evaluateRule } from "./decision-rule";
import { outcomeEmail } from "./emails";

const DECISION_WORDS = { approve: "approved", reject: "rejected", abstain: "abstained" } as const;

/** Inside the ballot's transaction: applies the rule to the live ballots; when decided, closes the request and records the decision. */
export function closeIfDecided(tx: Conn, requestId: number, today: string) {
  const request = tx.select().from(approvalRequests).where(eq(approvalRequests.id, requestId)).get()!;
  if (request.status !== "open") return null;
  const live = tx
    .select({ personId: ballots.personId, decision: ballots.decision, comment: ballots.comment, conflictDeclared: ballots.conflictDeclared, conflictText: ballots.conflictText, name: people.name })
    .from(ballots)
    .innerJoin(people, eq(people.id, ballots.personId))
    .where(and(eq(ballots.requestId, requestId), isNull(ballots.supersededAt)))
    .all();
  const castingVote = request.castingVotePersonId === null ? undefined : (live.find((b) => b.personId === request.castingVotePersonId)?.decision ?? null);
  const result = evaluateRule({ kind: request.decisionRule, members: request.memberCount, quorum: request.quorum, castingVote }, live.map((b) => b.decision));
  if (result.status === "open") return null;
  const version = tx.select().from(proposalVersions).where(eq(proposalVersions.id, request.proposalVersionId)).get()!;
  const proposal = tx.select().from(proposals).where(eq(proposals.id, request.proposalId)).get()!;
  const comments = live.filter((b) => b.decision && b.comment).map((b) => `${b.name} (${DECISION_WORDS[b.decision!]}): ${b.comment}`);
  const reasons = [
    version.recommendation ? `Recommendation put to the board: ${version.recommendation}` : null,
    `Vote by email ballot: ${result.explanation}`,
    comments.length ? `Members' comments:\n${comments.join("\n")}` : null,
  ]
    .filter(Boolean)
    .join("\n\n");
  const conflicts = live.filter((b) => b.conflictDeclared).map((b) => `${b.name}: ${b.conflictText || "declared an interest"}`);
  const at = new Date().toISOString();
  tx.update(approvalRequests).set({ status: "closed", closedAt: at }).where(eq(approvalRequests.id, requestId)).run();
  const decision = tx
    .insert(decisions)
    .values({
      projectId: proposal.projectId,
      proposalId: proposal.id,
      proposalVersionId: version.id,
      requestId,
      outcome: result.status,
      decidedOn: today,
      reasons,
      alternativesRejected: version.optionsConsidered,
      conflictsDeclared: conflicts.length ? conflicts.join("\n") : "None declared",
      method: "email_ballot",
      recordedBy: "Waymark, from the email ballot",
    })
    .returning()
    .get();
  tx.update(decisions)
    .set({ supersededById: decision.id })
    .where(and(eq(decisions.proposalId, proposal.id), isNull(decisions.supersededById), ne(decisions.id, decision.id)))
    .run();
  tx.update(proposals).set({ status: result.status, updatedAt: at }).where(eq(proposals.id, proposal.id)).run();
  const actor = systemActor("waymark:ballot");
  recordAudit(tx, { actor, event: "approval.close", entityType: "approval_request", entityId: requestId, projectId: proposal.projectId, before: { status: "open" }, after: { status: "closed" } });
  recordAudit(tx, {
    actor,
    event: "decision.record",
    entityType: "decision",
    entityId: decision.id,
    projectId: proposal.projectId,
    before: { proposalStatus: proposal.status },
    after: { proposalId: proposal.id, version: version.number, outcome: result.status, decidedOn: today, method: "email_ballot", explanation: result.explanation },
  });
  return { decisionId: decision.id, outcome: result.status, explanation: result.explanation };
}

/** Tells the project's managers, the board's members and the consultees what was decided. */
export async function notifyOutcome(decisionId: number) {
  const db = getDb();
  const d = db
    .select({ decision: decisions, title: proposals.title, projectName: projects.name, slug: projects.slug, boardId: approvalRequests.boardId })
    .from(decisions)
    .innerJoin(proposals, eq(proposals.id, decisions.proposalId))
    .innerJoin(projects, eq(projects.id, decisions.projectId))
    .leftJoin(approvalRequests, eq(approvalRequests.id, decisions.requestId))
    .where(eq(decisions.id, decisionId))
    .get();
  if (!d) return;
  const board = d.boardId
    ? db.select({ personId: people.id, name: people.name, email: people.email }).from(boardMembers).innerJoin(people, eq(people.id, boardMembers.personId)).where(eq(boardMembers.boardId, d.boardId)).all()
    : [];
  const everyone = [...projectPeopleWithRole(db, d.decision.projectId, "manager"), ...board, ...projectPeopleWithRole(db, d.decision.projectId, "consultee")];
  const seen = new Set<string>();
  const link = `${getEnv().APP_URL}/projects/${d.slug}/decisions#decision-${decisionId}`;
  const explanation =
    d.decision.method === "meeting" ? d.decision.reasons : (d.decision.reasons.split("\n\n").find((p) => p.startsWith("Vote by email ballot: "))?.slice(22) ?? "");
  for (const p of everyone) {
    if (!p.email || seen.has(p.email)) continue;
    seen.add(p.email);
    await sendMail({
      ...outcomeEmail({ to: p.email, projectName: d.projectName, title: d.title, outcome: d.decision.outcome, decidedOn: d.decision.decidedOn, explanation, link, method: d.decision.method }),
      dedupeKey: `decision:${decisionId}:${p.personId}`,
    });
  }
}

/** The register: every decision for the given projects, newest first, with the ballots cast. */
export function listDecisions({ projectIds }: { projectIds: number[] }, db: Conn = getDb()) {
  if (projectIds.length === 0) return [];
  const rows = db
    .select({ decision: decisions, title: proposals.title, version: proposalVersions.number, projectName: projects.name, projectSlug: projects.slug, recordedByName: people.name })
    .from(decisions)
    .innerJoin(proposals, eq(proposals.id, decisions.proposalId))
    .innerJoin(projects, eq(projects.id, decisions.projectId))
    .leftJoin(proposalVersions, eq(proposalVersions.id, decisions.proposalVersionId))
    .leftJoin(people, eq(people.id, decisions.recordedByPersonId))
    .where(inArray(decisions.projectId, projectIds))
    .orderBy(desc(decisions.decidedOn), desc(decisions.id))
    .all();
  const requestIds = rows.flatMap((r) => (r.decision.requestId ? [r.decision.requestId] : []));
  const cast = requestIds.length
    ? db
        .select({ requestId: ballots.requestId, name: people.name, decision: ballots.decision, decidedAt: ballots.decidedAt, channel: ballots.channel, conflictDeclared: ballots.conflictDeclared })
        .from(ballots)
        .innerJoin(people, eq(people.id, ballots.personId))
        .where(and(inArray(ballots.requestId, requestIds), isNull(ballots.supersededAt)))
        .orderBy(people.name)
        .all()
    : [];
  return rows.map((r) => ({
    ...r.decision,
    title: r.title,
    version: r.version,
    projectName: r.projectName,
    projectSlug: r.projectSlug,
    recordedBy: r.recordedByName ?? r.decision.recordedBy,
    ballots: cast.filter((b) => b.requestId === r.decision.requestId),
  }));
}

/**
 * Records a decision the board made at a meeting (or one that settles a stalled request). Any
 * open request closes, and the proposal's earlier decision, if any, is superseded, not edited.
 */
export function recordMeetingDecision({
  actor,
  projectId,
  proposalId,
  outcome,
  decidedOn,
  reasons,
  alternativesRejected,
  conflictsDeclared,
}: {
  actor: Actor;
  projectId: number;
  proposalId: number;
  outcome: DecisionOutcome;
  decidedOn: string;
  reasons: string;
  alternativesRejected: string;
  conflictsDeclared: string;
}) {
  return write((tx) => {
    const proposal = getProposal({ projectId, proposalId }, tx);
    if (proposal.status === "implemented") throw new UserInputError({ _form: "This proposal has been implemented; record a new proposal instead." });
    const version = tx.select().from(proposalVersions).where(and(eq(proposalVersions.proposalId, proposalId), eq(proposalVersions.number, proposal.currentVersion))).get()!;
    const open = tx.select().from(approvalRequests).where(and(eq(approvalRequests.proposalId, proposalId), eq(approvalRequests.status, "open"))).get();
    const at = new Date().toISOString();
    if (open) tx.update(approvalRequests).set({ status: "closed", closedAt: at }).where(eq(approvalRequests.id, open.id)).run();
    const decision = tx
      .insert(decisions)
      .values({ projectId, proposalId, proposalVersionId: version.id, requestId: open?.id ?? null, outcome, decidedOn, reasons, alternativesRejected, conflictsDeclared: conflictsDeclared || "None declared", method: "meeting", recordedByPersonId: actor.personId, recordedBy: recorderName(tx, actor) })
      .returning()
      .get();
    tx.update(decisions).set({ supersededById: decision.id }).where(and(eq(decisions.proposalId, proposalId), isNull(decisions.supersededById), ne(decisions.id, decision.id))).run();
    tx.update(proposals).set({ status: outcome, updatedAt: at }).where(eq(proposals.id, proposalId)).run();
    recordAudit(tx, {
      actor,
      event: "decision.record",
      entityType: "decision",
      entityId: decision.id,
      projectId,
      before: { proposalStatus: proposal.status },
      after: { proposalId, version: version.number, outcome, decidedOn, method: "meeting", closedRequestId: open?.id ?? null },
    });
    return decision;
  });
}

function recorderName(tx: Conn, actor: Actor) {
  const person = actor.personId ? tx.select({ name: people.name }).from(people).where(eq(people.id, actor.personId)).get() : undefined;
  return person?.name ?? actor.label;
}
