// Finish-to-start links between an action and other schedule items (actions, milestones) of the
// same programme, or of the same project when it has no programme. Cycles are refused by name.
//
// Across projects (docs/decisions/0008): a person links only items of projects they manage (both
// ends), finds only those in the search, and reads an item of a project they may not see as "an
// item in another project". Every function here takes the Viewer, so the filter cannot be forgotten.
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import { actions, dependencies, milestones, projects } from "#db/schema";
import { getDb, onceFor, write, type Conn, type getSqlite } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { refuseAccess, type Viewer } from "~/modules/auth/access.server";
import { notFound, UserInputError } from "~/utils/errors";
import { actionNode, describeCycle, findCycle, milestoneNode, parseNode, type Edge, type NodeKey } from "./dependency-graph";
import { HIDDEN_ITEM } from "./rules";
import { getAction } from "./service.server";

/** One collator for every sort here: numeric, so "4.10" follows "4.9". */
const collator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

/** The projects whose items may be linked with this project's: its programme's, or just itself. */
export function linkScope(projectId: number, db: Conn = getDb()) {
  const project = db.select({ programmeId: projects.programmeId }).from(projects).where(eq(projects.id, projectId)).get();
  if (!project?.programmeId) return [projectId];
  return db.select({ id: projects.id }).from(projects).where(eq(projects.programmeId, project.programmeId)).all().map((p) => p.id);
}

/** The projects whose items this viewer may link with this project's action: in scope, and managed. */
export function linkableProjects({ viewer, projectId }: { viewer: Viewer; projectId: number }, db: Conn = getDb()) {
  if (!viewer.manages.has(projectId)) return [];
  return linkScope(projectId, db).filter((id) => viewer.manages.has(id));
}

export interface ScheduleItem {
  key: NodeKey;
  projectId: number;
  projectSlug: string;
  projectName: string;
  ref: string | null;
  name: string;
  status: string | null;
  dueDate: string | null;
  achievedDate: string | null;
  actionId: number | null;
}

const actionColumns = { id: actions.id, projectId: actions.projectId, slug: projects.slug, projectName: projects.name, ref: actions.ref, title: actions.title, status: actions.status, dueDate: actions.dueDate };
const milestoneColumns = { id: milestones.id, projectId: milestones.projectId, slug: projects.slug, projectName: projects.name, name: milestones.name, targetDate: milestones.targetDate, achievedDate: milestones.achievedDate };
type ActionRow = { id: number; projectId: number; slug: string; projectName: string; ref: string; title: string; status: string; dueDate: string | null };
type MilestoneRow = { id: number; projectId: number; slug: string; projectName: string; name: string; targetDate: string; achievedDate: string | null };
const fromAction = (a: ActionRow): ScheduleItem => ({ key: actionNode(a.id), projectId: a.projectId, projectSlug: a.slug, projectName: a.projectName, ref: a.ref, name: a.title, status: a.status, dueDate: a.dueDate, achievedDate: null, actionId: a.id });
const fromMilestone = (m: MilestoneRow): ScheduleItem => ({ key: milestoneNode(m.id), projectId: m.projectId, projectSlug: m.slug, projectName: m.projectName, ref: null, name: m.name, status: null, dueDate: m.targetDate, achievedDate: m.achievedDate, actionId: null });

/** These items (by key), wherever they are: two queries whatever their number. Callers decide who may read them. */
function itemsByKey(keys: Iterable<NodeKey>, db: Conn): Map<NodeKey, ScheduleItem> {
  const actionIds: number[] = [];
  const milestoneIds: number[] = [];
  for (const key of keys) {
    const node = parseNode(key);
    if (node?.kind === "action") actionIds.push(node.id);
    else if (node) milestoneIds.push(node.id);
  }
  const raw = db === getDb() ? linkStatements() : null;
  const acts = !actionIds.length
    ? []
    : raw
      ? (raw.actions.all(JSON.stringify(actionIds)) as ActionRow[])
      : db.select(actionColumns).from(actions).innerJoin(projects, eq(projects.id, actions.projectId)).where(inArray(actions.id, actionIds)).all();
  const mils = !milestoneIds.length
    ? []
    : raw
      ? (raw.milestones.all(JSON.stringify(milestoneIds)) as MilestoneRow[])
      : db.select(milestoneColumns).from(milestones).innerJoin(projects, eq(projects.id, milestones.projectId)).where(inArray(milestones.id, milestoneIds)).all();
  return new Map([...acts.map(fromAction), ...mils.map(fromMilestone)].map((i) => [i.key, i]));
}

