// Loads what the flag rules need, for pages and the CLI alike, in a fixed number of grouped
// queries (five, whatever the number of actions or notes): never a query per row.
// Dependencies may cross projects within a programme, so the rules are evaluated over every
// project in the programmes of the projects asked for; flags are returned for those asked for.
import { getSqlite } from "~/db.server";

type Database = ReturnType<typeof getSqlite>;
import {
  evaluateFlags,
  type ActionFlag,
  type FlagResult,
  type IsoDate,
  type MilestoneFlag,
  type ProjectRuleSettings,
  type RuleAction,
  type RuleDependency,
  type RuleMilestone,
} from "./rules";

export interface ScheduleProject {
  id: number;
  slug: string;
  name: string;
  programmeId: number | null;
  settings: ProjectRuleSettings;
}

export interface Schedule {
  /** The projects asked for (those that exist). */
  projectIds: number[];
  /** Every project loaded: those asked for plus the rest of their programmes. */
  projects: ScheduleProject[];
  actions: RuleAction[];
  milestones: RuleMilestone[];
  dependencies: RuleDependency[];
  settings: Record<number, ProjectRuleSettings>;
}

const statements = new WeakMap<Database, ReturnType<typeof prepare>>();

function prepare(db: Database) {
  // @ids is a JSON array of project ids; @asOf an optional date.
  const scope = `
    with asked(id) as (select value from json_each(@ids)),
    scope(id) as (
      select p.id from projects p where p.id in (select id from asked)
      union
      select p.id from projects p
      where p.programme_id in (select programme_id from projects where id in (select id from asked) and programme_id is not null)
    )`;
  return {
    projects: db.prepare(`${scope}
      select p.id, p.slug, p.name, p.programme_id as programmeId, p.due_soon_days as dueSoonDays,
             p.stale_days as staleDays, p.id in (select id from asked) as asked
      from projects p where p.id in (select id from scope) order by p.id`),
    actions: db.prepare(`${scope},
      scoped as (select id from actions where project_id in (select id from scope)),
      owners as (select action_id, count(*) as n from action_owners
                 where action_id in (select id from scoped) group by action_id),
      notes as (select action_id, max(note_date) as last from progress_notes
                where action_id in (select id from scoped) and (@asOf is null or note_date <= @asOf) group by action_id),
      moves as (select action_id, count(*) as n from due_date_changes
                where action_id in (select id from scoped) group by action_id)
      select a.id, a.project_id as projectId, a.ref, a.title, a.status, a.blocked_reason as blockedReason,
             a.planned_start as plannedStart, a.due_date as dueDate, a.baseline_due_date as baselineDueDate,
             a.completed_date as completedDate, substr(a.created_at, 1, 10) as createdDate,
             coalesce(owners.n, 0) as ownerCount, notes.last as lastNoteDate, coalesce(moves.n, 0) as dueDateMoves
      from actions a
      left join owners on owners.action_id = a.id
      left join notes on notes.action_id = a.id
      left join moves on moves.action_id = a.id
      where a.project_id in (select id from scope)
      order by a.id`),
    milestones: db.prepare(`${scope}
      select id, project_id as projectId, name, target_date as targetDate, achieved_date as achievedDate
      from milestones where project_id in (select id from scope) order by id`),
    dependencies: db.prepare(`${scope}
      select d.predecessor_action_id as pa, d.predecessor_milestone_id as pm,
             d.successor_action_id as sa, d.successor_milestone_id as sm, d.lag_days as lagDays
      from dependencies d
      where d.successor_action_id in (select id from actions where project_id in (select id from scope))
         or d.successor_milestone_id in (select id from milestones where project_id in (select id from scope))
      order by d.id`),
  };
}

function statementsFor(db: Database) {
  let s = statements.get(db);
  if (!s) {
    s = prepare(db);
    statements.set(db, s);
  }
  return s;
}

interface ProjectRow {
  id: number;
  slug: string;
  name: string;
  programmeId: number | null;
  dueSoonDays: number;
  staleDays: number;
  asked: number;
}
interface DependencyRow {
  pa: number | null;
  pm: number | null;
  sa: number | null;
  sm: number | null;
  lagDays: number;
}

/**
 * Everything the rules need for these projects (and the rest of their programmes).
 * With `asOf`, progress notes dated after it are ignored, so "as of" a past date reads right.
 */
export function loadSchedule({ projectIds, asOf }: { projectIds: number[]; asOf?: IsoDate }, db: Database = getSqlite()): Schedule {
  const s = statementsFor(db);
  const ids = JSON.stringify(projectIds);
  const projectRows = s.projects.all({ ids }) as ProjectRow[];
  const projects = projectRows.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    programmeId: p.programmeId,
    settings: { dueSoonDays: p.dueSoonDays, staleDays: p.staleDays },
  }));
  const settings: Record<number, ProjectRuleSettings> = {};
  for (const p of projects) settings[p.id] = p.settings;
  const actions = s.actions.all({ ids, asOf: asOf ?? null }) as RuleAction[];
  const milestones = s.milestones.all({ ids }) as RuleMilestone[];
  const dependencies: RuleDependency[] = (s.dependencies.all({ ids }) as DependencyRow[]).map((d) => ({
    predecessor: d.pa != null ? { kind: "action", id: d.pa } : { kind: "milestone", id: d.pm! },
    successor: d.sa != null ? { kind: "action", id: d.sa } : { kind: "milestone", id: d.sm! },
    lagDays: d.lagDays,
  }));
  return {
    projectIds: projectRows.filter((p) => p.asked).map((p) => p.id),
    projects,
    actions,
    milestones,
    dependencies,
    settings,
  };
}

export interface ProjectFlags {
  asOf: IsoDate;
  schedule: Schedule;
  result: FlagResult;
  /** Actions of the projects asked for, each with its flags (possibly none), in id order. */
  actions: { action: RuleAction; flags: ActionFlag[] }[];
  milestones: { milestone: RuleMilestone; flags: MilestoneFlag[] }[];
}

/** Loads and evaluates: the one path pages and the CLI share, so they agree. */
export function flagsForProjects(
  { projectIds, asOf }: { projectIds: number[]; asOf: IsoDate },
  db: Database = getSqlite(),
): ProjectFlags {
  const schedule = loadSchedule({ projectIds, asOf }, db);
  const result = evaluateFlags({
    asOf,
    actions: schedule.actions,
    milestones: schedule.milestones,
    dependencies: schedule.dependencies,
    settings: schedule.settings,
  });
  const asked = new Set(schedule.projectIds);
  return {
    asOf,
    schedule,
    result,
    actions: schedule.actions
      .filter((a) => asked.has(a.projectId))
      .map((action) => ({ action, flags: result.actions.get(action.id) ?? [] })),
    milestones: schedule.milestones
      .filter((m) => asked.has(m.projectId))
      .map((milestone) => ({ milestone, flags: result.milestones.get(milestone.id) ?? [] })),
  };
}
