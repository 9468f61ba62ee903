// Export and import of a project's benefits and business case, called from app/modules/portability.
import { asc, eq, inArray } from "drizzle-orm";
import { benefitActuals, benefits, benefitSeries, benefitTargets, businessCaseLines, businessCases, businessCaseSpend } from "#db/schema";
import type { Conn, Tx } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import type { BenefitExport, BusinessCaseExport, SpendExport } from "./portability";

function load(db: Conn, projectId: number) {
  const rows = db.select().from(benefits).where(eq(benefits.projectId, projectId)).orderBy(asc(benefits.id)).all();
  const series = rows.length ? db.select().from(benefitSeries).where(inArray(benefitSeries.benefitId, rows.map((r) => r.id))).orderBy(asc(benefitSeries.id)).all() : [];
  const ids = series.map((s) => s.id);
  const targets = ids.length ? db.select().from(benefitTargets).where(inArray(benefitTargets.seriesId, ids)).orderBy(asc(benefitTargets.startDate)).all() : [];
  const actuals = ids.length ? db.select().from(benefitActuals).where(inArray(benefitActuals.seriesId, ids)).orderBy(asc(benefitActuals.id)).all() : [];
  const cases = db.select().from(businessCases).where(eq(businessCases.projectId, projectId)).orderBy(asc(businessCases.version)).all();
  const lines = cases.length ? db.select().from(businessCaseLines).where(inArray(businessCaseLines.businessCaseId, cases.map((c) => c.id))).orderBy(asc(businessCaseLines.position), asc(businessCaseLines.id)).all() : [];
  const spend = db.select().from(businessCaseSpend).where(eq(businessCaseSpend.projectId, projectId)).orderBy(asc(businessCaseSpend.id)).all();
  return { rows, series, targets, actuals, cases, lines, spend };
}

/** People and organisations the benefits and business case name, so the export can list them. */
export function benefitReferences(db: Conn, projectId: number) {
  const d = load(db, projectId);
  const people = [...d.rows.map((r) => r.ownerPersonId), ...d.actuals.map((a) => a.enteredByPersonId), ...d.spend.map((s) => s.enteredByPersonId)].filter((id): id is number => id != null);
  const orgs = [
    ...d.series.map((s) => s.organisationId),
    ...d.lines.map((l) => l.organisationId),
    ...d.cases.flatMap((c) => (JSON.parse(c.partnerSplit) as Array<{ organisationId: number }>).map((p) => p.organisationId)),
  ].filter((id): id is number => id != null);
  return { people, orgs };
}

export function exportBenefits(db: Conn, projectId: number, { person, org }: { person: (id: number | null) => string | null; org: (id: number | null) => string | null }) {
  const d = load(db, projectId);
  return {
    benefits: d.rows.map((b): BenefitExport => ({
      name: b.name,
      description: b.description,
      unit: b.unit,
      direction: b.direction,
      frequency: b.frequency,
      source: b.source,
      tolerance: b.tolerance,
      owner: person(b.ownerPersonId),
      series: d.series
        .filter((s) => s.benefitId === b.id)
        .map((s) => ({
          organisation: org(s.organisationId),
          baselineValue: s.baselineValue,
          baselineDate: s.baselineDate,
          baselineLabel: s.baselineLabel,
          targets: d.targets.filter((t) => t.seriesId === s.id).map((t) => ({ period: t.period, start: t.startDate, end: t.endDate, value: t.value })),
          actuals: ((list) => {
            // Keys number the entries within the series (1, 2...), so a file does not carry database ids.
            const key = new Map(list.map((a, i) => [a.id, i + 1]));
            return list.map((a) => ({ key: key.get(a.id)!, measuredOn: a.measuredOn, value: a.value, comment: a.comment, corrects: a.correctsId === null ? null : key.get(a.correctsId) ?? null, enteredBy: person(a.enteredByPersonId), enteredAt: a.enteredAt }));
          })(d.actuals.filter((a) => a.seriesId === s.id)),
        })),
    })),
    businessCases: d.cases.map((c): BusinessCaseExport => ({
      version: c.version,
      status: c.status,
      summary: c.summary,
      contingency: c.contingency,
      discountRate: c.discountRate,
      partnerSplit: (JSON.parse(c.partnerSplit) as Array<{ organisationId: number; share: number }>).map((p) => ({ organisation: org(p.organisationId)!, share: p.share })),
      approvedOn: c.approvedOn,
      approvedAt: c.approvedAt,
      lines: d.lines.filter((l) => l.businessCaseId === c.id).map((l) => ({ kind: l.kind, category: l.category, period: l.period, amount: l.amount, organisation: org(l.organisationId) })),
    })),
    businessCaseSpend: d.spend.map((s): SpendExport => ({ period: s.period, amount: s.amount, note: s.note, enteredBy: person(s.enteredByPersonId), enteredAt: s.enteredAt })),
  };
}