// The action page's reads, prepared once per connection (drizzle builds its SQL again at each call).
function prepareLinkStatements(sqlite: ReturnType<typeof getSqlite>) {
  return {
    actions: sqlite.prepare(`
      select a.id, a.project_id as projectId, p.slug, p.name as projectName, a.ref, a.title, a.status, a.due_date as dueDate
      from actions a join projects p on p.id = a.project_id where a.id in (select value from json_each(?))`),
    milestones: sqlite.prepare(`
      select m.id, m.project_id as projectId, p.slug, p.name as projectName, m.name, m.target_date as targetDate, m.achieved_date as achievedDate
      from milestones m join projects p on p.id = m.project_id where m.id in (select value from json_each(?))`),
    // Two indexed look-ups, not one OR over both ends (which scans every dependency).
    linksOf: sqlite.prepare(`
      select id, predecessor_action_id as predecessorActionId, predecessor_milestone_id as predecessorMilestoneId,
             successor_action_id as successorActionId, successor_milestone_id as successorMilestoneId, lag_days as lagDays, created_at as createdAt
      from dependencies where predecessor_action_id = @id
      union
      select id, predecessor_action_id, predecessor_milestone_id, successor_action_id, successor_milestone_id, lag_days, created_at
      from dependencies where successor_action_id = @id
      order by 1`),
  };
}
const linkStatements = () => onceFor(prepareLinkStatements);

/** "4.2" for an action of this project, "rb-partnership 3.1" for another's, "milestone “Go live”". */
export function itemLabel(item: Pick<ScheduleItem, "projectId" | "projectSlug" | "ref" | "name">, fromProjectId: number) {
  const own = item.ref !== null ? item.ref : `milestone “${item.name}”`;
  return item.projectId === fromProjectId ? own : `${item.projectSlug} ${own}`;
}

/** An item's label for this viewer: "an item in another project" when they may not see its project. */
function labelFor(item: ScheduleItem | undefined, viewer: Viewer, fromProjectId: number) {
  return item && viewer.sees.has(item.projectId) ? itemLabel(item, fromProjectId) : HIDDEN_ITEM;
}

function edgesWithin(projectIds: number[], db: Conn): Edge[] {
  const acts = db.select({ id: actions.id }).from(actions).where(inArray(actions.projectId, projectIds));
  const mils = db.select({ id: milestones.id }).from(milestones).where(inArray(milestones.projectId, projectIds));
  return db
    .select()
    .from(dependencies)
    .where(or(inArray(dependencies.predecessorActionId, acts), inArray(dependencies.predecessorMilestoneId, mils)))
    .all()
    .map(edgeOf);
}

const predecessorOf = (d: typeof dependencies.$inferSelect) => (d.predecessorActionId ? actionNode(d.predecessorActionId) : milestoneNode(d.predecessorMilestoneId!));
const successorOf = (d: typeof dependencies.$inferSelect) => (d.successorActionId ? actionNode(d.successorActionId) : milestoneNode(d.successorMilestoneId!));
const edgeOf = (d: typeof dependencies.$inferSelect): Edge => ({ from: predecessorOf(d), to: successorOf(d) });

const endOf = (key: NodeKey) => {
  const node = parseNode(key)!;
  return node.kind === "action" ? { actionId: node.id, milestoneId: null } : { actionId: null, milestoneId: node.id };
};

/**
 * Links this action with another item. Refused unless the viewer manages both ends: an item they
 * may not see (or that does not exist, or is outside the programme) answers 404 exactly alike, one
 * they may see but not manage 403; either way nothing is written but the refusal's audit event.
 */
