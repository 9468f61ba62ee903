// Benefits of a project: every read and write is scoped by the project, every write records an
// audit event in the same transaction, and actuals are only ever added (a correction is a new row).
import { and, asc, eq, inArray } from "drizzle-orm";
import { benefitActuals, benefits, benefitSeries, benefitTargets, organisations, people } from "#db/schema";
import { getDb, write, type Conn, type Tx } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { notFound, UserInputError } from "~/utils/errors";
import { parseActualsCsv } from "./actuals-csv";
import type { BenefitDefinition, BenefitInput } from "./forms";
import { financialYearOf, parseFinancialYear } from "./periods";
import { benefitFlags, benefitRag, effectiveActuals, latestActual, seriesRag, targetOn, type BenefitFlag, type Rag, type SeriesInput } from "./rules";

export type Benefit = typeof benefits.$inferSelect;

export interface SeriesView extends SeriesInput {
  id: number;
  organisationId: number | null;
  organisationCode: string | null;
  baselineLabel: string;
  rag: Rag;
  targetThisPeriod: { period: string; value: number } | null;
  latest: { measuredOn: string; value: number } | null;
}

export interface BenefitView extends Benefit {
  ownerName: string | null;
  series: SeriesView[];
  flags: BenefitFlag[];
  rag: Rag;
}

/** Every benefit of a project with its series, targets, actuals in force, flags and RAG: four queries whatever the number. */
export function listBenefits({ projectId, today, benefitId }: { projectId: number; today: string; benefitId?: number }, db: Conn = getDb()): BenefitView[] {
  return listBenefitsOf({ projectIds: [projectId], today, benefitId }, db);
}

/** The same for several projects at once (the programme's attention page): still four queries. */
export function listBenefitsOf({ projectIds, today, benefitId }: { projectIds: number[]; today: string; benefitId?: number }, db: Conn = getDb()): BenefitView[] {
  if (projectIds.length === 0) return [];
  const rows = db
    .select({ benefit: benefits, ownerName: people.name })
    .from(benefits)
    .leftJoin(people, eq(people.id, benefits.ownerPersonId))
    .where(benefitId === undefined ? inArray(benefits.projectId, projectIds) : and(inArray(benefits.projectId, projectIds), eq(benefits.id, benefitId)))
    .orderBy(asc(benefits.id))
    .all();
  if (rows.length === 0) return [];
  const series = db
    .select({ s: benefitSeries, name: organisations.name, code: organisations.code })
    .from(benefitSeries)
    .leftJoin(organisations, eq(organisations.id, benefitSeries.organisationId))
    .where(inArray(benefitSeries.benefitId, rows.map((r) => r.benefit.id)))
    .orderBy(asc(benefitSeries.id))
    .all();
  const seriesIds = series.map((s) => s.s.id);
  const targets = seriesIds.length ? db.select().from(benefitTargets).where(inArray(benefitTargets.seriesId, seriesIds)).orderBy(asc(benefitTargets.startDate)).all() : [];
  const actuals = seriesIds.length ? db.select().from(benefitActuals).where(inArray(benefitActuals.seriesId, seriesIds)).orderBy(asc(benefitActuals.id)).all() : [];
  const thisYear = financialYearOf(today);
  return rows.map(({ benefit, ownerName }) => {
    const mine: SeriesView[] = series
      .filter((s) => s.s.benefitId === benefit.id)
      // The joint series last, after each council's.
      .sort((a, b) => Number(a.s.organisationId === null) - Number(b.s.organisationId === null) || (a.name ?? "").localeCompare(b.name ?? ""))
      .map(({ s, name, code }) => {
        const input: SeriesInput = {
          organisation: name,
          baselineValue: s.baselineValue,
          baselineDate: s.baselineDate,
          targets: targets.filter((t) => t.seriesId === s.id).map((t) => ({ period: t.period, start: t.startDate, end: t.endDate, value: t.value })),
          actuals: effectiveActuals(actuals.filter((a) => a.seriesId === s.id)),
        };
        const target = targetOn(input.targets, thisYear.start);
        const latest = latestActual(input);
        return {
          ...input,
          id: s.id,
          organisationId: s.organisationId,
          organisationCode: code,
          baselineLabel: s.baselineLabel,
          rag: seriesRag(benefit, input),
          targetThisPeriod: target ? { period: target.period, value: target.value } : null,
          latest: latest ? { measuredOn: latest.measuredOn, value: latest.value } : null,
        };
      });
    const input = { direction: benefit.direction, frequency: benefit.frequency, tolerance: benefit.tolerance, series: mine };
    return Object.assign({}, benefit, { ownerName, series: mine, flags: benefitFlags(input, today), rag: benefitRag(input) });
  });
}

