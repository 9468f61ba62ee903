// Finish-to-start links between an action and other schedule items (actions, milestones) of the
// same programme, or of the same project when it has no programme. Cycles are refused by name.
import { and, eq, inArray, or } from "drizzle-orm";
import { actions, dependencies, milestones, projects } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { notFound, UserInputError } from "~/utils/errors";
import { actionNode, describeCycle, findCycle, milestoneNode, parseNode, type Edge, type NodeKey } from "./dependency-graph";
import { getAction } from "./service.server";

/** The projects whose items may be linked with this project's: its programme's, or just itself. */
export function linkScope(projectId: number, db: Conn = getDb()) {
  const project = db.select({ programmeId: projects.programmeId }).from(projects).where(eq(projects.id, projectId)).get();
  if (!project?.programmeId) return [projectId];
  return db.select({ id: projects.id }).from(projects).where(eq(projects.programmeId, project.programmeId)).all().map((p) => p.id);
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

/** Every action and milestone in the scope, for the "add a link" list and for naming cycles. */
export function scheduleItems(projectIds: number[], db: Conn = getDb()): ScheduleItem[] {
  if (!projectIds.length) return [];
  const acts = db
    .select({ id: actions.id, projectId: actions.projectId, slug: projects.slug, projectName: projects.name, ref: actions.ref, title: actions.title, status: actions.status, dueDate: actions.dueDate })
    .from(actions)
    .innerJoin(projects, eq(projects.id, actions.projectId))
    .where(inArray(actions.projectId, projectIds))
    .all();
  const mils = db
    .select({ id: milestones.id, projectId: milestones.projectId, slug: projects.slug, projectName: projects.name, name: milestones.name, targetDate: milestones.targetDate, achievedDate: milestones.achievedDate })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .where(inArray(milestones.projectId, projectIds))
    .all();
  return [
    ...acts.map((a) => ({ key: actionNode(a.id), projectId: a.projectId, projectSlug: a.slug, projectName: a.projectName, ref: a.ref, name: a.title, status: a.status, dueDate: a.dueDate, achievedDate: null, actionId: a.id })),
    ...mils.map((m) => ({ key: milestoneNode(m.id), projectId: m.projectId, projectSlug: m.slug, projectName: m.projectName, ref: null, name: m.name, status: null, dueDate: m.targetDate, achievedDate: m.achievedDate, actionId: null })),
  ];
}

/** "4.2" for an action of this project, "rb-partnership 3.1" for another's, "milestone “Go live”". */
export function itemLabel(item: Pick<ScheduleItem, "projectId" | "projectSlug" | "ref" | "name">, fromProjectId: number) {
  const own = item.ref !== null ? item.ref : `milestone “${item.name}”`;
  return item.projectId === fromProjectId ? own : `${item.projectSlug} ${own}`;
}

function edgesWithin(projectIds: number[], db: Conn): Edge[] {
  const acts = db.select({ id: actions.id }).from(actions).where(inArray(actions.projectId, projectIds));
  const mils = db.select({ id: milestones.id }).from(milestones).where(inArray(milestones.projectId, projectIds));
  return db
    .select()
    .from(dependencies)
    .where(or(inArray(dependencies.predecessorActionId, acts), inArray(dependencies.predecessorMilestoneId, mils)))
    .all()
    .map((d) => ({
      from: d.predecessorActionId ? actionNode(d.predecessorActionId) : milestoneNode(d.predecessorMilestoneId!),
      to: d.successorActionId ? actionNode(d.successorActionId) : milestoneNode(d.successorMilestoneId!),
    }));
}

const endOf = (key: NodeKey) => {
  const node = parseNode(key)!;
  return node.kind === "action" ? { actionId: node.id, milestoneId: null } : { actionId: null, milestoneId: node.id };
};

export function addDependency({
  actor,
  projectId,
  actionId,
  direction,
  item,
  lagDays,
}: {
  actor: Actor;
  projectId: number;
  actionId: number;
  /** "predecessor": this action waits for `item`; "successor": `item` waits for this action. */
  direction: "predecessor" | "successor";
  item: string;
  lagDays: number;
}) {
  return write((tx) => {
    getAction({ projectId, actionId }, tx);
    const scope = linkScope(projectId, tx);
    const items = new Map(scheduleItems(scope, tx).map((i) => [i.key, i]));
    const other = items.get(item as NodeKey);
    if (!other) throw new UserInputError({ item: "Choose an action or milestone from the list" });
    const self = actionNode(actionId);
    const link: Edge = direction === "predecessor" ? { from: other.key, to: self } : { from: self, to: other.key };
    const edges = edgesWithin(scope, tx);
    if (edges.some((e) => e.from === link.from && e.to === link.to)) {
      throw new UserInputError({ item: `${itemLabel(other, projectId)} is already linked to this action that way` });
    }
    const cycle = findCycle(edges, link);
    if (cycle) {
      const named = describeCycle(cycle, (k) => (items.get(k) ? itemLabel(items.get(k)!, projectId) : k));
      throw new UserInputError({ item: `That link would make a loop, so it cannot be added: ${named}` });
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
    });
    return dep;
  });
}

