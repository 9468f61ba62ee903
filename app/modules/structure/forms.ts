// One zod schema per form in the project-structure pages, shared by the "new" and "edit" routes.
import { z } from "zod";
import { PROGRAMME_ROLES, PROJECT_ROLES, PROJECT_STATUSES } from "#db/schema";
import { todayInLondon } from "~/modules/action/rules";
import { optionalDate, optionalId, optionalInt, optionalText, requiredDate, slug, text } from "~/utils/forms";

/** A blank short name means "make one from the name". */
const optionalSlug = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v : undefined))
  .pipe(slug.optional());

function endNotBeforeStart<T>(startKey: keyof T & string, endKey: keyof T & string, message: string) {
  return (value: T, ctx: z.RefinementCtx) => {
    const start = value[startKey] as unknown as string | null;
    const end = value[endKey] as unknown as string | null;
    if (start && end && end < start) ctx.addIssue({ code: "custom", message, path: [endKey] });
  };
}

/** Ids from a checkbox group: absent, one value or several. */
const idList = z.preprocess(
  (v) => (v == null || v === "" ? [] : ([] as unknown[]).concat(v)),
  z.array(z.coerce.number().int().positive("Choose options from the list")),
);

export const programmeSchema = z.object({
  name: text("the programme name"),
  slug: optionalSlug,
  description: optionalText("description"),
});

export const projectSchema = z
  .object({
    programmeId: optionalId,
    name: text("the project name"),
    slug: optionalSlug,
    purpose: optionalText("purpose"),
    status: z.enum(PROJECT_STATUSES, { error: "Choose the project status" }),
    managerPersonId: optionalId,
    startDate: optionalDate("start date"),
    endDate: optionalDate("end date"),
    timeToleranceDays: optionalInt("time tolerance", 0, 3650),
    costTolerancePercent: optionalInt("cost tolerance", 0, 100),
    dueSoonDays: optionalInt("due-soon window", 1, 365).transform((v) => v ?? 14),
    staleDays: optionalInt("stale after", 1, 365).transform((v) => v ?? 30),
  })
  .superRefine(endNotBeforeStart("startDate", "endDate", "The end date must be the same as or after the start date"));
export type ProjectInput = z.infer<typeof projectSchema>;

export const workPackageSchema = z.object({
  ref: text("a reference, like WP1", 20),
  name: text("the work package name"),
  description: optionalText("description"),
  leadPersonId: optionalId,
  position: optionalInt("order", 0, 999),
  feedsInto: idList,
});
export type WorkPackageInput = z.infer<typeof workPackageSchema>;

export const stageSchema = z
  .object({
    name: text("the stage name"),
    position: optionalInt("order", 0, 999),
    plannedStart: optionalDate("planned start"),
    plannedEnd: optionalDate("planned end"),
    datesNote: optionalText("dates note", 100),
  })
  .superRefine(endNotBeforeStart("plannedStart", "plannedEnd", "The planned end must be the same as or after the planned start"));
export type StageInput = z.infer<typeof stageSchema>;

export const milestoneSchema = z.object({
  name: text("the milestone name"),
  description: optionalText("description"),
  targetDate: requiredDate("the target date"),
  achievedDate: optionalDate("achieved date").refine((v) => v === null || v <= todayInLondon(), "Date achieved must be today or in the past"),
});
export type MilestoneInput = z.infer<typeof milestoneSchema>;

const projectRole = z.enum(PROJECT_ROLES, { error: "Choose a role" });

export const addRoleSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("existing"),
    personId: optionalId.refine((v) => v !== null, "Choose a person"),
    role: projectRole,
  }),
  z.object({
    intent: z.literal("new"),
    name: text("the person's name"),
    email: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "Enter an email address in the correct format, like name@example.org"),
    initials: z
      .string()
      .trim()
      .max(6, "Initials must be 6 characters or fewer")
      .optional()
      .transform((v) => (v ? v : null)),
    organisationId: optionalId,
    // Named apart from the other form's "role", so the two forms on one page keep unique field ids.
    newRole: projectRole,
  }),
]);

export const programmeRoleSchema = z.object({
  intent: z.literal("add"),
  personId: optionalId.refine((v) => v !== null, "Choose a person"),
  role: z.enum(PROGRAMME_ROLES, { error: "Choose a role" }),
});

export const removeRoleSchema = z.object({
  intent: z.literal("remove"),
  roleId: z.coerce.number().int().positive(),
});

export const PROJECT_ROLE_LABELS: Record<(typeof PROJECT_ROLES)[number], string> = {
  manager: "Project manager",
  contributor: "Contributor (work-package lead or action owner)",
  board_member: "Board member",
  consultee: "Consultee (trade-union representative)",
  reader: "Reader",
};

export const PROJECT_STATUS_LABELS: Record<(typeof PROJECT_STATUSES)[number], string> = {
  proposed: "Proposed",
  active: "Active",
  on_hold: "On hold",
  closed: "Closed",
};
