// The action plan as a page shows it: one project's, or every visible project of a programme,
// filtered, sorted, grouped by project, work package and stage, and paged in that display order.
// A fixed number of grouped queries whatever the number of rows or projects (about a dozen: the
// plan's own six, the latest notes of the rows shown, and the flag rules' inputs), and rows carry
// only what the table renders, since the page's data is also its hydration data.
import { eq } from "drizzle-orm";
import { projects as projectsTable } from "#db/schema";
import { getDb, getSqlite, onceFor } from "~/db.server";
import { cachedFlags } from "./flags-cache.server";
import { paginate, PAGE_SIZE } from "./paging";
import {
  compareRef,
  flagTagText,
  matchesPlanQuery,
  planComparator,
  refKey,
  truncate,
  type FlagKind,
  type PlanQuery,
  type StatusKey,
} from "./plan-view";
import type { Viewer } from "~/modules/auth/access.server";
import { redactFlag, seesOf, type Sees } from "./redact";
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

/**
 * A flag in words for one reader: items of projects they may not see are not named (redact.ts).
 * With `seen`, the projects the reader sees as a key, the words are kept beside the flag (flags
 * are shared and frozen while their inputs are unchanged: flags-cache.server.ts), so readers who
 * see the same projects put each flag into words once.
 */
export const viewOf = (sees: Sees, seen?: ReadonlySet<number>) => {
  const key = seen ? [...seen].sort((a, b) => a - b).join(",") : null;
  return (flag: Flag): FlagView => {
    let kept = key !== null ? wordsKept.get(flag) : undefined;
    const hit = kept?.get(key!);
    if (hit) return hit;
    const shown = redactFlag(flag, sees);
    const words: FlagView = { kind: flag.kind, tag: flagTagText(shown), text: flagLabel(shown) };
    if (key !== null && Object.isFrozen(flag)) {
      if (!kept) wordsKept.set(flag, (kept = new Map()));
      if (kept.size < 8) kept.set(key, words);
    }
    return words;
  };
};
const wordsKept = new WeakMap<Flag, Map<string, FlagView>>();

/** One row of the plan table: exactly what the table renders. */
export interface PlanRow {
  id: number;
  ref: string;
  title: string;
  expectedOutcomes: string;
  deadlineText: string;
  dueDate: string | null;
  status: StatusKey;
  percentComplete: number;
  owners: Owner[];
  recommendationRefs: string[];
  latestNote: { date: string; text: string } | null;
  flags: FlagView[];
}

export interface PlanSection {
  key: string;
  stage: { id: number; name: string } | null;
  rows: PlanRow[];
}

export interface PlanGroup {
  key: string;
  project: { slug: string; name: string };
  workPackage: { id: number; ref: string; name: string } | null;
  /** The group began on an earlier page. */
  continued: boolean;
  /** Actions under the work package itself (stage null), then each stage. */
  sections: PlanSection[];
}

export interface PlanProject {
  id: number;
  slug: string;
  name: string;
}

export interface Choice {
  value: string;
  label: string;
}

export interface Plan {
  asOf: string;
  groups: PlanGroup[];
  shownCount: number;
  totalCount: number;
  /** Null when every matching row is on the page (the "all" view). */
  paging: { page: number; pageCount: number; from: number; to: number; pageSize: number } | null;
  choices: { owners: Choice[]; recommendations: Choice[]; workPackages: Choice[] };
}

interface WorkingRow extends Pick<PlanRow, "id" | "ref" | "dueDate" | "status" | "recommendationRefs"> {
  refKey: string | null;
  /** The rules' flags: put into words (redacted for the viewer) only for the rows on the page. */
  flags: Flag[];
  projectId: number;
  workPackageId: number | null;
  stageId: number | null;
  ownerKeys: string[];
  recommendationIds: number[];
  flagKinds: FlagKind[];
}

const byName = new Intl.Collator("en-GB", { sensitivity: "base" });

