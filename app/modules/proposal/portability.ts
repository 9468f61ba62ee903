// The export format's governance part (docs/export-format.md, "boards" and "proposals"): a
// project's boards (and the programme's boards its requests went to), and its proposals with their
// versions, consultation, approval requests, ballots and decisions. Pure: no I/O.
// Ballot links never travel: tokens are not stored, and an import issues fresh, unusable hashes.
import { z } from "zod";
import { BALLOT_DECISIONS, CONSULTATION_POSITIONS, DECISION_OUTCOMES, DECISION_RULES, PROPOSAL_STATUSES, REQUEST_STATUSES } from "#db/schema";

const date = z.iso.date("not a date");
const instant = z.iso.datetime({ error: "not a date and time (ISO 8601)", offset: true });
const optionalInstant = instant.nullable().default(null);
const text = (max = 20_000) => z.string("not text").max(max, `longer than ${max} characters`);
const required = (max = 500) => text(max).trim().min(1, "must not be blank");
const count = z.number("not a number").int("not a whole number");
const personRef = required(320);
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, `not one of ${values.join(", ")}`);

export const boardSchema = z
  .object({
    name: required(200),
    /** "project": the project's own board; "programme": its programme's, created there on import when missing. */
    belongsTo: oneOf(["project", "programme"] as const).default("project"),
    decisionRule: oneOf(DECISION_RULES).default("majority"),
    quorum: count.min(1, "less than 1").nullable().default(null),
    castingVote: z.boolean("not true or false").default(false),
    chair: personRef.nullable().default(null),
    members: z.array(personRef).default([]),
  })
  .superRefine((b, ctx) => {
    if (b.decisionRule === "quorum" && b.quorum === null) ctx.addIssue({ code: "custom", path: ["quorum"], message: "required when the rule is quorum" });
    if (b.chair && !b.members.includes(b.chair)) ctx.addIssue({ code: "custom", path: ["chair"], message: "the chair must be one of the members" });
  });

const replySchema = z.object({ author: personRef.nullable().default(null), body: required(10_000), createdAt: instant.optional() });
const responseSchema = z.object({
  consultee: personRef,
  position: oneOf(CONSULTATION_POSITIONS),
  comment: text(10_000).default(""),
  createdAt: instant.optional(),
  replies: z.array(replySchema).default([]),
});
const versionSchema = z.object({
  number: count.min(1, "less than 1"),
  title: required(300),
  body: text(100_000).default(""),
  optionsConsidered: text(50_000).default(""),
  recommendation: text(50_000).default(""),
  author: personRef.nullable().default(null),
  createdAt: instant.optional(),
  consultation: z.array(responseSchema).default([]),
});
const ballotSchema = z
  .object({
    member: personRef,
    sentAt: optionalInstant,
    openedAt: optionalInstant,
    decidedAt: optionalInstant,
    decision: oneOf(BALLOT_DECISIONS).nullable().default(null),
    comment: text(5_000).default(""),
    conflictDeclared: z.boolean("not true or false").default(false),
    conflictText: text(2_000).default(""),
    channel: oneOf(["email", "app"] as const).nullable().default(null),
    remindedAt: optionalInstant,
    supersededAt: optionalInstant,
  })
  .superRefine((b, ctx) => {
    if ((b.decidedAt === null) !== (b.decision === null)) ctx.addIssue({ code: "custom", path: ["decision"], message: "a decision and its decidedAt come together" });
  });
