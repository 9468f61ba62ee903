// Drafts a report's content from live data as of a date. A fixed number of grouped queries per
// project, whatever the number of actions or notes. Items of projects outside the report are
// named "an item in another project": a report may be read by anyone holding its public link.
import { and, between, eq, inArray, max } from "drizzle-orm";
import { actionRecommendations, actions, milestones, people, programmes, progressNotes, projects, riskScoreChanges, stages, workPackages } from "#db/schema";
import { getDb, type Conn } from "~/db.server";
import { redactFlag, seesOf } from "~/modules/action/redact";
import { flagLabel, type ActionFlag, type MilestoneFlag } from "~/modules/action/rules";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { listDecisions } from "~/modules/approval/decision.server";
import type { Viewer } from "~/modules/auth/access.server";
import { listProposals } from "~/modules/proposal/service.server";
import { listRecommendations } from "~/modules/recommendation/service.server";
import { listRisks } from "~/modules/risk/service.server";
import { BAND_LABELS } from "~/modules/risk/scoring";
import type { ActionLine, CommitteeContent, HighlightBody, HighlightContent, MilestoneLine, ProgrammeContent, RiskLine } from "./content";
import { committeeFields, type Edits } from "./edits";
import { calendarDateOf, inPeriod, nextPeriod, periodText, type Period } from "./period";
import { computeRag, worstOf, DIMENSIONS, RAG_KEYS, type Overrides, type RagKey, type RagStatus } from "./rag";
import { loadReportBenefits, loadReportCost } from "./seams.server";
import { draftTimeline } from "./timeline.server";

type Project = typeof projects.$inferSelect;

const PROPOSAL_STATUS: Record<string, string> = { in_consultation: "In consultation", with_board: "With the board" };
const OUTCOME: Record<string, string> = { approved: "Approved", rejected: "Rejected", deferred: "Deferred" };
const MAX_KEY_RISKS = 5;

const latest = (dates: Array<string | null | undefined>) => dates.reduce<string | null>((a, d) => (d && (!a || d > a) ? d : a), null);
const byDateThenRef = (a: ActionLine, b: ActionLine) => (a.date ?? "").localeCompare(b.date ?? "") || a.ref.localeCompare(b.ref, "en", { numeric: true });

/**
 * When each cancelled action of the projects was cancelled: the date of the progress note that
 * cancelled it (cancelling always writes one, dated the day it was done), else, for an action
 * cancelled some other way (an import), the calendar date it was last changed. Two grouped queries.
 */
export function cancellationDates(projectIds: number[], db: Conn): Map<number, string> {
  if (projectIds.length === 0) return new Map();
  const cancelled = db.select({ id: actions.id, updatedAt: actions.updatedAt }).from(actions).where(and(inArray(actions.projectId, projectIds), eq(actions.status, "cancelled"))).all();
  const out = new Map(cancelled.map((a) => [a.id, calendarDateOf(a.updatedAt)]));
  if (cancelled.length === 0) return out;
  const noted = db
    .select({ id: progressNotes.actionId, date: max(progressNotes.noteDate) })
    .from(progressNotes)
    .innerJoin(actions, eq(actions.id, progressNotes.actionId))
    .where(and(inArray(actions.projectId, projectIds), eq(actions.status, "cancelled"), eq(progressNotes.statusChange, "cancelled")))
    .groupBy(progressNotes.actionId)
    .all();
  for (const n of noted) if (n.date) out.set(n.id, n.date);
  return out;
}

