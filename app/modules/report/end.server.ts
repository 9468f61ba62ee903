// The end project report (PRINCE2 closure), drafted from live data like a highlight report: what
// was delivered against the plan and its baselines, the benefits so far and who reviews them
// next, the open actions and risks handed over, the decisions taken and the lessons learned.
// A fixed number of grouped queries on top of the highlight report's.
import { eq, inArray } from "drizzle-orm";
import { actionOwners, actions, people, programmes, projects, teams } from "#db/schema";
import { getDb, type Conn } from "~/db.server";
import type { Viewer } from "~/modules/auth/access.server";
import type { EndContent, HandoverAction } from "./content";
import { projectBodies, reportMeta, type DraftInput } from "./draft.server";
import { loadHandoverBenefits } from "./seams.server";
import type { Overrides } from "./rag";

const refCollator = new Intl.Collator("en", { numeric: true });
const byRef = (a: { ref: string }, b: { ref: string }) => refCollator.compare(a.ref, b.ref);

function ownersOf(actionIds: number[], db: Conn) {
  const out = new Map<number, string[]>();
  if (actionIds.length === 0) return out;
  const rows = db
    .select({ actionId: actionOwners.actionId, person: people.name, team: teams.name })
    .from(actionOwners)
    .leftJoin(people, eq(people.id, actionOwners.personId))
    .leftJoin(teams, eq(teams.id, actionOwners.teamId))
    .where(inArray(actionOwners.actionId, actionIds))
    .all();
  for (const r of rows) {
    const name = r.person ?? r.team;
    if (!name) continue;
    const list = out.get(r.actionId);
    if (list) list.push(name);
    else out.set(r.actionId, [name]);
  }
  return out;
}

export function draftEnd({ projectId, ...input }: DraftInput & { projectId: number }, db: Conn = getDb()): EndContent {
  const project = db.select().from(projects).where(eq(projects.id, projectId)).get();
  if (!project) throw new Error(`no project ${projectId}`);
  const programme = project.programmeId ? db.select({ name: programmes.name }).from(programmes).where(eq(programmes.id, project.programmeId)).get() : undefined;
  const viewer: Viewer = input.viewer;
  const body = projectBodies({ projectList: [project], period: input.period, asOf: input.asOf, viewer, overrides: input.edits.overrides as Overrides, featuredRisks: [], allOpenRisks: true }, db).get(project.id)!;

  const rows = db
    .select({ id: actions.id, ref: actions.ref, title: actions.title, status: actions.status, dueDate: actions.dueDate, baselineDueDate: actions.baselineDueDate, completedDate: actions.completedDate })
    .from(actions)
    .where(eq(actions.projectId, project.id))
    .all();
  const done = rows.filter((a) => a.status === "done");
  const open = rows.filter((a) => a.status !== "done" && a.status !== "cancelled").sort(byRef);
  const timed = done.filter((a) => a.completedDate && a.baselineDueDate);
  const flagText = new Map(body.flagged.map((f) => [f.key, f.flags]));
  const owners = ownersOf(open.map((a) => a.id), db);
  const handoverActions: HandoverAction[] = open.map((a) => ({ ref: a.ref, title: a.title, date: a.dueDate, flags: flagText.get(`a:${a.id}`) ?? [], owners: (owners.get(a.id) ?? []).join(", ") }));

  return {
    kind: "end",
    ...reportMeta(input),
    project: { name: project.name, slug: project.slug, manager: body.project.manager, purpose: project.purpose },
    programme: programme?.name ?? null,
    rag: body.rag,
    narrative: input.edits.narrative,
    delivery: {
      total: rows.length,
      done: done.length,
      cancelled: rows.filter((a) => a.status === "cancelled").length,
      open: open.length,
      doneOnTime: timed.filter((a) => a.completedDate! <= a.baselineDueDate!).length,
      doneLate: timed.filter((a) => a.completedDate! > a.baselineDueDate!).length,
      baselineEnd: body.tolerances.baselineEnd,
      forecastEnd: body.tolerances.forecastEnd,
      toleranceDays: body.tolerances.toleranceDays,
      cost: body.tolerances.cost,
    },
    milestones: body.milestones,
    benefits: loadHandoverBenefits(project.id, viewer, input.asOf),
    handover: { actions: handoverActions, risks: body.risks.key },
    decisions: body.thisPeriod.decisions,
    recommendations: body.recommendations,
  };
}
