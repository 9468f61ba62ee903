// Export and import of a project's boards and proposals (with versions, consultation, approval
// requests, ballots and decisions), called from app/modules/portability. A fixed number of queries.
import { randomBytes, createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import * as s from "#db/schema";
import type { Conn, Tx } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import type { BoardExport, ProposalExport } from "./portability";

function load(db: Conn, projectId: number) {
  const proposals = db.select().from(s.proposals).where(eq(s.proposals.projectId, projectId)).orderBy(asc(s.proposals.id)).all();
  const ids = proposals.map((p) => p.id);
  const versions = ids.length ? db.select().from(s.proposalVersions).where(inArray(s.proposalVersions.proposalId, ids)).orderBy(asc(s.proposalVersions.number)).all() : [];
  const versionIds = versions.map((v) => v.id);
  const responses = versionIds.length ? db.select().from(s.consultationResponses).where(inArray(s.consultationResponses.proposalVersionId, versionIds)).orderBy(asc(s.consultationResponses.id)).all() : [];
  const responseIds = responses.map((r) => r.id);
  const replies = responseIds.length ? db.select().from(s.consultationReplies).where(inArray(s.consultationReplies.responseId, responseIds)).orderBy(asc(s.consultationReplies.id)).all() : [];
  const requests = ids.length ? db.select().from(s.approvalRequests).where(inArray(s.approvalRequests.proposalId, ids)).orderBy(asc(s.approvalRequests.id)).all() : [];
  const requestIds = requests.map((r) => r.id);
  const ballots = requestIds.length ? db.select().from(s.ballots).where(inArray(s.ballots.requestId, requestIds)).orderBy(asc(s.ballots.id)).all() : [];
  const decisions = ids.length ? db.select().from(s.decisions).where(inArray(s.decisions.proposalId, ids)).orderBy(asc(s.decisions.id)).all() : [];
  // The project's own boards, and any other board its requests went to (the programme's).
  const boardIds = [...new Set(requests.map((r) => r.boardId))];
  const boards = db
    .select()
    .from(s.boards)
    .where(boardIds.length ? inArray(s.boards.id, boardIds) : isNull(s.boards.id))
    .all()
    .concat(db.select().from(s.boards).where(eq(s.boards.projectId, projectId)).all())
    .filter((b, i, all) => all.findIndex((x) => x.id === b.id) === i)
    .sort((a, b) => a.id - b.id);
  const allBoardIds = boards.map((b) => b.id);
  const members = allBoardIds.length ? db.select().from(s.boardMembers).where(inArray(s.boardMembers.boardId, allBoardIds)).all() : [];
  return { proposals, versions, responses, replies, requests, ballots, decisions, boards, members };
}

/** Everyone the boards and proposals name, so the export can list them in `people`. */
export function governancePersonIds(db: Conn, projectId: number): number[] {
  const d = load(db, projectId);
  return [
    ...d.members.map((m) => m.personId),
    ...d.boards.map((b) => b.chairPersonId),
    ...d.proposals.map((p) => p.createdByPersonId),
    ...d.versions.map((v) => v.authorPersonId),
    ...d.responses.map((r) => r.consulteePersonId),
    ...d.replies.map((r) => r.authorPersonId),
    ...d.requests.flatMap((r) => [r.sentByPersonId, r.castingVotePersonId]),
    ...d.ballots.map((b) => b.personId),
    ...d.decisions.map((x) => x.recordedByPersonId),
  ].filter((id): id is number => id != null);
}

export function exportGovernance(
  db: Conn,
  projectId: number,
  { person, wpRef }: { person: (id: number | null) => string | null; wpRef: Map<number, string> },
): { boards: BoardExport[]; proposals: ProposalExport[] } {
  const d = load(db, projectId);
  const boardName = new Map(d.boards.map((b) => [b.id, b.name]));
  const versionNumber = new Map(d.versions.map((v) => [v.id, v.number]));
  const boards: BoardExport[] = d.boards.map((b) => ({
    name: b.name,
    belongsTo: b.projectId === projectId ? "project" : "programme",
    decisionRule: b.decisionRule,
    quorum: b.quorum,
    castingVote: b.castingVote,
    chair: person(b.chairPersonId),
    members: d.members.filter((m) => m.boardId === b.id).map((m) => person(m.personId)!),
  }));
  const proposals: ProposalExport[] = d.proposals.map((p) => {
    const requests = d.requests.filter((r) => r.proposalId === p.id);
    const decisions = d.decisions.filter((x) => x.proposalId === p.id);
    return {
      title: p.title,
      status: p.status,
      workPackage: p.workPackageId ? (wpRef.get(p.workPackageId) ?? null) : null,
      createdBy: person(p.createdByPersonId),
      createdAt: p.createdAt,
      versions: d.versions
        .filter((v) => v.proposalId === p.id)
        .map((v) => ({
          number: v.number,
          title: v.title,
          body: v.body,
          optionsConsidered: v.optionsConsidered,
          recommendation: v.recommendation,
          author: person(v.authorPersonId),
          createdAt: v.createdAt,
          consultation: d.responses
            .filter((r) => r.proposalVersionId === v.id)
            .map((r) => ({
              consultee: person(r.consulteePersonId)!,
              position: r.position,
              comment: r.comment,
              createdAt: r.createdAt,
              replies: d.replies.filter((x) => x.responseId === r.id).map((x) => ({ author: person(x.authorPersonId), body: x.body, createdAt: x.createdAt })),
            })),
        })),
      requests: requests.map((r) => ({
        version: versionNumber.get(r.proposalVersionId)!,
        board: boardName.get(r.boardId)!,
        deadline: r.deadline,
        decisionRule: r.decisionRule,
        quorum: r.quorum,
        castingVote: person(r.castingVotePersonId),
        memberCount: r.memberCount,
        status: r.status,
        sentBy: person(r.sentByPersonId),
        createdAt: r.createdAt,
        closedAt: r.closedAt,
        ballots: d.ballots
          .filter((b) => b.requestId === r.id)
          .map((b) => ({
            member: person(b.personId)!,
            sentAt: b.sentAt,
            openedAt: b.openedAt,
            decidedAt: b.decidedAt,
            decision: b.decision,
            comment: b.comment,
            conflictDeclared: b.conflictDeclared,
            conflictText: b.conflictText,
            channel: b.channel,
            remindedAt: b.remindedAt,
            supersededAt: b.supersededAt,
          })),
      })),
      decisions: decisions.map((x) => ({
        version: x.proposalVersionId ? (versionNumber.get(x.proposalVersionId) ?? null) : null,
        request: x.requestId ? requests.findIndex((r) => r.id === x.requestId) : null,
        outcome: x.outcome,
        decidedOn: x.decidedOn,
        reasons: x.reasons,
        alternativesRejected: x.alternativesRejected,
        conflictsDeclared: x.conflictsDeclared,
        method: x.method,
        recordedBy: x.recordedBy,
        recordedByPerson: person(x.recordedByPersonId),
        supersededBy: x.supersededById ? decisions.findIndex((y) => y.id === x.supersededById) : null,
        createdAt: x.createdAt,
      })),
    };
  });
  return { boards, proposals };
}

/** A hash no token produces: imported ballots keep their history, but their old links never work here. */
const deadTokenHash = () => createHash("sha256").update(`imported:${randomBytes(32).toString("hex")}`).digest("hex");
const at = (createdAt: string | undefined) => (createdAt ? { createdAt } : {});

export function importGovernance(
  tx: Tx,
  doc: { boards: BoardExport[]; proposals: ProposalExport[] },
  { actor, projectId, programmeId, who, wpId }: { actor: Actor; projectId: number; programmeId: number | null; who: (ref: string | null) => number | null; wpId: Map<string, number> },
) {
  const audit = (event: string, entityType: string, entityId: number, after: Record<string, unknown>) =>
    recordAudit(tx, { actor, event, entityType, entityId, projectId, after, meta: { via: "import" } });

  const boardId = new Map<string, number>();
  for (const b of doc.boards) {
    // A programme's board is found by name in the programme, and created there only when missing.
    const programmeBoard = b.belongsTo === "programme" && programmeId !== null;
    const existing = programmeBoard
      ? tx.select({ id: s.boards.id }).from(s.boards).where(and(eq(s.boards.programmeId, programmeId), isNull(s.boards.projectId), eq(s.boards.name, b.name))).get()
      : undefined;
    if (existing) {
      boardId.set(b.name, existing.id);
      continue;
    }
    const row = tx
      .insert(s.boards)
      .values({
        projectId: programmeBoard ? null : projectId,
        programmeId: programmeBoard ? programmeId : null,
        name: b.name,
        decisionRule: b.decisionRule,
        quorum: b.quorum,
        castingVote: b.castingVote,
        chairPersonId: who(b.chair),
      })
      .returning()
      .get();
    for (const m of new Set(b.members)) tx.insert(s.boardMembers).values({ boardId: row.id, personId: who(m)! }).run();
    boardId.set(b.name, row.id);
    audit("board.create", "board", row.id, { name: b.name, decisionRule: b.decisionRule, quorum: b.quorum, castingVote: b.castingVote, members: b.members.length });
  }

  let ballotCount = 0;
  let decisionCount = 0;
  for (const p of doc.proposals) {
    const current = Math.max(...p.versions.map((v) => v.number));
    const proposal = tx
      .insert(s.proposals)
      .values({ projectId, workPackageId: p.workPackage ? wpId.get(p.workPackage)! : null, title: p.title, status: p.status, currentVersion: current, createdByPersonId: who(p.createdBy), ...at(p.createdAt) })
      .returning()
      .get();
    const versionId = new Map<number, number>();
    for (const v of p.versions) {
      const row = tx
        .insert(s.proposalVersions)
        .values({ proposalId: proposal.id, number: v.number, title: v.title, body: v.body, optionsConsidered: v.optionsConsidered, recommendation: v.recommendation, authorPersonId: who(v.author), ...at(v.createdAt) })
        .returning()
        .get();
      versionId.set(v.number, row.id);
      for (const c of v.consultation) {
        const response = tx
          .insert(s.consultationResponses)
          .values({ proposalVersionId: row.id, consulteePersonId: who(c.consultee)!, position: c.position, comment: c.comment, ...at(c.createdAt) })
          .returning()
          .get();
        for (const r of c.replies) tx.insert(s.consultationReplies).values({ responseId: response.id, authorPersonId: who(r.author), body: r.body, ...at(r.createdAt) }).run();
      }
    }
    const requestIds: number[] = [];
    for (const r of p.requests) {
      const row = tx
        .insert(s.approvalRequests)
        .values({
          proposalId: proposal.id,
          proposalVersionId: versionId.get(r.version)!,
          boardId: boardId.get(r.board)!,
          deadline: r.deadline,
          decisionRule: r.decisionRule,
          quorum: r.quorum,
          castingVotePersonId: who(r.castingVote),
          memberCount: r.memberCount,
          status: r.status,
          sentByPersonId: who(r.sentBy),
          closedAt: r.closedAt,
          ...at(r.createdAt),
        })
        .returning()
        .get();
      requestIds.push(row.id);
      for (const { member, ...b } of r.ballots) {
        tx.insert(s.ballots).values({ ...b, requestId: row.id, personId: who(member)!, tokenHash: deadTokenHash() }).run();
        ballotCount++;
      }
    }
    const decisionIds: number[] = [];
    for (const x of p.decisions) {
      const row = tx
        .insert(s.decisions)
        .values({
          projectId,
          proposalId: proposal.id,
          proposalVersionId: x.version !== null ? versionId.get(x.version)! : null,
          requestId: x.request !== null ? requestIds[x.request] : null,
          outcome: x.outcome,
          decidedOn: x.decidedOn,
          reasons: x.reasons,
          alternativesRejected: x.alternativesRejected,
          conflictsDeclared: x.conflictsDeclared,
          method: x.method,
          recordedBy: x.recordedBy,
          recordedByPersonId: who(x.recordedByPerson),
          ...at(x.createdAt),
        })
        .returning()
        .get();
      decisionIds.push(row.id);
      decisionCount++;
    }
    p.decisions.forEach((x, i) => {
      if (x.supersededBy !== null) tx.update(s.decisions).set({ supersededById: decisionIds[x.supersededBy] }).where(eq(s.decisions.id, decisionIds[i])).run();
    });
    audit("proposal.import", "proposal", proposal.id, { title: p.title, status: p.status, versions: p.versions.length, requests: p.requests.length, decisions: p.decisions.length });
  }
  return { boards: doc.boards.length, proposals: doc.proposals.length, ballots: ballotCount, decisions: decisionCount };
}
