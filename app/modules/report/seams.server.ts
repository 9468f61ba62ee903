// What a report reads from the benefits module (#12): the project's benefits and KPIs, and the
// approved business case's one-off costs against the spend entered so far.
import type { Viewer } from "~/modules/auth/access.server";
import { loadBusinessCase } from "~/modules/benefit/business-case.server";
import { FREQUENCY_DAYS, RAG_LABELS } from "~/modules/benefit/rules";
import { listBenefits } from "~/modules/benefit/service.server";
import { addDays } from "~/utils/dates";
import { benefitsSummary } from "~/modules/benefit/summary.server";
import { todayInLondon } from "~/utils/dates";
import type { BenefitLine, HandoverBenefit } from "./content";

const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

function amount(value: number, unit: string) {
  if (unit === "£") return `£${number.format(value)}`;
  if (unit === "%") return `${number.format(value)}%`;
  return `${number.format(value)} ${unit}`;
}

/**
 * The project's benefits as a report lists them, one line per benefit and organisation: the latest
 * actual against this year's target, and "on target" or "off target" (beyond its tolerance).
 */
export function loadReportBenefits(projectId: number, viewer: Viewer, asOf: string = todayInLondon()): BenefitLine[] {
  return benefitsSummary(projectId, viewer, asOf).map(benefitLine);
}

function benefitLine(row: ReturnType<typeof benefitsSummary>[number]): BenefitLine {
  const latest = row.latest ? `${amount(row.latest.value, row.unit)} on ${row.latest.measuredOn}` : "no actual yet";
  const target = row.targetThisPeriod ? `target ${amount(row.targetThisPeriod.value, row.unit)} for ${row.targetThisPeriod.period}` : "no target this year";
  return {
    name: row.organisation ? `${row.name} (${row.organisation})` : row.name,
    measure: `${latest}; ${target}`,
    status: row.rag === "red" ? "off target" : row.rag === "none" ? RAG_LABELS.none.toLowerCase() : row.rag === "amber" ? "within tolerance" : "on target",
  };
}

/**
 * The benefits an end project report hands over: each line as the highlight report words it, with
 * the benefit's owner and when its next measurement is due (the latest actual, or the baseline,
 * plus its frequency), so the review after closure has a name and a date.
 */
export function loadHandoverBenefits(projectId: number, viewer: Viewer, asOf: string): HandoverBenefit[] {
  if (!viewer.sees.has(projectId)) return [];
  const owners = new Map(
    listBenefits({ projectId, today: asOf }).map((b) => {
      const since = b.series.map((s) => s.latest?.measuredOn ?? s.baselineDate).filter((d): d is string => !!d).sort()[0];
      return [b.id, { owner: b.ownerName, nextReview: since ? addDays(since, FREQUENCY_DAYS[b.frequency]) : null }];
    }),
  );
  return benefitsSummary(projectId, viewer, asOf).map((row) => ({ ...benefitLine(row), ...(owners.get(row.benefitId) ?? { owner: null, nextReview: null }) }));
}

/**
 * The approved business case's one-off costs as the budget, and as the forecast the spend entered
 * for each year so far plus the approved figure for years with none entered; null when no case is
 * approved or the viewer may not see the project.
 */
export function loadReportCost(projectId: number, viewer: Viewer): { budget: number; forecast: number } | null {
  if (!viewer.sees.has(projectId)) return null;
  const bc = loadBusinessCase(projectId);
  if (!bc.approved || !bc.figures || !bc.tolerance) return null;
  const budget = bc.figures.totals.oneOff;
  const forecast = bc.tolerance.rows.reduce((sum, r) => sum + (r.actual ?? r.approved), 0);
  return { budget, forecast };
}
