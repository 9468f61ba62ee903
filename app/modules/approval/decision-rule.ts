// A board's decision rule applied to the ballots cast so far. Pure: no database, no clock.

export type RuleKind = "majority" | "unanimous" | "quorum";
export interface Rule {
  kind: RuleKind;
  /** Members of the board when the request was sent. */
  members: number;
  /** For "quorum": the number of votes (approve, reject or abstain) that must be cast. */
  quorum?: number | null;
  /**
   * The chair's vote when the board has a casting vote (null while the chair has not voted, or
   * undefined when the board has none). It settles a tie once every member has voted.
   */
  castingVote?: Vote;
}
export type Vote = "approve" | "reject" | "abstain" | null;
export type RuleStatus = "open" | "approved" | "rejected" | "deferred";

export interface RuleResult {
  status: RuleStatus;
  approve: number;
  reject: number;
  abstain: number;
  pending: number;
  /** A sentence for the decision record, e.g. "2 of 3 members approved; a majority needs 2." */
  explanation: string;
}

/**
 * Semantics (N = members when the request was sent; a, r, s = approvals, rejections, abstentions;
 * p = members who have not voted yet, counting members with no ballot):
 *
 * - **majority** ("simple majority of members"): approved as soon as a > N/2. It can no longer be
 *   met once a + p <= N/2; the request then closes early as **rejected** if r > a, otherwise
 *   **deferred** (no majority either way: abstentions or a tie; it goes back to the manager, e.g.
 *   for a meeting). Abstaining therefore counts against approval, as a member who stays silent would.
 * - **unanimous**: approved when every member approves (a = N). An abstention is not an approval,
 *   so the first rejection or abstention closes it early: **rejected** if anyone rejected,
 *   otherwise **deferred** (only abstentions stood in the way).
 * - **quorum of Q**: approved when at least Q votes are cast (abstentions count towards the quorum)
 *   and approvals outnumber rejections by more than the votes still outstanding (a > r + p), so no
 *   later vote could overturn it. It can no longer be met once a + p <= r (even if every remaining
 *   member approved, approvals would not exceed rejections) or when Q > N: then **rejected** if
 *   r > a, otherwise **deferred**. A quorum of 0 or none behaves as a quorum of 1.
 *
 * - **casting vote** (majority or quorum boards that have one): once every member has voted and
 *   approvals equal rejections (at least one each), the chair's vote settles it: the chair's
 *   approval approves, the chair's rejection rejects. An abstaining chair settles nothing.
 *
 * The rule never looks at the deadline: a request past its deadline stays open and is flagged
 * stalled, for the manager to withdraw it or record a meeting's decision.
 */
export function evaluateRule(rule: Rule, votes: Vote[]): RuleResult {
  const N = Math.max(rule.members, votes.length);
  const approve = votes.filter((v) => v === "approve").length;
  const reject = votes.filter((v) => v === "reject").length;
  const abstain = votes.filter((v) => v === "abstain").length;
  const pending = N - approve - reject - abstain;
  const counts = { approve, reject, abstain, pending };
  const failed = (explanation: string): RuleResult => ({
    status: reject > approve ? "rejected" : "deferred",
    ...counts,
    explanation,
  });
  const tally = `${approve} of ${N} approved, ${reject} rejected, ${abstain} abstained${pending ? `, ${pending} not voted` : ""}`;

  const cast = approve + reject + abstain;
  const tie = pending === 0 && approve > 0 && approve === reject;
  const quorumMet = rule.kind !== "quorum" || cast >= Math.max(1, rule.quorum ?? 1);
  if (rule.kind !== "unanimous" && tie && quorumMet && (rule.castingVote === "approve" || rule.castingVote === "reject")) {
    const status = rule.castingVote === "approve" ? "approved" : "rejected";
    return { status, ...counts, explanation: `${tally}; a tie, settled by the chair's casting vote (${rule.castingVote === "approve" ? "approve" : "reject"}).` };
  }

  if (rule.kind === "majority") {
    const needed = Math.floor(N / 2) + 1;
    const what = `a majority of members needs ${needed} approvals`;
    if (approve >= needed) return { status: "approved", ...counts, explanation: `${tally}; ${what}.` };
    if (approve + pending < needed) return failed(`${tally}; ${what}, which can no longer be reached.`);
    return { status: "open", ...counts, explanation: `${tally}; ${what}.` };
  }

  if (rule.kind === "unanimous") {
    if (N > 0 && approve === N) return { status: "approved", ...counts, explanation: `${tally}; unanimous approval.` };
    if (reject > 0) return { status: "rejected", ...counts, explanation: `${tally}; a unanimous decision needs every member to approve.` };
    if (abstain > 0) return { status: "deferred", ...counts, explanation: `${tally}; a unanimous decision needs every member to approve.` };
    return { status: "open", ...counts, explanation: `${tally}; a unanimous decision needs every member to approve.` };
  }

  const Q = Math.max(1, rule.quorum ?? 1);
  const what = `a quorum of ${Q} votes with more approvals than rejections`;
  if (Q > N) return failed(`${tally}; ${what} cannot be reached by a board of ${N}.`);
  if (cast >= Q && approve > reject + pending) return { status: "approved", ...counts, explanation: `${tally}; ${what}.` };
  if (approve + pending <= reject) return failed(`${tally}; ${what} can no longer be reached.`);
  return { status: "open", ...counts, explanation: `${tally}; ${what}.` };
}

export function describeRule(rule: { kind: RuleKind; quorum?: number | null; castingVote?: boolean }) {
  const casting = rule.castingVote && rule.kind !== "unanimous" ? ", chair has a casting vote" : "";
  if (rule.kind === "majority") return `Majority of members${casting}`;
  if (rule.kind === "unanimous") return "Unanimous";
  return `Quorum of ${Math.max(1, rule.quorum ?? 1)}${casting}`;
}