/** Everything a highlight report says about each project, keyed by project id. */
export function projectBodies(
  { projectList, period, asOf, viewer, overrides, featuredRisks, allOpenRisks = false }: { projectList: Project[]; period: Period; asOf: string; viewer: Viewer; overrides: Overrides; featuredRisks: string[]; allOpenRisks?: boolean },
  db: Conn,
) {
  const ids = projectList.map((p) => p.id);
  const sees = seesOf(new Set(ids));
  const flags = flagsForProjects({ projectIds: ids, asOf });
  const next = nextPeriod(period);
  const names = new Map(db.select({ id: people.id, name: people.name }).from(people).all().map((p) => [p.id, p.name]));
  const milestoneRows = ids.length ? db.select().from(milestones).where(inArray(milestones.projectId, ids)).all() : [];
  const milestoneFlags = new Map(flags.milestones.map((m) => [m.milestone.id, m.flags]));
  const cancelledOn = cancellationDates(ids, db);
  const notes = ids.length
    ? db
        .select({ projectId: actions.projectId, ref: actions.ref, title: actions.title, date: progressNotes.noteDate, body: progressNotes.body, author: progressNotes.authorPersonId })
        .from(progressNotes)
        .innerJoin(actions, eq(actions.id, progressNotes.actionId))
        .where(and(inArray(actions.projectId, ids), between(progressNotes.noteDate, period.from, period.to)))
        .orderBy(progressNotes.noteDate, progressNotes.id)
        .all()
    : [];
  const recLinks = ids.length
    ? db.select({ recommendationId: actionRecommendations.recommendationId, actionId: actionRecommendations.actionId }).from(actionRecommendations).innerJoin(actions, eq(actions.id, actionRecommendations.actionId)).where(inArray(actions.projectId, ids)).all()
    : [];
  const decisions = listDecisions({ projectIds: ids }, db).filter((d) => inPeriod(d.decidedOn, period));

  const actionFlagText = (list: ActionFlag[]) => list.map((f) => flagLabel(redactFlag(f, sees)));
  const milestoneFlagText = (list: MilestoneFlag[]) => list.map((f) => flagLabel(redactFlag(f, sees)));
  const flaggedActionIds = new Set(flags.actions.filter((a) => a.flags.length > 0).map((a) => a.action.id));

  const bodies = new Map<number, HighlightBody>();
  for (const project of projectList) {
    const own = flags.actions.filter((a) => a.action.projectId === project.id);
    const line = (a: (typeof own)[number], date: string | null): ActionLine => ({ ref: a.action.ref, title: a.action.title, date, flags: actionFlagText(a.flags) });
    const open = own.filter((a) => a.action.status !== "done" && a.action.status !== "cancelled");
    const ms: MilestoneLine[] = milestoneRows
      .filter((m) => m.projectId === project.id)
      .sort((a, b) => a.targetDate.localeCompare(b.targetDate) || a.id - b.id)
      .map((m) => ({ key: `m:${m.id}`, name: m.name, target: m.targetDate, baseline: m.baselineDate, achieved: m.achievedDate, flags: milestoneFlagText(milestoneFlags.get(m.id) ?? []) }));

    const cancelled = own.filter((a) => a.action.status === "cancelled" && inPeriod(cancelledOn.get(a.action.id), period)).map((a) => line(a, cancelledOn.get(a.action.id) ?? null));
    const added = own.filter((a) => inPeriod(a.action.createdDate, period) && (!project.startDate || a.action.createdDate > project.startDate)).map((a) => line(a, a.action.createdDate));

    const baselineEnd = project.endDate ?? latest([...own.map((a) => a.action.baselineDueDate), ...ms.map((m) => m.baseline)]);
    const forecastEnd = latest([...open.map((a) => a.action.dueDate), ...own.map((a) => a.action.completedDate), ...ms.map((m) => m.achieved ?? m.target)]);

    const register = listRisks({ scope: { projectId: project.id }, today: asOf, viewer }, db);
    const openRisks = register.risks.filter((r) => r.status === "open");
    const scored = openRisks.filter((r) => r.severity != null).sort((a, b) => (b.severity ?? 0) - (a.severity ?? 0) || a.ref.localeCompare(b.ref, "en", { numeric: true }));
    const changes = register.risks.length
      ? db.select({ riskId: riskScoreChanges.riskId, date: riskScoreChanges.effectiveDate, reason: riskScoreChanges.reason }).from(riskScoreChanges).where(inArray(riskScoreChanges.riskId, register.risks.map((r) => r.id))).all()
      : [];
    const riskLine = (r: (typeof register.risks)[number]): RiskLine => ({
      ref: r.ref,
      title: r.title,
      likelihood: r.residualLikelihood ?? r.inherentLikelihood,
      impact: r.residualImpact ?? r.inherentImpact,
      severity: r.severity,
      band: r.band ? BAND_LABELS[r.band] : null,
      status: r.status === "open" ? "Open" : "Closed",
      owner: r.ownerName,
      mitigation: r.actionsOutstanding || r.strategy,
      flags: r.flags.map((f) => f.kind.replace(/_/g, " ")),
    });
    const featured = allOpenRisks ? [...scored, ...openRisks.filter((r) => r.severity == null)] : featuredRisks.length ? register.risks.filter((r) => featuredRisks.includes(r.ref)) : scored.slice(0, MAX_KEY_RISKS);
    const riskLabel = (r: { ref: string; title: string }) => `${r.ref} ${r.title}`;

    const benefits = loadReportBenefits(project.id, viewer, asOf);
    const cost = loadReportCost(project.id, viewer);
    const worst = scored[0];
    const rag = computeRag(
      {
        time: { baselineEnd, forecastEnd, toleranceDays: project.timeToleranceDays, missedMilestones: ms.filter((m) => m.flags.some((f) => f.startsWith("Missed"))).length },
        cost: { budget: cost?.budget ?? null, forecast: cost?.forecast ?? null, tolerancePercent: project.costTolerancePercent },
        scope: { cancelled: cancelled.length, added: added.length, total: own.length },
        risk: { openCount: openRisks.length, worst: worst && worst.band ? { ref: worst.ref, severity: worst.severity!, band: worst.band } : null },
        benefits: { total: benefits.length, offTarget: benefits.filter((b) => b.status === "off target").length },
      },
      projectList.length === 1 ? overrides : {},
    );

    const recs = listRecommendations({ projectId: project.id }, db);
    bodies.set(project.id, {
      project: { name: project.name, slug: project.slug, manager: project.managerPersonId ? (names.get(project.managerPersonId) ?? null) : null },
      rag,
      thisPeriod: {
        completed: own.filter((a) => a.action.status === "done" && inPeriod(a.action.completedDate, period)).map((a) => line(a, a.action.completedDate)).sort(byDateThenRef),
        notes: notes.filter((n) => n.projectId === project.id).map((n) => ({ ref: n.ref, title: n.title, date: n.date, author: n.author ? (names.get(n.author) ?? null) : null, body: n.body })),
        milestonesAchieved: ms.filter((m) => inPeriod(m.achieved, period)),
        decisions: decisions.filter((d) => d.projectSlug === project.slug).map((d) => ({ title: d.title, outcome: OUTCOME[d.outcome] ?? d.outcome, decidedOn: d.decidedOn, method: d.method === "meeting" ? "at a meeting" : "by email ballot" })),
      },
      nextPeriod: {
        actionsDue: open.filter((a) => inPeriod(a.action.dueDate, next)).map((a) => line(a, a.action.dueDate)).sort(byDateThenRef),
        milestonesDue: ms.filter((m) => !m.achieved && inPeriod(m.target, next)),
      },
      tolerances: { baselineEnd, forecastEnd, toleranceDays: project.timeToleranceDays, cost: rag.cost.rule, cancelled, added },
      risks: {
        key: featured.map(riskLine),
        opened: register.risks.filter((r) => inPeriod(r.createdAt, period)).map(riskLabel),
        changed: register.risks.filter((r) => changes.some((c) => c.riskId === r.id && c.reason !== "raised" && inPeriod(c.date, period))).map(riskLabel),
        closed: register.risks.filter((r) => inPeriod(r.dateClosed, period)).map(riskLabel),
      },
      issues: {
        blocked: open.filter((a) => a.flags.some((f) => f.kind === "blocked")).map((a) => line({ ...a, flags: a.flags.filter((f) => f.kind === "blocked") }, a.action.dueDate)),
        conflicts: own.filter((a) => a.flags.some((f) => f.kind === "schedule_conflict")).map((a) => line({ ...a, flags: a.flags.filter((f) => f.kind === "schedule_conflict") }, a.action.dueDate)),
      },
      changeRequests: listProposals({ projectId: project.id, includeDrafts: false }, db)
        .filter((p) => p.status in PROPOSAL_STATUS)
        .map((p) => ({ title: p.title, status: PROPOSAL_STATUS[p.status], workPackage: p.workPackage })),
      recommendations: recs.map((r) => ({ ref: r.ref, title: r.title, progress: r.progress.text, flagged: recLinks.filter((l) => l.recommendationId === r.id && flaggedActionIds.has(l.actionId)).length })),
      benefits,
      milestones: ms,
      flagged: [
        ...own.filter((a) => a.flags.length > 0).map((a) => ({ key: `a:${a.action.id}`, label: `${a.action.ref} ${a.action.title}`, flags: actionFlagText(a.flags) })),
        ...ms.filter((m) => m.flags.length > 0).map((m) => ({ key: m.key, label: m.name, flags: m.flags })),
        ...openRisks.filter((r) => r.flags.length > 0).map((r) => ({ key: `r:${r.id}`, label: riskLabel(r), flags: riskLine(r).flags })),
      ],
    });
  }
  return bodies;
}