/** One benefit with the whole history of what was entered (corrections included), or 404. */
export function getBenefit({ projectId, benefitId, today }: { projectId: number; benefitId: number; today: string }) {
  const [benefit] = listBenefits({ projectId, today, benefitId });
  if (!benefit) notFound("Benefit not found");
  const db = getDb();
  const seriesIds = benefit.series.map((s) => s.id);
  const history = seriesIds.length
    ? db
        .select({ a: benefitActuals, by: people.name })
        .from(benefitActuals)
        .leftJoin(people, eq(people.id, benefitActuals.enteredByPersonId))
        .where(inArray(benefitActuals.seriesId, seriesIds))
        .orderBy(asc(benefitActuals.id))
        .all()
        .map(({ a, by }) => ({ ...a, enteredBy: by }))
    : [];
  return { benefit, history };
}

function getOwned(tx: Conn, projectId: number, benefitId: number) {
  const benefit = tx.select().from(benefits).where(and(eq(benefits.projectId, projectId), eq(benefits.id, benefitId))).get();
  if (!benefit) notFound("Benefit not found");
  return benefit;
}

function getSeries(tx: Conn, benefitId: number, seriesId: number, field = "seriesId") {
  const s = tx.select().from(benefitSeries).where(and(eq(benefitSeries.benefitId, benefitId), eq(benefitSeries.id, seriesId))).get();
  if (!s) throw new UserInputError({ [field]: "Choose one of this benefit's organisations" });
  return s;
}

function checkOwner(tx: Conn, ownerPersonId: number | null) {
  if (ownerPersonId !== null && !tx.select({ id: people.id }).from(people).where(eq(people.id, ownerPersonId)).get())
    throw new UserInputError({ ownerPersonId: "Choose the owner from the list" });
}

/** Organisation ids from the form ("joint" for the whole project); at least one. */
function seriesChoice(tx: Conn, chosen: string[]): Array<number | null> {
  const ids = chosen.map((c) => (c === "joint" ? null : Number(c)));
  if (ids.length === 0) return [null];
  const known = new Set(tx.select({ id: organisations.id }).from(organisations).all().map((o) => o.id));
  if (ids.some((id) => id !== null && !known.has(id))) throw new UserInputError({ series: "Choose organisations from the list" });
  return [...new Set(ids)];
}

export function createBenefit({ actor, projectId, input }: { actor: Actor; projectId: number; input: BenefitInput }) {
  return write((tx) => {
    checkOwner(tx, input.ownerPersonId);
    checkName(tx, projectId, input.name);
    const orgs = seriesChoice(tx, input.series);
    const { series: _series, ...values } = input;
    const benefit = tx
      .insert(benefits)
      .values({ ...values, tolerance: input.tolerance ?? 0, projectId })
      .returning()
      .get();
    for (const organisationId of orgs) tx.insert(benefitSeries).values({ benefitId: benefit.id, organisationId }).run();
    recordAudit(tx, { actor, event: "benefit.create", entityType: "benefit", entityId: benefit.id, projectId, after: { ...values, organisations: orgs } });
    return benefit;
  });
}

const STALE = "Someone else changed this benefit since you opened it. Reload the page to see their changes, then try again.";

function checkName(tx: Conn, projectId: number, name: string, exceptId?: number) {
  const same = tx.select({ id: benefits.id }).from(benefits).where(and(eq(benefits.projectId, projectId), eq(benefits.name, name))).get();
  if (same && same.id !== exceptId) throw new UserInputError({ name: "This project already has a benefit with that name" });
}

