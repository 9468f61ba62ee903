// Loads the dependency graph of one project or of a programme's visible projects: the items, their
// links, flags (from the one shared rules path) and work packages, in a fixed number of queries.
// Items in projects the reader may not see are kept as hidden nodes, so a chain still shows that
// something elsewhere stands in the way without saying what.
import { asc, eq, inArray } from "drizzle-orm";
import { actions, projects, workPackageLinks, workPackages } from "#db/schema";
import { getDb, getSqlite } from "~/db.server";
import { actionNode, milestoneNode, type NodeKey } from "~/modules/action/dependency-graph";
import { FLAG_NAMES, flagTagText } from "~/modules/action/plan-view";
import { flagLabel, whyText, type Flag, type IsoDate, type ItemRef } from "~/modules/action/rules";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { visibleProjects } from "~/modules/auth/access.server";
import type { SessionUser } from "~/modules/auth/session.server";
import {
  HIDDEN_LABEL,
  redactChain,
  type BlockedChain,
  type ChainItem,
  type GraphEdge,
  type GraphFlag,
  type GraphNode,
  type GraphWorkPackage,
  type ItemGraph,
} from "./graph";
import { actionKey, cpmDependencies, milestoneKey, planCriticalPath, ruleItemKey } from "./critical-items";
import { edgeKey } from "./critical-path";

export interface DependencyGraph extends ItemGraph {
  chains: BlockedChain[];
}

/** Does this flag mention an item (in its causes, roots or anything else) the reader may not see? */
function mentionsHidden(value: unknown, visible: Set<number>): boolean {
  if (Array.isArray(value)) return value.some((v) => mentionsHidden(v, visible));
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if ((o.kind === "action" || o.kind === "milestone") && typeof o.id === "number" && typeof o.projectId === "number" && !visible.has(o.projectId)) return true;
    return Object.values(o).some((v) => mentionsHidden(v, visible));
  }
  return false;
}

/**
 * Flags as tags and sentences, whatever kinds the rules return. A sentence that would name an
 * item the reader may not see is replaced by the flag's name and "an item in another project".
 */
export function graphFlags(flags: readonly Flag[], visible: Set<number>, chainText?: string): GraphFlag[] {
  return flags.map((f) => {
    const name = (FLAG_NAMES as Record<string, string>)[f.kind] ?? f.kind;
    const tag = flagTagText(f) ?? name;
    let text: string;
    if (f.kind === "blocked" && chainText) text = chainText;
    else if (mentionsHidden(f, visible)) text = `${name}: involves ${HIDDEN_LABEL}`;
    else text = flagLabel(f) ?? name;
    return { kind: f.kind, tag, text };
  });
}

