// What a ballot link's page shows. Reads only: opening a link (a person, or a mail scanner) changes nothing.
import { and, eq } from "drizzle-orm";
import { decisions, people, projects, proposalVersions, proposals } from "#db/schema";
import { getDb } from "~/db.server";
import { listConsultation } from "~/modules/proposal/service.server";
import { BALLOT_STATE_MESSAGES, ballotState } from "./ballot-state";
import { describeRule } from "./decision-rule";
import { latestDecision, type findBallotByToken } from "./service.server";

export function ballotView(found: NonNullable<ReturnType<typeof findBallotByToken>>, today: string) {
  const db = getDb();
  const { ballot, request, member } = found;
  const version = db.select().from(proposalVersions).where(eq(proposalVersions.id, request.proposalVersionId)).get()!;
  const proposal = db.select().from(proposals).where(eq(proposals.id, request.proposalId)).get()!;
  const project = db.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.id, proposal.projectId)).get()!;
  const state = ballotState(ballot, request, today);
  const decision =
    (request.status === "closed"
      ? db.select().from(decisions).where(and(eq(decisions.requestId, request.id))).get()
      : undefined) ?? latestDecision({ proposalId: proposal.id }, db);
  const recordedBy = ballot.decidedAt
    ? { name: member, at: ballot.decidedAt, decision: ballot.decision!, channel: ballot.channel }
    : null;
  const author = version.authorPersonId ? db.select({ name: people.name }).from(people).where(eq(people.id, version.authorPersonId)).get()?.name : null;
  return {
    state,
    message: state === "open" ? null : BALLOT_STATE_MESSAGES[state],
    member,
    projectName: project.name,
    title: version.title,
    version: { number: version.number, title: version.title, body: version.body, optionsConsidered: version.optionsConsidered, recommendation: version.recommendation, author },
    deadline: request.deadline,
    rule: describeRule({ kind: request.decisionRule, quorum: request.quorum }),
    memberCount: request.memberCount,
    consultation: listConsultation({ projectId: project.id, proposalId: proposal.id }, db).summary,
    recorded: recordedBy,
    decision: decision ?? null,
  };
}
