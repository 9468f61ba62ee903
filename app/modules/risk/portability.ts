// The risk register's part of the project export format (app/modules/portability/format.ts):
// an optional top-level `riskRegister`, so files without it stay valid. Pure: no I/O.
import { z } from "zod";
import { validateClose, validateResponse, validateScores, validateSettings, type Scale } from "./scoring";

const date = z.iso.date("not a date");
const optionalDate = date.nullable().default(null);
const instant = z.iso.datetime({ error: "not a date and time (ISO 8601)", offset: true });
const text = (max = 20_000) => z.string("not text").max(max, `longer than ${max} characters`);
const required = (max = 500) => text(max).trim().min(1, "must not be blank");
const level = z.number("not a number").int("not a whole number").min(1, "less than 1").max(5, "more than 5").nullable().default(null);
const personRef = required(320).nullable().default(null);

export const riskScoreChangeSchema = z.object({
  effectiveDate: date,
  reason: z.enum(["raised", "edited", "review", "rescaled", "imported"], "not raised, edited, review, rescaled or imported"),
  inherentLikelihood: level,
  inherentImpact: level,
  residualLikelihood: level,
  residualImpact: level,
  note: text(2_000).default(""),
  changedBy: personRef,
  changedAt: instant.optional(),
});

export const riskSchema = z.object({
  ref: required(20),
  title: required(300),
  category: text(100).default(""),
  kind: z.enum(["threat", "opportunity"], "not threat or opportunity").default("threat"),
  cause: text(2_000).default(""),
  event: text(2_000).default(""),
  effect: text(2_000).default(""),
  owner: personRef,
  actionee: personRef,
  inherentLikelihood: level,
  inherentImpact: level,
  residualLikelihood: level,
  residualImpact: level,
  proximityDate: optionalDate,
  proximityText: text(100).default(""),
  response: z.enum(["avoid", "reduce", "fallback", "transfer", "accept", "share", "exploit", "enhance", "reject"], "not a risk response").nullable().default(null),
  strategy: text(5_000).default(""),
  actionsOutstanding: text(5_000).default(""),
  status: z.enum(["open", "closed"], "not open or closed").default("open"),
  dateClosed: optionalDate,
  closingNote: text(2_000).nullable().default(null),
  nextReviewDate: optionalDate,
  lastReviewedDate: optionalDate,
  /** Refs of actions in this file that respond to the risk. */
  actions: z.array(required(40)).default([]),
  /** Every score change, oldest first. */
  history: z.array(riskScoreChangeSchema).default([]),
});

export const riskRegisterSchema = z
  .object({
    scale: z.union([z.literal(3), z.literal(5)], "not 3 or 5"),
    likelihoodLabels: z.array(required(40)),
    impactLabels: z.array(required(40)),
    mediumFrom: z.number("not a number").int("not a whole number"),
    highFrom: z.number("not a number").int("not a whole number"),
    risks: z.array(riskSchema).default([]),
  })
  .superRefine((reg, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    for (const [field, message] of Object.entries(validateSettings({ ...reg, scale: reg.scale as Scale }))) issue([field], message);
    const refs = new Set<string>();
    reg.risks.forEach((r, i) => {
      if (refs.has(r.ref)) issue(["risks", i, "ref"], `another risk already has "${r.ref}"`);
      refs.add(r.ref);
      const errors = { ...validateScores(r, reg.scale as Scale), ...validateResponse(r.kind, r.response), ...(r.status === "closed" ? validateClose(r) : {}) };
      for (const [field, message] of Object.entries(errors)) issue(["risks", i, field], message);
    });
  });

export type RiskRegisterExport = z.infer<typeof riskRegisterSchema>;

/** People and actions a register names must be in the file: called from format.ts's reference check. */
export function checkRiskReferences(
  reg: RiskRegisterExport | undefined,
  { person, actions, issue }: { person: (ref: string | null, path: (string | number)[]) => void; actions: Set<string>; issue: (path: (string | number)[], message: string) => void },
) {
  reg?.risks.forEach((r, i) => {
    const at = (...rest: (string | number)[]) => ["riskRegister", "risks", i, ...rest];
    person(r.owner, at("owner"));
    person(r.actionee, at("actionee"));
    r.history.forEach((h, k) => person(h.changedBy, at("history", k, "changedBy")));
    r.actions.forEach((ref, k) => {
      if (!actions.has(ref)) issue(at("actions", k), `no action "${ref}"`);
    });
  });
}