export function loadDependencyGraph({
  user,
  projectIds,
  asOf,
}: {
  user: SessionUser;
  /** The page's projects: one project, or the visible projects of a programme. */
  projectIds: number[];
  asOf: IsoDate;
}): DependencyGraph {
  const db = getDb();
  const visible = new Set(visibleProjects(user).map((p) => p.id));
  const scope = projectIds.filter((id) => visible.has(id));
  const inScope = new Set(scope);
  const flagged = flagsForProjects({ projectIds: scope, asOf }, getSqlite());
  const { schedule, result } = flagged;

  // Successors outside the scope (what waits for these items elsewhere): one query.
  const outsideNext = getSqlite()
    .prepare(
      `select d.predecessor_action_id as pa, d.predecessor_milestone_id as pm, d.lag_days as lagDays,
              d.successor_action_id as sa, d.successor_milestone_id as sm,
              coalesce(sa.project_id, sm.project_id) as projectId,
              p.slug as slug, p.name as projectName, sa.ref as ref, coalesce(sa.title, sm.name) as title
       from dependencies d
       left join actions pa on pa.id = d.predecessor_action_id
       left join milestones pm on pm.id = d.predecessor_milestone_id
       left join actions sa on sa.id = d.successor_action_id
       left join milestones sm on sm.id = d.successor_milestone_id
       join projects p on p.id = coalesce(sa.project_id, sm.project_id)
       where coalesce(pa.project_id, pm.project_id) in (select value from json_each(@ids))
         and coalesce(sa.project_id, sm.project_id) not in (select value from json_each(@ids))`,
    )
    .all({ ids: JSON.stringify(scope) }) as Array<{
    pa: number | null;
    pm: number | null;
    sa: number | null;
    sm: number | null;
    lagDays: number;
    projectId: number;
    slug: string;
    projectName: string;
    ref: string | null;
    title: string;
  }>;

  // The critical path over the scope's own items, as the timeline draws it.
  const scopeKeys = new Set<string>([...flagged.actions.map((x) => actionKey(x.action.id)), ...flagged.milestones.map((x) => milestoneKey(x.milestone.id))]);
  const cpm = planCriticalPath({
    actions: flagged.actions.map((x) => x.action),
    milestones: flagged.milestones.map((x) => x.milestone),
    dependencies: cpmDependencies(schedule.dependencies, (k) => scopeKeys.has(k)).inScope,
  });
  const isCritical = (key: string) => cpm.times.get(key)?.critical ?? false;

  const projectById = new Map(schedule.projects.map((p) => [p.id, p]));
  for (const o of outsideNext) if (!projectById.has(o.projectId)) projectById.set(o.projectId, { id: o.projectId, slug: o.slug, name: o.projectName, programmeId: null, settings: { dueSoonDays: 14, staleDays: 30 } });

  const actionIds = schedule.actions.map((a) => a.id);
  const wpOfAction = new Map(
    (actionIds.length ? db.select({ id: actions.id, wp: actions.workPackageId }).from(actions).where(inArray(actions.id, actionIds)).all() : []).map((r) => [r.id, r.wp]),
  );
  const wpRows = scope.length
    ? db
        .select({ id: workPackages.id, ref: workPackages.ref, name: workPackages.name, projectId: workPackages.projectId, slug: projects.slug, projectName: projects.name })
        .from(workPackages)
        .innerJoin(projects, eq(projects.id, workPackages.projectId))
        .where(inArray(workPackages.projectId, scope))
        .orderBy(asc(projects.name), asc(workPackages.position), asc(workPackages.id))
        .all()
    : [];
  const wpIds = wpRows.map((w) => w.id);
  const links = wpIds.length
    ? db.select({ from: workPackageLinks.fromWorkPackageId, to: workPackageLinks.toWorkPackageId }).from(workPackageLinks).where(inArray(workPackageLinks.fromWorkPackageId, wpIds)).all()
    : [];
  const several = scope.length > 1;
  const workPackagesOut: GraphWorkPackage[] = wpRows.map((w) => ({
    id: w.id,
    ref: w.ref,
    name: w.name,
    href: `/projects/${w.slug}/work-packages/${w.id}`,
    projectName: several ? w.projectName : null,
  }));

  const labelOf = (item: { kind: "action" | "milestone"; projectId: number; ref?: string | null; title: string }) => {
    if (!visible.has(item.projectId)) return HIDDEN_LABEL;
    const own = item.kind === "action" ? item.ref! : `milestone “${item.title}”`;
    return inScope.has(item.projectId) || item.kind === "milestone" ? own : `${projectById.get(item.projectId)?.slug ?? ""} ${own}`;
  };
  const chainItem = (ref: ItemRef): ChainItem => {
    const key = ref.kind === "action" ? actionNode(ref.id) : milestoneNode(ref.id);
    const title = ref.kind === "action" ? ref.title : ref.name;
    return { key, hidden: !visible.has(ref.projectId), label: labelOf({ kind: ref.kind, projectId: ref.projectId, ref: ref.kind === "action" ? ref.ref : null, title }) };
  };

  const chains: BlockedChain[] = [];
  const chainTextFor = new Map<number, string>();
  for (const a of schedule.actions) {
    if (!inScope.has(a.projectId)) continue;
    const blocked = result.actions.get(a.id)?.find((f) => f.kind === "blocked");
    if (!blocked || blocked.kind !== "blocked") continue;
    const item = chainItem({ kind: "action", id: a.id, projectId: a.projectId, ref: a.ref, title: a.title });
    const mine = blocked.roots.map((r) => redactChain({ item, path: r.path.map(chainItem), why: r.why.map(whyText).join(" and ") }));
    chains.push(...mine);
    const sentences = mine.map((c) => {
      const hops = c.path.map((h) => h.label);
      return `${hops.join(", which waits for ")}${c.why ? `, which ${c.why}` : ""}`;
    });
    const own = blocked.reason !== null ? `Blocked: ${blocked.reason}` : "";
    chainTextFor.set(a.id, [own, sentences.length ? `Waits for ${sentences.join("; and for ")}` : ""].filter(Boolean).join(". ") || "Blocked");
  }

  const hrefFor = (kind: "action" | "milestone", projectId: number, id: number) => {
    const slug = projectById.get(projectId)?.slug;
    return kind === "action" ? `/projects/${slug}/actions/${id}` : `/projects/${slug}/milestones`;
  };
  const hiddenNode = (key: NodeKey, kind: "action" | "milestone"): GraphNode => ({
    key,
    kind,
    hidden: true,
    ref: null,
    title: HIDDEN_LABEL,
    href: null,
    workPackageId: null,
    projectName: null,
    flags: [],
    critical: false,
  });
  const nodes: GraphNode[] = [];
  for (const a of schedule.actions) {
    const key = actionNode(a.id);
    if (!visible.has(a.projectId)) {
      nodes.push(hiddenNode(key, "action"));
      continue;
    }
    nodes.push({
      key,
      kind: "action",
      hidden: false,
      ref: a.ref,
      title: a.title,
      href: hrefFor("action", a.projectId, a.id),
      workPackageId: inScope.has(a.projectId) ? (wpOfAction.get(a.id) ?? null) : null,
      projectName: inScope.has(a.projectId) ? null : (projectById.get(a.projectId)?.name ?? null),
      flags: graphFlags(result.actions.get(a.id) ?? [], visible, chainTextFor.get(a.id)),
      critical: isCritical(actionKey(a.id)),
    });
  }
  for (const m of schedule.milestones) {
    const key = milestoneNode(m.id);
    if (!visible.has(m.projectId)) {
      nodes.push(hiddenNode(key, "milestone"));
      continue;
    }
    nodes.push({
      key,
      kind: "milestone",
      hidden: false,
      ref: null,
      title: m.name,
      href: hrefFor("milestone", m.projectId, m.id),
      workPackageId: null,
      projectName: inScope.has(m.projectId) ? null : (projectById.get(m.projectId)?.name ?? null),
      flags: graphFlags(result.milestones.get(m.id) ?? [], visible),
      critical: isCritical(milestoneKey(m.id)),
    });
  }
  const edges: GraphEdge[] = schedule.dependencies.map((d) => ({
    from: d.predecessor.kind === "action" ? actionNode(d.predecessor.id) : milestoneNode(d.predecessor.id),
    to: d.successor.kind === "action" ? actionNode(d.successor.id) : milestoneNode(d.successor.id),
    lagDays: d.lagDays,
    critical: cpm.criticalEdges.has(edgeKey(ruleItemKey(d.predecessor), ruleItemKey(d.successor))),
  }));
  const present = new Set(nodes.map((n) => n.key));
  for (const o of outsideNext) {
    const kind = o.sa !== null ? "action" : "milestone";
    const key = o.sa !== null ? actionNode(o.sa) : milestoneNode(o.sm!);
    if (!present.has(key)) {
      present.add(key);
      nodes.push(
        visible.has(o.projectId)
          ? { key, kind, hidden: false, ref: o.ref, title: o.title, href: hrefFor(kind, o.projectId, o.sa ?? o.sm!), workPackageId: null, projectName: o.projectName, flags: [], critical: false }
          : hiddenNode(key, kind),
      );
    }
    edges.push({ from: o.pa !== null ? actionNode(o.pa) : milestoneNode(o.pm!), to: key, lagDays: o.lagDays });
  }
  // Milestones are loaded for the scope even when unlinked: keep only linked ones and linked
  // or scoped actions, so the picture is about dependencies.
  const linked = new Set<NodeKey>();
  for (const e of edges) {
    linked.add(e.from);
    linked.add(e.to);
  }
  return {
    nodes: nodes.filter((n) => linked.has(n.key)),
    edges,
    workPackages: workPackagesOut,
    workPackageLinks: links,
    chains,
  };
}

/** The projects of a programme the user may see, for the programme page's scope. */
export function programmeScope(user: SessionUser, programmeId: number) {
  return visibleProjects(user, programmeId).map((p) => p.id);
}