const requestSchema = z.object({
  version: count.min(1, "less than 1"),
  board: required(200),
  deadline: date,
  decisionRule: oneOf(DECISION_RULES),
  quorum: count.nullable().default(null),
  castingVote: personRef.nullable().default(null),
  memberCount: count.min(0, "less than 0"),
  status: oneOf(REQUEST_STATUSES).default("open"),
  sentBy: personRef.nullable().default(null),
  createdAt: instant.optional(),
  closedAt: optionalInstant,
  ballots: z.array(ballotSchema).default([]),
});
const decisionSchema = z.object({
  version: count.min(1, "less than 1").nullable().default(null),
  /** Index of the request (in this proposal's `requests`) the decision closed, if any. */
  request: count.min(0, "less than 0").nullable().default(null),
  outcome: oneOf(DECISION_OUTCOMES),
  decidedOn: date,
  reasons: required(50_000),
  alternativesRejected: text(50_000).default(""),
  conflictsDeclared: text(20_000).default(""),
  method: oneOf(["email_ballot", "meeting"] as const),
  recordedBy: required(400),
  recordedByPerson: personRef.nullable().default(null),
  /** Index (in this proposal's `decisions`) of the decision that superseded this one. */
  supersededBy: count.min(0, "less than 0").nullable().default(null),
  createdAt: instant.optional(),
});
export const proposalSchema = z
  .object({
    title: required(300),
    status: oneOf(PROPOSAL_STATUSES).default("draft"),
    workPackage: text(40).nullable().default(null),
    createdBy: personRef.nullable().default(null),
    createdAt: instant.optional(),
    versions: z.array(versionSchema).min(1, "a proposal needs at least one version"),
    requests: z.array(requestSchema).default([]),
    decisions: z.array(decisionSchema).default([]),
  })
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const numbers = new Set<number>();
    p.versions.forEach((v, i) => {
      if (numbers.has(v.number)) issue(["versions", i, "number"], `another version is already number ${v.number}`);
      numbers.add(v.number);
    });
    p.requests.forEach((r, i) => {
      if (!numbers.has(r.version)) issue(["requests", i, "version"], `no version ${r.version}`);
      const live = new Set<string>();
      r.ballots.forEach((b, k) => {
        if (b.supersededAt) return;
        if (live.has(b.member)) issue(["requests", i, "ballots", k, "member"], "a member has one live ballot per request");
        live.add(b.member);
      });
    });
    if (p.requests.filter((r) => r.status === "open").length > 1) issue(["requests"], "only one request may be open");
    p.decisions.forEach((d, i) => {
      if (d.version !== null && !numbers.has(d.version)) issue(["decisions", i, "version"], `no version ${d.version}`);
      if (d.request !== null && d.request >= p.requests.length) issue(["decisions", i, "request"], `no request ${d.request}`);
      if (d.supersededBy !== null && (d.supersededBy >= p.decisions.length || d.supersededBy === i)) issue(["decisions", i, "supersededBy"], `no other decision ${d.supersededBy}`);
    });
  });

export type BoardExport = z.infer<typeof boardSchema>;
export type ProposalExport = z.infer<typeof proposalSchema>;

/** People, work packages and boards named here must be in the file: called from format.ts's reference check. */
export function checkGovernanceReferences(
  doc: { boards: BoardExport[]; proposals: ProposalExport[] },
  { person, workPackages, issue }: { person: (ref: string | null, path: (string | number)[]) => void; workPackages: Set<string>; issue: (path: (string | number)[], message: string) => void },
) {
  const boards = new Set<string>();
  doc.boards.forEach((b, i) => {
    if (boards.has(b.name)) issue(["boards", i, "name"], `another board already has "${b.name}"`);
    boards.add(b.name);
    person(b.chair, ["boards", i, "chair"]);
    b.members.forEach((m, k) => person(m, ["boards", i, "members", k]));
  });
  doc.proposals.forEach((p, i) => {
    const at = (...rest: (string | number)[]) => ["proposals", i, ...rest];
    person(p.createdBy, at("createdBy"));
    if (p.workPackage && !workPackages.has(p.workPackage)) issue(at("workPackage"), `no work package "${p.workPackage}"`);
    p.versions.forEach((v, k) => {
      person(v.author, at("versions", k, "author"));
      v.consultation.forEach((c, n) => {
        person(c.consultee, at("versions", k, "consultation", n, "consultee"));
        c.replies.forEach((r, q) => person(r.author, at("versions", k, "consultation", n, "replies", q, "author")));
      });
    });
    p.requests.forEach((r, k) => {
      if (!boards.has(r.board)) issue(at("requests", k, "board"), `no board "${r.board}" in boards`);
      person(r.sentBy, at("requests", k, "sentBy"));
      person(r.castingVote, at("requests", k, "castingVote"));
      r.ballots.forEach((b, n) => person(b.member, at("requests", k, "ballots", n, "member")));
    });
    p.decisions.forEach((d, k) => person(d.recordedByPerson, at("decisions", k, "recordedByPerson")));
  });
}
