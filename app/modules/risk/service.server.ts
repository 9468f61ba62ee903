// Risk registers: every read is scoped by its register's owner (a project or a programme), every
// write records an audit event in the same transaction, and every score change is kept in history.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { actions, people, projects, riskActions, riskRegisters, riskScoreChanges, risks } from "#db/schema";
import { getDb, prepared, write, type Conn, type Tx } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import type { Viewer } from "~/modules/auth/access.server";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { notFound, UserInputError } from "~/utils/errors";
import type { RiskInput } from "./forms";
import { linkedActionsFor } from "./linked-actions.server";
import {
  band,
  currentScore,
  DEFAULT_SETTINGS,
  mapScores,
  riskFlags,
  trend,
  validateClose,
  validateResponse,
  validateScaleChange,
  validateScores,
  validateSettings,
  type RegisterSettings,
  type Scale,
  type Scores,
} from "./scoring";

// One collator for the module: `localeCompare` with options builds a new one at every comparison.
const byRefNumber = new Intl.Collator("en", { numeric: true });

export type Scope = { projectId: number } | { programmeId: number };
export type Risk = typeof risks.$inferSelect;
export type Register = typeof riskRegisters.$inferSelect;

const STALE = "Someone else changed this risk since you opened it. Reload the page to see their changes, then try again.";

function scopeWhere(scope: Scope) {
  return "projectId" in scope ? eq(riskRegisters.projectId, scope.projectId) : eq(riskRegisters.programmeId, scope.programmeId);
}
const auditProject = (scope: Scope) => ("projectId" in scope ? scope.projectId : null);
const auditMeta = (scope: Scope) => ("programmeId" in scope ? { programmeId: scope.programmeId } : undefined);

// The register pages' reads, built and prepared once (they run for every register on the
// programme's attention page): drizzle otherwise rebuilds and re-prepares each at every call.
// One connection serves reads and writes, so a write's transaction reads through them too.
const registerOfProject = () => prepared("risk register of project", (db) => db.select().from(riskRegisters).where(eq(riskRegisters.projectId, sql.placeholder("id"))).prepare());
const registerOfProgramme = () =>
  prepared("risk register of programme", (db) => db.select().from(riskRegisters).where(eq(riskRegisters.programmeId, sql.placeholder("id"))).prepare());
const risksOfRegister = () => prepared("risks of register", (db) => db.select().from(risks).where(eq(risks.registerId, sql.placeholder("id"))).prepare());
const peopleNames = () => prepared("people names", (db) => db.select({ id: people.id, name: people.name }).from(people).prepare());
const historyOfRisks = () =>
  prepared("risk score history", (db) =>
    db
      .select()
      .from(riskScoreChanges)
      .where(sql`${riskScoreChanges.riskId} in (select value from json_each(${sql.placeholder("ids")}))`)
      .orderBy(asc(riskScoreChanges.id))
      .prepare(),
  );

export function getRegister(scope: Scope, db: Conn = getDb()): Register | undefined {
  if (db !== getDb()) return db.select().from(riskRegisters).where(scopeWhere(scope)).get();
  return "projectId" in scope ? registerOfProject().get({ id: scope.projectId }) : registerOfProgramme().get({ id: scope.programmeId });
}

/** The register's settings; a project without a register yet has the reference document's 1-3 scale. */
export function settingsOf(register: Register | undefined): RegisterSettings & { version: number } {
  if (!register) return { ...DEFAULT_SETTINGS[3], version: 0 };
  return {
    scale: register.scale as Scale,
    likelihoodLabels: JSON.parse(register.likelihoodLabels) as string[],
    impactLabels: JSON.parse(register.impactLabels) as string[],
    mediumFrom: register.mediumFrom,
    highFrom: register.highFrom,
    version: register.version,
  };
}

