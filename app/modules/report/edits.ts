// What a manager adds to a draft: narrative per section, RAG overrides with reasons, the risks to
// feature, and for a committee report the committee's own fields. Stored as JSON on the report.
import { z } from "zod";
import { IMPACT_KEYS, NARRATIVE_KEYS, type CommitteeFields } from "./content";
import { RAG_KEYS } from "./rag";

const text = z.string().max(20_000).default("");
const override = z.object({ status: z.enum(["green", "amber", "red"]), reason: z.string().min(1).max(2000) });

export const editsSchema = z.object({
  narrative: z.partialRecord(z.enum(NARRATIVE_KEYS), text).default({}),
  overrides: z.partialRecord(z.enum(RAG_KEYS as [string, ...string[]]), override).default({}),
  /** Refs of risks to feature; none chosen means the highest five by severity. */
  featuredRisks: z.array(z.string()).default([]),
  committee: z
    .object({
      committee: text,
      meetingDate: text,
      agendaItem: text,
      author: text,
      contact: text,
      purpose: z.enum(["information", "decision"]).default("information"),
      summary: text,
      recommendations: text,
      backgroundPapers: text,
      situation: text,
      impact: z.partialRecord(z.enum(IMPACT_KEYS), text).default({}),
    })
    .optional(),
});
export type Edits = z.infer<typeof editsSchema>;

/** Stored edits, read leniently: anything unreadable reads as no edits rather than breaking the page. */
export function readEdits(json: string): Edits {
  try {
    const parsed = editsSchema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  } catch {
    /* fall through */
  }
  return editsSchema.parse({});
}

export function committeeFields(edits: Edits, defaults: Partial<CommitteeFields> = {}): CommitteeFields {
  const c = edits.committee;
  return {
    committee: c?.committee || defaults.committee || "",
    meetingDate: c?.meetingDate || defaults.meetingDate || "",
    agendaItem: c?.agendaItem || defaults.agendaItem || "",
    author: c?.author || defaults.author || "",
    contact: c?.contact || defaults.contact || "",
    purpose: c?.purpose ?? "information",
    summary: c?.summary ?? "",
    recommendations: c?.recommendations || "That the Committee notes the progress set out in this report.",
    backgroundPapers: c?.backgroundPapers ?? "",
    situation: c?.situation ?? "",
    impact: c?.impact ?? {},
  };
}