export interface DraftInput {
  title: string;
  period: Period;
  asOf: string;
  viewer: Viewer;
  edits: Edits;
  version?: number;
  changeNote?: string;
}

export function reportMeta(input: DraftInput) {
  const next = nextPeriod(input.period);
  return {
    title: input.title,
    period: input.period,
    periodText: periodText(input.period),
    next,
    nextText: periodText(next),
    asOf: input.asOf,
    version: input.version ?? 1,
    changeNote: input.changeNote ?? "",
    publishedAt: null,
    publishedBy: null,
  };
}

export function draftHighlight({ projectId, ...input }: DraftInput & { projectId: number }, db: Conn = getDb()): HighlightContent {
  const project = db.select().from(projects).where(eq(projects.id, projectId)).get();
  if (!project) throw new Error(`no project ${projectId}`);
  const programme = project.programmeId ? db.select({ name: programmes.name }).from(programmes).where(eq(programmes.id, project.programmeId)).get() : undefined;
  const bodies = projectBodies({ projectList: [project], period: input.period, asOf: input.asOf, viewer: input.viewer, overrides: input.edits.overrides as Overrides, featuredRisks: input.edits.featuredRisks }, db);
  const timeline = draftTimeline({ projects: [project], bodies, asOf: input.asOf, title: `${project.name}: timeline` }, db);
  return { kind: "highlight", ...reportMeta(input), programme: programme?.name ?? null, narrative: input.edits.narrative, ...bodies.get(project.id)!, timeline };
}