// The plan's queries, prepared once per connection: better-sqlite3 returns plain rows, and drizzle's
// per-call query building was a fifth of the loader. @ids is a JSON array of project ids.
const IDS = "(select value from json_each(@ids))";
function prepare(sqlite: ReturnType<typeof getSqlite>) {
  return {
    // What every row needs to be filtered, sorted and grouped; the rest is read for the rows shown.
    // As arrays (raw): better-sqlite3 makes an object a field at a time, a third of the time for a
    // programme's 1,000 rows (1.55 -> 1.04 ms).
    actions: sqlite
      .prepare(`select id, project_id, ref, due_date, status, work_package_id, stage_id from actions where project_id in ${IDS}`)
      .raw(true),
    actionsWide: sqlite.prepare(`
      select id, project_id as projectId, ref, due_date as dueDate, status, work_package_id as workPackageId, stage_id as stageId,
             title, expected_outcomes as expectedOutcomes, deadline_text as deadlineText, percent_complete as percentComplete
      from actions where project_id in ${IDS}`),
    // @ids here: JSON array of action ids (the rows on the page).
    shownActions: sqlite.prepare(`
      select id, title, expected_outcomes as expectedOutcomes, deadline_text as deadlineText, percent_complete as percentComplete
      from actions where id in ${IDS}`),
    workPackages: sqlite.prepare(`
      select id, project_id as projectId, ref, name from work_packages where project_id in ${IDS} order by position, id`),
    stages: sqlite.prepare(`
      select s.id, s.work_package_id as workPackageId, s.name from stages s
      join work_packages w on w.id = s.work_package_id where w.project_id in ${IDS} order by s.position, s.id`),
    recommendations: sqlite.prepare(`select id, project_id as projectId, ref, title from recommendations where project_id in ${IDS}`),
    recommendationLinks: sqlite.prepare(`
      select l.action_id as actionId, l.recommendation_id as recommendationId from action_recommendations l
      join recommendations r on r.id = l.recommendation_id where r.project_id in ${IDS}`),
    // "action_id in (…)", not a join with actions: SQLite then seeks each action's owners by index
    // instead of scanning every owner (measured 2.4 times faster).
    owners: sqlite.prepare(`
      select o.action_id as actionId, o.person_id as personId, o.team_id as teamId, p.name as personName, p.initials, t.name as teamName
      from action_owners o left join people p on p.id = o.person_id left join teams t on t.id = o.team_id
      where o.action_id in (select id from actions where project_id in ${IDS}) order by o.id`),
    // @ids here: JSON array of action ids (the rows on the page).
    shownOwners: sqlite.prepare(`
      select o.action_id as actionId, o.person_id as personId, o.team_id as teamId, p.name as personName, p.initials, t.name as teamName
      from action_owners o left join people p on p.id = o.person_id left join teams t on t.id = o.team_id
      where o.action_id in ${IDS} order by o.id`),
    // Everyone who owns something in the plan (the owner filter's choices): who, then their names.
    ownerPairs: sqlite.prepare(`
      select distinct o.person_id as personId, o.team_id as teamId from action_owners o
      where o.action_id in (select id from actions where project_id in ${IDS})`),
    // @people, @teams: JSON arrays of ids.
    ownerNames: sqlite.prepare(`
      select id as personId, null as teamId, name as personName, initials, null as teamName from people where id in (select value from json_each(@people))
      union all
      select null, id, null, null, name from teams where id in (select value from json_each(@teams))`),
    // @ids here: JSON array of action ids; one seek per action in progress_notes_action_idx.
    latestNotes: sqlite.prepare(`
      select n.action_id, n.note_date, substr(n.body, 1, 400) as body from progress_notes n
      where n.id in (
        select (select x.id from progress_notes x where x.action_id = a.value and x.note_date <= @asOf
                order by x.note_date desc, x.id desc limit 1)
        from json_each(@ids) a)`),
  };
}
const planStatements = () => onceFor(prepare);

interface ActionRow {
  id: number;
  projectId: number;
  ref: string;
  dueDate: string | null;
  status: StatusKey;
  workPackageId: number | null;
  stageId: number | null;
}
interface ShownActionRow {
  id: number;
  title: string;
  expectedOutcomes: string;
  deadlineText: string;
  percentComplete: number;
}
interface OwnerRow {
  actionId: number;
  personId: number | null;
  teamId: number | null;
  personName: string | null;
  initials: string | null;
  teamName: string | null;
}

type RawActionRow = [number, number, string, string | null, StatusKey, number | null, number | null];
const actionRowOf = ([id, projectId, ref, dueDate, status, workPackageId, stageId]: RawActionRow): ActionRow => ({ id, projectId, ref, dueDate, status, workPackageId, stageId });

