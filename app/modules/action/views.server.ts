// Read-side queries for the lists where flags show: a project's action plan, "my actions", the
// programme-wide flagged list and the overview's flag counts. Each list is a fixed handful of
// grouped queries whatever its length (no query per row), and flags come from the one loader of
// the rules (schedule.server.ts), so every page agrees with `waymark flags` for the same date.
import { and, asc, eq, inArray, notInArray, or, sql } from "drizzle-orm";
import {
  actionOwners,
  actionRecommendations,
  actions,
  people,
  recommendations,
  stages,
  teamMembers,
  teams,
  workPackages,
} from "#db/schema";
import { getDb } from "~/db.server";
import { visibleProjects } from "~/modules/auth/access.server";
import type { SessionUser } from "~/modules/auth/session.server";
import {
  compareRef,
  FLAG_KINDS,
  flagTagText,
  matchesPlanQuery,
  planComparator,
  truncate,
  type FlagKind,
  type PlanQuery,
  type StatusKey,
} from "./plan-view";
import { flagLabel, type ActionFlag, type Flag } from "./rules";
import { flagsForActions, flagsForProjects } from "./schedule.server";

export interface Owner {
  key: string; // "p12" or "t3": the owner filter's value
  kind: "person" | "team";
  /** What the table shows: initials for a person, the name for a team. */
  short: string;
  name: string;
}

/** A flag as the pages show it: only words, so the page data stays small (no cause graphs). */
export interface FlagView {
  kind: FlagKind;
  /** The tag, e.g. "Overdue 12 days". */
  tag: string;
  /** The full sentence, e.g. "Blocked by 4.2, which is 12 days overdue". */
  text: string;
}

export const viewOf = (flag: Flag): FlagView => ({ kind: flag.kind, tag: flagTagText(flag), text: flagLabel(flag) });

const CLOSED: StatusKey[] = ["done", "cancelled"];

// ------------------------------------------------------------------ shared lookups

/** Owners of every action in these projects, grouped by action: one query. */
function ownersByAction(projectIds: number[], actionIds?: number[]) {
  const rows = getDb()
    .select({
      actionId: actionOwners.actionId,
      personId: actionOwners.personId,
      teamId: actionOwners.teamId,
      personName: people.name,
      initials: people.initials,
      teamName: teams.name,
    })
    .from(actionOwners)
    .innerJoin(actions, eq(actions.id, actionOwners.actionId))
    .leftJoin(people, eq(people.id, actionOwners.personId))
    .leftJoin(teams, eq(teams.id, actionOwners.teamId))
    .where(actionIds ? inArray(actionOwners.actionId, actionIds) : inArray(actions.projectId, projectIds))
    .orderBy(asc(actionOwners.id))
    .all();
  const map = new Map<number, Owner[]>();
  for (const r of rows) {
    const owner: Owner =
      r.personId !== null
        ? { key: `p${r.personId}`, kind: "person", short: r.initials || r.personName || "?", name: r.personName ?? "Unknown" }
        : { key: `t${r.teamId}`, kind: "team", short: r.teamName ?? "?", name: r.teamName ?? "Unknown team" };
    const list = map.get(r.actionId);
    if (list) list.push(owner);
    else map.set(r.actionId, [owner]);
  }
  return map;
}

/**
 * The latest progress note on or before the as-of date for each action of the projects: one
 * query, one index seek per action in progress_notes_action_idx (measured 4x faster than a
 * window over all the notes), so its cost follows the actions, not the notes.
 */
function latestNotes(projectIds: number[], asOf: string) {
  if (projectIds.length === 0) return new Map<number, { date: string; text: string }>();
  const rows = getDb().all<{ action_id: number; note_date: string; body: string }>(sql`
    select n.action_id, n.note_date, substr(n.body, 1, 400) as body from progress_notes n
    where n.id in (
      select (select x.id from progress_notes x where x.action_id = a.id and x.note_date <= ${asOf}
              order by x.note_date desc, x.id desc limit 1)
      from actions a where a.project_id in (${sql.join(
        projectIds.map((id) => sql`${id}`),
        sql`, `
      )}))`);
  return new Map(rows.map((r) => [r.action_id, { date: r.note_date, text: truncate(r.body, 140) }]));
}