function programmeProjects(programmeId: number, db: Conn) {
  return db.select().from(projects).where(eq(projects.programmeId, programmeId)).orderBy(projects.name).all().filter((p) => p.status !== "proposed");
}

/** The worst of each status over the projects, with a rule saying which projects gave it. */
function rolledUp(bodies: HighlightBody[], overrides: Overrides): Record<RagKey, RagStatus> {
  const out = {} as Record<RagKey, RagStatus>;
  for (const key of RAG_KEYS) {
    const status = worstOf(bodies.map((b) => b.rag[key].status));
    const which = bodies.filter((b) => b.rag[key].status === status).map((b) => b.project.name);
    const computed = { computed: status, rule: status === "none" ? "Not assessed in any project" : `Worst of the projects: ${which.join(", ")}` };
    const o = overrides[key];
    out[key] = o && o.reason.trim() ? { ...computed, status: o.status, override: o } : { ...computed, status };
  }
  void DIMENSIONS;
  return out;
}

export function draftProgramme({ programmeId, ...input }: DraftInput & { programmeId: number }, db: Conn = getDb()): ProgrammeContent {
  const programme = db.select().from(programmes).where(eq(programmes.id, programmeId)).get();
  if (!programme) throw new Error(`no programme ${programmeId}`);
  const list = programmeProjects(programmeId, db);
  const bodies = projectBodies({ projectList: list, period: input.period, asOf: input.asOf, viewer: input.viewer, overrides: {}, featuredRisks: [] }, db);
  // A programme report rolls up: each project's progress notes stay in its own highlight report.
  const projectBodiesList = list.map((p) => {
    const b = bodies.get(p.id)!;
    return { ...b, thisPeriod: { ...b.thisPeriod, notes: [] } };
  });
  return {
    kind: "programme",
    ...reportMeta(input),
    programme: { name: programme.name, slug: programme.slug },
    rag: rolledUp(projectBodiesList, input.edits.overrides as Overrides),
    projects: projectBodiesList,
    narrative: input.edits.narrative,
  };
}

