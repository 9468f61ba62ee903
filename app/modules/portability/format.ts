// The project export format, version 1 (docs/export-format.md). Pure: no I/O.
// People are referenced by email, or by name when they have no email; teams by name;
// organisations by code; work packages, recommendations and actions by ref; stages by name within
// their work package; milestones by key (their name unless two share a name).
// To extend it (risks, say): add an optional top-level array here, a step in export.server.ts and
// import.server.ts, and a section in the docs. Files without the new key stay valid.
import { z } from "zod";
import { ACTION_STATUSES, PROJECT_ROLES, PROJECT_STATUSES } from "#db/schema";
import { boardSchema, checkGovernanceReferences, proposalSchema } from "~/modules/proposal/portability";
import { checkRiskReferences, riskRegisterSchema } from "~/modules/risk/portability";
import { benefitSchema, businessCaseSchema, checkBenefitReferences, spendSchema } from "~/modules/benefit/portability";

export const FORMAT = "waymark-project";
export const FORMAT_VERSION = 1;

const date = z.iso.date("not a date");
const optionalDate = date.nullable().default(null);
const instant = z.iso.datetime({ error: "not a date and time (ISO 8601)", offset: true });
const text = (max = 20_000) => z.string("not text").max(max, `longer than ${max} characters`);
const required = (max = 500) => text(max).trim().min(1, "must not be blank");
const count = z.number("not a number").int("not a whole number");
/** A person: their email, or their name when they have no email. */
const personRef = required(320);

export const personSchema = z.object({
  name: required(200),
  email: z.email("not an email address").nullable().default(null),
  initials: text(20).nullable().default(null),
  jobTitle: text(200).nullable().default(null),
  organisation: text(40).nullable().default(null),
});

export const organisationSchema = z.object({ code: required(40), name: required(200) });

export const teamSchema = z.object({
  name: required(200),
  organisation: text(40).nullable().default(null),
  members: z.array(personRef).default([]),
});

export const roleSchema = z.object({
  person: personRef,
  role: z.enum(PROJECT_ROLES, `not one of ${PROJECT_ROLES.join(", ")}`),
});

export const stageSchema = z.object({
  name: required(200),
  position: count.default(0),
  plannedStart: optionalDate,
  plannedEnd: optionalDate,
  datesNote: text(200).default(""),
});

export const workPackageSchema = z.object({
  ref: required(40),
  name: required(200),
  description: text().default(""),
  lead: personRef.nullable().default(null),
  position: count.default(0),
  feedsInto: z.array(required(40)).default([]),
  stages: z.array(stageSchema).default([]),
});

export const milestoneSchema = z.object({
  /** How dependencies name this milestone; defaults to its name. */
  key: required(240).optional(),
  name: required(200),
  description: text().default(""),
  targetDate: date,
  baselineDate: date,
  achievedDate: optionalDate,
});

export const recommendationSchema = z.object({
  ref: required(40),
  title: required(500),
  body: text().default(""),
  source: text(500).default(""),
});

export const noteSchema = z.object({
  date,
  author: personRef.nullable().default(null),
  body: required(20_000),
  statusChange: z.enum(ACTION_STATUSES, `not one of ${ACTION_STATUSES.join(", ")}`).nullable().default(null),
  percentComplete: count.min(0, "less than 0").max(100, "more than 100").nullable().default(null),
  createdAt: instant.optional(),
});

export const dueDateChangeSchema = z.object({
  old: optionalDate,
  new: optionalDate,
  reason: text(2_000).default(""),
  changedBy: personRef.nullable().default(null),
  changedAt: instant.optional(),
});

export const actionSchema = z
  .object({
    ref: required(40),
    title: required(500),
    description: text().default(""),
    expectedOutcomes: text().default(""),
    workPackage: text(40).nullable().default(null),
    stage: text(200).nullable().default(null),
    plannedStart: optionalDate,
    due: optionalDate,
    deadlineText: text(200).default(""),
    baselineDue: optionalDate,
    status: z.enum(ACTION_STATUSES, `not one of ${ACTION_STATUSES.join(", ")}`).default("not_started"),
    blockedReason: text(2_000).nullable().default(null),
    percentComplete: count.min(0, "less than 0").max(100, "more than 100").default(0),
    completedDate: optionalDate,
    createdAt: instant.optional(),
    owners: z
      .object({ people: z.array(personRef).default([]), teams: z.array(required(200)).default([]) })
      .default({ people: [], teams: [] }),
    recommendations: z.array(required(40)).default([]),
    dueDateChanges: z.array(dueDateChangeSchema).default([]),
    notes: z.array(noteSchema).default([]),
  })
  .superRefine((a, ctx) => {
    if (a.status === "blocked" && !a.blockedReason?.trim())
      ctx.addIssue({ code: "custom", path: ["blockedReason"], message: "required when the status is blocked" });
    if (a.stage && !a.workPackage)
      ctx.addIssue({ code: "custom", path: ["stage"], message: "a stage needs its work package" });
  });

