// Loads what the flag rules need, for pages and the CLI alike, in a fixed number of grouped
// queries (five, whatever the number of actions or notes): never a query per row.
// Dependencies may cross projects within a programme, so the rules are evaluated over the
// projects' own items plus everything those depend on, transitively (one recursive query);
// flags are returned for the projects asked for.
import { getSqlite, onceFor } from "~/db.server";
import { cachedFlags } from "./flags-cache.server";

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
  /** Every project loaded: those asked for plus those of items they depend on. */
  projects: ScheduleProject[];
  actions: RuleAction[];
  milestones: RuleMilestone[];
  dependencies: RuleDependency[];
  settings: Record<number, ProjectRuleSettings>;
}


function prepare(db: Database) {
  const ids = (param: string) => `(select value from json_each(${param}))`;
  // The actions (milestones) to load: those of the projects plus the extra ones outside them.
  const actionSet = `(select id from actions where project_id in ${ids("@ids")} union select value from json_each(@xa))`;
  const milestoneSet = `(select id from milestones where project_id in ${ids("@ids")} union select value from json_each(@xm))`;
  return {
    // Items outside the projects that their items depend on, however far back (dependencies may
    // cross projects within a programme). @ids: JSON array of project ids.
    outside: db.prepare(`
      with recursive asked(id) as ${ids("@ids")},
      item(kind, id) as (
        select iif(d.predecessor_action_id is null, 'm', 'a'), coalesce(d.predecessor_action_id, d.predecessor_milestone_id)
        from dependencies d
        left join actions sa on sa.id = d.successor_action_id
        left join milestones sm on sm.id = d.successor_milestone_id
        left join actions pa on pa.id = d.predecessor_action_id
        left join milestones pm on pm.id = d.predecessor_milestone_id
        where coalesce(sa.project_id, sm.project_id) in asked and coalesce(pa.project_id, pm.project_id) not in asked
        union
        select iif(d.predecessor_action_id is null, 'm', 'a'), coalesce(d.predecessor_action_id, d.predecessor_milestone_id)
        from item join dependencies d on item.kind = 'a' and d.successor_action_id = item.id
        union
        select iif(d.predecessor_action_id is null, 'm', 'a'), coalesce(d.predecessor_action_id, d.predecessor_milestone_id)
        from item join dependencies d on item.kind = 'm' and d.successor_milestone_id = item.id
      )
      select kind, id from item`),
    // These actions and every item they depend on, however far back. @seeds: JSON array of action ids.
    ancestors: db.prepare(`
      with recursive item(kind, id) as (
        select 'a', value from json_each(@seeds)
        union
        select iif(d.predecessor_action_id is null, 'm', 'a'), coalesce(d.predecessor_action_id, d.predecessor_milestone_id)
        from item join dependencies d on item.kind = 'a' and d.successor_action_id = item.id
        union
        select iif(d.predecessor_action_id is null, 'm', 'a'), coalesce(d.predecessor_action_id, d.predecessor_milestone_id)
        from item join dependencies d on item.kind = 'm' and d.successor_milestone_id = item.id
      )
      select kind, id from item`),
    // @xa: JSON array of extra action ids; @asOf an optional date (notes after it are ignored).
    // One statement for all the actions. The per-action aggregates are correlated subqueries
    // that SQLite answers from the covering indexes (the latest note is one seek in
    // progress_notes_action_idx): measured faster than GROUP BY subqueries joined back, which
    // read every note, and the cost does not grow with the number of notes.
    actions: db.prepare(`
      select a.id, a.project_id as projectId, a.ref, a.title, a.status, a.blocked_reason as blockedReason,
             a.planned_start as plannedStart, a.due_date as dueDate, a.baseline_due_date as baselineDueDate,
             a.completed_date as completedDate, substr(a.created_at, 1, 10) as createdDate,
             (select count(*) from action_owners o where o.action_id = a.id) as ownerCount,
             (select max(n.note_date) from progress_notes n
              where n.action_id = a.id and (@asOf is null or n.note_date <= @asOf)) as lastNoteDate,
             (select count(*) from due_date_changes c where c.action_id = a.id) as dueDateMoves
      from actions a
      where a.id in ${actionSet}
      order by a.id`),
    milestones: db.prepare(`
      select id, project_id as projectId, name, target_date as targetDate, achieved_date as achievedDate
      from milestones where id in ${milestoneSet} order by id`),
    // Two indexed look-ups (by successor action, by successor milestone) rather than one OR,
    // which SQLite answers by scanning every dependency.
    dependencies: db.prepare(`
      select d.id, d.predecessor_action_id as pa, d.predecessor_milestone_id as pm,
             d.successor_action_id as sa, d.successor_milestone_id as sm, d.lag_days as lagDays
      from dependencies d where d.successor_action_id in ${actionSet}
      union all
      select d.id, d.predecessor_action_id as pa, d.predecessor_milestone_id as pm,
             d.successor_action_id as sa, d.successor_milestone_id as sm, d.lag_days as lagDays
      from dependencies d where d.successor_milestone_id in ${milestoneSet}
      order by 1`),
    projects: db.prepare(`
      select p.id, p.slug, p.name, p.programme_id as programmeId, p.due_soon_days as dueSoonDays,
             p.stale_days as staleDays, p.id in ${ids("@ids")} as asked
      from projects p where p.id in ${ids("@ids")} or p.id in ${ids("@others")} order by p.id`),
  };
}

