// One zod schema per benefit and business-case form, with messages written for the person filling it in.
import { z } from "zod";
import { BENEFIT_DIRECTIONS, BENEFIT_FREQUENCIES, BENEFIT_UNITS } from "#db/schema";
import { optionalDate, optionalId, optionalText, requiredDate, text } from "~/utils/forms";
import { parseFinancialYear, PERIOD_EXAMPLE } from "./periods";

/** A number as people type it: "97.7", "97.7%", "£834,000", "1,234". */
export function parseNumber(raw: string): number | null {
  const cleaned = raw.trim().replace(/^£/, "").replace(/%$/, "").replace(/,/g, "").trim();
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

const numberText = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .transform((v, ctx) => {
      const n = parseNumber(v);
      if (n === null) ctx.addIssue({ code: "custom", message: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a number, like 97.7 or 834,000` });
      return n ?? 0;
    });

const optionalNumber = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = parseNumber(v);
      if (n === null) ctx.addIssue({ code: "custom", message: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a number` });
      return n;
    });

export const periodText = z
  .string({ error: "Enter the financial year" })
  .trim()
  .min(1, "Enter the financial year")
  .transform((v, ctx) => {
    const p = parseFinancialYear(v);
    if (!p) ctx.addIssue({ code: "custom", message: `Enter the financial year like ${PERIOD_EXAMPLE}` });
    return p?.label ?? v;
  });

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { error: message });

export const benefitSchema = z.object({
  name: text("the benefit's name", 200),
  description: optionalText("description", 2000),
  unit: choice(BENEFIT_UNITS, "Choose the unit it is measured in"),
  direction: choice(BENEFIT_DIRECTIONS, "Choose whether higher or lower is better"),
  frequency: choice(BENEFIT_FREQUENCIES, "Choose how often it is measured"),
  ownerPersonId: optionalId,
  source: optionalText("source", 500),
  tolerance: optionalNumber("the tolerance").refine((v) => v === null || v >= 0, "The tolerance cannot be negative"),
  /** Organisation ids reporting separately; "joint" for the whole project. */
  series: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});
export type BenefitInput = z.infer<typeof benefitSchema>;

const version = z.coerce.number({ error: "Reload the page and try again" }).int().positive("Reload the page and try again");

/** Editing a benefit's definition: everything but the unit (its figures are in it) and who reports it. */
export const editBenefitSchema = benefitSchema.omit({ unit: true, series: true }).extend({ intent: z.literal("save"), version });
export type BenefitDefinition = Omit<z.infer<typeof editBenefitSchema>, "intent" | "version">;
export const deleteBenefitSchema = z.object({ intent: z.literal("delete"), version });
export const editBenefitPageSchema = z.discriminatedUnion("intent", [editBenefitSchema, deleteBenefitSchema]);

export const actualSchema = z.object({
  intent: z.literal("actual"),
  seriesId: z.coerce.number({ error: "Choose who the figure is for" }).int().positive("Choose who the figure is for"),
  measuredOn: requiredDate("the date the figure is for"),
  value: numberText("the value"),
  comment: optionalText("comment", 1000),
  correctsId: optionalId,
});

// Field names differ between the page's forms so that every field id on the page is unique.
export const targetSchema = z.object({
  intent: z.literal("target"),
  targetSeriesId: z.coerce.number({ error: "Choose who the target is for" }).int().positive("Choose who the target is for"),
  period: periodText,
  targetValue: numberText("the target"),
});

export const baselineSchema = z.object({
  intent: z.literal("baseline"),
  baselineSeriesId: z.coerce.number({ error: "Choose who the baseline is for" }).int().positive("Choose who the baseline is for"),
  baselineValue: numberText("the baseline"),
  baselineDate: optionalDate("the baseline date"),
  baselineLabel: optionalText("the baseline period", 60),
});

export const importSchema = z.object({
  intent: z.literal("import"),
  csv: z.string().optional().default(""),
});

export const benefitPageSchema = z.discriminatedUnion("intent", [actualSchema, targetSchema, baselineSchema, importSchema]);

export const caseDraftSchema = z.object({
  intent: z.literal("save"),
  version: z.coerce.number().int(),
  summary: optionalText("summary", 2000),
  contingency: optionalNumber("the contingency").transform((v) => v ?? 0),
  discountRate: optionalNumber("the discount rate").refine((v) => v === null || (v >= 0 && v <= 100), "The discount rate must be between 0 and 100"),
  split: optionalText("the partner split", 1000),
  one_off: optionalText("one-off costs", 50_000),
  current_cost: optionalText("current costs", 50_000),
  future_cost: optionalText("future costs", 50_000),
  saving: optionalText("savings", 50_000),
  income: optionalText("increased income", 50_000),
});
export type CaseDraftInput = z.infer<typeof caseDraftSchema>;

export const approveSchema = z.object({
  intent: z.literal("approve"),
  caseId: z.coerce.number().int().positive(),
  approvedOn: requiredDate("the date of the meeting"),
  approvedAt: text("the meeting that approved it", 200),
});

export const spendSchema = z.object({
  intent: z.literal("spend"),
  period: periodText,
  amount: numberText("the amount spent"),
  note: optionalText("note", 500),
});

export const newVersionSchema = z.object({ intent: z.literal("new-version") });

export const casePageSchema = z.discriminatedUnion("intent", [approveSchema, spendSchema, newVersionSchema]);