/** Changes a benefit's definition (name, owner, frequency, tolerance...), refusing an edit of an older version. */
export function updateBenefit({ actor, projectId, benefitId, version, input }: { actor: Actor; projectId: number; benefitId: number; version: number; input: BenefitDefinition }) {
  return write((tx) => {
    const before = getOwned(tx, projectId, benefitId);
    if (before.version !== version) throw new UserInputError({ _form: STALE });
    checkOwner(tx, input.ownerPersonId);
    checkName(tx, projectId, input.name, benefitId);
    const after = { ...input, tolerance: input.tolerance ?? 0 };
    const diff = changes(before, after);
    if (!diff.changed) return before;
    const row = tx
      .update(benefits)
      .set({ ...after, version: before.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(benefits.id, benefitId))
      .returning()
      .get();
    recordAudit(tx, { actor, event: "benefit.update", entityType: "benefit", entityId: benefitId, projectId, ...diff });
    return row;
  });
}

/** Deletes a benefit with no actuals (its series, baselines and targets go with it); one with figures stays. */
export function deleteBenefit({ actor, projectId, benefitId, version }: { actor: Actor; projectId: number; benefitId: number; version: number }) {
  write((tx) => {
    const before = getOwned(tx, projectId, benefitId);
    if (before.version !== version) throw new UserInputError({ _form: STALE });
    const series = tx.select().from(benefitSeries).where(eq(benefitSeries.benefitId, benefitId)).all();
    const ids = series.map((x) => x.id);
    if (ids.length && tx.select({ id: benefitActuals.id }).from(benefitActuals).where(inArray(benefitActuals.seriesId, ids)).limit(1).get())
      throw new UserInputError({ _form: "This benefit has actuals recorded, so it stays: its history is part of the project's record." });
    const targets = ids.length ? tx.select().from(benefitTargets).where(inArray(benefitTargets.seriesId, ids)).all() : [];
    tx.delete(benefits).where(eq(benefits.id, benefitId)).run(); // series and targets cascade
    recordAudit(tx, {
      actor,
      event: "benefit.delete",
      entityType: "benefit",
      entityId: benefitId,
      projectId,
      before: { ...before, series: series.map((x) => ({ ...x, targets: targets.filter((t) => t.seriesId === x.id) })) },
    });
  });
}

function insertActual(tx: Tx, actor: Actor, projectId: number, benefitId: number, v: { seriesId: number; measuredOn: string; value: number; comment: string; correctsId: number | null }) {
  if (v.correctsId !== null) {
    const corrected = tx.select().from(benefitActuals).where(and(eq(benefitActuals.id, v.correctsId), eq(benefitActuals.seriesId, v.seriesId))).get();
    if (!corrected) throw new UserInputError({ correctsId: "Choose a figure of the same organisation to correct" });
  }
  const row = tx
    .insert(benefitActuals)
    .values({ ...v, enteredByPersonId: actor.personId })
    .returning()
    .get();
  recordAudit(tx, {
    actor,
    event: v.correctsId === null ? "benefit.actual" : "benefit.actual_correct",
    entityType: "benefit",
    entityId: benefitId,
    projectId,
    after: { actualId: row.id, seriesId: v.seriesId, measuredOn: v.measuredOn, value: v.value, comment: v.comment, correctsId: v.correctsId },
  });
  return row;
}

/** Adds an actual, or a correction of one (the corrected figure stays in the history). */
export function recordActual({
  actor,
  projectId,
  benefitId,
  input,
}: {
  actor: Actor;
  projectId: number;
  benefitId: number;
  input: { seriesId: number; measuredOn: string; value: number; comment: string; correctsId: number | null };
}) {
  return write((tx) => {
    getOwned(tx, projectId, benefitId);
    getSeries(tx, benefitId, input.seriesId);
    return insertActual(tx, actor, projectId, benefitId, input);
  });
}

/** Sets (or replaces) the target of one series for one financial year. */
export function setTarget({ actor, projectId, benefitId, input }: { actor: Actor; projectId: number; benefitId: number; input: { seriesId: number; period: string; value: number } }) {
  const period = parseFinancialYear(input.period);
  if (!period) throw new UserInputError({ period: "Enter the financial year like 2011/12" });
  return write((tx) => {
    getOwned(tx, projectId, benefitId);
    getSeries(tx, benefitId, input.seriesId, "targetSeriesId");
    const before = tx.select().from(benefitTargets).where(and(eq(benefitTargets.seriesId, input.seriesId), eq(benefitTargets.period, period.label))).get();
    if (before) tx.update(benefitTargets).set({ value: input.value }).where(eq(benefitTargets.id, before.id)).run();
    else tx.insert(benefitTargets).values({ seriesId: input.seriesId, period: period.label, startDate: period.start, endDate: period.end, value: input.value }).run();
    recordAudit(tx, {
      actor,
      event: "benefit.target",
      entityType: "benefit",
      entityId: benefitId,
      projectId,
      before: before ? { seriesId: input.seriesId, period: period.label, value: before.value } : undefined,
      after: { seriesId: input.seriesId, period: period.label, value: input.value },
    });
  });
}

export function setBaseline({
  actor,
  projectId,
  benefitId,
  input,
}: {
  actor: Actor;
  projectId: number;
  benefitId: number;
  input: { seriesId: number; baselineValue: number; baselineDate: string | null; baselineLabel: string };
}) {
  return write((tx) => {
    getOwned(tx, projectId, benefitId);
    const before = getSeries(tx, benefitId, input.seriesId, "baselineSeriesId");
    const { seriesId, baselineValue, baselineDate, baselineLabel } = input;
    const values = { baselineValue, baselineDate, baselineLabel };
    tx.update(benefitSeries).set(values).where(eq(benefitSeries.id, seriesId)).run();
    recordAudit(tx, {
      actor,
      event: "benefit.baseline",
      entityType: "benefit",
      entityId: benefitId,
      projectId,
      before: { seriesId, baselineValue: before.baselineValue, baselineDate: before.baselineDate, baselineLabel: before.baselineLabel },
      after: { seriesId, ...values },
    });
  });
}

/** Actuals from CSV: all rows or none; each row is audited like one entered by hand. */
export function importActuals({ actor, projectId, benefitId, csv }: { actor: Actor; projectId: number; benefitId: number; csv: string }) {
  return write((tx) => {
    getOwned(tx, projectId, benefitId);
    const keys = tx
      .select({ seriesId: benefitSeries.id, name: organisations.name, code: organisations.code })
      .from(benefitSeries)
      .leftJoin(organisations, eq(organisations.id, benefitSeries.organisationId))
      .where(eq(benefitSeries.benefitId, benefitId))
      .all();
    const parsed = parseActualsCsv(csv, keys);
    if (!parsed.ok) throw new UserInputError({ csv: parsed.errors.join(". ") });
    for (const row of parsed.rows) insertActual(tx, actor, projectId, benefitId, { ...row, comment: row.comment || "Imported from CSV", correctsId: null });
    return parsed.rows.length;
  });
}