export function draftCommittee({ programmeId, ...input }: DraftInput & { programmeId: number; author?: string }, db: Conn = getDb()): CommitteeContent {
  const programme = db.select().from(programmes).where(eq(programmes.id, programmeId)).get();
  if (!programme) throw new Error(`no programme ${programmeId}`);
  const list = programmeProjects(programmeId, db);
  const ids = list.map((p) => p.id);
  const bodies = projectBodies({ projectList: list, period: input.period, asOf: input.asOf, viewer: input.viewer, overrides: {}, featuredRisks: [] }, db);
  const stageRows = ids.length
    ? db
        .select({ projectId: workPackages.projectId, wp: workPackages.name, wpPos: workPackages.position, stageId: stages.id, stage: stages.name, pos: stages.position, start: stages.plannedStart, end: stages.plannedEnd, note: stages.datesNote })
        .from(stages)
        .innerJoin(workPackages, eq(workPackages.id, stages.workPackageId))
        .where(inArray(workPackages.projectId, ids))
        .orderBy(workPackages.projectId, workPackages.position, stages.position)
        .all()
    : [];
  const actionRows = ids.length ? db.select({ id: actions.id, stageId: actions.stageId, status: actions.status }).from(actions).where(inArray(actions.projectId, ids)).all() : [];
  const flagged = new Set([...bodies.values()].flatMap((b) => b.flagged.map((f) => f.key)));
  const projectName = new Map(list.map((p) => [p.id, p.name]));
  const edits = input.edits;
  return {
    kind: "committee",
    ...reportMeta(input),
    programme: { name: programme.name, slug: programme.slug },
    fields: committeeFields(edits, { author: input.author ?? "" }),
    stages: stageRows.map((s) => {
      const mine = actionRows.filter((a) => a.stageId === s.stageId && a.status !== "cancelled");
      return {
        project: projectName.get(s.projectId) ?? "",
        workPackage: s.wp,
        stage: s.stage,
        dates: s.start && s.end ? `${s.start} to ${s.end}` : s.note || "Dates to be confirmed",
        done: mine.filter((a) => a.status === "done").length,
        total: mine.length,
        flagged: mine.filter((a) => flagged.has(`a:${a.id}`)).length,
      };
    }),
    risks: [...bodies.values()].flatMap((b) => b.risks.key.filter((r) => r.status === "Open")),
    rag: list.map((p) => ({ project: p.name, overall: bodies.get(p.id)!.rag.overall })),
    timeline: draftTimeline({ projects: list, bodies, asOf: input.asOf, title: `${programme.name}: timeline` }, db),
  };
}
