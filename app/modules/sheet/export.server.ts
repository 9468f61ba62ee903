// The registers as sheets: the same loaders, filters and as-of date as the pages, turned into
// columns and rows for workbook.ts. Flags are written as words (tags and full sentences with
// root causes), with items of projects the viewer cannot see redacted (action/redact.ts).
import { flagTagText, readAsOf, readPlanQuery, STATUS_NAMES } from "~/modules/action/plan-view";
import { flagLabel, todayInLondon, type Flag } from "~/modules/action/rules";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { loadActionPlan } from "~/modules/action/views.server";
import { listDecisions } from "~/modules/approval/decision.server";
import { OUTCOME_LABELS } from "~/modules/approval/forms";
import { filterRows, parseQuery, sortRows } from "~/modules/risk/register-view";
import { BAND_LABELS, flagLabel as riskFlagLabel, trendLabel } from "~/modules/risk/scoring";
import { listRisks, type Scope as RiskScope } from "~/modules/risk/service.server";
import { listMilestones } from "~/modules/structure/milestone.server";
import { benefitsSheet } from "~/modules/benefit/sheet";
import { listBenefits } from "~/modules/benefit/service.server";
import { UserInputError } from "~/utils/errors";
import { redactFlag } from "~/modules/action/redact";
import { toCsv, toXlsx, type SheetColumn, type SheetSpec } from "./workbook";
import type { Viewer } from "~/modules/auth/access.server";

