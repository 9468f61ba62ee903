import { z } from "zod";
import { CONSULTATION_POSITIONS, type ConsultationPosition, type ProposalStatus } from "#db/schema";
import { optionalDate, optionalId, optionalText, requiredDate, text } from "~/utils/forms";

export const proposalSchema = z.object({
  title: text("a title", 200),
  workPackageId: optionalId,
  body: optionalText("the proposal", 20000),
  optionsConsidered: optionalText("the options considered", 10000),
  recommendation: text("the recommendation", 5000),
});

export const editProposalSchema = proposalSchema.extend({
  baseVersion: z.coerce.number().int().min(1),
});

export const consultationSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("respond"),
    position: z.enum(CONSULTATION_POSITIONS, { error: "Choose whether you support the proposal, have concerns or object" }),
    comment: optionalText("your comment", 5000),
  }),
  z.object({
    intent: z.literal("reply"),
    responseId: z.coerce.number().int().positive(),
    body: text("your reply", 5000),
  }),
  z.object({ intent: z.literal("open") }),
]);

export const sendToBoardSchema = z.object({
  boardId: z.coerce.number({ error: "Choose a board" }).int().positive("Choose a board"),
  deadline: requiredDate("the deadline"),
});

export const requestSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("withdraw") }),
  z.object({ intent: z.literal("resend"), personId: z.coerce.number().int().positive() }),
]);

export const implementSchema = z.object({
  workPackageId: z.coerce.number({ error: "Choose a work package" }).int().positive("Choose a work package"),
  titles: text("the actions, one per line", 5000).transform((v) =>
    v
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  ),
  dueDate: optionalDate("the due date"),
  ownerPersonId: optionalId,
});

export const STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: "Draft",
  in_consultation: "In consultation",
  with_board: "With the board",
  approved: "Approved",
  rejected: "Rejected",
  deferred: "Deferred",
  implemented: "Implemented",
};

export const STATUS_COLOURS = {
  draft: "grey",
  in_consultation: "light-blue",
  with_board: "purple",
  approved: "green",
  rejected: "red",
  deferred: "yellow",
  implemented: "turquoise",
} as const;

export const POSITION_LABELS: Record<ConsultationPosition, string> = {
  supports: "Supports",
  has_concerns: "Has concerns",
  objects: "Objects",
};

export const meetingDecisionSchema = z.object({
  outcome: z.enum(["approved", "rejected", "deferred"], { error: "Choose what the board decided" }),
  decidedOn: requiredDate("the date of the decision"),
  reasons: text("the reasons for the decision", 10000),
  alternativesRejected: optionalText("the alternatives considered and rejected", 10000),
  conflictsDeclared: optionalText("the conflicts of interest declared", 5000),
});