/** Registers are made on the first write, never on a GET. */
export function ensureRegister(tx: Tx, scope: Scope, actor: Actor, settings: RegisterSettings = DEFAULT_SETTINGS[3]): Register {
  const existing = getRegister(scope, tx);
  if (existing) return existing;
  const values = {
    ...scope,
    scale: settings.scale,
    likelihoodLabels: JSON.stringify(settings.likelihoodLabels),
    impactLabels: JSON.stringify(settings.impactLabels),
    mediumFrom: settings.mediumFrom,
    highFrom: settings.highFrom,
  };
  const register = tx.insert(riskRegisters).values(values).returning().get();
  recordAudit(tx, { actor, event: "risk_register.create", entityType: "risk_register", entityId: register.id, projectId: auditProject(scope), after: values, meta: auditMeta(scope) });
  return register;
}

/** The projects whose actions a register's risks may link to. */
export function projectIdsOf(scope: Scope, db: Conn = getDb()): number[] {
  if ("projectId" in scope) return [scope.projectId];
  return db.select({ id: projects.id }).from(projects).where(eq(projects.programmeId, scope.programmeId)).all().map((p) => p.id);
}

const personName = (db: Conn) => {
  const rows = db === getDb() ? peopleNames().all() : db.select({ id: people.id, name: people.name }).from(people).all();
  const names = new Map(rows.map((p) => [p.id, p.name]));
  return (id: number | null) => (id == null ? null : (names.get(id) ?? null));
};

function historyOf(riskIds: number[], db: Conn) {
  const rows = riskIds.length === 0
    ? []
    : db === getDb()
      ? historyOfRisks().all({ ids: JSON.stringify(riskIds) })
      : db.select().from(riskScoreChanges).where(inArray(riskScoreChanges.riskId, riskIds)).orderBy(asc(riskScoreChanges.id)).all();
  const map = new Map<number, typeof rows>();
  for (const h of rows) {
    const list = map.get(h.riskId);
    if (list) list.push(h);
    else map.set(h.riskId, [h]);
  }
  return map;
}

/** Every risk in the register with its computed severity, band, flags and trend, as of `today`. */
export function listRisks({ scope, today, viewer }: { scope: Scope; today: string; viewer: Viewer }, db: Conn = getDb()) {
  const register = getRegister(scope, db);
  const settings = settingsOf(register);
  if (!register) return { register, settings, risks: [] };
  const rows = db === getDb() ? risksOfRegister().all({ id: register.id }) : db.select().from(risks).where(eq(risks.registerId, register.id)).all();
  const ids = rows.map((r) => r.id);
  const linked = linkedActionsFor(ids, today, viewer, db);
  const history = historyOf(ids, db);
  const name = personName(db);
  const list = rows
    .map((r) => {
      const score = currentScore(r);
      const links = linked.get(r.id) ?? [];
      // Object.assign, not `{ ...r, more }`: V8 adds fields to a spread copy one slow step at a time.
      return Object.assign({}, r, {
        ownerName: name(r.ownerPersonId),
        actioneeName: name(r.actioneePersonId),
        severity: score.severity,
        band: band(score.severity, settings),
        inherentSeverity: currentScore({ ...r, residualLikelihood: null, residualImpact: null }).severity,
        linked: links,
        flags: riskFlags(r, settings, links, today),
        trend: trend(history.get(r.id) ?? [], r),
      });
    })
    .sort((a, b) => byRefNumber.compare(a.ref, b.ref));
  return { register, settings, risks: list };
}

export function getRisk({ scope, riskId }: { scope: Scope; riskId: number }, db: Conn = getDb()) {
  const register = getRegister(scope, db);
  const risk =
    register && Number.isInteger(riskId)
      ? db.select().from(risks).where(and(eq(risks.id, riskId), eq(risks.registerId, register.id))).get()
      : undefined;
  if (!register || !risk) notFound("Risk not found");
  return { register, risk };
}

