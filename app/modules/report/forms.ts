// The report forms: one zod schema per form. The edit form's many narrative and override fields
// are read into the Edits shape by `editsFromForm`.
import { z } from "zod";
import { optionalDate, optionalText, requiredDate, text, type FormValues } from "~/utils/forms";
import { IMPACT_KEYS, NARRATIVE_KEYS } from "./content";
import type { Edits } from "./edits";
import { RAG_KEYS, type Rag } from "./rag";

const period = {
  title: text("a title", 200),
  from: requiredDate("the first day of the period"),
  to: requiredDate("the last day of the period"),
};
const ordered = <T extends { from: string; to: string }>(v: T, ctx: z.RefinementCtx) => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v.from) && /^\d{4}-\d{2}-\d{2}$/.test(v.to) && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The last day of the period must be on or after the first day" });
};

export const newReportSchema = z.object({ ...period, kind: z.enum(["highlight", "programme", "committee", "end"], { error: "Choose the kind of report" }) }).superRefine(ordered);

export const editReportSchema = z
  .object({
    ...period,
    revision: z.coerce.number().int().positive(),
    changeNote: optionalText("what changed and why", 2000),
    /** Committee reports only: typed as people write dates, stored ISO. */
    meetingDate: optionalDate("the meeting date"),
  })
  .superRefine(ordered);

export const reportActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish"), emailBoard: z.string().optional(), distribution: optionalText("the distribution list", 2000) }),
  z.object({ intent: z.literal("correct") }),
  z.object({ intent: z.literal("discard") }),
  z.object({ intent: z.literal("link-create") }),
  z.object({ intent: z.literal("link-revoke"), linkId: z.coerce.number().int().positive() }),
]);

export const cycleSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("cycle-set"),
    frequency: z.enum(["monthly", "quarterly"], { error: "Choose how often a report is due" }),
    dueDay: z.coerce.number({ error: "Enter the day of the month as a number" }).int("Enter a whole number").min(1, "The day must be between 1 and 28").max(28, "The day must be between 1 and 28"),
    startDate: requiredDate("the date the cycle starts"),
  }),
  z.object({ intent: z.literal("cycle-remove") }),
]);

export const indexLinkSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("index-create") }), z.object({ intent: z.literal("index-revoke"), linkId: z.coerce.number().int().positive() })]);

const one = (v: FormValues[string] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();

/** The edit form's fields as Edits; overrides left on "as computed" are none. */
export function editsFromForm(values: FormValues, kind: string): Edits {
  const narrative: Edits["narrative"] = {};
  for (const key of NARRATIVE_KEYS) {
    const v = one(values[`narrative-${key}`]);
    if (v) narrative[key] = v;
  }
  const overrides: Edits["overrides"] = {};
  for (const key of RAG_KEYS) {
    const status = one(values[`override-${key}`]);
    if (status) overrides[key] = { status: status as Rag, reason: one(values[`reason-${key}`]) };
  }
  const featured = values["featuredRisks"];
  const edits: Edits = { narrative, overrides, featuredRisks: (Array.isArray(featured) ? featured : featured ? [featured] : []).filter(Boolean) };
  if (kind === "committee") {
    const impact: Record<string, string> = {};
    for (const key of IMPACT_KEYS) impact[key] = one(values[`impact-${key}`]);
    edits.committee = {
      committee: one(values["committee"]),
      meetingDate: one(values["meetingDate"]),
      agendaItem: one(values["agendaItem"]),
      author: one(values["author"]),
      contact: one(values["contact"]),
      purpose: one(values["purpose"]) === "decision" ? "decision" : "information",
      summary: one(values["summary"]),
      recommendations: one(values["recommendations"]),
      backgroundPapers: one(values["backgroundPapers"]),
      situation: one(values["situation"]),
      impact,
    };
  }
  return edits;
}