/**
 * Who owns something in these projects (@ids), with their names. Who owns what changes only with
 * actions and their owners, whose every write moves the rules' input version, so the pairs are
 * kept beside the flags (a programme's distinct owners took 0.6 ms to find); names are read fresh.
 */
function ownerChoicesOf(ids: string): Omit<OwnerRow, "actionId">[] {
  const q = planStatements();
  const pairs = cachedFlags(getSqlite(), `owner pairs ${ids}`, () => q.ownerPairs.all({ ids }) as { personId: number | null; teamId: number | null }[]);
  const people = pairs.flatMap((p) => (p.personId !== null ? [p.personId] : []));
  const teams = pairs.flatMap((p) => (p.personId === null && p.teamId !== null ? [p.teamId] : []));
  return q.ownerNames.all({ people: JSON.stringify(people), teams: JSON.stringify(teams) }) as Omit<OwnerRow, "actionId">[];
}

function ownerOf(r: Omit<OwnerRow, "actionId">): Owner {
  return r.personId !== null
    ? { key: `p${r.personId}`, kind: "person", short: r.initials || r.personName || "?", name: r.personName ?? "Unknown" }
    : { key: `t${r.teamId}`, kind: "team", short: r.teamName ?? "?", name: r.teamName ?? "Unknown team" };
}

/** Owners grouped by action: of every action in the projects (@ids of projects), or of the rows shown. */
function ownersByAction(rows: OwnerRow[]) {
  const map = new Map<number, Owner[]>();
  for (const r of rows) {
    const owner = ownerOf(r);
    const list = map.get(r.actionId);
    if (list) list.push(owner);
    else map.set(r.actionId, [owner]);
  }
  return map;
}

/**
 * The latest progress note on or before the as-of date of each of these actions (the rows on the
 * page): one query, one seek per action in progress_notes_action_idx.
 */
export function latestNotes(actionIds: number[], asOf: string) {
  if (actionIds.length === 0) return new Map<number, { date: string; text: string }>();
  const rows = planStatements().latestNotes.all({ ids: JSON.stringify(actionIds), asOf }) as { action_id: number; note_date: string; body: string }[];
  return new Map(rows.map((r) => [r.action_id, { date: r.note_date, text: truncate(r.body, 140) }]));
}

/**
 * The plan of these projects (already checked as visible to the viewer), as of a date, filtered and
 * sorted by the query, on one page of `pageSize` rows or all of them (`page: "all"`).
 * Groups follow the projects' order, then each project's work packages, then its other actions.
 */
