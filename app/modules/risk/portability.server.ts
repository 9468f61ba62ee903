// Export and import of a project's risk register, called from app/modules/portability.
import { asc, eq, inArray } from "drizzle-orm";
import { riskActions, riskRegisters, riskScoreChanges, risks } from "#db/schema";
import type { Conn, Tx } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import type { RiskRegisterExport } from "./portability";

function load(db: Conn, projectId: number) {
  const register = db.select().from(riskRegisters).where(eq(riskRegisters.projectId, projectId)).get();
  if (!register) return null;
  const rows = db.select().from(risks).where(eq(risks.registerId, register.id)).orderBy(asc(risks.id)).all();
  const ids = rows.map((r) => r.id);
  const history = ids.length ? db.select().from(riskScoreChanges).where(inArray(riskScoreChanges.riskId, ids)).orderBy(asc(riskScoreChanges.id)).all() : [];
  const links = ids.length ? db.select().from(riskActions).where(inArray(riskActions.riskId, ids)).all() : [];
  return { register, rows, history, links };
}

/** Everyone a project's register names, so the export can list them in `people`. */
export function riskPersonIds(db: Conn, projectId: number): number[] {
  const data = load(db, projectId);
  if (!data) return [];
  return [...data.rows.flatMap((r) => [r.ownerPersonId, r.actioneePersonId]), ...data.history.map((h) => h.changedByPersonId)].filter((id): id is number => id != null);
}

export function exportRiskRegister(
  db: Conn,
  projectId: number,
  { person, actionRef }: { person: (id: number | null) => string | null; actionRef: Map<number, string> },
): RiskRegisterExport | undefined {
  const data = load(db, projectId);
  if (!data) return undefined;
  const { register, rows, history, links } = data;
  return {
    scale: register.scale as 3 | 5,
    likelihoodLabels: JSON.parse(register.likelihoodLabels) as string[],
    impactLabels: JSON.parse(register.impactLabels) as string[],
    mediumFrom: register.mediumFrom,
    highFrom: register.highFrom,
    risks: rows.map(({ id, registerId: _r, ownerPersonId, actioneePersonId, version: _v, createdAt: _c, updatedAt: _u, ...r }) => ({
      ...r,
      owner: person(ownerPersonId),
      actionee: person(actioneePersonId),
      actions: links.filter((l) => l.riskId === id).map((l) => actionRef.get(l.actionId)).filter((ref): ref is string => Boolean(ref)),
      history: history
        .filter((h) => h.riskId === id)
        .map(({ id: _id, riskId: _rid, changedByPersonId, ...h }) => ({ ...h, changedBy: person(changedByPersonId) })),
    })),
  };
}

export function importRiskRegister(
  tx: Tx,
  reg: RiskRegisterExport | undefined,
  { actor, projectId, who, actionId }: { actor: Actor; projectId: number; who: (ref: string | null) => number | null; actionId: Map<string, number> },
) {
  if (!reg) return {};
  const register = tx
    .insert(riskRegisters)
    .values({ projectId, scale: reg.scale, likelihoodLabels: JSON.stringify(reg.likelihoodLabels), impactLabels: JSON.stringify(reg.impactLabels), mediumFrom: reg.mediumFrom, highFrom: reg.highFrom })
    .returning()
    .get();
  let changes = 0;
  for (const { owner, actionee, actions, history, ...r } of reg.risks) {
    const row = tx
      .insert(risks)
      .values({ ...r, registerId: register.id, ownerPersonId: who(owner), actioneePersonId: who(actionee) })
      .returning()
      .get();
    for (const ref of new Set(actions)) tx.insert(riskActions).values({ riskId: row.id, actionId: actionId.get(ref)! }).run();
    for (const { changedBy, changedAt, ...h } of history) {
      tx.insert(riskScoreChanges).values({ ...h, riskId: row.id, changedByPersonId: who(changedBy), ...(changedAt ? { changedAt } : {}) }).run();
      changes++;
    }
  }
  const counts = { risks: reg.risks.length, riskScoreChanges: changes };
  recordAudit(tx, { actor, event: "risk_register.import", entityType: "risk_register", entityId: register.id, projectId, after: { scale: reg.scale, ...counts }, meta: { via: "import" } });
  return counts;
}