const statementsFor = (db: Database) => onceFor(prepare, db);

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
 * Everything the rules need for these projects' items and every item they depend on.
 * With `asOf`, progress notes dated after it are ignored, so "as of" a past date reads right.
 */
export function loadSchedule({ projectIds, asOf }: { projectIds: number[]; asOf?: IsoDate }, db: Database = getSqlite()): Schedule {
  const ids = JSON.stringify(projectIds);
  const outside = statementsFor(db).outside.all({ ids }) as Item[];
  return loadItems(db, ids, outside, asOf);
}

type Item = { kind: "a" | "m"; id: number };

/** The projects' items (@ids) plus the extra items, with everything the rules need about them. */
function loadItems(db: Database, ids: string, extra: Item[], asOf: IsoDate | undefined): Schedule {
  const s = statementsFor(db);
  const xa = JSON.stringify(extra.filter((i) => i.kind === "a").map((i) => i.id));
  const xm = JSON.stringify(extra.filter((i) => i.kind === "m").map((i) => i.id));
  const actions = s.actions.all({ ids, xa, asOf: asOf ?? null }) as RuleAction[];
  const milestones = s.milestones.all({ ids, xm }) as RuleMilestone[];
  const dependencies: RuleDependency[] = (s.dependencies.all({ ids, xa, xm }) as DependencyRow[]).map((d) => ({
    predecessor: d.pa != null ? { kind: "action", id: d.pa } : { kind: "milestone", id: d.pm! },
    successor: d.sa != null ? { kind: "action", id: d.sa } : { kind: "milestone", id: d.sm! },
    lagDays: d.lagDays,
  }));
  const others = new Set<number>();
  for (const x of actions) others.add(x.projectId);
  for (const x of milestones) others.add(x.projectId);
  const projectRows = s.projects.all({ ids, others: JSON.stringify([...others]) }) as ProjectRow[];
  const projects = projectRows.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    programmeId: p.programmeId,
    settings: { dueSoonDays: p.dueSoonDays, staleDays: p.staleDays },
  }));
  const settings: Record<number, ProjectRuleSettings> = {};
  for (const p of projects) settings[p.id] = p.settings;
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

/**
 * Loads and evaluates: the one path pages and the CLI share, so they agree. Kept while the rules'
 * inputs are unchanged (flags-cache.server.ts): the result is frozen and shared, never to be changed.
 */
export function flagsForProjects(
  { projectIds, asOf }: { projectIds: number[]; asOf: IsoDate },
  db: Database = getSqlite(),
): ProjectFlags {
  return cachedFlags(db, `projects ${asOf} ${projectIds.join(",")}`, () => evaluateProjects(projectIds, asOf, db));
}

function evaluateProjects(projectIds: number[], asOf: IsoDate, db: Database): ProjectFlags {
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

/**
 * Flags for some actions only (a person's actions, say), loading just them and what they depend
 * on: cheaper than flagsForProjects when the actions are a small part of large projects.
 * Gives the same flags for them as flagsForProjects does.
 */
export function flagsForActions(
  { actionIds, asOf }: { actionIds: number[]; asOf: IsoDate },
  db: Database = getSqlite(),
): ActionsFlags {
  return cachedFlags(db, `actions ${asOf} ${actionIds.join(",")}`, () => evaluateActions(actionIds, asOf, db));
}

interface ActionsFlags {
  asOf: IsoDate;
  schedule: Schedule;
  result: FlagResult;
  actions: { action: RuleAction; flags: ActionFlag[] }[];
}

function evaluateActions(actionIds: number[], asOf: IsoDate, db: Database): ActionsFlags {
  const items = statementsFor(db).ancestors.all({ seeds: JSON.stringify(actionIds) }) as Item[];
  const schedule = loadItems(db, "[]", items, asOf);
  const result = evaluateFlags({
    asOf,
    actions: schedule.actions,
    milestones: schedule.milestones,
    dependencies: schedule.dependencies,
    settings: schedule.settings,
  });
  const wanted = new Set(actionIds);
  return {
    asOf,
    schedule,
    result,
    actions: schedule.actions.filter((a) => wanted.has(a.id)).map((action) => ({ action, flags: result.actions.get(action.id) ?? [] })),
  };
}