export function loadPlan({
  viewer,
  projects,
  asOf,
  query,
  page = "all",
  pageSize = PAGE_SIZE,
}: {
  viewer: Viewer;
  projects: PlanProject[];
  asOf: string;
  query: PlanQuery;
  page?: number | "all";
  pageSize?: number;
}): Plan {
  const view = viewOf(seesOf(viewer.sees), viewer.sees);
  const projectIds = projects.map((p) => p.id);
  const several = projects.length > 1;
  const empty: Plan = {
    asOf,
    groups: [],
    shownCount: 0,
    totalCount: 0,
    paging: page === "all" ? null : { page: 1, pageCount: 1, from: 0, to: 0, pageSize },
    choices: { owners: [], recommendations: [], workPackages: [] },
  };
  if (projectIds.length === 0) return empty;
  const projectById = new Map(projects.map((p) => [p.id, p]));

  const ids = JSON.stringify(projectIds);
  const q = planStatements();
  // Every row is shown in the all-rows view: its text is read with the rest, in one pass.
  const wide = page === "all";
  const actionRows = wide ? (q.actionsWide.all({ ids }) as ActionRow[]) : (q.actions.all({ ids }) as RawActionRow[]).map(actionRowOf);
  const wps = q.workPackages.all({ ids }) as { id: number; projectId: number; ref: string; name: string }[];
  const stageRows = q.stages.all({ ids }) as { id: number; workPackageId: number; name: string }[];
  const recs = (q.recommendations.all({ ids }) as { id: number; projectId: number; ref: string; title: string }[]).sort((a, b) => compareRef(a.ref, b.ref));
  const recLinks = q.recommendationLinks.all({ ids }) as { actionId: number; recommendationId: number }[];
  // Owners of every row only to filter by owner; otherwise those of the rows shown (below).
  const everyRowsOwners = query.owner ? ownersByAction(q.owners.all({ ids }) as OwnerRow[]) : null;
  // Every row's flags are needed to filter by flag and for the all-rows view; otherwise only the
  // rows on the page need theirs, worked out below from their own chains (flagsForActions: the
  // same flags, from those actions and what they depend on, not the whole programme).
  const everyRowsFlags = query.flag !== "" || page === "all" ? flagsForProjects({ projectIds, asOf }).result.actions : null;

  const recRef = new Map(recs.map((r) => [r.id, r.ref]));
  const recsByAction = new Map<number, number[]>();
  for (const l of recLinks) {
    const list = recsByAction.get(l.actionId);
    if (list) list.push(l.recommendationId);
    else recsByAction.set(l.actionId, [l.recommendationId]);
  }

  const all: WorkingRow[] = actionRows.map((a) => {
    const recIds = recsByAction.get(a.id) ?? [];
    if (recIds.length > 1) recIds.sort((x, y) => compareRef(recRef.get(x) ?? "", recRef.get(y) ?? ""));
    const f = everyRowsFlags?.get(a.id) ?? [];
    // Every field named, not `...a`: V8 builds a spread object with more fields added one by one
    // about a hundred times slower (3 ms for 250 rows), measured.
    return {
      id: a.id,
      projectId: a.projectId,
      ref: a.ref,
      refKey: refKey(a.ref),
      dueDate: a.dueDate,
      status: a.status,
      workPackageId: a.workPackageId,
      stageId: a.stageId,
      ownerKeys: everyRowsOwners?.get(a.id)?.map((o) => o.key) ?? [],
      recommendationIds: recIds,
      recommendationRefs: recIds.map((id) => recRef.get(id) ?? ""),
      flags: f,
      flagKinds: f.map((x) => x.kind),
    };
  });
  const shown = all.filter((r) => matchesPlanQuery(r, query)).sort(planComparator(query.sort, query.dir));

  // Sections in display order: per project, each work package (its own actions, then each
  // stage), then the project's other actions.
  type Slot = { group: Omit<PlanGroup, "sections" | "continued">; section: Omit<PlanSection, "rows">; rows: WorkingRow[] };
  const slots: Slot[] = [];
  const slotFor = new Map<string, Slot>();
  const stagesByWp = new Map<number, typeof stageRows>();
  for (const s of stageRows) stagesByWp.set(s.workPackageId, [...(stagesByWp.get(s.workPackageId) ?? []), s]);
  const wpsByProject = new Map<number, typeof wps>();
  for (const w of wps) wpsByProject.set(w.projectId, [...(wpsByProject.get(w.projectId) ?? []), w]);
  const stageWp = new Map(stageRows.map((s) => [s.id, s.workPackageId]));
  const add = (key: string, slot: Slot) => {
    slots.push(slot);
    slotFor.set(key, slot);
  };
  for (const p of projects) {
    const project = { slug: p.slug, name: p.name };
    for (const wp of wpsByProject.get(p.id) ?? []) {
      const group = { key: `wp${wp.id}`, project, workPackage: { id: wp.id, ref: wp.ref, name: wp.name } };
      add(`wp${wp.id}`, { group, section: { key: `wp${wp.id}-own`, stage: null }, rows: [] });
      for (const s of stagesByWp.get(wp.id) ?? [])
        add(`st${s.id}`, { group, section: { key: `st${s.id}`, stage: { id: s.id, name: s.name } }, rows: [] });
    }
    const otherKey = several ? `other-p${p.id}` : "other";
    add(otherKey, { group: { key: otherKey, project, workPackage: null }, section: { key: `${otherKey}-own`, stage: null }, rows: [] });
  }
  for (const row of shown) {
    const wpId = (row.stageId !== null ? stageWp.get(row.stageId) : undefined) ?? row.workPackageId;
    const slot =
      (row.stageId !== null && stageWp.has(row.stageId) && slotFor.get(`st${row.stageId}`)) ||
      (wpId !== null && slotFor.get(`wp${wpId}`)) ||
      slotFor.get(several ? `other-p${row.projectId}` : "other")!;
    slot.rows.push(row);
  }
  const ordered = slots.flatMap((slot) => slot.rows.map((row) => ({ slot, row })));
  const pageOf = page === "all" ? null : paginate(ordered, page, pageSize);
  const visible = pageOf ? pageOf.items : ordered;
  const visibleIds = visible.map((v) => v.row.id);
  const shownIds = JSON.stringify(visibleIds);
  const details = new Map(((wide ? actionRows : q.shownActions.all({ ids: shownIds })) as ShownActionRow[]).map((r) => [r.id, r]));
  const owners = everyRowsOwners ?? ownersByAction((wide ? q.owners.all({ ids }) : q.shownOwners.all({ ids: shownIds })) as OwnerRow[]);
  const notes = latestNotes(visibleIds, asOf);
  const flagsOf = everyRowsFlags ?? (visibleIds.length ? flagsForActions({ actionIds: visibleIds, asOf }).result.actions : new Map<number, ActionFlag[]>());

  // Regroup the rows on this page; a group whose first row is on an earlier page is "continued".
  const firstRowOf = new Map<string, number>();
  for (const [i, { slot }] of ordered.entries()) if (!firstRowOf.has(slot.group.key)) firstRowOf.set(slot.group.key, i);
  const offset = pageOf ? pageOf.from - 1 : 0;
  const groups: PlanGroup[] = [];
  for (const [i, { slot, row }] of visible.entries()) {
    let group = groups[groups.length - 1];
    if (!group || group.key !== slot.group.key) {
      group = { ...slot.group, continued: firstRowOf.get(slot.group.key)! < offset + i, sections: [] };
      groups.push(group);
    }
    let section = group.sections[group.sections.length - 1];
    if (!section || section.key !== slot.section.key) {
      section = { ...slot.section, rows: [] };
      group.sections.push(section);
    }
    const detail = details.get(row.id);
    section.rows.push({
      id: row.id,
      ref: row.ref,
      title: detail?.title ?? "",
      expectedOutcomes: detail?.expectedOutcomes ?? "",
      deadlineText: detail?.deadlineText ?? "",
      dueDate: row.dueDate,
      status: row.status,
      percentComplete: detail?.percentComplete ?? 0,
      owners: owners.get(row.id) ?? [],
      recommendationRefs: row.recommendationRefs,
      latestNote: notes.get(row.id) ?? null,
      flags: (flagsOf.get(row.id) ?? []).map(view),
    });
  }

  // Filter choices: only owners who own something in this plan.
  const ownerChoices = new Map<string, Owner>();
  for (const r of ownerChoicesOf(ids)) ownerChoices.set(ownerOf(r).key, ownerOf(r));
  const prefix = (projectId: number) => (several ? `${projectById.get(projectId)?.name ?? ""}: ` : "");
  const hasUnpackaged = all.some((r) => r.workPackageId === null && r.stageId === null);
  return {
    asOf,
    groups,
    shownCount: shown.length,
    totalCount: all.length,
    paging: pageOf ? { page: pageOf.page, pageCount: pageOf.pageCount, from: pageOf.from, to: pageOf.to, pageSize } : null,
    choices: {
      owners: [...ownerChoices.values()]
        .sort((a, b) => byName.compare(a.name, b.name))
        .map((o) => ({ value: o.key, label: o.kind === "team" ? `${o.name} (team)` : o.name })),
      recommendations: recs.map((r) => ({ value: String(r.id), label: `${prefix(r.projectId)}${r.ref} ${r.title}` })),
      workPackages: [
        ...projects.flatMap((p) => (wpsByProject.get(p.id) ?? []).map((w) => ({ value: String(w.id), label: `${prefix(p.id)}${w.ref} ${w.name}` }))),
        ...(hasUnpackaged ? [{ value: "none", label: "Other actions (no work package)" }] : []),
      ],
    },
  };
}

/** One project's whole plan (the shape the project's page and its tests read). */
export function loadActionPlan({ viewer, projectId, asOf, query, page }: { viewer: Viewer; projectId: number; asOf: string; query: PlanQuery; page?: number | "all" }) {
  const project = getDb()
    .select({ id: projectsTable.id, slug: projectsTable.slug, name: projectsTable.name })
    .from(projectsTable)
    .where(eq(projectsTable.id, projectId))
    .get();
  return loadPlan({ viewer, projects: project ? [project] : [], asOf, query, page });
}