export function addDependency({
  actor,
  viewer,
  projectId,
  actionId,
  direction,
  item,
  lagDays,
}: {
  actor: Actor;
  viewer: Viewer;
  projectId: number;
  actionId: number;
  /** "predecessor": this action waits for `item`; "successor": `item` waits for this action. */
  direction: "predecessor" | "successor";
  item: string;
  lagDays: number;
}) {
  getAction({ projectId, actionId });
  const what = `link action ${actionId} with ${item}`;
  if (!viewer.manages.has(projectId)) refuseAccess({ actor, what, status: 403, projectId, message: "Only the project's managers can do that" });
  const scope = linkScope(projectId);
  const key = parseNode(item) ? (item as NodeKey) : null;
  const other = key ? itemsByKey([key], getDb()).get(key) : undefined;
  if (!other || !scope.includes(other.projectId) || !viewer.sees.has(other.projectId)) {
    refuseAccess({ actor, what, status: 404, projectId, message: "Action or milestone not found" });
  }
  if (!viewer.manages.has(other.projectId)) {
    refuseAccess({ actor, what, status: 403, projectId, message: "You can link only to items of projects you manage" });
  }
  const self = actionNode(actionId);
  if (other.key === self) throw new UserInputError({ item: "An action cannot depend on itself" });
  return write((tx) => {
    const link: Edge = direction === "predecessor" ? { from: other.key, to: self } : { from: self, to: other.key };
    const edges = edgesWithin(scope, tx);
    if (edges.some((e) => e.from === link.from && e.to === link.to)) {
      throw new UserInputError({ item: `${itemLabel(other, projectId)} is already linked to this action that way` });
    }
    const cycle = findCycle(edges, link);
    if (cycle) {
      const named = itemsByKey(cycle, tx);
      const text = describeCycle(cycle, (k) => labelFor(named.get(k), viewer, projectId));
      throw new UserInputError({ item: `That link would make a loop, so it cannot be added: ${text}` });
    }
    const pred = endOf(link.from);
    const succ = endOf(link.to);
    const dep = tx
      .insert(dependencies)
      .values({
        predecessorActionId: pred.actionId,
        predecessorMilestoneId: pred.milestoneId,
        successorActionId: succ.actionId,
        successorMilestoneId: succ.milestoneId,
        lagDays,
      })
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      event: "dependency.create",
      entityType: "dependency",
      entityId: dep.id,
      projectId,
      after: { predecessor: link.from, successor: link.to, lagDays, actionId },
      meta: other.projectId !== projectId ? { otherProjectId: other.projectId } : undefined,
    });
    return dep;
  });
}

/**
 * Only a link with this action at one end can be removed from its page, and only by someone who
 * manages the other end's project too.
 */
export function removeDependency({ actor, viewer, projectId, actionId, dependencyId }: { actor: Actor; viewer: Viewer; projectId: number; actionId: number; dependencyId: number }) {
  getAction({ projectId, actionId });
  const what = `remove link ${dependencyId} of action ${actionId}`;
  if (!viewer.manages.has(projectId)) refuseAccess({ actor, what, status: 403, projectId, message: "Only the project's managers can do that" });
  const dep = getDb()
    .select()
    .from(dependencies)
    .where(and(eq(dependencies.id, dependencyId), or(eq(dependencies.predecessorActionId, actionId), eq(dependencies.successorActionId, actionId))))
    .get();
  if (!dep) notFound("Link not found");
  const otherKey = dep.successorActionId === actionId ? predecessorOf(dep) : successorOf(dep);
  const other = itemsByKey([otherKey], getDb()).get(otherKey);
  if (other && !viewer.manages.has(other.projectId)) {
    refuseAccess({ actor, what, status: 403, projectId, message: "Only someone who manages both projects can remove this link" });
  }
  write((tx) => {
    tx.delete(dependencies).where(eq(dependencies.id, dependencyId)).run();
    recordAudit(tx, {
      actor,
      event: "dependency.delete",
      entityType: "dependency",
      entityId: dep.id,
      projectId,
      before: { predecessor: predecessorOf(dep), successor: successorOf(dep), lagDays: dep.lagDays, actionId },
      meta: other && other.projectId !== projectId ? { otherProjectId: other.projectId } : undefined,
    });
  });
}

/** A linked item as one viewer may read it: an item they may not see has no ref, title, status or date. */
export interface LinkView {
  dependencyId: number;
  lagDays: number;
  label: string;
  /** Null when hidden. */
  title: string | null;
  kind: "action" | "milestone" | "hidden";
  status: string | null;
  dueDate: string | null;
  achievedDate: string | null;
  href: string | null;
  /** The viewer manages both ends. */
  canRemove: boolean;
}

