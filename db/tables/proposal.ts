// Proposals, trade-union consultation, board approval by email ballot, and the decisions register.
// References to the foundation tables are lazy (() => table.id): db/schema.ts re-exports this file,
// so the foundation tables are not initialised yet when this module is evaluated.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { boards, people, projects, workPackages } from "../schema";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const id = () => integer("id").primaryKey({ autoIncrement: true });
const createdAt = () => text("created_at").notNull().default(now);

export const PROPOSAL_STATUSES = [
  "draft",
  "in_consultation",
  "with_board",
  "approved",
  "rejected",
  "deferred",
  "implemented",
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const proposals = sqliteTable(
  "proposals",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    workPackageId: integer("work_package_id").references(() => workPackages.id),
    title: text("title").notNull(),
    status: text("status", { enum: PROPOSAL_STATUSES }).notNull().default("draft"),
    /** The number of the latest version (proposal_versions.number). */
    currentVersion: integer("current_version").notNull().default(1),
    createdByPersonId: integer("created_by_person_id").references(() => people.id),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [index("proposals_project_idx").on(t.projectId)],
);

export const proposalVersions = sqliteTable(
  "proposal_versions",
  {
    id: id(),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    /** Plain text with simple headings ("## ") and lists ("- ", "1. "); rendered as text, never as HTML. */
    body: text("body").notNull().default(""),
    optionsConsidered: text("options_considered").notNull().default(""),
    recommendation: text("recommendation").notNull().default(""),
    authorPersonId: integer("author_person_id").references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("proposal_versions_number_unique").on(t.proposalId, t.number)],
);

export const CONSULTATION_POSITIONS = ["supports", "has_concerns", "objects"] as const;
export type ConsultationPosition = (typeof CONSULTATION_POSITIONS)[number];

export const consultationResponses = sqliteTable(
  "consultation_responses",
  {
    id: id(),
    proposalVersionId: integer("proposal_version_id")
      .notNull()
      .references(() => proposalVersions.id),
    consulteePersonId: integer("consultee_person_id")
      .notNull()
      .references(() => people.id),
    position: text("position", { enum: CONSULTATION_POSITIONS }).notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("consultation_responses_version_idx").on(t.proposalVersionId)],
);

export const consultationReplies = sqliteTable(
  "consultation_replies",
  {
    id: id(),
    responseId: integer("response_id")
      .notNull()
      .references(() => consultationResponses.id),
    authorPersonId: integer("author_person_id").references(() => people.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("consultation_replies_response_idx").on(t.responseId)],
);

export const REQUEST_STATUSES = ["open", "closed", "withdrawn", "superseded"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const approvalRequests = sqliteTable(
  "approval_requests",
  {
    id: id(),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    proposalVersionId: integer("proposal_version_id")
      .notNull()
      .references(() => proposalVersions.id),
    boardId: integer("board_id")
      .notNull()
      .references(() => boards.id),
    /** Last calendar day (YYYY-MM-DD, Europe/London) on which members may vote. */
    deadline: text("deadline").notNull(),
    /** The board's rule as it was when the request was sent: a later change to the board does not move the goalposts. */
    decisionRule: text("decision_rule", { enum: ["majority", "unanimous", "quorum"] }).notNull(),
    quorum: integer("quorum"),
    /** The chair whose vote settles a tie, when the board had a casting vote at sending; else null. */
    castingVotePersonId: integer("casting_vote_person_id").references(() => people.id),
    memberCount: integer("member_count").notNull(),
    status: text("status", { enum: REQUEST_STATUSES }).notNull().default("open"),
    sentByPersonId: integer("sent_by_person_id").references(() => people.id),
    createdAt: createdAt(),
    closedAt: text("closed_at"),
  },
  (t) => [index("approval_requests_proposal_idx").on(t.proposalId)],
);

export const BALLOT_DECISIONS = ["approve", "reject", "abstain"] as const;
export type BallotDecision = (typeof BALLOT_DECISIONS)[number];

export const ballots = sqliteTable(
  "ballots",
  {
    id: id(),
    requestId: integer("request_id")
      .notNull()
      .references(() => approvalRequests.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    /** sha256 (hex) of the 32-byte random token in the member's link; the token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    sentAt: text("sent_at"),
    /** Set only by a person's POST, never by a GET (mail scanners open every link). */
    openedAt: text("opened_at"),
    decidedAt: text("decided_at"),
    decision: text("decision", { enum: BALLOT_DECISIONS }),
    comment: text("comment").notNull().default(""),
    conflictDeclared: integer("conflict_declared", { mode: "boolean" }).notNull().default(false),
    conflictText: text("conflict_text").notNull().default(""),
    channel: text("channel", { enum: ["email", "app"] }),
    remindedAt: text("reminded_at"),
    /** When a resend or a new version replaced this ballot's link. */
    supersededAt: text("superseded_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ballots_token_hash_unique").on(t.tokenHash),
    index("ballots_request_idx").on(t.requestId),
    // One live ballot per member per request.
    uniqueIndex("ballots_live_member_unique")
      .on(t.requestId, t.personId)
      .where(sql`superseded_at is null`),
    check("ballots_decided", sql`(${t.decidedAt} is null) = (${t.decision} is null)`),
  ],
);

export const DECISION_OUTCOMES = ["approved", "rejected", "deferred"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** The decision record (Openness of Local Government Bodies Regulations 2014). Never edited: a later one supersedes it. */
export const decisions = sqliteTable(
  "decisions",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    proposalVersionId: integer("proposal_version_id").references(() => proposalVersions.id),
    requestId: integer("request_id").references(() => approvalRequests.id),
    outcome: text("outcome", { enum: DECISION_OUTCOMES }).notNull(),
    decidedOn: text("decided_on").notNull(),
    reasons: text("reasons").notNull(),
    alternativesRejected: text("alternatives_rejected").notNull().default(""),
    conflictsDeclared: text("conflicts_declared").notNull().default(""),
    method: text("method", { enum: ["email_ballot", "meeting"] }).notNull(),
    recordedByPersonId: integer("recorded_by_person_id").references(() => people.id),
    recordedBy: text("recorded_by").notNull(),
    supersededById: integer("superseded_by_id").references((): AnySQLiteColumn => decisions.id),
    createdAt: createdAt(),
  },
  (t) => [index("decisions_project_idx").on(t.projectId), index("decisions_proposal_idx").on(t.proposalId)],
);
