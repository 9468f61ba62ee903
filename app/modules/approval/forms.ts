import { z } from "zod";
import { BALLOT_DECISIONS } from "#db/schema";
import { optionalText } from "~/utils/forms";

/** One ballot: a person must choose; a rejection needs a reason; a declared conflict needs saying what it is. */
export const ballotSchema = z
  .object({
    decision: z.enum(BALLOT_DECISIONS, { error: "Choose approve, reject or abstain" }),
    comment: optionalText("your comment", 5000),
    conflict: z.enum(["yes", "no"], { error: "Say whether you have a conflict of interest" }),
    conflictText: optionalText("the conflict of interest", 2000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && !v.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: "Enter a comment saying why you reject the proposal" });
    if (v.conflict === "yes" && !v.conflictText) ctx.addIssue({ code: "custom", path: ["conflictText"], message: "Describe the conflict of interest" });
  })
  .transform((v) => ({ decision: v.decision, comment: v.comment, conflictDeclared: v.conflict === "yes", conflictText: v.conflictText }));

export const DECISION_LABELS = { approve: "Approve", reject: "Reject", abstain: "Abstain" } as const;
export const OUTCOME_LABELS = { approved: "Approved", rejected: "Rejected", deferred: "Deferred" } as const;
export const METHOD_LABELS = { email_ballot: "Email ballot", meeting: "Board meeting" } as const;
