// Gathers a project's or a programme's timeline: the rows (project → work package → stage →
// action, then milestones), flags from the one loader and rule set the action plan uses
// (flagsForProjects + viewOf), the critical path, and the table equivalent. A fixed number of
// queries whatever the size of the plan. Callers decide which projects the viewer may see.
import type { Database } from "better-sqlite3";
import { getSqlite } from "~/db.server";
import { FLAG_COLOURS, STATUS_NAMES, compareRef, type StatusKey } from "~/modules/action/plan-view";
import type { RuleAction, RuleMilestone } from "~/modules/action/rules";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { viewOf, type FlagView } from "~/modules/action/views.server";
import type { IsoDate } from "~/utils/dates";
import { edgeKey, type CpmResult, type ItemKey } from "./critical-path";
import { cpmDependencies, planCriticalPath } from "./critical-items";
import {
  defaultZoom,
  planSpan,
  type TimelineAction,
  type TimelineDependency,
  type TimelineFlag,
  type TimelineGroup,
  type TimelineMilestone,
  type TimelineNode,
  type Zoom,
} from "./layout";
import type { TimelineQuery } from "./query";
import { barName, dayDiff } from "./words";
import { seesOf } from "~/modules/action/redact";

export const OTHER_PROJECT = "an item in another project";

export interface TimelineProject {
  id: number;
  slug: string;
  name: string;
}

export interface TableRow {
  key: ItemKey;
  kind: "action" | "milestone";
  href: string;
  ref: string | null;
  title: string;
  project: string;
  /** Work package and stage, as words ("WP2 Appeals, Stage 1"). */
  where: string;
  start: IsoDate | null;
  due: IsoDate | null;
  deadlineText: string;
  baselineDue: IsoDate | null;
  slip: number | null;
  float: number | null;
  critical: boolean;
  status: string;
  statusKey: StatusKey | "achieved" | "open";
  percent: number | null;
  flags: FlagView[];
  predecessors: string[];
  drawn: boolean;
}

/** An action with no due date: listed under the chart, not drawn. */
export interface UndatedItem {
  key: ItemKey;
  ref: string;
  title: string;
  href: string;
  deadlineText: string;
}

export interface TimelineModel {
  title: string;
  asOf: IsoDate;
  today: IsoDate;
  zoom: Zoom;
  roots: TimelineNode[];
  dependencies: TimelineDependency[];
  /** The table equivalent: built only for the table view (query.view "table"), else empty. */
  table: TableRow[];
  undated: UndatedItem[];
  /** Dependencies not drawn because one end is outside the chart (another project, or hidden). */
  linksOutside: number;
  choices: {
    workPackages: { id: number; label: string }[];
    owners: { key: string; label: string }[];
    flags: string[];
  };
  /** `tableRows`: the rows the table view lists (every shown action and milestone). */
  counts: { actions: number; milestones: number; shownItems: number; tableRows: number };
}

/** Appends to the list under `key`, making it when absent (no copying: linear in the items). */
function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const statementCache = new WeakMap<Database, ReturnType<typeof prepareStatements>>();
function timelineStatements(sqlite: Database) {
  let q = statementCache.get(sqlite);
  if (!q) statementCache.set(sqlite, (q = prepareStatements(sqlite)));
  return q;
}
// The two per-action statements give rows as arrays (raw): a third of the cost of building an
// object per row, on a 1,000-action programme.
function prepareStatements(sqlite: Database) {
  const inProjects = "project_id in (select value from json_each(@ids))";
  return {
    extra: sqlite.prepare(`select id, work_package_id, stage_id, percent_complete, deadline_text from actions where ${inProjects}`).raw(),
    workPackages: sqlite.prepare(`select id, project_id as projectId, ref, name from work_packages where ${inProjects} order by position, id`),
    stages: sqlite.prepare(
      `select s.id, s.work_package_id as workPackageId, s.name from stages s join work_packages w on w.id = s.work_package_id
       where w.${inProjects} order by s.position, s.id`,
    ),
    baselines: sqlite.prepare(`select id, baseline_date as baseline from milestones where ${inProjects}`),
    owners: sqlite.prepare(`select o.action_id, o.person_id, o.team_id from action_owners o where o.action_id in (select id from actions where ${inProjects})`).raw(),
    // The owners' names, once each (not once per action they own). @people, @teams: JSON arrays of ids.
    ownerNames: sqlite
      .prepare(
        `select 'p' || id, name from people where id in (select value from json_each(@people))
         union all select 't' || id, name || ' (team)' from teams where id in (select value from json_each(@teams))`,
      )
      .raw(),
  };
}