// ------------------------------------------------------------------ the project's action plan

interface FilterablePlanRow extends PlanRow {
  ownerKeys: string[];
  recommendationIds: number[];
  flagKinds: FlagKind[];
}

export interface PlanRow {
  id: number;
  ref: string;
  title: string;
  expectedOutcomes: string;
  deadlineText: string;
  dueDate: string | null;
  status: StatusKey;
  percentComplete: number;
  workPackageId: number | null;
  stageId: number | null;
  owners: Owner[];
  recommendationRefs: string[];
  latestNote: { date: string; text: string } | null;
  flags: FlagView[];
}

export interface PlanGroup {
  key: string;
  workPackage: { id: number; ref: string; name: string } | null;
  /** Sections within the group: actions under the work package itself (stage null), then each stage. */
  sections: Array<{ key: string; stage: { id: number; name: string } | null; rows: PlanRow[] }>;
}

export function loadActionPlan({ projectId, asOf, query }: { projectId: number; asOf: string; query: PlanQuery }) {
  const db = getDb();
  const actionRows = db
    .select({
      id: actions.id,
      ref: actions.ref,
      title: actions.title,
      expectedOutcomes: actions.expectedOutcomes,
      deadlineText: actions.deadlineText,
      dueDate: actions.dueDate,
      status: actions.status,
      percentComplete: actions.percentComplete,
      workPackageId: actions.workPackageId,
      stageId: actions.stageId,
    })
    .from(actions)
    .where(eq(actions.projectId, projectId))
    .all();
  const wps = db
    .select({ id: workPackages.id, ref: workPackages.ref, name: workPackages.name, position: workPackages.position })
    .from(workPackages)
    .where(eq(workPackages.projectId, projectId))
    .orderBy(asc(workPackages.position), asc(workPackages.id))
    .all();
  const stageRows = wps.length
    ? db
        .select({ id: stages.id, workPackageId: stages.workPackageId, name: stages.name })
        .from(stages)
        .where(
          inArray(
            stages.workPackageId,
            wps.map((w) => w.id)
          )
        )
        .orderBy(asc(stages.position), asc(stages.id))
        .all()
    : [];
  const recs = db
    .select({ id: recommendations.id, ref: recommendations.ref, title: recommendations.title })
    .from(recommendations)
    .where(eq(recommendations.projectId, projectId))
    .all()
    .sort((a, b) => compareRef(a.ref, b.ref));
  const recLinks = db
    .select({ actionId: actionRecommendations.actionId, recommendationId: actionRecommendations.recommendationId })
    .from(actionRecommendations)
    .innerJoin(recommendations, eq(recommendations.id, actionRecommendations.recommendationId))
    .where(eq(recommendations.projectId, projectId))
    .all();
  const owners = ownersByAction([projectId]);
  const notes = latestNotes([projectId], asOf);
  const flags = flagsForProjects({ projectIds: [projectId], asOf });

  const recRef = new Map(recs.map((r) => [r.id, r.ref]));
  const recsByAction = new Map<number, number[]>();
  for (const l of recLinks) {
    const list = recsByAction.get(l.actionId);
    if (list) list.push(l.recommendationId);
    else recsByAction.set(l.actionId, [l.recommendationId]);
  }

  const all: FilterablePlanRow[] = actionRows.map((a) => {
    const own = owners.get(a.id) ?? [];
    const recIds = (recsByAction.get(a.id) ?? []).sort((x, y) => compareRef(recRef.get(x) ?? "", recRef.get(y) ?? ""));
    const f = (flags.result.actions.get(a.id) ?? []).map(viewOf);
    return {
      ...a,
      owners: own,
      ownerKeys: own.map((o) => o.key),
      recommendationIds: recIds,
      recommendationRefs: recIds.map((id) => recRef.get(id) ?? ""),
      latestNote: notes.get(a.id) ?? null,
      flags: f,
      flagKinds: f.map((x) => x.kind),
    };
  });

  const shown = all.filter((r) => matchesPlanQuery(r, query)).sort(planComparator(query.sort, query.dir));
  const shownRows: PlanRow[] = shown.map(({ ownerKeys: _o, recommendationIds: _r, flagKinds: _f, ...row }) => row);

  // Group: each work package in order (its own actions first, then each stage), then "Other actions".
  const stageOf = new Map(stageRows.map((s) => [s.id, s]));
  const groups: PlanGroup[] = [];
  const sectionFor = new Map<string, PlanGroup["sections"][number]>();
  const groupFor = new Map<string, PlanGroup>();
  for (const wp of wps) {
    const g: PlanGroup = { key: `wp${wp.id}`, workPackage: { id: wp.id, ref: wp.ref, name: wp.name }, sections: [] };
    groups.push(g);
    groupFor.set(g.key, g);
    const own = { key: `wp${wp.id}-own`, stage: null, rows: [] as PlanRow[] };
    g.sections.push(own);
    sectionFor.set(own.key, own);
    for (const s of stageRows.filter((s) => s.workPackageId === wp.id)) {
      const sec = { key: `st${s.id}`, stage: { id: s.id, name: s.name }, rows: [] as PlanRow[] };
      g.sections.push(sec);
      sectionFor.set(sec.key, sec);
    }
  }
  const other: PlanGroup = { key: "other", workPackage: null, sections: [{ key: "other-own", stage: null, rows: [] }] };
  for (const row of shownRows) {
    const stage = row.stageId !== null ? stageOf.get(row.stageId) : undefined;
    const wpId = stage?.workPackageId ?? row.workPackageId;
    const section = (stage && sectionFor.get(`st${stage.id}`)) || (wpId !== null && sectionFor.get(`wp${wpId}-own`)) || other.sections[0]!;
    section.rows.push(row);
  }
  if (other.sections[0]!.rows.length) groups.push(other);
  for (const g of groups) g.sections = g.sections.filter((s) => s.rows.length > 0);

  // Filter choices: only owners who own something in this plan.
  const ownerChoices = new Map<string, Owner>();
  for (const list of owners.values()) for (const o of list) ownerChoices.set(o.key, o);

  return {
    asOf,
    groups: groups.filter((g) => g.sections.length > 0),
    shownCount: shown.length,
    totalCount: all.length,
    choices: {
      owners: [...ownerChoices.values()].sort((a, b) => a.name.localeCompare(b.name)),
      recommendations: recs,
      workPackages: wps.map((w) => ({ id: w.id, ref: w.ref, name: w.name })),
      hasUnpackaged: all.some((r) => r.workPackageId === null && r.stageId === null),
    },
  };
}