export function importBenefits(
  tx: Tx,
  doc: { benefits: BenefitExport[]; businessCases: BusinessCaseExport[]; businessCaseSpend: SpendExport[] },
  { actor, projectId, who, org }: { actor: Actor; projectId: number; who: (ref: string | null) => number | null; org: (code: string | null) => number | null },
) {
  let actuals = 0;
  for (const b of doc.benefits) {
    const row = tx
      .insert(benefits)
      .values({ projectId, name: b.name, description: b.description, unit: b.unit, direction: b.direction, frequency: b.frequency, source: b.source, tolerance: b.tolerance, ownerPersonId: who(b.owner) })
      .returning()
      .get();
    for (const s of b.series) {
      const series = tx
        .insert(benefitSeries)
        .values({ benefitId: row.id, organisationId: org(s.organisation), baselineValue: s.baselineValue, baselineDate: s.baselineDate, baselineLabel: s.baselineLabel })
        .returning()
        .get();
      for (const t of s.targets) tx.insert(benefitTargets).values({ seriesId: series.id, period: t.period, startDate: t.start, endDate: t.end, value: t.value }).run();
      // Corrections name earlier entries by their key in the file; keys become the new ids.
      const idOf = new Map<number, number>();
      for (const a of s.actuals) {
        const inserted = tx
          .insert(benefitActuals)
          .values({
            seriesId: series.id,
            measuredOn: a.measuredOn,
            value: a.value,
            comment: a.comment,
            correctsId: a.corrects === null ? null : idOf.get(a.corrects) ?? null,
            enteredByPersonId: who(a.enteredBy),
            ...(a.enteredAt ? { enteredAt: a.enteredAt } : {}),
          })
          .returning()
          .get();
        idOf.set(a.key, inserted.id);
        actuals++;
      }
    }
  }
  for (const c of doc.businessCases) {
    const row = tx
      .insert(businessCases)
      .values({
        projectId,
        version: c.version,
        status: c.status,
        summary: c.summary,
        contingency: c.contingency,
        discountRate: c.discountRate,
        partnerSplit: JSON.stringify(c.partnerSplit.map((p) => ({ organisationId: org(p.organisation), share: p.share }))),
        approvedOn: c.approvedOn,
        approvedAt: c.approvedAt,
      })
      .returning()
      .get();
    c.lines.forEach((l, position) => tx.insert(businessCaseLines).values({ businessCaseId: row.id, kind: l.kind, category: l.category, period: l.period, amount: l.amount, organisationId: org(l.organisation), position }).run());
  }
  for (const s of doc.businessCaseSpend)
    tx.insert(businessCaseSpend).values({ projectId, period: s.period, amount: s.amount, note: s.note, enteredByPersonId: who(s.enteredBy), ...(s.enteredAt ? { enteredAt: s.enteredAt } : {}) }).run();
  const counts = { benefits: doc.benefits.length, benefitActuals: actuals, businessCaseVersions: doc.businessCases.length };
  if (doc.benefits.length || doc.businessCases.length || doc.businessCaseSpend.length)
    recordAudit(tx, { actor, event: "benefit.import", entityType: "project", entityId: projectId, projectId, after: counts, meta: { via: "import" } });
  return counts;
}
