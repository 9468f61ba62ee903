// A project's business case: versions (a draft is edited, then recorded as approved at a meeting,
// which supersedes the version approved before), actual spend per year, and the computed figures.
// Every write is audited in its transaction; every read is scoped by the project.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { businessCaseLines, businessCases, businessCaseSpend, organisations, people, projects } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { UserInputError } from "~/utils/errors";
import { computeBusinessCase, costToleranceCheck, spendInForce, validateSplit, type CaseLine, type PartnerShare } from "./business-case";
import { parseGrid, parseSplit } from "./case-grid";
import type { CaseDraftInput } from "./forms";

export type BusinessCase = typeof businessCases.$inferSelect;

export function listVersions(projectId: number, db: Conn = getDb()) {
  return db.select().from(businessCases).where(eq(businessCases.projectId, projectId)).orderBy(desc(businessCases.version)).all();
}

function linesOf(caseId: number, db: Conn = getDb()): CaseLine[] {
  return db
    .select({ kind: businessCaseLines.kind, category: businessCaseLines.category, period: businessCaseLines.period, amount: businessCaseLines.amount, organisationId: businessCaseLines.organisationId })
    .from(businessCaseLines)
    .where(eq(businessCaseLines.businessCaseId, caseId))
    .orderBy(asc(businessCaseLines.position), asc(businessCaseLines.id))
    .all();
}

const splitOf = (c: BusinessCase) => JSON.parse(c.partnerSplit) as PartnerShare[];

/** The figures of one version. */
export function caseFigures(c: BusinessCase, db: Conn = getDb()) {
  const lines = linesOf(c.id, db);
  return { lines, figures: computeBusinessCase({ lines, contingency: c.contingency, discountRate: c.discountRate, partnerSplit: splitOf(c) }) };
}

export function spendRows(projectId: number, db: Conn = getDb()) {
  return db
    .select({ id: businessCaseSpend.id, period: businessCaseSpend.period, amount: businessCaseSpend.amount, note: businessCaseSpend.note, enteredAt: businessCaseSpend.enteredAt, enteredBy: people.name })
    .from(businessCaseSpend)
    .leftJoin(people, eq(people.id, businessCaseSpend.enteredByPersonId))
    .where(eq(businessCaseSpend.projectId, projectId))
    .orderBy(asc(businessCaseSpend.id))
    .all();
}

/** The approved version (the one in force), the latest version, and the cost tolerance check against the approved one. */
export function loadBusinessCase(projectId: number, db: Conn = getDb()) {
  const versions = listVersions(projectId, db);
  const approved = versions.find((v) => v.status === "approved") ?? null;
  const latest = versions[0] ?? null;
  const shown = approved ?? latest;
  const project = db.select({ costTolerancePercent: projects.costTolerancePercent }).from(projects).where(eq(projects.id, projectId)).get();
  const spend = spendRows(projectId, db);
  const computed = shown ? caseFigures(shown, db) : null;
  const tolerance = approved && computed ? costToleranceCheck(computed.figures.years, spendInForce(spend), project?.costTolerancePercent ?? null) : null;
  const orgs = db.select({ id: organisations.id, name: organisations.name, code: organisations.code }).from(organisations).all();
  return { versions, approved, latest, shown, figures: computed?.figures ?? null, lines: computed?.lines ?? [], spend, tolerance, organisations: orgs };
}

/** Projects whose approved business case is over cost tolerance, with the years: four queries for any number of projects. */
export function costToleranceAcross(projectIds: number[], db: Conn = getDb()): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (projectIds.length === 0) return out;
  const approved = db.select().from(businessCases).where(and(inArray(businessCases.projectId, projectIds), eq(businessCases.status, "approved"))).all();
  if (approved.length === 0) return out;
  const lines = db.select().from(businessCaseLines).where(inArray(businessCaseLines.businessCaseId, approved.map((c) => c.id))).all();
  const spend = db.select().from(businessCaseSpend).where(inArray(businessCaseSpend.projectId, projectIds)).all();
  const tolerance = new Map(db.select({ id: projects.id, t: projects.costTolerancePercent }).from(projects).where(inArray(projects.id, projectIds)).all().map((p) => [p.id, p.t]));
  for (const c of approved) {
    const figures = computeBusinessCase({ lines: lines.filter((l) => l.businessCaseId === c.id), contingency: c.contingency, discountRate: null, partnerSplit: [] });
    const check = costToleranceCheck(figures.years, spendInForce(spend.filter((s) => s.projectId === c.projectId)), tolerance.get(c.projectId) ?? null);
    if (check.exceeded) out.set(c.projectId, check.rows.filter((r) => r.exceeded).map((r) => r.period));
  }
  return out;
}