// ------------------------------------------------------------------ my actions

export interface MyActionRow {
  id: number;
  ref: string;
  title: string;
  dueDate: string | null;
  deadlineText: string;
  status: StatusKey;
  project: { id: number; slug: string; name: string };
  /** Owned through a team, not by name: which team(s). */
  viaTeams: string[];
  flags: FlagView[];
}

const myActionColumns = {
  id: actions.id,
  projectId: actions.projectId,
  ref: actions.ref,
  title: actions.title,
  dueDate: actions.dueDate,
  deadlineText: actions.deadlineText,
  status: actions.status,
};

/** Flagged first, then by due date (none last), then project and reference. */
function myActionOrder(a: MyActionRow, b: MyActionRow) {
  const fa = a.flags.length > 0 ? 0 : 1;
  const fb = b.flags.length > 0 ? 0 : 1;
  if (fa !== fb) return fa - fb;
  if (a.dueDate !== b.dueDate) {
    if (!a.dueDate) return 1;
    if (!b.dueDate) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return a.project.name.localeCompare(b.project.name) || compareRef(a.ref, b.ref);
}

/**
 * Open actions the person owns by name or through a team they belong to (`rows`), and the open
 * actions of work packages they lead that they do not own (`ledRows`: the lead may update those
 * too), in projects they can see; flagged first. A fixed handful of queries whatever the length.
 */
export function loadMyActions({ user, asOf }: { user: SessionUser; asOf: string }) {
  const db = getDb();
  const none = { asOf, rows: [] as MyActionRow[], ledRows: [] as MyActionRow[] };
  const visible = visibleProjects(user);
  if (visible.length === 0) return none;
  const projectById = new Map(visible.map((p) => [p.id, p]));
  const myTeams = db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.personId, user.personId));
  const mineFilter = or(eq(actionOwners.personId, user.personId), inArray(actionOwners.teamId, myTeams));
  // How the person owns each action: by name, or through which of their teams.
  const links = db
    .select({ actionId: actionOwners.actionId, personId: actionOwners.personId, teamName: teams.name })
    .from(actionOwners)
    .leftJoin(teams, eq(teams.id, actionOwners.teamId))
    .where(mineFilter)
    .all();
  const byName = new Set<number>();
  const viaTeams = new Map<number, string[]>();
  for (const l of links) {
    if (l.personId === user.personId) byName.add(l.actionId);
    else if (l.teamName) viaTeams.set(l.actionId, [...(viaTeams.get(l.actionId) ?? []), l.teamName]);
  }
  const owned = db.select({ id: actionOwners.actionId }).from(actionOwners).where(mineFilter);
  const open = and(inArray(actions.projectId, [...projectById.keys()]), notInArray(actions.status, CLOSED));
  const mine = db
    .select(myActionColumns)
    .from(actions)
    .where(and(inArray(actions.id, owned), open))
    .all();
  // The same rule as the permission check (leadsActionWorkPackage): the action's own work package.
  const led = db
    .select(myActionColumns)
    .from(actions)
    .innerJoin(workPackages, eq(workPackages.id, actions.workPackageId))
    .where(and(eq(workPackages.leadPersonId, user.personId), notInArray(actions.id, owned), open))
    .all();
  if (mine.length === 0 && led.length === 0) return none;
  const flags = flagsForActions({ actionIds: [...mine, ...led].map((a) => a.id), asOf });
  const toRow = (a: (typeof mine)[number]): MyActionRow => {
    const p = projectById.get(a.projectId)!;
    return {
      ...a,
      project: { id: p.id, slug: p.slug, name: p.name },
      viaTeams: byName.has(a.id) ? [] : viaTeams.get(a.id) ?? [],
      flags: (flags.result.actions.get(a.id) ?? []).map(viewOf),
    };
  };
  return { asOf, rows: mine.map(toRow).sort(myActionOrder), ledRows: led.map(toRow).sort(myActionOrder) };
}