type Scope = { kind: "project"; project: TimelineProject } | { kind: "programme"; name: string; projects: TimelineProject[] };

const STATUS_WORDS: Record<string, string> = Object.fromEntries(Object.entries(STATUS_NAMES).map(([k, v]) => [k, v.toLowerCase()]));

export function loadTimeline({
  scope,
  query,
  today,
  visibleProjectIds,
}: {
  scope: Scope;
  query: TimelineQuery;
  today: IsoDate;
  /** Projects the viewer may see; items elsewhere are named "an item in another project". Null: all. */
  visibleProjectIds: Set<number> | null;
}): TimelineModel {
  const projects = scope.kind === "project" ? [scope.project] : scope.projects;
  const projectIds = projects.map((p) => p.id);
  const projectById = new Map(projects.map((p) => [p.id, p]));
  const asOf = query.asOf;
  const flags = flagsForProjects({ projectIds, asOf });

  // Five plain statements (better-sqlite3 returns rows as objects; drizzle's row mapping cost
  // several milliseconds on a 1,000-action programme).
  const q = timelineStatements(getSqlite());
  const ids = { ids: JSON.stringify(projectIds) };
  const extra = (q.extra.all(ids) as [number, number | null, number | null, number, string][]).map(([id, workPackageId, stageId, percent, deadlineText]) => ({
    id,
    workPackageId,
    stageId,
    percent,
    deadlineText,
  }));
  const wps = q.workPackages.all(ids) as { id: number; projectId: number; ref: string; name: string }[];
  const stageRows = q.stages.all(ids) as { id: number; workPackageId: number; name: string }[];
  const baselines = q.baselines.all(ids) as { id: number; baseline: IsoDate | null }[];
  const owners = q.owners.all(ids) as [number, number | null, number | null][];
  const people = new Set<number>();
  const teams = new Set<number>();
  for (const [, personId, teamId] of owners) {
    if (personId !== null) people.add(personId);
    if (teamId !== null) teams.add(teamId);
  }
  const ownerName = new Map(q.ownerNames.all({ people: JSON.stringify([...people]), teams: JSON.stringify([...teams]) }) as [string, string][]);

  const extraOf = new Map(extra.map((e) => [e.id, e]));
  const baselineOf = new Map(baselines.map((b) => [b.id, b.baseline]));
  const ownerKeys = new Map<number, string[]>();
  const ownerChoices = new Map<string, string>();
  for (const [actionId, personId, teamId] of owners) {
    const key = personId !== null ? `p${personId}` : `t${teamId}`;
    push(ownerKeys, actionId, key);
    ownerChoices.set(key, ownerName.get(key) ?? (personId !== null ? "Unknown" : "Unknown (team)"));
  }

  // Every item of the schedule (the projects' own and those they depend on), by key.
  const asked = new Set(projectIds);
  const actionByKey = new Map<ItemKey, RuleAction>();
  const milestoneByKey = new Map<ItemKey, RuleMilestone>();
  for (const a of flags.schedule.actions) actionByKey.set(`a${a.id}`, a);
  for (const m of flags.schedule.milestones) milestoneByKey.set(`m${m.id}`, m);
  const inChart = (key: ItemKey) => asked.has((actionByKey.get(key) ?? milestoneByKey.get(key))?.projectId ?? -1);
  // Flags in the action plan's words, naming only items of projects the viewer may see.
  // Each item's flags are put into words once (the filter and the node both read them).
  const view = viewOf(visibleProjectIds ? seesOf(visibleProjectIds) : () => true);
  const flagWords = new Map<ItemKey, FlagView[]>();
  const flagsOf = (key: ItemKey): FlagView[] => {
    let words = flagWords.get(key);
    if (!words) {
      const list = key[0] === "a" ? flags.result.actions.get(Number(key.slice(1))) : flags.result.milestones.get(Number(key.slice(1)));
      flagWords.set(key, (words = list && list.length ? list.map(view) : []));
    }
    return words;
  };

  // Critical path over the chart's own items (the whole scope, before any filter, so a filter
  // does not change an item's float).
  // Only the table and the chart with `critical=1` show float or the path: the plain chart skips it.
  const { all: deps, inScope: chartDeps } = cpmDependencies(flags.schedule.dependencies, inChart);
  const cpm: CpmResult =
    query.critical || query.view === "table"
      ? planCriticalPath({
          actions: flags.actions.map((x) => x.action),
          milestones: flags.milestones.map((x) => x.milestone),
          dependencies: chartDeps,
        })
      : { times: new Map(), end: null, criticalEdges: new Set(), undated: [], cyclic: [] };

  // The table equivalent is built only when it is shown (its rows cost as much as the chart's).
  const withTable = query.view === "table";
  let tableRows = 0;

  // Predecessors as words, for the table.
  const itemWords = (key: ItemKey, from: number): string => {
    const a = actionByKey.get(key);
    const m = milestoneByKey.get(key);
    const projectId = (a ?? m)?.projectId ?? -1;
    if (visibleProjectIds && !visibleProjectIds.has(projectId)) return OTHER_PROJECT;
    const name = a ? a.ref : `milestone “${m?.name ?? ""}”`;
    if (projectId === from) return name;
    const project = projectById.get(projectId) ?? flags.schedule.projects.find((p) => p.id === projectId);
    return `${name} in ${project?.name ?? "another project"}`;
  };
  const predecessorsOf = new Map<ItemKey, string[]>();
  if (withTable)
    for (const d of deps) {
      if (!inChart(d.to)) continue;
      const to = actionByKey.get(d.to) ?? milestoneByKey.get(d.to);
      const lag = d.lagDays ? ` (${d.lagDays > 0 ? "+" : ""}${d.lagDays} days lag)` : "";
      push(predecessorsOf, d.to, itemWords(d.from, to!.projectId) + lag);
    }

  // Filters: work package and owner narrow the actions; a flag filter keeps flagged items and
  // everything they depend on, however far back; milestones follow the actions they link to.
  const wpOfStage = new Map(stageRows.map((s) => [s.id, s.workPackageId]));
  const wpOf = (id: number) => {
    const e = extraOf.get(id);
    return e ? (e.stageId !== null ? wpOfStage.get(e.stageId) ?? e.workPackageId : e.workPackageId) : null;
  };
  const narrowed = Boolean(query.wp || query.owner);
  const keep = new Set<ItemKey>();
  for (const { action: a } of flags.actions) {
    if (query.wp && wpOf(a.id) !== query.wp) continue;
    if (query.owner && !(ownerKeys.get(a.id) ?? []).includes(query.owner)) continue;
    keep.add(`a${a.id}`);
  }
  for (const { milestone: m } of flags.milestones) if (!narrowed) keep.add(`m${m.id}`);
  if (narrowed)
    for (const d of chartDeps) {
      if (d.to[0] === "m" && keep.has(d.from)) keep.add(d.to);
      if (d.from[0] === "m" && keep.has(d.to)) keep.add(d.from);
    }
  let shown = keep;
  if (query.flag) {
    const wanted = (key: ItemKey) => flagsOf(key).some((f) => query.flag === "any" || f.kind === query.flag);
    const preds = new Map<ItemKey, ItemKey[]>();
    for (const d of chartDeps) push(preds, d.to, d.from);
    shown = new Set<ItemKey>();
    const stack = [...keep].filter(wanted);
    while (stack.length) {
      const key = stack.pop()!;
      if (shown.has(key)) continue;
      shown.add(key);
      for (const p of preds.get(key) ?? []) stack.push(p);
    }
  }

  // Nodes.
  const timelineFlags = (key: ItemKey): TimelineFlag[] => {
    const words = flagsOf(key);
    return words.length ? words.map((f) => ({ ...f, severe: (FLAG_COLOURS as Record<string, string>)[f.kind] === "red" })) : [];
  };
  const base = (slug: string) => `/projects/${slug}`;
  const table: TableRow[] = [];
  const undated: UndatedItem[] = [];
  const wpLabel = new Map(wps.map((w) => [w.id, `${w.ref} ${w.name}`]));
  const stageName = new Map(stageRows.map((s) => [s.id, s.name]));

  const actionNode = (a: RuleAction, project: TimelineProject): TimelineAction | null => {
    const key: ItemKey = `a${a.id}`;
    const e = extraOf.get(a.id);
    const f = timelineFlags(key);
    const t = cpm.times.get(key);
    const float = t ? t.float : null;
    const critical = t?.critical ?? false;
    const slip = a.dueDate && a.baselineDueDate ? dayDiff(a.baselineDueDate, a.dueDate) : null;
    const href = `${base(project.slug)}/actions/${a.id}`;
    const status = a.status === "done" || a.status === "cancelled" ? STATUS_WORDS[a.status] : `${STATUS_WORDS[a.status]}, ${e?.percent ?? 0}% complete`;
    tableRows++;
    if (!a.dueDate) undated.push({ key, ref: a.ref, title: a.title, href, deadlineText: e?.deadlineText ?? "" });
    if (withTable) {
      const where = [wpLabel.get(wpOf(a.id) ?? -1), e?.stageId ? stageName.get(e.stageId) : undefined].filter(Boolean).join(", ");
      table.push({
        key,
        kind: "action",
        href,
        ref: a.ref,
        title: a.title,
        project: project.name,
        where: where || "Other actions",
        start: a.plannedStart,
        due: a.dueDate,
        deadlineText: e?.deadlineText ?? "",
        baselineDue: a.baselineDueDate,
        slip,
        float,
        critical,
        status: STATUS_NAMES[a.status],
        statusKey: a.status,
        percent: e?.percent ?? 0,
        flags: f.map(({ severe: _s, ...v }) => v as FlagView),
        predecessors: predecessorsOf.get(key) ?? [],
        drawn: Boolean(a.dueDate),
      });
    }
    if (!a.dueDate) return null;
    return {
      type: "action",
      key,
      id: a.id,
      ref: a.ref,
      title: a.title,
      href,
      start: a.plannedStart,
      due: a.dueDate,
      status: a.status,
      percent: e?.percent ?? 0,
      baselineDue: a.baselineDueDate,
      flags: f,
      float,
      critical,
      name: barName({
        kind: "action",
        ref: a.ref,
        title: a.title,
        start: a.plannedStart,
        end: a.dueDate,
        status,
        flags: f.map((x) => x.text),
        baseline: query.baseline && a.baselineDueDate && slip !== null ? { date: a.baselineDueDate, slip } : null,
        float: query.critical ? float : null,
        critical: query.critical && critical,
      }),
    };
  };

  const milestoneNode = (m: RuleMilestone, project: TimelineProject): TimelineMilestone => {
    const key: ItemKey = `m${m.id}`;
    const f = timelineFlags(key);
    const t = cpm.times.get(key);
    const baseline = baselineOf.get(m.id) ?? null;
    const slip = baseline ? dayDiff(baseline, m.targetDate) : null;
    const href = `${base(project.slug)}/milestones`;
    tableRows++;
    if (withTable)
      table.push({
        key,
        kind: "milestone",
        href,
        ref: null,
        title: m.name,
        project: project.name,
        where: "Milestones",
        start: null,
        due: m.targetDate,
        deadlineText: "",
        baselineDue: baseline,
        slip,
        float: t?.float ?? null,
        critical: t?.critical ?? false,
        status: m.achievedDate ? "Achieved" : "Not achieved",
        statusKey: m.achievedDate ? "achieved" : "open",
        percent: null,
        flags: f.map(({ severe: _s, ...v }) => v as FlagView),
        predecessors: predecessorsOf.get(key) ?? [],
        drawn: true,
      });
    return {
      type: "milestone",
      key,
      id: m.id,
      title: m.name,
      href,
      date: m.targetDate,
      achieved: m.achievedDate !== null,
      baseline,
      flags: f,
      float: t?.float ?? null,
      critical: t?.critical ?? false,
      name: barName({
        kind: "milestone",
        ref: null,
        title: m.name,
        start: null,
        end: m.targetDate,
        status: m.achievedDate ? "achieved" : "not achieved",
        flags: f.map((x) => x.text),
        baseline: query.baseline && baseline && slip !== null ? { date: baseline, slip } : null,
        float: query.critical ? t?.float ?? null : null,
        critical: query.critical && (t?.critical ?? false),
      }),
    };
  };

  const actionsByProject = new Map<number, RuleAction[]>();
  for (const { action } of flags.actions) if (shown.has(`a${action.id}`)) push(actionsByProject, action.projectId, action);
  const milestonesByProject = new Map<number, RuleMilestone[]>();
  for (const { milestone } of flags.milestones) if (shown.has(`m${milestone.id}`)) push(milestonesByProject, milestone.projectId, milestone);
  const wpsOf = new Map<number, typeof wps>();
  for (const w of wps) push(wpsOf, w.projectId, w);
  const stagesOf = new Map<number, typeof stageRows>();
  for (const st of stageRows) push(stagesOf, st.workPackageId, st);

  const projectNodes: TimelineGroup[] = projects.map((project) => {
    const list = (actionsByProject.get(project.id) ?? []).sort((x, y) => compareRef(x.ref, y.ref));
    const byStage = new Map<number, RuleAction[]>();
    const byWp = new Map<number, RuleAction[]>();
    const other: RuleAction[] = [];
    for (const a of list) {
      const e = extraOf.get(a.id);
      const wp = wpOf(a.id);
      if (e?.stageId != null && wp !== null) push(byStage, e.stageId, a);
      else if (wp !== null) push(byWp, wp, a);
      else other.push(a);
    }
    const items = (xs: RuleAction[]) => xs.map((a) => actionNode(a, project)).filter((x): x is TimelineAction => x !== null);
    const children: TimelineNode[] = [];
    for (const wp of wpsOf.get(project.id) ?? []) {
      const wpChildren: TimelineNode[] = items(byWp.get(wp.id) ?? []);
      for (const s of stagesOf.get(wp.id) ?? [])
        wpChildren.push({ type: "group", level: "stage", key: `s${s.id}`, label: s.name, children: items(byStage.get(s.id) ?? []) });
      children.push({ type: "group", level: "work_package", key: `w${wp.id}`, label: `${wp.ref} ${wp.name}`, children: wpChildren });
    }
    if (other.length) children.push({ type: "group", level: "work_package", key: `o${project.id}`, label: "Other actions", children: items(other) });
    const ms = (milestonesByProject.get(project.id) ?? []).sort((x, y) => (x.targetDate < y.targetDate ? -1 : x.targetDate > y.targetDate ? 1 : x.id - y.id));
    if (ms.length)
      children.push({ type: "group", level: "milestones", key: `ms${project.id}`, label: "Milestones", children: ms.map((m) => milestoneNode(m, project)) });
    return { type: "group", level: "project", key: `p${project.id}`, label: project.name, children };
  });
  // A project's own timeline starts at its work packages; a programme's at its projects.
  const roots: TimelineNode[] =
    scope.kind === "project"
      ? projectNodes[0]?.children ?? []
      : [{ type: "group", level: "programme", key: "programme", label: scope.name, children: projectNodes }];

  const dependencies: TimelineDependency[] = chartDeps
    .filter((d) => shown.has(d.from) && shown.has(d.to))
    .map((d) => ({ ...d, critical: cpm.criticalEdges.has(edgeKey(d.from, d.to)) }));
  const linksOutside = deps.filter((d) => inChart(d.to) && shown.has(d.to) && !inChart(d.from)).length;

  const span = planSpan(roots);
  const zoom = query.zoom ?? defaultZoom(span ? span[1] - span[0] : 0);
  const title = scope.kind === "project" ? `${scope.project.name}: timeline` : `${scope.name}: programme timeline`;
  const allFlagKinds = new Set<string>();
  for (const list of flags.result.actions.values()) for (const f of list) allFlagKinds.add(f.kind);
  for (const list of flags.result.milestones.values()) for (const f of list) allFlagKinds.add(f.kind);

  return {
    title,
    asOf,
    today,
    zoom,
    roots,
    dependencies,
    table,
    undated,
    linksOutside,
    choices: {
      workPackages: wps.map((w) => ({
        id: w.id,
        label: scope.kind === "programme" ? `${projectById.get(w.projectId)?.name}: ${w.ref} ${w.name}` : `${w.ref} ${w.name}`,
      })),
      owners: [...ownerChoices].map(([key, label]) => ({ key, label })).sort((a, b) => a.label.localeCompare(b.label)),
      flags: [...new Set([...Object.keys(FLAG_COLOURS), ...allFlagKinds])],
    },
    counts: { actions: flags.actions.length, milestones: flags.milestones.length, shownItems: shown.size, tableRows },
  };
}
