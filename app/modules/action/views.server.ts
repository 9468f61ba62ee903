// Read-side queries for the lists where flags show: a project's action plan, "my actions", the
// programme-wide flagged list and the overview's flag counts. Each list is a fixed handful of
// grouped queries whatever its length (no query per row), and flags come from the one loader of
// the rules (schedule.server.ts), so every page agrees with `waymark flags` for the same date.
import { and, asc, eq, inArray, notInArray, or, sql } from "drizzle-orm";
import { actionOwners, actions, stages, teamMembers, teams, workPackages } from "#db/schema";
import { getDb } from "~/db.server";
import { visibleProjects } from "~/modules/auth/access.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { compareRef, FLAG_KINDS, type FlagKind, type StatusKey } from "./plan-view";
import { paginate, PAGE_SIZE } from "./paging";
import { viewOf, type FlagView } from "./plan.server";
import { seesOf } from "./redact";
import type { ActionFlag, Flag } from "./rules";
import { flagsForActions, flagsForProjects } from "./schedule.server";

// The plan (one project's, or a programme's) lives in plan.server.ts; re-exported for its callers.
export { loadActionPlan, loadPlan, viewOf, type FlagView, type Owner, type PlanGroup, type PlanRow } from "./plan.server";

const CLOSED: StatusKey[] = ["done", "cancelled"];

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
  const seen = new Set(projectById.keys());
  const view = viewOf((projectId) => seen.has(projectId), seen);
  const toRow = (a: (typeof mine)[number]): MyActionRow => {
    const p = projectById.get(a.projectId)!;
    // Object.assign, not `{ ...a, more }`: V8 adds fields to a spread copy one slow step at a time.
    return Object.assign({}, a, {
      project: { id: p.id, slug: p.slug, name: p.name },
      viaTeams: byName.has(a.id) ? [] : viaTeams.get(a.id) ?? [],
      flags: (flags.result.actions.get(a.id) ?? []).map(view),
    });
  };
  return { asOf, rows: mine.map(toRow).sort(myActionOrder), ledRows: led.map(toRow).sort(myActionOrder) };
}

// ------------------------------------------------------------------ programme-wide flagged list

export interface FlaggedItem {
  kind: "action" | "milestone";
  id: number;
  label: string; // the action's title or the milestone's name
  ref: string | null;
  date: string | null; // due date or target date
  project: { slug: string; name: string };
  /** Every flag of the item, in the rules' order: an item is listed once, whatever its flags. */
  flags: FlagView[];
}

const byProjectName = new Intl.Collator("en-GB", { sensitivity: "base" });

/**
 * Every flagged action and milestone in the programme's projects that the user can see, each once
 * with all its flags, and how many items carry each flag. With `flag`, only the items carrying it.
 */
/**
 * The programme's flagged actions and milestones the user may see, each once with all its flags,
 * optionally only those with one kind of flag; on pages of 100 (`page`), in project, then
 * reference order. Only the page's items are put into words.
 */
export function loadProgrammeFlagged({
  user,
  programmeId,
  asOf,
  flag = null,
  page = 1,
}: {
  user: SessionUser;
  programmeId: number;
  asOf: string;
  flag?: FlagKind | null;
  page?: number;
}) {
  const visible = visibleProjects(user, programmeId);
  const counts = Object.fromEntries(FLAG_KINDS.map((k) => [k, 0])) as Record<FlagKind, number>;
  const none = { asOf, projectCount: 0, flaggedCount: 0, shownCount: 0, counts, flag, items: [] as FlaggedItem[], paging: { page: 1, pageCount: 1, total: 0, from: 0, to: 0 } };
  if (visible.length === 0) return none;
  const projectIds = visible.map((p) => p.id);
  const projectById = new Map(visible.map((p) => [p.id, { slug: p.slug, name: p.name }]));
  const flags = flagsForProjects({ projectIds, asOf });
  let flaggedCount = 0;
  const matching: Array<{ item: Omit<FlaggedItem, "flags">; list: Flag[] }> = [];
  const add = (item: Omit<FlaggedItem, "flags">, list: Flag[]) => {
    if (list.length === 0) return;
    flaggedCount++;
    for (const f of list) counts[f.kind]++;
    if (flag && !list.some((f) => f.kind === flag)) return;
    matching.push({ item, list });
  };
  for (const { action: a, flags: list } of flags.actions)
    add({ kind: "action", id: a.id, label: a.title, ref: a.ref, date: a.dueDate, project: projectById.get(a.projectId)! }, list);
  for (const { milestone: m, flags: list } of flags.milestones)
    add({ kind: "milestone", id: m.id, label: m.name, ref: null, date: m.targetDate, project: projectById.get(m.projectId)! }, list);
  matching.sort(
    ({ item: a }, { item: b }) =>
      byProjectName.compare(a.project.name, b.project.name) ||
      (a.kind === b.kind ? 0 : a.kind === "milestone" ? 1 : -1) ||
      compareRef(a.ref ?? a.label, b.ref ?? b.label),
  );
  const { items: onPage, ...paging } = paginate(matching, page, PAGE_SIZE);
  // The programme's projects this person may not see are left out, and named nowhere in the causes.
  const seen = new Set(visibleProjects(user).map((p) => p.id));
  const view = viewOf(seesOf(seen), seen);
  const items = onPage.map(({ item, list }): FlaggedItem => Object.assign({}, item, { flags: list.map(view) }));
  return { asOf, projectCount: visible.length, flaggedCount, shownCount: matching.length, counts, flag, items, paging };
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
  const milestoneCounts: Record<string, number> = { missed: 0, at_risk: 0, schedule_conflict: 0 };
  for (const { flags: list } of flags.milestones) for (const f of list) milestoneCounts[f.kind]!++;
  const rows = [...rowFor.values()];
  if (other.open > 0 || Object.values(other.counts).some((n) => n > 0)) rows.push(other);
  return { asOf, kinds: [...actionKinds], rows, totals: { ...totals, open: openTotal }, milestones: milestoneCounts };
}
