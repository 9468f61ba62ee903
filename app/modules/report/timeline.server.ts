// What the report's timeline (timeline.ts) reads: the projects' work packages, stages and dated
// actions, in three grouped queries whatever the size of the plan, with each action's flags and
// the milestones taken from the report body already drafted.
import { asc, inArray } from "drizzle-orm";
import { actions, stages, workPackages } from "#db/schema";
import type { Conn } from "~/db.server";
import type { HighlightBody } from "./content";
import { reportTimeline, type TimelineProjectInput, type TimelineStageInput } from "./timeline";

export function draftTimeline({ projects, bodies, asOf, title }: { projects: Array<{ id: number; name: string }>; bodies: Map<number, HighlightBody>; asOf: string; title: string }, db: Conn) {
  const ids = projects.map((p) => p.id);
  if (ids.length === 0) return null;
  const wps = db.select({ id: workPackages.id, projectId: workPackages.projectId, ref: workPackages.ref, name: workPackages.name }).from(workPackages).where(inArray(workPackages.projectId, ids)).orderBy(asc(workPackages.position), asc(workPackages.id)).all();
  const stageRows = wps.length
    ? db.select({ id: stages.id, workPackageId: stages.workPackageId, name: stages.name, plannedStart: stages.plannedStart, plannedEnd: stages.plannedEnd }).from(stages).where(inArray(stages.workPackageId, wps.map((w) => w.id))).orderBy(asc(stages.position), asc(stages.id)).all()
    : [];
  const actionRows = db.select({ id: actions.id, projectId: actions.projectId, workPackageId: actions.workPackageId, stageId: actions.stageId, status: actions.status, start: actions.plannedStart, due: actions.dueDate }).from(actions).where(inArray(actions.projectId, ids)).all();
  const flags = new Map<string, string[]>();
  for (const b of bodies.values()) for (const f of b.flagged) flags.set(f.key, f.flags);

  const byStage = new Map<number, TimelineStageInput>();
  const byWp = new Map<number, { label: string; stages: TimelineStageInput[]; loose: TimelineStageInput }>();
  for (const w of wps) byWp.set(w.id, { label: `${w.ref} ${w.name}`, stages: [], loose: { name: "Other actions", plannedStart: null, plannedEnd: null, actions: [] } });
  for (const s of stageRows) {
    const stage = { name: s.name, plannedStart: s.plannedStart, plannedEnd: s.plannedEnd, actions: [] };
    byStage.set(s.id, stage);
    byWp.get(s.workPackageId)?.stages.push(stage);
  }
  const unplaced = new Map<number, TimelineStageInput>();
  for (const a of actionRows) {
    const line = { status: a.status, start: a.start, due: a.due, flags: flags.get(`a:${a.id}`) ?? [] };
    const target = (a.stageId !== null ? byStage.get(a.stageId) : undefined) ?? (a.workPackageId !== null ? byWp.get(a.workPackageId)?.loose : undefined);
    if (target) target.actions.push(line);
    else {
      let other = unplaced.get(a.projectId);
      if (!other) unplaced.set(a.projectId, (other = { name: "Actions outside a work package", plannedStart: null, plannedEnd: null, actions: [] }));
      other.actions.push(line);
    }
  }
  const input: TimelineProjectInput[] = projects.map((p) => {
    const own = wps.filter((w) => w.projectId === p.id).map((w) => {
      const wp = byWp.get(w.id)!;
      return { label: wp.label, stages: wp.loose.actions.length ? [...wp.stages, wp.loose] : wp.stages };
    });
    const other = unplaced.get(p.id);
    return {
      name: p.name,
      workPackages: other ? [...own, { label: "Other", stages: [other] }] : own,
      milestones: (bodies.get(p.id)?.milestones ?? []).map((m) => ({ name: m.name, target: m.target, achieved: m.achieved, flags: m.flags })),
    };
  });
  return reportTimeline({ projects: input, asOf, title });
}
