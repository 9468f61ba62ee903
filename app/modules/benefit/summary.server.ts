// What other modules (the highlight report, exports) read about a project's benefits and business
// case: one row per benefit and organisation, and the business case's standing. Access is the
// caller's viewer: a project the viewer may not see gives nothing.
import { todayInLondon } from "~/utils/dates";
import type { Viewer } from "~/modules/auth/access.server";
import { loadBusinessCase } from "./business-case.server";
import { BENEFIT_FLAG_NAMES, benefitFlagLabel, type BenefitFlagKind, type Rag } from "./rules";
import { listBenefits } from "./service.server";

export interface BenefitSummaryRow {
  benefitId: number;
  name: string;
  unit: string;
  /** The organisation's name, or null for the whole project (joint). */
  organisation: string | null;
  baseline: number | null;
  targetThisPeriod: { period: string; value: number } | null;
  latest: { measuredOn: string; value: number } | null;
  rag: Rag;
  /** The benefit's flags (they may name several organisations), as kinds and in words. */
  flags: Array<{ kind: BenefitFlagKind; name: string; text: string }>;
}

export function benefitsSummary(projectId: number, viewer: Viewer, today: string = todayInLondon()): BenefitSummaryRow[] {
  if (!viewer.sees.has(projectId)) return [];
  return listBenefits({ projectId, today }).flatMap((b) => {
    const flags = b.flags.map((f) => ({ kind: f.kind, name: BENEFIT_FLAG_NAMES[f.kind], text: benefitFlagLabel(f, b.unit) }));
    return b.series.map((s) => ({
      benefitId: b.id,
      name: b.name,
      unit: b.unit,
      organisation: s.organisation,
      baseline: s.baselineValue,
      targetThisPeriod: s.targetThisPeriod,
      latest: s.latest,
      rag: s.rag,
      flags,
    }));
  });
}

export interface BusinessCaseStatus {
  approvedVersion: number | null;
  approvedOn: string | null;
  /** Version number of a draft being prepared, if any. */
  draftVersion: number | null;
  oneOffCosts: number | null;
  annualNetSaving: number | null;
  paybackYears: number | null;
  cashFlowPaybackYears: number | null;
  costTolerancePercent: number | null;
  costToleranceExceeded: boolean;
  /** Years whose spend exceeds the approved one-off costs plus tolerance. */
  exceededIn: string[];
}

/** The business case's standing: figures of the approved version (none approved: nulls). */
export function businessCaseStatus(projectId: number): BusinessCaseStatus {
  const bc = loadBusinessCase(projectId);
  const f = bc.approved ? bc.figures : null;
  return {
    approvedVersion: bc.approved?.version ?? null,
    approvedOn: bc.approved?.approvedOn ?? null,
    draftVersion: bc.versions.find((v) => v.status === "draft")?.version ?? null,
    oneOffCosts: f?.totals.oneOff ?? null,
    annualNetSaving: f?.annualNetSaving?.amount ?? null,
    paybackYears: f?.paybackYears ?? null,
    cashFlowPaybackYears: f?.cashFlowPayback?.years ?? null,
    costTolerancePercent: bc.tolerance?.tolerancePercent ?? null,
    costToleranceExceeded: bc.tolerance?.exceeded ?? false,
    exceededIn: bc.tolerance?.rows.filter((r) => r.exceeded).map((r) => r.period) ?? [],
  };
}