/** Only a link with this action at one end can be removed from its page. */
export function removeDependency({ actor, projectId, actionId, dependencyId }: { actor: Actor; projectId: number; actionId: number; dependencyId: number }) {
  return write((tx) => {
    getAction({ projectId, actionId }, tx);
    const dep = tx
      .select()
      .from(dependencies)
      .where(and(eq(dependencies.id, dependencyId), or(eq(dependencies.predecessorActionId, actionId), eq(dependencies.successorActionId, actionId))))
      .get();
    if (!dep) notFound("Link not found");
    tx.delete(dependencies).where(eq(dependencies.id, dependencyId)).run();
    recordAudit(tx, {
      actor,
      event: "dependency.delete",
      entityType: "dependency",
      entityId: dep.id,
      projectId,
      before: {
        predecessor: dep.predecessorActionId ? actionNode(dep.predecessorActionId) : milestoneNode(dep.predecessorMilestoneId!),
        successor: dep.successorActionId ? actionNode(dep.successorActionId) : milestoneNode(dep.successorMilestoneId!),
        lagDays: dep.lagDays,
        actionId,
      },
    });
  });
}

export interface LinkedItem extends ScheduleItem {
  dependencyId: number;
  lagDays: number;
  label: string;
}

/** What this action waits for, and what waits for it. */
export function actionLinks({ projectId, actionId }: { projectId: number; actionId: number }, db: Conn = getDb()) {
  const deps = db
    .select()
    .from(dependencies)
    .where(or(eq(dependencies.predecessorActionId, actionId), eq(dependencies.successorActionId, actionId)))
    .all();
  const keys = new Set<NodeKey>();
  for (const d of deps) {
    keys.add(d.predecessorActionId ? actionNode(d.predecessorActionId) : milestoneNode(d.predecessorMilestoneId!));
    keys.add(d.successorActionId ? actionNode(d.successorActionId) : milestoneNode(d.successorMilestoneId!));
  }
  const items = new Map(scheduleItems(linkScope(projectId, db), db).filter((i) => keys.has(i.key)).map((i) => [i.key, i]));
  const linked = (key: NodeKey, d: (typeof deps)[number]): LinkedItem[] => {
    const item = items.get(key);
    return item ? [{ ...item, dependencyId: d.id, lagDays: d.lagDays, label: itemLabel(item, projectId) }] : [];
  };
  return {
    predecessors: deps
      .filter((d) => d.successorActionId === actionId)
      .flatMap((d) => linked(d.predecessorActionId ? actionNode(d.predecessorActionId) : milestoneNode(d.predecessorMilestoneId!), d)),
    successors: deps
      .filter((d) => d.predecessorActionId === actionId)
      .flatMap((d) => linked(d.successorActionId ? actionNode(d.successorActionId) : milestoneNode(d.successorMilestoneId!), d)),
  };
}

/** Options for the "add a link" list, this project's items first. */
export function linkOptions({ projectId, actionId }: { projectId: number; actionId: number }, db: Conn = getDb()) {
  return scheduleItems(linkScope(projectId, db), db)
    .filter((i) => i.key !== actionNode(actionId))
    .sort((a, b) => Number(b.projectId === projectId) - Number(a.projectId === projectId) || a.projectName.localeCompare(b.projectName) || (a.ref ?? "~").localeCompare(b.ref ?? "~", "en", { numeric: true }) || a.name.localeCompare(b.name))
    .map((i) => ({ value: i.key, label: `${itemLabel(i, projectId)}${i.ref !== null ? `: ${i.name}` : ""}${i.projectId === projectId ? "" : ` (${i.projectName})`}` }));
}