/** What this action waits for, and what waits for it, as this viewer may read them. */
export function actionLinks({ viewer, projectId, actionId }: { viewer: Viewer; projectId: number; actionId: number }, db: Conn = getDb()) {
  const deps =
    db === getDb()
      ? (linkStatements().linksOf.all({ id: actionId }) as (typeof dependencies.$inferSelect)[])
      : db
          .select()
          .from(dependencies)
          .where(or(eq(dependencies.predecessorActionId, actionId), eq(dependencies.successorActionId, actionId)))
          .orderBy(dependencies.id)
          .all();
  const items = itemsByKey(deps.flatMap((d) => [predecessorOf(d), successorOf(d)]), db);
  const managesHere = viewer.manages.has(projectId);
  const view = (key: NodeKey, d: (typeof deps)[number]): LinkView => {
    const item = items.get(key);
    if (!item || !viewer.sees.has(item.projectId)) {
      return { dependencyId: d.id, lagDays: d.lagDays, label: HIDDEN_ITEM, title: null, kind: "hidden", status: null, dueDate: null, achievedDate: null, href: null, canRemove: false };
    }
    return {
      dependencyId: d.id,
      lagDays: d.lagDays,
      label: itemLabel(item, projectId),
      title: item.ref !== null ? item.name : null,
      kind: item.actionId ? "action" : "milestone",
      status: item.status,
      dueDate: item.dueDate,
      achievedDate: item.achievedDate,
      href: item.actionId ? `/projects/${item.projectSlug}/actions/${item.actionId}` : `/projects/${item.projectSlug}/milestones`,
      canRemove: managesHere && viewer.manages.has(item.projectId),
    };
  };
  return {
    predecessors: deps.filter((d) => d.successorActionId === actionId).map((d) => view(predecessorOf(d), d)),
    successors: deps.filter((d) => d.predecessorActionId === actionId).map((d) => view(successorOf(d), d)),
  };
}

export const SEARCH_LIMIT = 20;

export interface LinkCandidate {
  key: NodeKey;
  label: string;
  title: string | null;
  projectName: string;
  own: boolean;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Items this viewer may link with this action whose reference or title contains `q`: found on
 * demand (never the whole programme in a list), this project's first, at most `limit`. Items
 * already linked with the action are left out.
 */
export function searchLinkCandidates(
  { viewer, projectId, actionId, q, limit = SEARCH_LIMIT }: { viewer: Viewer; projectId: number; actionId: number; q: string; limit?: number },
  db: Conn = getDb(),
): { items: LinkCandidate[]; total: number } {
  const text = q.trim();
  if (!text) return { items: [], total: 0 };
  const projectIds = linkableProjects({ viewer, projectId }, db);
  if (projectIds.length === 0) return { items: [], total: 0 };
  const pattern = likePattern(text);
  const linked = new Set(
    db
      .select()
      .from(dependencies)
      .where(or(eq(dependencies.predecessorActionId, actionId), eq(dependencies.successorActionId, actionId)))
      .all()
      .flatMap((d) => [predecessorOf(d), successorOf(d)]),
  );
  const acts = db
    .select(actionColumns)
    .from(actions)
    .innerJoin(projects, eq(projects.id, actions.projectId))
    .where(and(inArray(actions.projectId, projectIds), ne(actions.id, actionId), sql`(${actions.ref} like ${pattern} escape '\\' or ${actions.title} like ${pattern} escape '\\')`))
    .all();
  const mils = db
    .select(milestoneColumns)
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .where(and(inArray(milestones.projectId, projectIds), sql`${milestones.name} like ${pattern} escape '\\'`))
    .all();
  const needle = text.toLocaleLowerCase("en-GB");
  const matches = [...acts.map(fromAction), ...mils.map(fromMilestone)].filter((i) => !linked.has(i.key));
  // This project's first; then an exact reference, a reference that starts with the text, the rest.
  const rank = (i: ScheduleItem) => (i.ref !== null && collator.compare(i.ref, text) === 0 ? 0 : i.ref?.toLocaleLowerCase("en-GB").startsWith(needle) ? 1 : 2);
  matches.sort(
    (a, b) =>
      Number(b.projectId === projectId) - Number(a.projectId === projectId) ||
      rank(a) - rank(b) ||
      collator.compare(a.projectName, b.projectName) ||
      Number(a.ref === null) - Number(b.ref === null) ||
      collator.compare(a.ref ?? "", b.ref ?? "") ||
      collator.compare(a.name, b.name),
  );
  return {
    total: matches.length,
    items: matches.slice(0, limit).map((i) => ({
      key: i.key,
      label: itemLabel(i, projectId),
      title: i.ref !== null ? i.name : null,
      projectName: i.projectName,
      own: i.projectId === projectId,
    })),
  };
}
