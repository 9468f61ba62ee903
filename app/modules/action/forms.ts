// One zod schema per action form, shared by the routes and the service's callers (tests, CLI).
import { z } from "zod";
import { ACTION_STATUSES, type ActionStatus } from "#db/schema";
import { optionalDate, requiredDate, optionalId, optionalInt, optionalText, text } from "~/utils/forms";

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  blocked: "Blocked",
  done: "Done",
  cancelled: "Cancelled",
};

/** Ids from a checkbox group: absent, one value or several. */
const idList = z.preprocess(
  (v) => (v == null || v === "" ? [] : ([] as unknown[]).concat(v)),
  z.array(z.coerce.number().int().positive("Choose options from the list")),
);

const status = z.enum(ACTION_STATUSES, { error: "Choose a status" });

/** A blocked action needs its reason; the message sits at the reason field. */
function blockedNeedsReason(value: { status?: ActionStatus | null; blockedReason: string }, ctx: z.RefinementCtx) {
  if (value.status === "blocked" && !value.blockedReason) {
    ctx.addIssue({ code: "custom", message: "Enter why the action is blocked", path: ["blockedReason"] });
  }
}

const actionFields = {
  ref: text("a reference, like 4.2", 20),
  title: text("the action", 300),
  description: optionalText("description"),
  expectedOutcomes: optionalText("expected outcomes"),
  workPackageId: optionalId,
  stageId: optionalId,
  ownerPersonIds: idList,
  ownerTeamIds: idList,
  recommendationIds: idList,
  plannedStart: optionalDate("planned start"),
  dueDate: optionalDate("due date"),
  deadlineText: optionalText("deadline as written", 200),
  status,
  blockedReason: optionalText("reason it is blocked", 1000),
  percentComplete: optionalInt("percent complete", 0, 100).transform((v) => v ?? 0),
};

export const newActionSchema = z.object(actionFields).superRefine(blockedNeedsReason);
export type ActionInput = z.infer<typeof newActionSchema>;

export const editActionSchema = z
  .object({
    ...actionFields,
    dueDateReason: optionalText("reason for the new due date", 1000),
    version: z.coerce.number().int().positive(),
  })
  .superRefine(blockedNeedsReason);
export type EditActionInput = z.infer<typeof editActionSchema>;

export const progressNoteSchema = z
  .object({
    intent: z.literal("addNote"),
    body: optionalText("progress note", 5000),
    noteDate: requiredDate("the date of the note"),
    /** Blank: leave the status as it is. */
    status: z
      .string()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(status.nullable()),
    blockedReason: optionalText("reason it is blocked", 1000),
    percentComplete: optionalInt("percent complete", 0, 100),
  })
  .superRefine(blockedNeedsReason)
  .superRefine((value, ctx) => {
    if (!value.body && value.status === null && value.percentComplete === null) {
      ctx.addIssue({ code: "custom", message: "Enter a progress note, or choose a new status or percent complete", path: ["body"] });
    }
  });
export type ProgressNoteInput = z.infer<typeof progressNoteSchema>;

export const addDependencySchema = z.object({
  intent: z.literal("addDependency"),
  direction: z.enum(["predecessor", "successor"], { error: "Choose whether this action waits for the item or the item waits for it" }),
  item: z
    .string({ error: "Choose an action or milestone" })
    .regex(/^[am]:\d+$/, "Choose an action or milestone"),
  lagDays: optionalInt("lag", 0, 365).transform((v) => v ?? 0),
});

export const removeDependencySchema = z.object({
  intent: z.literal("removeDependency"),
  dependencyId: z.coerce.number().int().positive(),
});

export const cancelActionSchema = z.object({
  reason: optionalText("reason", 1000),
  version: z.coerce.number().int().positive(),
});
