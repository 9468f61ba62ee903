// Reads for the action pages: everything one action's page shows, and the choices its forms offer.
// A fixed number of queries per page, scoped by project.
import { asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import {
  actionOwners,
  actionRecommendations,
  dueDateChanges,
  people,
  progressNotes,
  projectRoles,
  projects,
  recommendations,
  stages,
  teams,
  workPackages,
} from "#db/schema";
import { getDb, prepared, type Conn } from "~/db.server";
import { actionLinks } from "./dependencies.server";
import type { Viewer } from "~/modules/auth/access.server";
import { redactFlag, seesOf } from "./redact";
import { flagLabel, FLAG_NAMES } from "./rules";
import { flagsForActions } from "./schedule.server";
import { teamsAvailableTo } from "~/modules/team/service.server";
import { getAction } from "./service.server";

/** Everything one action's page shows, as this viewer may read it, and nothing it does not show. */
export function actionDetail({ viewer, projectId, actionId, asOf }: { viewer: Viewer; projectId: number; actionId: number; asOf: string }, db: Conn = getDb()) {
  const row = getAction({ projectId, actionId }, db);
  const action = {
    id: row.id,
    ref: row.ref,
    title: row.title,
    status: row.status,
    blockedReason: row.blockedReason,
    percentComplete: row.percentComplete,
    description: row.description,
    expectedOutcomes: row.expectedOutcomes,
    plannedStart: row.plannedStart,
    dueDate: row.dueDate,
    deadlineText: row.deadlineText,
    baselineDueDate: row.baselineDueDate,
    completedDate: row.completedDate,
  };
  const q = db === getDb() ? prepared("action detail", detailQueries) : detailQueries(db);
  const workPackage = row.workPackageId ? q.workPackage.get({ id: row.workPackageId }) : undefined;
  const stage = row.stageId ? q.stage.get({ id: row.stageId }) : undefined;
  const owners = q.owners
    .all({ actionId })
    .map((o) => (o.personId ? { name: o.personName ?? "", initials: o.initials } : { name: o.teamName ?? "", initials: null }));
  const recs = q.recommendations.all({ actionId });
  const dueDateHistory = q.dueDateHistory.all({ actionId });
  const notes = q.notes.all({ actionId });
  return {
    action,
    workPackage: workPackage ?? null,
    stage: stage ?? null,
    owners,
    recommendations: recs,
    dueDateHistory,
    notes,
    links: actionLinks({ viewer, projectId, actionId }, db),
    flags: actionFlags({ viewer, actionId, asOf }),
  };
}

/** The page's queries, built and prepared once per connection (drizzle otherwise rebuilds each at every call). */
function detailQueries(db: Conn) {
  const id = sql.placeholder("id");
  const actionId = sql.placeholder("actionId");
  return {
    workPackage: db.select({ ref: workPackages.ref, name: workPackages.name }).from(workPackages).where(eq(workPackages.id, id)).prepare(),
    stage: db.select({ name: stages.name }).from(stages).where(eq(stages.id, id)).prepare(),
    owners: db
      .select({ personId: actionOwners.personId, teamId: actionOwners.teamId, personName: people.name, initials: people.initials, teamName: teams.name })
      .from(actionOwners)
      .leftJoin(people, eq(people.id, actionOwners.personId))
      .leftJoin(teams, eq(teams.id, actionOwners.teamId))
      .where(eq(actionOwners.actionId, actionId))
      .orderBy(asc(actionOwners.id))
      .prepare(),
    recommendations: db
      .select({ ref: recommendations.ref, title: recommendations.title })
      .from(actionRecommendations)
      .innerJoin(recommendations, eq(recommendations.id, actionRecommendations.recommendationId))
      .where(eq(actionRecommendations.actionId, actionId))
      .orderBy(asc(recommendations.ref))
      .prepare(),
    dueDateHistory: db
      .select({ id: dueDateChanges.id, oldDueDate: dueDateChanges.oldDueDate, newDueDate: dueDateChanges.newDueDate, reason: dueDateChanges.reason, changedAt: dueDateChanges.changedAt, by: people.name })
      .from(dueDateChanges)
      .leftJoin(people, eq(people.id, dueDateChanges.changedByPersonId))
      .where(eq(dueDateChanges.actionId, actionId))
      .orderBy(desc(dueDateChanges.changedAt), desc(dueDateChanges.id))
      .prepare(),
    notes: db
      .select({
        id: progressNotes.id,
        noteDate: progressNotes.noteDate,
        body: progressNotes.body,
        statusChange: progressNotes.statusChange,
        percentComplete: progressNotes.percentComplete,
        createdAt: progressNotes.createdAt,
        author: people.name,
      })
      .from(progressNotes)
      .leftJoin(people, eq(people.id, progressNotes.authorPersonId))
      .where(eq(progressNotes.actionId, actionId))
      .orderBy(desc(progressNotes.noteDate), desc(progressNotes.id))
      .prepare(),
  };
}

/**
 * The action's flags as of a date, each with its name and its reason in words, naming only items
 * the viewer may see. Loads just the action and the chain it depends on (flagsForActions), not the
 * whole project: the same flags, for a fraction of the work.
 */
export function actionFlags({ viewer, actionId, asOf }: { viewer: Viewer; actionId: number; asOf: string }) {
  const { result } = flagsForActions({ actionIds: [actionId], asOf });
  const sees = seesOf(viewer.sees);
  return (result.actions.get(actionId) ?? []).map((flag) => ({ kind: flag.kind, name: FLAG_NAMES[flag.kind], label: flagLabel(redactFlag(flag, sees)) }));
}

/**
 * The choices the new and edit forms offer. People: those with a role on the project and anyone
 * already owning one of its actions (a plan names officers who never sign in); teams: the
 * project's, its programme's and shared ones.
 */
/**
 * The people who may own an action of this project: those with a role on it, its manager, and
 * those who already own one of its actions. The form's list, the service's check and the
 * spreadsheet import's owner matching all use this one list, so an owner is never matched or
 * posted from outside it (another council's officer with the same initials, a guessed id).
 */
export function possibleOwners({ projectId }: { projectId: number }, db: Conn = getDb()) {
  const roleHolders = db.select({ id: projectRoles.personId }).from(projectRoles).where(eq(projectRoles.projectId, projectId));
  const owningPeople = db
    .select({ id: actionOwners.personId })
    .from(actionOwners)
    .where(sql`${actionOwners.actionId} in (select id from actions where project_id = ${projectId}) and ${actionOwners.personId} is not null`);
  const manager = db.select({ id: projects.managerPersonId }).from(projects).where(eq(projects.id, projectId));
  return db
    .select({ id: people.id, name: people.name, initials: people.initials, email: people.email })
    .from(people)
    .where(or(inArray(people.id, roleHolders), inArray(people.id, owningPeople), inArray(people.id, manager)))
    .orderBy(asc(people.name))
    .all();
}

export function actionFormOptions({ projectId }: { projectId: number }, db: Conn = getDb()) {
  const wps = db
    .select({ id: workPackages.id, ref: workPackages.ref, name: workPackages.name })
    .from(workPackages)
    .where(eq(workPackages.projectId, projectId))
    .orderBy(asc(workPackages.position), asc(workPackages.id))
    .all();
  const stageRows = wps.length
    ? db
        .select({ id: stages.id, name: stages.name, workPackageId: stages.workPackageId })
        .from(stages)
        .where(inArray(stages.workPackageId, wps.map((w) => w.id)))
        .orderBy(asc(stages.position), asc(stages.id))
        .all()
    : [];
  const wpRef = new Map(wps.map((w) => [w.id, w.ref]));
  const ppl = possibleOwners({ projectId }, db);
  const teamRows = teamsAvailableTo({ projectId }, db);
  const recs = db
    .select({ id: recommendations.id, ref: recommendations.ref, title: recommendations.title })
    .from(recommendations)
    .where(eq(recommendations.projectId, projectId))
    .orderBy(asc(recommendations.ref))
    .all();
  return {
    workPackages: wps.map((w) => ({ value: w.id, label: `${w.ref}: ${w.name}` })),
    stages: stageRows.map((s) => ({ value: s.id, label: `${wpRef.get(s.workPackageId)}: ${s.name}` })),
    people: ppl.map((p) => ({ value: p.id, label: p.initials ? `${p.name} (${p.initials})` : p.name })),
    teams: teamRows.map((t) => ({ value: t.id, label: t.name })),
    recommendations: recs.map((r) => ({ value: r.id, label: `${r.ref}: ${r.title}` })),
  };
}