/** A new draft version, copying the latest version's figures. Only one draft at a time. */
export function startNewVersion({ actor, projectId }: { actor: Actor; projectId: number }) {
  return write((tx) => {
    const versions = listVersions(projectId, tx);
    if (versions.some((v) => v.status === "draft")) throw new UserInputError({ _form: "There is already a draft version: edit that one" });
    const from = versions[0];
    const created = tx
      .insert(businessCases)
      .values({
        projectId,
        version: (from?.version ?? 0) + 1,
        summary: from?.summary ?? "",
        contingency: from?.contingency ?? 0,
        discountRate: from?.discountRate ?? null,
        partnerSplit: from?.partnerSplit ?? "[]",
        createdByPersonId: actor.personId,
      })
      .returning()
      .get();
    if (from) {
      const lines = linesOf(from.id, tx);
      lines.forEach((l, position) => tx.insert(businessCaseLines).values({ ...l, businessCaseId: created.id, position }).run());
    }
    recordAudit(tx, { actor, event: "business_case.create", entityType: "business_case", entityId: created.id, projectId, after: { version: created.version, copiedFrom: from?.version ?? null } });
    return created;
  });
}

export function getDraft(projectId: number, db: Conn = getDb()) {
  return db.select().from(businessCases).where(and(eq(businessCases.projectId, projectId), eq(businessCases.status, "draft"))).get() ?? null;
}

/** Saves the draft's figures: every table is checked, and nothing is saved until all are right. */
export function saveDraft({ actor, projectId, input }: { actor: Actor; projectId: number; input: CaseDraftInput }) {
  return write((tx) => {
    const draft = getDraft(projectId, tx);
    if (!draft || draft.version !== input.version) throw new UserInputError({ _form: "This version is no longer a draft: start a new version to change the business case" });
    const errors: Record<string, string> = {};
    const lines: CaseLine[] = [];
    for (const kind of ["one_off", "current_cost", "future_cost", "saving", "income"] as const) {
      const parsed = parseGrid(input[kind], kind);
      if (parsed.ok) lines.push(...parsed.lines);
      else errors[kind] = parsed.error;
    }
    const orgs = tx.select({ id: organisations.id, code: organisations.code }).from(organisations).all();
    const split = parseSplit(input.split, orgs);
    if (!split.ok) errors.split = split.error;
    else {
      const bad = validateSplit(split.split);
      if (bad) errors.split = bad;
    }
    if (Object.keys(errors).length) throw new UserInputError(errors);
    const values = { summary: input.summary, contingency: input.contingency, discountRate: input.discountRate, partnerSplit: JSON.stringify(split.ok ? split.split : []) };
    const diff = changes(draft, values);
    tx.update(businessCases).set({ ...values, updatedAt: new Date().toISOString() }).where(eq(businessCases.id, draft.id)).run();
    const beforeLines = linesOf(draft.id, tx);
    tx.delete(businessCaseLines).where(eq(businessCaseLines.businessCaseId, draft.id)).run();
    lines.forEach((l, position) => tx.insert(businessCaseLines).values({ ...l, businessCaseId: draft.id, position }).run());
    recordAudit(tx, {
      actor,
      event: "business_case.update",
      entityType: "business_case",
      entityId: draft.id,
      projectId,
      before: { ...diff.before, lines: beforeLines.length },
      after: { ...diff.after, lines: lines.length, version: draft.version },
    });
  });
}

/** Records a version as approved at a meeting; the version approved before is superseded. */
export function approveVersion({ actor, projectId, caseId, approvedOn, approvedAt }: { actor: Actor; projectId: number; caseId: number; approvedOn: string; approvedAt: string }) {
  return write((tx) => {
    const c = tx.select().from(businessCases).where(and(eq(businessCases.projectId, projectId), eq(businessCases.id, caseId))).get();
    if (!c || c.status !== "draft") throw new UserInputError({ _form: "Only a draft version can be approved" });
    if (linesOf(c.id, tx).length === 0) throw new UserInputError({ _form: "Enter the business case's figures before recording it as approved" });
    const previous = tx.select().from(businessCases).where(and(eq(businessCases.projectId, projectId), eq(businessCases.status, "approved"))).get();
    if (previous) {
      tx.update(businessCases).set({ status: "superseded", updatedAt: new Date().toISOString() }).where(eq(businessCases.id, previous.id)).run();
      recordAudit(tx, { actor, event: "business_case.supersede", entityType: "business_case", entityId: previous.id, projectId, before: { status: "approved" }, after: { status: "superseded", by: c.version } });
    }
    tx.update(businessCases).set({ status: "approved", approvedOn, approvedAt, updatedAt: new Date().toISOString() }).where(eq(businessCases.id, c.id)).run();
    recordAudit(tx, { actor, event: "business_case.approve", entityType: "business_case", entityId: c.id, projectId, before: { status: "draft" }, after: { status: "approved", approvedOn, approvedAt, version: c.version } });
  });
}

/** Records the actual one-off spend for a year; a later entry for the same year replaces it, both kept. */
export function recordSpend({ actor, projectId, input }: { actor: Actor; projectId: number; input: { period: string; amount: number; note: string } }) {
  return write((tx) => {
    const row = tx.insert(businessCaseSpend).values({ ...input, projectId, enteredByPersonId: actor.personId }).returning().get();
    recordAudit(tx, { actor, event: "business_case.spend", entityType: "business_case_spend", entityId: row.id, projectId, after: input });
    return row;
  });
}