export function getRiskDetail({ scope, riskId, today, viewer }: { scope: Scope; riskId: number; today: string; viewer: Viewer }, db: Conn = getDb()) {
  const { register, risk } = getRisk({ scope, riskId }, db);
  const settings = settingsOf(register);
  const name = personName(db);
  const history = historyOf([risk.id], db).get(risk.id) ?? [];
  const linked = linkedActionsFor([risk.id], today, viewer, db).get(risk.id) ?? [];
  const score = currentScore(risk);
  return {
    risk: { ...risk, ownerName: name(risk.ownerPersonId), actioneeName: name(risk.actioneePersonId) },
    settings,
    severity: score.severity,
    band: band(score.severity, settings),
    history: history.map((h) => ({ ...h, changedByName: name(h.changedByPersonId) })).reverse(),
    linked,
    flags: riskFlags(risk, settings, linked, today),
    trend: trend(history, risk),
  };
}

// ---------------------------------------------------------------- writes

function check(errors: Record<string, string>) {
  if (Object.keys(errors).length) throw new UserInputError(errors);
}

function checkPeople(tx: Tx, input: Pick<RiskInput, "ownerPersonId" | "actioneePersonId">) {
  for (const field of ["ownerPersonId", "actioneePersonId"] as const) {
    const id = input[field];
    if (id != null && !tx.select({ id: people.id }).from(people).where(eq(people.id, id)).get())
      throw new UserInputError({ [field]: "Choose a person from the list" });
  }
}

function checkRef(tx: Tx, registerId: number, ref: string, exceptId?: number) {
  const clash = tx.select({ id: risks.id }).from(risks).where(and(eq(risks.registerId, registerId), eq(risks.ref, ref))).get();
  if (clash && clash.id !== exceptId) throw new UserInputError({ ref: `Risk ${ref} is already in this register: choose another reference` });
}

const scoresOf = (r: Scores): Scores => ({
  inherentLikelihood: r.inherentLikelihood,
  inherentImpact: r.inherentImpact,
  residualLikelihood: r.residualLikelihood,
  residualImpact: r.residualImpact,
});

function recordScores(tx: Tx, riskId: number, scores: Scores, v: { reason: "raised" | "edited" | "review" | "rescaled" | "imported"; date: string; note?: string; actor: Actor }) {
  tx.insert(riskScoreChanges)
    .values({ riskId, ...scores, effectiveDate: v.date, reason: v.reason, note: v.note ?? "", changedByPersonId: v.actor.personId })
    .run();
}

export function createRisk({ actor, scope, input, today }: { actor: Actor; scope: Scope; input: RiskInput; today: string }) {
  return write((tx) => {
    const register = ensureRegister(tx, scope, actor);
    const settings = settingsOf(register);
    check({ ...validateScores(input, settings.scale), ...validateResponse(input.kind, input.response) });
    checkPeople(tx, input);
    checkRef(tx, register.id, input.ref);
    const risk = tx
      .insert(risks)
      .values({ ...input, response: input.response as Risk["response"], registerId: register.id })
      .returning()
      .get();
    recordScores(tx, risk.id, scoresOf(risk), { reason: "raised", date: today, actor });
    recordAudit(tx, { actor, event: "risk.create", entityType: "risk", entityId: risk.id, projectId: auditProject(scope), after: { ...input }, meta: auditMeta(scope) });
    return risk;
  });
}