const endSchema = z.union(
  [z.object({ action: required(40) }).strict(), z.object({ milestone: required(240) }).strict()],
  'not {"action": REF} or {"milestone": KEY}',
);

export const dependencySchema = z.object({
  predecessor: endSchema,
  successor: endSchema,
  lagDays: count.min(0, "less than 0").default(0),
});

export const projectSchema = z.object({
  slug: z
    .string("not text")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "not a slug (lower-case letters, digits and hyphens)")
    .max(80, "longer than 80 characters"),
  name: required(200),
  purpose: text().default(""),
  status: z.enum(PROJECT_STATUSES, `not one of ${PROJECT_STATUSES.join(", ")}`).default("active"),
  manager: personRef.nullable().default(null),
  startDate: optionalDate,
  endDate: optionalDate,
  timeToleranceDays: count.nullable().default(null),
  costTolerancePercent: count.nullable().default(null),
  dueSoonDays: count.min(0, "less than 0").max(365, "more than 365").default(14),
  staleDays: count.min(1, "less than 1").max(3650, "more than 3650").default(30),
});

export const programmeSchema = z.object({
  slug: z.string("not text").regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "not a slug").max(80, "longer than 80 characters"),
  name: required(200),
  description: text().default(""),
});

export const exportSchema = z
  .object({
    format: z.literal(FORMAT, `not "${FORMAT}"`),
    version: z.literal(FORMAT_VERSION, `not a version this Waymark reads (it reads ${FORMAT_VERSION})`),
    exportedAt: instant.optional(),
    project: projectSchema,
    programme: programmeSchema.nullable().default(null),
    organisations: z.array(organisationSchema).default([]),
    people: z.array(personSchema).default([]),
    teams: z.array(teamSchema).default([]),
    roles: z.array(roleSchema).default([]),
    workPackages: z.array(workPackageSchema).default([]),
    milestones: z.array(milestoneSchema).default([]),
    recommendations: z.array(recommendationSchema).default([]),
    actions: z.array(actionSchema).default([]),
    dependencies: z.array(dependencySchema).default([]),
    riskRegister: riskRegisterSchema.optional(),
    boards: z.array(boardSchema).default([]),
    proposals: z.array(proposalSchema).default([]),
    benefits: z.array(benefitSchema).default([]),
    businessCases: z.array(businessCaseSchema).default([]),
    businessCaseSpend: z.array(spendSchema).default([]),
  })
  .superRefine(checkReferences);

export type ProjectExport = z.infer<typeof exportSchema>;
export type ProjectExportInput = z.input<typeof exportSchema>;

export const personKey = (p: { email: string | null; name: string }) => p.email ?? p.name;
export const milestoneKey = (m: { key?: string; name: string }) => m.key ?? m.name;

type Ctx = z.RefinementCtx;

