// Seams for concepts built elsewhere. Benefits (#12) and the business case's budget are wired in
// by the integrator; until then a report says "no benefits recorded" and "no budget recorded".
import type { Viewer } from "~/modules/auth/access.server";
import type { BenefitLine } from "./content";

/** The project's benefits and KPIs as a report lists them: name, measure, and "on target"/"off target". */
export function loadReportBenefits(_projectId: number, _viewer: Viewer): BenefitLine[] {
  return [];
}

/** The project's budget and forecast outturn, or null when no budget is recorded. */
export function loadReportCost(_projectId: number, _viewer: Viewer): { budget: number; forecast: number } | null {
  return null;
}
