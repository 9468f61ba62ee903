// One zod schema per risk form. Scores are checked against the register's scale by the service
// (scoring.validateScores), because the scale is the register's, not the form's.
import { z } from "zod";
import { todayInLondon } from "~/modules/action/rules";
import { optionalDate, optionalId, optionalText, requiredDate, text } from "~/utils/forms";

const score = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isInteger(v) && v >= 1 && v <= 5), `${label} must be a whole number on the register's scale`);

const version = z.coerce.number({ error: "Reload the page and try again" }).int().positive();

export const riskSchema = z.object({
  ref: text("a reference, like R1", 20),
  title: text("a short description of the risk", 300),
  category: optionalText("category", 100),
  kind: z.enum(["threat", "opportunity"], { error: "Choose whether this is a threat or an opportunity" }),
  cause: optionalText("cause", 2000),
  event: optionalText("event", 2000),
  effect: optionalText("effect", 2000),
  ownerPersonId: optionalId,
  actioneePersonId: optionalId,
  inherentLikelihood: score("Likelihood before the response"),
  inherentImpact: score("Impact before the response"),
  residualLikelihood: score("Likelihood after the response"),
  residualImpact: score("Impact after the response"),
  proximityDate: optionalDate("proximity date"),
  proximityText: optionalText("proximity", 100),
  response: z
    .string()
    .optional()
    .transform((v) => (v ? v : null)),
  strategy: optionalText("strategy", 5000),
  actionsOutstanding: optionalText("actions outstanding", 5000),
  nextReviewDate: optionalDate("next review date"),
});
export type RiskInput = z.infer<typeof riskSchema>;

export const editRiskSchema = riskSchema.extend({ version });

/** A new risk: its first review cannot already be overdue (an edit may keep a past date). */
export const newRiskSchema = riskSchema.extend({
  nextReviewDate: optionalDate("next review date").refine((v) => v === null || v >= todayInLondon(), "Next review date must be today or later"),
});

export const reviewSchema = z.object({
  intent: z.literal("review"),
  version,
  reviewDate: requiredDate("the review date"),
  residualLikelihood: score("Likelihood after the response"),
  residualImpact: score("Impact after the response"),
  nextReviewDate: optionalDate("next review date"),
  note: text("a review note", 2000),
});

export const linkSchema = z.object({ intent: z.literal("link"), actionId: optionalId.refine((v) => v !== null, "Choose an action to link") });
export const unlinkSchema = z.object({ intent: z.literal("unlink"), actionId: optionalId.refine((v) => v !== null, "Choose an action") });
export const riskPageSchema = z.discriminatedUnion("intent", [reviewSchema, linkSchema, unlinkSchema]);

export const closeSchema = z.object({
  version,
  dateClosed: requiredDate("the date the risk was closed"),
  closingNote: text("a closing note saying why the risk is closed", 2000),
});

const labelList = z.preprocess((v) => ([] as unknown[]).concat(v ?? []), z.array(z.string().trim().max(40, "Labels must be 40 characters or fewer")));
const threshold = (label: string) => z.coerce.number({ error: `Enter ${label}` }).int(`${label} must be a whole number`);

export const settingsSchema = z.object({
  version,
  scale: z.enum(["3", "5"], { error: "Choose a scale" }).transform((v) => Number(v) as 3 | 5),
  likelihoodLabels: labelList,
  impactLabels: labelList,
  mediumFrom: threshold("Medium starts at"),
  highFrom: threshold("High starts at"),
  map1: z.string().optional(),
  map2: z.string().optional(),
  map3: z.string().optional(),
  map4: z.string().optional(),
  map5: z.string().optional(),
});
export type SettingsInput = z.infer<typeof settingsSchema>;

/** The old→new level mapping from the settings form, or null when none was chosen. */
export function mappingFrom(input: SettingsInput, oldScale: number): Record<number, number> | null {
  const mapping: Record<number, number> = {};
  let any = false;
  for (let level = 1; level <= oldScale; level++) {
    const v = input[`map${level}` as keyof SettingsInput] as string | undefined;
    if (v) {
      mapping[level] = Number(v);
      any = true;
    }
  }
  return any ? mapping : null;
}