// ------------------------------------------------------------------ programme-wide flagged list

export interface FlaggedItem {
  kind: "action" | "milestone";
  id: number;
  label: string; // "4.2 Review the policy" or the milestone's name
  ref: string | null;
  date: string | null; // due date or target date
  project: { slug: string; name: string };
  flag: FlagView;
}

/** Every flagged action and milestone in the programme's projects that the user can see, grouped by flag. */
export function loadProgrammeFlagged({ user, programmeId, asOf }: { user: SessionUser; programmeId: number; asOf: string }) {
  const visible = visibleProjects(user, programmeId);
  const groups = new Map<FlagKind, FlaggedItem[]>(FLAG_KINDS.map((k) => [k, []]));
  if (visible.length === 0) return { asOf, projectCount: 0, groups: [...groups].map(([kind, items]) => ({ kind, items })) };
  const projectIds = visible.map((p) => p.id);
  const projectById = new Map(visible.map((p) => [p.id, p]));
  const flags = flagsForProjects({ projectIds, asOf });
  for (const { action: a, flags: list } of flags.actions) {
    if (list.length === 0) continue;
    const p = projectById.get(a.projectId)!;
    for (const f of list.map(viewOf))
      groups.get(f.kind)!.push({
        kind: "action",
        id: a.id,
        label: a.title,
        ref: a.ref,
        date: a.dueDate,
        project: { slug: p.slug, name: p.name },
        flag: f,
      });
  }
  for (const { milestone: m, flags: list } of flags.milestones) {
    if (list.length === 0) continue;
    const p = projectById.get(m.projectId)!;
    for (const f of list.map(viewOf))
      groups.get(f.kind)!.push({
        kind: "milestone",
        id: m.id,
        label: m.name,
        ref: null,
        date: m.targetDate,
        project: { slug: p.slug, name: p.name },
        flag: f,
      });
  }
  for (const items of groups.values())
    items.sort(
      (a, b) =>
        a.project.name.localeCompare(b.project.name) ||
        (a.kind === b.kind ? 0 : a.kind === "milestone" ? 1 : -1) ||
        compareRef(a.ref ?? a.label, b.ref ?? b.label)
    );
  return { asOf, projectCount: visible.length, groups: [...groups].map(([kind, items]) => ({ kind, items })) };
}