export const EXPORT_KINDS = ["actions", "milestones", "risks", "decisions", "benefits"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportInput {
  kind: ExportKind;
  project: { id: number; slug: string; name: string };
  /** The register page's query string: its filters, sort and `asOf`. */
  search: URLSearchParams;
  /** Projects whose items the viewer may see named; others are redacted in flag causes. */
  canSee: (projectId: number) => boolean;
  /** Who the file is for: the plan and risk loaders name only what they may see. */
  viewer: Viewer;
  today?: string;
}

const col = (key: string, header: string, type: SheetColumn["type"], width: number): SheetColumn => ({ key, header, type, width });

function flagWords(flags: Flag[], canSee: (projectId: number) => boolean) {
  const shown = flags.map((f) => redactFlag(f, canSee));
  return { tags: shown.map(flagTagText).join(", "), details: shown.map(flagLabel).join("\n") };
}

/** The as-of date of the page (today when absent); a bad date is refused, as the page would show an error. */
export function exportAsOf(search: URLSearchParams, today: string) {
  const asOf = readAsOf(search, today);
  if (asOf.error) throw new UserInputError({ asOf: asOf.error });
  return asOf.asOf;
}

export const ACTION_COLUMNS: SheetColumn[] = [
  col("ref", "Ref", "text", 8),
  col("title", "Action", "text", 50),
  col("expectedOutcomes", "Outcomes", "text", 40),
  col("workPackage", "Work package", "text", 28),
  col("stage", "Stage", "text", 18),
  col("owners", "Officer lead", "text", 20),
  col("recommendations", "Recommendation", "text", 14),
  col("deadlineText", "Deadline (as written)", "text", 18),
  col("dueDate", "Due date", "date", 12),
  col("status", "Status", "text", 12),
  col("percentComplete", "% complete", "number", 10),
  col("flags", "Flags", "text", 24),
  col("flagDetails", "Flag details and root causes", "text", 60),
  col("latestNoteDate", "Latest note date", "date", 12),
  col("latestNote", "Latest progress note", "text", 50),
];

function actionSheet({ project, search, canSee, viewer }: ExportInput, asOf: string): SheetSpec {
  const plan = loadActionPlan({ viewer, projectId: project.id, asOf, query: readPlanQuery(search) });
  const raw = flagsForProjects({ projectIds: [project.id], asOf }).result.actions;
  const rows: SheetSpec["rows"] = [];
  for (const g of plan.groups)
    for (const s of g.sections)
      for (const r of s.rows) {
        const words = flagWords(raw.get(r.id) ?? [], canSee);
        rows.push({
          ref: r.ref,
          title: r.title,
          expectedOutcomes: r.expectedOutcomes,
          workPackage: g.workPackage ? `${g.workPackage.ref} ${g.workPackage.name}` : "",
          stage: s.stage?.name ?? "",
          owners: r.owners.map((o) => o.name).join(", "),
          recommendations: r.recommendationRefs.join(", "),
          deadlineText: r.deadlineText,
          dueDate: r.dueDate,
          status: STATUS_NAMES[r.status],
          percentComplete: r.percentComplete,
          flags: words.tags,
          flagDetails: words.details,
          latestNoteDate: r.latestNote?.date ?? null,
          latestNote: r.latestNote?.text ?? "",
        });
      }
  return { sheetName: "Action plan", columns: ACTION_COLUMNS, rows };
}

export const MILESTONE_COLUMNS: SheetColumn[] = [
  col("name", "Milestone", "text", 40),
  col("description", "Description", "text", 40),
  col("targetDate", "Target date", "date", 12),
  col("baselineDate", "Baseline date", "date", 12),
  col("slippedDays", "Slippage (days)", "number", 10),
  col("achievedDate", "Achieved", "date", 12),
  col("flags", "Flags", "text", 20),
  col("flagDetails", "Flag details and root causes", "text", 60),
];

function milestoneSheet({ project, canSee }: ExportInput, asOf: string): SheetSpec {
  const raw = flagsForProjects({ projectIds: [project.id], asOf }).result.milestones;
  const rows = listMilestones({ projectId: project.id }).map((m) => {
    const words = flagWords(raw.get(m.id) ?? [], canSee);
    return {
      name: m.name,
      description: m.description,
      targetDate: m.targetDate,
      baselineDate: m.baselineDate,
      slippedDays: m.slippedDays,
      achievedDate: m.achievedDate,
      flags: words.tags,
      flagDetails: words.details,
    };
  });
  return { sheetName: "Milestones", columns: MILESTONE_COLUMNS, rows };
}

export const RISK_COLUMNS: SheetColumn[] = [
  col("ref", "Ref", "text", 8),
  col("title", "Risk", "text", 40),
  col("category", "Category", "text", 16),
  col("kind", "Kind", "text", 12),
  col("cause", "Cause", "text", 30),
  col("event", "Event", "text", 30),
  col("effect", "Effect", "text", 30),
  col("inherentLikelihood", "Inherent likelihood", "number", 10),
  col("inherentImpact", "Inherent impact", "number", 10),
  col("inherentSeverity", "Inherent severity", "number", 10),
  col("residualLikelihood", "Residual likelihood", "number", 10),
  col("residualImpact", "Residual impact", "number", 10),
  col("severity", "Severity", "number", 10),
  col("band", "Band", "text", 10),
  col("trend", "Trend", "text", 18),
  col("strategy", "Strategy", "text", 40),
  col("actionsOutstanding", "Actions outstanding", "text", 40),
  col("owner", "Owner", "text", 20),
  col("proximity", "Proximity", "text", 14),
  col("proximityDate", "Proximity date", "date", 12),
  col("nextReviewDate", "Next review", "date", 12),
  col("status", "Status", "text", 10),
  col("dateClosed", "Date closed", "date", 12),
  col("flags", "Flags", "text", 40),
];

/** A risk register (a project's or a programme's own) after the page's filters. */
export function riskRegisterSheet({ scope, search, today, viewer }: { scope: RiskScope; search: URLSearchParams; today: string; viewer: Viewer }): SheetSpec {
  const { risks } = listRisks({ scope, today, viewer });
  const query = parseQuery(search);
  const rows = sortRows(filterRows(risks, query, today), query.sort, query.dir).map((r) => ({
    ref: r.ref,
    title: r.title,
    category: r.category,
    kind: r.kind,
    cause: r.cause,
    event: r.event,
    effect: r.effect,
    inherentLikelihood: r.inherentLikelihood,
    inherentImpact: r.inherentImpact,
    inherentSeverity: r.inherentSeverity,
    residualLikelihood: r.residualLikelihood,
    residualImpact: r.residualImpact,
    severity: r.severity,
    band: r.band ? BAND_LABELS[r.band] : "",
    trend: trendLabel(r.trend),
    strategy: r.strategy,
    actionsOutstanding: r.actionsOutstanding,
    owner: r.ownerName ?? "",
    proximity: r.proximityText,
    proximityDate: r.proximityDate,
    nextReviewDate: r.nextReviewDate,
    status: r.status,
    dateClosed: r.dateClosed,
    flags: r.flags.map(riskFlagLabel).join("\n"),
  }));
  return { sheetName: "Risk register", columns: RISK_COLUMNS, rows };
}

function riskSheet({ project, search, today, viewer }: ExportInput): SheetSpec {
  return riskRegisterSheet({ scope: { projectId: project.id }, search, today: today ?? todayInLondon(), viewer });
}

export const DECISION_COLUMNS: SheetColumn[] = [
  col("decidedOn", "Decided on", "date", 12),
  col("title", "Proposal", "text", 40),
  col("version", "Version", "number", 8),
  col("outcome", "Outcome", "text", 12),
  col("reasons", "Reasons", "text", 50),
  col("alternativesRejected", "Alternatives rejected", "text", 40),
  col("conflictsDeclared", "Conflicts declared", "text", 30),
  col("method", "Method", "text", 14),
  col("recordedBy", "Recorded by", "text", 20),
  col("ballots", "Ballots", "text", 40),
  col("superseded", "Superseded", "text", 10),
];

function decisionSheet({ project }: ExportInput): SheetSpec {
  const rows = listDecisions({ projectIds: [project.id] }).map((d) => ({
    decidedOn: d.decidedOn,
    title: d.title,
    version: d.version,
    outcome: OUTCOME_LABELS[d.outcome],
    reasons: d.reasons,
    alternativesRejected: d.alternativesRejected,
    conflictsDeclared: d.conflictsDeclared,
    method: d.method === "email_ballot" ? "Email ballot" : "Meeting",
    recordedBy: d.recordedBy,
    ballots: d.ballots.map((b) => `${b.name}: ${b.decision}${b.conflictDeclared ? " (conflict declared)" : ""}`).join("\n"),
    superseded: d.supersededById ? "Yes" : "No",
  }));
  return { sheetName: "Decisions register", columns: DECISION_COLUMNS, rows };
}

/** The register as a sheet, after the same filters as its page. */
export function registerSheet(input: ExportInput): { spec: SheetSpec; asOf: string } {
  const today = input.today ?? todayInLondon();
  const asOf = exportAsOf(input.search, today);
  const withToday = { ...input, today };
  switch (input.kind) {
    case "actions":
      return { spec: actionSheet(withToday, asOf), asOf };
    case "milestones":
      return { spec: milestoneSheet(withToday, asOf), asOf };
    case "risks":
      return { spec: riskSheet(withToday), asOf };
    case "decisions":
      return { spec: decisionSheet(withToday), asOf };
    case "benefits":
      // Flags and "target this year" as of the page's date, as on the benefits page (today).
      return { spec: benefitsSheet(listBenefits({ projectId: input.project.id, today: asOf })), asOf };
  }
}

export async function exportRegister(input: ExportInput & { format: ExportFormat }) {
  const { spec, asOf } = registerSheet(input);
  const body = input.format === "xlsx" ? await toXlsx(spec) : Buffer.from(toCsv(spec), "utf8");
  return { body, asOf, rowCount: spec.rows.length };
}

/** A programme's own risk register as a file, after the page's filters (the project registers go through exportRegister). */
export async function exportProgrammeRisks({ programmeId, search, viewer, format, today = todayInLondon() }: { programmeId: number; search: URLSearchParams; viewer: Viewer; format: ExportFormat; today?: string }) {
  const asOf = exportAsOf(search, today);
  const spec = riskRegisterSheet({ scope: { programmeId }, search, today, viewer });
  const body = format === "xlsx" ? await toXlsx(spec) : Buffer.from(toCsv(spec), "utf8");
  return { body, asOf, rowCount: spec.rows.length };
}