export function updateRisk({ actor, scope, riskId, version, input, today }: { actor: Actor; scope: Scope; riskId: number; version: number; input: RiskInput; today: string }) {
  return write((tx) => {
    const { register, risk: before } = getRisk({ scope, riskId }, tx);
    if (before.version !== version) throw new UserInputError({ _form: STALE });
    check({ ...validateScores(input, settingsOf(register).scale), ...validateResponse(input.kind, input.response) });
    checkPeople(tx, input);
    checkRef(tx, register.id, input.ref, riskId);
    const diff = changes(before, input as Partial<Risk>);
    if (!diff.changed) return before;
    const after = tx
      .update(risks)
      .set({ ...input, response: input.response as Risk["response"], version: before.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(risks.id, riskId))
      .returning()
      .get();
    if (JSON.stringify(scoresOf(before)) !== JSON.stringify(scoresOf(after)))
      recordScores(tx, riskId, scoresOf(after), { reason: "edited", date: today, actor });
    recordAudit(tx, { actor, event: "risk.update", entityType: "risk", entityId: riskId, projectId: auditProject(scope), before: diff.before, after: diff.after, meta: auditMeta(scope) });
    return after;
  });
}

export interface ReviewInput {
  version: number;
  reviewDate: string;
  residualLikelihood: number | null;
  residualImpact: number | null;
  nextReviewDate: string | null;
  note: string;
}

/** A review records new residual scores (kept in history even when unchanged) and the next review date. */
export function reviewRisk({ actor, scope, riskId, input }: { actor: Actor; scope: Scope; riskId: number; input: ReviewInput }) {
  return write((tx) => {
    const { register, risk: before } = getRisk({ scope, riskId }, tx);
    if (before.version !== input.version) throw new UserInputError({ _form: STALE });
    if (before.status === "closed") throw new UserInputError({ _form: "This risk is closed: it cannot be reviewed" });
    const errors = validateScores(input, settingsOf(register).scale);
    if (input.residualLikelihood == null && !errors.residualLikelihood) errors.residualLikelihood = "Enter likelihood after the response";
    if (input.residualImpact == null && !errors.residualImpact) errors.residualImpact = "Enter impact after the response";
    if (input.nextReviewDate && input.nextReviewDate <= input.reviewDate) errors.nextReviewDate = "The next review date must be after the review date";
    check(errors);
    const patch = {
      residualLikelihood: input.residualLikelihood,
      residualImpact: input.residualImpact,
      nextReviewDate: input.nextReviewDate,
      lastReviewedDate: input.reviewDate,
    };
    const diff = changes(before, patch);
    const after = tx
      .update(risks)
      .set({ ...patch, version: before.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(risks.id, riskId))
      .returning()
      .get();
    recordScores(tx, riskId, scoresOf(after), { reason: "review", date: input.reviewDate, note: input.note, actor });
    recordAudit(tx, { actor, event: "risk.review", entityType: "risk", entityId: riskId, projectId: auditProject(scope), before: diff.before, after: { ...diff.after, note: input.note }, meta: auditMeta(scope) });
    return after;
  });
}

export function closeRisk({ actor, scope, riskId, input }: { actor: Actor; scope: Scope; riskId: number; input: { version: number; dateClosed: string; closingNote: string } }) {
  return write((tx) => {
    const { risk: before } = getRisk({ scope, riskId }, tx);
    if (before.version !== input.version) throw new UserInputError({ _form: STALE });
    if (before.status === "closed") throw new UserInputError({ _form: "This risk is already closed" });
    check(validateClose(input));
    const patch = { status: "closed" as const, dateClosed: input.dateClosed, closingNote: input.closingNote };
    const after = tx.update(risks).set({ ...patch, version: before.version + 1, updatedAt: new Date().toISOString() }).where(eq(risks.id, riskId)).returning().get();
    const diff = changes(before, patch);
    recordAudit(tx, { actor, event: "risk.close", entityType: "risk", entityId: riskId, projectId: auditProject(scope), before: diff.before, after: diff.after, meta: auditMeta(scope) });
    return after;
  });
}

export function linkAction({ actor, scope, riskId, actionId }: { actor: Actor; scope: Scope; riskId: number; actionId: number }) {
  return write((tx) => {
    const { risk } = getRisk({ scope, riskId }, tx);
    const action = tx.select({ id: actions.id, ref: actions.ref, projectId: actions.projectId }).from(actions).where(eq(actions.id, actionId)).get();
    if (!action || !projectIdsOf(scope, tx).includes(action.projectId)) throw new UserInputError({ actionId: "Choose an action from this project's action plan" });
    const exists = tx.select().from(riskActions).where(and(eq(riskActions.riskId, riskId), eq(riskActions.actionId, actionId))).get();
    if (exists) throw new UserInputError({ actionId: `Action ${action.ref} is already linked to this risk` });
    tx.insert(riskActions).values({ riskId, actionId }).run();
    recordAudit(tx, { actor, event: "risk.link_action", entityType: "risk", entityId: risk.id, projectId: auditProject(scope), after: { actionId, actionRef: action.ref }, meta: auditMeta(scope) });
  });
}

export function unlinkAction({ actor, scope, riskId, actionId }: { actor: Actor; scope: Scope; riskId: number; actionId: number }) {
  return write((tx) => {
    const { risk } = getRisk({ scope, riskId }, tx);
    const removed = tx.delete(riskActions).where(and(eq(riskActions.riskId, riskId), eq(riskActions.actionId, actionId))).returning().get();
    if (!removed) throw new UserInputError({ actionId: "That action is not linked to this risk" });
    recordAudit(tx, { actor, event: "risk.unlink_action", entityType: "risk", entityId: risk.id, projectId: auditProject(scope), before: { actionId }, meta: auditMeta(scope) });
  });
}

/**
 * Changes scale, labels and band thresholds. A new scale with risks in the register is refused
 * unless every old level is mapped; then every risk's scores are mapped and the history says so.
 */
export function updateSettings({ actor, scope, settings, version, mapping, today }: { actor: Actor; scope: Scope; settings: RegisterSettings; version: number; mapping: Record<number, number> | null; today: string }) {
  return write((tx) => {
    const existing = getRegister(scope, tx);
    const current = settingsOf(existing);
    if (current.version !== version) throw new UserInputError({ _form: "Someone else changed these settings since you opened them. Reload the page and try again." });
    check(validateSettings(settings));
    const register = existing ?? ensureRegister(tx, scope, actor);
    const riskRows = tx.select().from(risks).where(eq(risks.registerId, register.id)).all();
    check(validateScaleChange({ from: current.scale, to: settings.scale, riskCount: riskRows.length, mapping }));
    const rescaled = current.scale !== settings.scale && riskRows.length > 0;
    if (rescaled) {
      const note = `Scale changed from 1-${current.scale} to 1-${settings.scale}: ${Object.entries(mapping!).map(([from, to]) => `${from}→${to}`).join(", ")}`;
      for (const r of riskRows) {
        const mapped = mapScores(r, mapping!);
        tx.update(risks).set({ ...mapped, version: r.version + 1, updatedAt: new Date().toISOString() }).where(eq(risks.id, r.id)).run();
        recordScores(tx, r.id, mapped, { reason: "rescaled", date: today, note, actor });
      }
    }
    const values = {
      scale: settings.scale,
      likelihoodLabels: JSON.stringify(settings.likelihoodLabels),
      impactLabels: JSON.stringify(settings.impactLabels),
      mediumFrom: settings.mediumFrom,
      highFrom: settings.highFrom,
    };
    const diff = changes(register as Record<string, unknown>, values);
    tx.update(riskRegisters).set({ ...values, version: register.version + 1, updatedAt: new Date().toISOString() }).where(eq(riskRegisters.id, register.id)).run();
    recordAudit(tx, { actor, event: "risk_register.update", entityType: "risk_register", entityId: register.id, projectId: auditProject(scope), before: diff.before, after: diff.after, meta: { ...auditMeta(scope), ...(rescaled ? { mapping, risksRescaled: riskRows.length } : {}) } });
  });
}

export function riskCount(scope: Scope, db: Conn = getDb()) {
  const register = getRegister(scope, db);
  if (!register) return 0;
  return db.select({ n: count() }).from(risks).where(eq(risks.registerId, register.id)).get()?.n ?? 0;
}
