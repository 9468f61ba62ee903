// Benefits and the business case in the project export format (app/modules/portability/format.ts):
// optional top-level `benefits` and `businessCases`, so files without them stay valid. Organisations
// are referenced by code (null: joint), people by their key. Pure: no I/O.
import { z } from "zod";
import { BENEFIT_DIRECTIONS, BENEFIT_FREQUENCIES, BENEFIT_UNITS, BUSINESS_CASE_LINE_KINDS, BUSINESS_CASE_STATUSES } from "#db/schema";

const date = z.iso.date("not a date");
const text = (max = 20_000) => z.string("not text").max(max, `longer than ${max} characters`);
const required = (max = 500) => text(max).trim().min(1, "must not be blank");
const num = z.number("not a number");
const orgRef = text(40).nullable().default(null);
const personRef = required(320).nullable().default(null);

export const benefitSchema = z.object({
  name: required(200),
  description: text(2000).default(""),
  unit: z.enum(BENEFIT_UNITS),
  direction: z.enum(BENEFIT_DIRECTIONS),
  frequency: z.enum(BENEFIT_FREQUENCIES),
  source: text(500).default(""),
  tolerance: num.min(0).default(0),
  owner: personRef,
  series: z.array(
    z.object({
      organisation: orgRef,
      baselineValue: num.nullable().default(null),
      baselineDate: date.nullable().default(null),
      baselineLabel: text(60).default(""),
      targets: z.array(z.object({ period: required(20), start: date, end: date, value: num })).default([]),
      /** `key` numbers the actuals within the file so a correction can name the one it corrects. */
      actuals: z
        .array(z.object({ key: z.number().int(), measuredOn: date, value: num, comment: text(1000).default(""), corrects: z.number().int().nullable().default(null), enteredBy: personRef, enteredAt: text(40).optional() }))
        .default([]),
    }),
  ),
});

export const businessCaseSchema = z.object({
  version: z.number().int().min(1),
  status: z.enum(BUSINESS_CASE_STATUSES),
  summary: text(2000).default(""),
  contingency: num.default(0),
  discountRate: num.nullable().default(null),
  partnerSplit: z.array(z.object({ organisation: required(40), share: num })).default([]),
  approvedOn: date.nullable().default(null),
  approvedAt: text(200).nullable().default(null),
  lines: z.array(z.object({ kind: z.enum(BUSINESS_CASE_LINE_KINDS), category: required(300), period: required(20), amount: num, organisation: orgRef })).default([]),
});

export const spendSchema = z.object({ period: required(20), amount: num, note: text(500).default(""), enteredBy: personRef, enteredAt: text(40).optional() });

export type BenefitExport = z.infer<typeof benefitSchema>;
export type BusinessCaseExport = z.infer<typeof businessCaseSchema>;
export type SpendExport = z.infer<typeof spendSchema>;

/** Organisation codes and people the benefits and business case name must be in the file. */
export function checkBenefitReferences(
  doc: { benefits: BenefitExport[]; businessCases: BusinessCaseExport[]; businessCaseSpend: SpendExport[] },
  { orgs, person: who, issue }: { orgs: Set<string>; person: (ref: string | null, path: (string | number)[]) => void; issue: (path: (string | number)[], message: string) => void },
) {
  const org = (code: string | null, path: (string | number)[]) => {
    if (code !== null && !orgs.has(code)) issue(path, `no organisation with the code "${code}"`);
  };
  doc.benefits.forEach((b, i) => {
    who(b.owner, ["benefits", i, "owner"]);
    b.series.forEach((s, j) => {
      org(s.organisation, ["benefits", i, "series", j, "organisation"]);
      s.actuals.forEach((a, k) => who(a.enteredBy, ["benefits", i, "series", j, "actuals", k, "enteredBy"]));
    });
  });
  doc.businessCases.forEach((c, i) => {
    c.lines.forEach((l, j) => org(l.organisation, ["businessCases", i, "lines", j, "organisation"]));
    c.partnerSplit.forEach((p, j) => org(p.organisation, ["businessCases", i, "partnerSplit", j, "organisation"]));
  });
  doc.businessCaseSpend.forEach((s, i) => who(s.enteredBy, ["businessCaseSpend", i, "enteredBy"]));
}