/** Every reference inside the file must name something the file defines, and keys must be unique. */
function checkReferences(doc: ProjectExport, ctx: Ctx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const unique = <T>(list: T[], key: (t: T) => string, path: string, field: string, what: string) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) issue([path, i, field], `another ${what} already has "${k}"`);
      seen.add(k);
    });
    return seen;
  };

  const orgs = unique(doc.organisations, (o) => o.code, "organisations", "code", "organisation");
  const people = new Set<string>();
  doc.people.forEach((p, i) => {
    for (const k of new Set([p.email, p.name].filter((x): x is string => Boolean(x)))) people.add(k);
    if (p.organisation && !orgs.has(p.organisation)) issue(["people", i, "organisation"], `no organisation with the code "${p.organisation}"`);
  });
  unique(doc.people.filter((p) => p.email), (p) => p.email!, "people", "email", "person");
  const person = (ref: string | null, path: (string | number)[]) => {
    if (ref && !people.has(ref)) issue(path, `no person "${ref}" in people`);
  };
  person(doc.project.manager, ["project", "manager"]);

  const teams = unique(doc.teams, (t) => t.name, "teams", "name", "team");
  doc.teams.forEach((t, i) => {
    if (t.organisation && !orgs.has(t.organisation)) issue(["teams", i, "organisation"], `no organisation with the code "${t.organisation}"`);
    t.members.forEach((m, k) => person(m, ["teams", i, "members", k]));
  });
  doc.roles.forEach((r, i) => person(r.person, ["roles", i, "person"]));

  const wps = unique(doc.workPackages, (w) => w.ref, "workPackages", "ref", "work package");
  const stagesOf = new Map<string, Set<string>>();
  doc.workPackages.forEach((w, i) => {
    person(w.lead, ["workPackages", i, "lead"]);
    w.feedsInto.forEach((ref, k) => {
      if (!wps.has(ref)) issue(["workPackages", i, "feedsInto", k], `no work package "${ref}"`);
      else if (ref === w.ref) issue(["workPackages", i, "feedsInto", k], "a work package cannot feed into itself");
    });
    stagesOf.set(w.ref, new Set());
    const names = stagesOf.get(w.ref)!;
    w.stages.forEach((s, k) => {
      if (names.has(s.name)) issue(["workPackages", i, "stages", k, "name"], `another stage of ${w.ref} is already called "${s.name}"`);
      names.add(s.name);
    });
  });

  const milestones = unique(doc.milestones, milestoneKey, "milestones", "key", "milestone");
  const recs = unique(doc.recommendations, (r) => r.ref, "recommendations", "ref", "recommendation");
  const actions = unique(doc.actions, (a) => a.ref, "actions", "ref", "action");
  doc.actions.forEach((a, i) => {
    const at = (...rest: (string | number)[]) => ["actions", i, ...rest];
    if (a.workPackage && !wps.has(a.workPackage)) issue(at("workPackage"), `no work package "${a.workPackage}"`);
    else if (a.workPackage && a.stage && !stagesOf.get(a.workPackage)!.has(a.stage))
      issue(at("stage"), `no stage "${a.stage}" in work package ${a.workPackage}`);
    a.owners.people.forEach((p, k) => person(p, at("owners", "people", k)));
    a.owners.teams.forEach((t, k) => {
      if (!teams.has(t)) issue(at("owners", "teams", k), `no team "${t}" in teams`);
    });
    a.recommendations.forEach((r, k) => {
      if (!recs.has(r)) issue(at("recommendations", k), `no recommendation "${r}"`);
    });
    a.notes.forEach((n, k) => person(n.author, at("notes", k, "author")));
    a.dueDateChanges.forEach((c, k) => person(c.changedBy, at("dueDateChanges", k, "changedBy")));
  });
  doc.dependencies.forEach((d, i) => {
    for (const end of ["predecessor", "successor"] as const) {
      const e = d[end];
      if ("action" in e && !actions.has(e.action)) issue(["dependencies", i, end, "action"], `no action "${e.action}"`);
      if ("milestone" in e && !milestones.has(e.milestone)) issue(["dependencies", i, end, "milestone"], `no milestone "${e.milestone}"`);
    }
    const p = d.predecessor;
    const s = d.successor;
    if (("action" in p && "action" in s && p.action === s.action) || ("milestone" in p && "milestone" in s && p.milestone === s.milestone))
      issue(["dependencies", i], "an item cannot depend on itself");
  });
  checkRiskReferences(doc.riskRegister, { person, actions, issue });
  checkBenefitReferences(doc, { orgs, person, issue });
  checkGovernanceReferences(doc, { person, workPackages: wps, issue });
}

/** `actions[12].due` from ["actions", 12, "due"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(the file)";
}

export type ParseResult = { ok: true; data: ProjectExport } | { ok: false; errors: string[] };

/** Validates a parsed JSON document; each fault comes back as "path: message". */
export function parseExport(value: unknown): ParseResult {
  const result = exportSchema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) };
}

/** Parses file text: JSON syntax errors are reported like the rest. */
export function parseExportText(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`(the file): not valid JSON (${(error as Error).message})`] };
  }
  return parseExport(value);
}