// ------------------------------------------------------------------ the overview's counts

export interface FlagCounts {
  asOf: string;
  kinds: FlagKind[];
  rows: Array<{ key: string; label: string; counts: Record<string, number>; open: number }>;
  totals: Record<string, number>;
  milestones: Record<string, number>;
}

/** Flags counted per work package (actions) and for the project's milestones. */
export function loadFlagCounts({
  projectId,
  asOf,
  flags = flagsForProjects({ projectIds: [projectId], asOf }),
}: {
  projectId: number;
  asOf: string;
  flags?: ReturnType<typeof flagsForProjects>;
}): FlagCounts {
  const db = getDb();
  const wps = db
    .select({ id: workPackages.id, ref: workPackages.ref, name: workPackages.name })
    .from(workPackages)
    .where(eq(workPackages.projectId, projectId))
    .orderBy(asc(workPackages.position), asc(workPackages.id))
    .all();
  const actionRows = db
    .select({
      id: actions.id,
      workPackageId: sql<number | null>`coalesce(${actions.workPackageId}, ${stages.workPackageId})`,
      status: actions.status,
    })
    .from(actions)
    .leftJoin(stages, eq(stages.id, actions.stageId))
    .where(eq(actions.projectId, projectId))
    .all();
  const actionKinds = FLAG_KINDS.filter((k) => k !== "missed" && k !== "at_risk");
  const blank = () => Object.fromEntries(actionKinds.map((k) => [k, 0])) as Record<string, number>;
  const rowFor = new Map<string, FlagCounts["rows"][number]>();
  for (const wp of wps) rowFor.set(`wp${wp.id}`, { key: `wp${wp.id}`, label: `${wp.ref} ${wp.name}`, counts: blank(), open: 0 });
  const other = { key: "other", label: "Other actions", counts: blank(), open: 0 };
  const totals = blank();
  let openTotal = 0;
  for (const a of actionRows) {
    const row = (a.workPackageId !== null && rowFor.get(`wp${a.workPackageId}`)) || other;
    if (!CLOSED.includes(a.status)) {
      row.open++;
      openTotal++;
    }
    for (const f of (flags.result.actions.get(a.id) ?? []) as ActionFlag[]) {
      row.counts[f.kind]!++;
      totals[f.kind]!++;
    }
  }
  const milestoneCounts: Record<string, number> = { missed: 0, at_risk: 0 };
  for (const { flags: list } of flags.milestones) for (const f of list) milestoneCounts[f.kind]!++;
  const rows = [...rowFor.values()];
  if (other.open > 0 || Object.values(other.counts).some((n) => n > 0)) rows.push(other);
  return { asOf, kinds: [...actionKinds], rows, totals: { ...totals, open: openTotal }, milestones: milestoneCounts };
}
