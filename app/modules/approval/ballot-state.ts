// Why a ballot link can or cannot be used right now. Pure, so the page and the service agree.

export type BallotState =
  | "open"
  | "decided"
  | "replaced"
  | "new_version"
  | "withdrawn"
  | "closed"
  | "expired";

export function ballotState(
  ballot: { decidedAt: string | null; supersededAt: string | null },
  request: { status: "open" | "closed" | "withdrawn" | "superseded"; deadline: string },
  today: string,
): BallotState {
  if (ballot.decidedAt) return "decided";
  if (request.status === "withdrawn") return "withdrawn";
  if (request.status === "superseded") return "new_version";
  if (ballot.supersededAt) return "replaced";
  if (request.status === "closed") return "closed";
  if (today > request.deadline) return "expired";
  return "open";
}

export const BALLOT_STATE_MESSAGES: Record<Exclude<BallotState, "open">, string> = {
  decided: "A vote has been recorded with this link. Each link records one vote, so it cannot be used again.",
  replaced: "This link has been replaced by a newer one. Use the link in the most recent email about this proposal, or sign in to vote.",
  new_version: "A newer version of this proposal has been sent to the board, so this link no longer works. Use the link in the newer email.",
  withdrawn: "The project manager withdrew this request for a decision, so this link no longer works.",
  closed: "Voting on this proposal has closed because the board's decision has been made.",
  expired: "The deadline for voting on this proposal has passed, so this link no longer works.",
};

export class BallotRefused extends Error {
  constructor(public state: Exclude<BallotState, "open">) {
    super(BALLOT_STATE_MESSAGES[state]);
    this.name = "BallotRefused";
  }
}
