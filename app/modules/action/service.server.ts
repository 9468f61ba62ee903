// Actions: create, edit, cancel (never delete), progress notes. Every write is audited in its own
// transaction; every function is scoped by projectId so another project's action is "not found".
import { teamsAvailableTo } from "~/modules/team/service.server";
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  actionOwners,
  actionRecommendations,
  actions,
  auditEvents,
  dueDateChanges,
  people,
  progressNotes,
  recommendations,
  stages,
  teamMembers,
  teams,
  workPackages,
  type ActionStatus,
} from "#db/schema";
import { getDb, prepared, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { refuseAccess } from "~/modules/auth/access.server";
import { forbidden, notFound, UserInputError } from "~/utils/errors";
import { parseDeadline } from "./deadline";
import { todayInLondon } from "./rules";
import { formatDate } from "~/components/layout";
import { ACTION_STATUS_LABELS, type ActionInput, type EditActionInput, type ProgressNoteInput } from "./forms";
import { staleEditErrors, type FieldChange } from "./stale";
import { possibleOwners } from "./detail.server";

export type Action = typeof actions.$inferSelect;


/** One action, only when it belongs to this project; otherwise 404 (existence does not leak). */
export function getAction({ projectId, actionId }: { projectId: number; actionId: number }, db: Conn = getDb()): Action {
  const byId = (d: Conn) => d.select().from(actions).where(and(eq(actions.id, sql.placeholder("actionId")), eq(actions.projectId, sql.placeholder("projectId")))).prepare();
  const action = Number.isInteger(actionId) ? (db === getDb() ? prepared("action by id", byId) : byId(db)).get({ actionId, projectId }) : undefined;
  if (!action) notFound("Action not found");
  return action;
}

/** An owner is a person named as owner, or a member of a team named as owner. */
export function isActionOwner({ actionId, personId }: { actionId: number; personId: number }, db: Conn = getDb()) {
  const viaTeam = db.select({ id: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.personId, personId));
  const row = db
    .select({ id: actionOwners.id })
    .from(actionOwners)
    .where(
      and(
        eq(actionOwners.actionId, actionId),
        sql`(${actionOwners.personId} = ${personId} or ${actionOwners.teamId} in ${viaTeam})`,
      ),
    )
    .get();
  return Boolean(row);
}

/** The lead of the work package the action belongs to. */
export function leadsActionWorkPackage({ actionId, personId }: { actionId: number; personId: number }, db: Conn = getDb()) {
  const row = db
    .select({ id: actions.id })
    .from(actions)
    .innerJoin(workPackages, eq(workPackages.id, actions.workPackageId))
    .where(and(eq(actions.id, actionId), eq(workPackages.leadPersonId, personId)))
    .get();
  return Boolean(row);
}

/**
 * May add progress notes and change status and percent complete (not dates or owners): the
 * action's owners and the lead of its work package (DESIGN.md), besides the project's managers.
 */
export function canUpdateActionProgress({ actionId, personId }: { actionId: number; personId: number }, db: Conn = getDb()) {
  return isActionOwner({ actionId, personId }, db) || leadsActionWorkPackage({ actionId, personId }, db);
}

/** A 403 with its `access.refused` audit event, for progress on an action the person may not update. */
export function refuseActionUpdate({ actor, projectId, what, request }: { actor: Actor; projectId: number; what: string; request: Request }): never {
  refuseAccess({ actor, projectId, what, request, status: 403, message: "Only the action's owners, its work-package lead and the project's managers can do that" });
}

export interface ActionPermissions {
  canManage: boolean;
  /** Add progress notes, change status and percent complete. */
  canUpdateProgress: boolean;
}

export function actionPermissions(
  { canManage, actionId, personId }: { canManage: boolean; actionId: number; personId: number },
  db: Conn = getDb(),
): ActionPermissions {
  return { canManage, canUpdateProgress: canManage || canUpdateActionProgress({ actionId, personId }, db) };
}

/** The action with its owners and recommendations as id lists: what an audit event compares. */
function snapshot(tx: Conn, action: Action) {
  const owners = tx.select().from(actionOwners).where(eq(actionOwners.actionId, action.id)).all();
  const recs = tx
    .select({ id: actionRecommendations.recommendationId })
    .from(actionRecommendations)
    .where(eq(actionRecommendations.actionId, action.id))
    .all();
  const { createdAt: _c, updatedAt: _u, ...fields } = action;
  return {
    ...fields,
    ownerPersonIds: owners.flatMap((o) => (o.personId ? [o.personId] : [])).sort((a, b) => a - b),
    ownerTeamIds: owners.flatMap((o) => (o.teamId ? [o.teamId] : [])).sort((a, b) => a - b),
    recommendationIds: recs.map((r) => r.id).sort((a, b) => a - b),
  };
}
export type ActionSnapshot = ReturnType<typeof snapshot>;

/** The action as the edit form shows it: its fields with owner and recommendation ids. */
export function actionForEditing({ projectId, actionId }: { projectId: number; actionId: number }, db: Conn = getDb()) {
  return snapshot(db, getAction({ projectId, actionId }, db));
}

/** Business rules that need the database: unique ref, stage in work package, owners and recommendations exist. */
function checkReferences(tx: Conn, projectId: number, input: ActionInput, actionId?: number) {
  const errors: Record<string, string> = {};
  const sameRef = tx
    .select({ id: actions.id })
    .from(actions)
    .where(and(eq(actions.projectId, projectId), sql`lower(${actions.ref}) = lower(${input.ref})`))
    .get();
  if (sameRef && sameRef.id !== actionId) errors.ref = `Another action in this project already has the reference ${input.ref}`;

  let workPackageId = input.workPackageId;
  if (workPackageId !== null) {
    const wp = tx
      .select({ id: workPackages.id })
      .from(workPackages)
      .where(and(eq(workPackages.id, workPackageId), eq(workPackages.projectId, projectId)))
      .get();
    if (!wp) errors.workPackageId = "Choose a work package from the list";
  }
  if (input.stageId !== null) {
    const stage = tx
      .select({ id: stages.id, workPackageId: stages.workPackageId })
      .from(stages)
      .innerJoin(workPackages, eq(workPackages.id, stages.workPackageId))
      .where(and(eq(stages.id, input.stageId), eq(workPackages.projectId, projectId)))
      .get();
    if (!stage) errors.stageId = "Choose a stage from the list";
    else if (workPackageId === null) workPackageId = stage.workPackageId; // the stage says which work package
    else if (stage.workPackageId !== workPackageId) errors.stageId = "Choose a stage in the chosen work package";
  }
  if (input.ownerPersonIds.length) {
    const allowed = new Set(possibleOwners({ projectId }, tx).map((p) => p.id));
    if (!input.ownerPersonIds.every((id) => allowed.has(id))) errors.ownerPersonIds = "Choose owners from the list";
  }
  if (input.ownerTeamIds.length) {
    const available = new Set(teamsAvailableTo({ projectId }, tx).map((t) => t.id));
    if (!input.ownerTeamIds.every((id) => available.has(id))) errors.ownerTeamIds = "Choose teams from the list";
  }
  if (input.recommendationIds.length) {
    const found = tx
      .select({ id: recommendations.id })
      .from(recommendations)
      .where(and(inArray(recommendations.id, input.recommendationIds), eq(recommendations.projectId, projectId)))
      .all();
    if (found.length !== new Set(input.recommendationIds).size) errors.recommendationIds = "Choose recommendations from the list";
  }
  if (input.plannedStart && input.dueDate && input.dueDate < input.plannedStart) {
    errors.dueDate = "The due date must be the same as or after the planned start";
  }
  if (Object.keys(errors).length) throw new UserInputError(errors);
  return { workPackageId };
}

/** Status side effects: a reason only while blocked; done sets the completed date and 100%. */
function statusFields(status: ActionStatus, blockedReason: string, percent: number, before: Action | null, today: string) {
  const done = status === "done";
  return {
    status,
    blockedReason: status === "blocked" ? blockedReason : null,
    percentComplete: done ? 100 : percent,
    completedDate: done ? (before?.status === "done" ? before.completedDate : today) : null,
  };
}

function replaceLinks(tx: Conn, actionId: number, input: Pick<ActionInput, "ownerPersonIds" | "ownerTeamIds" | "recommendationIds">) {
  tx.delete(actionOwners).where(eq(actionOwners.actionId, actionId)).run();
  tx.delete(actionRecommendations).where(eq(actionRecommendations.actionId, actionId)).run();
  for (const personId of new Set(input.ownerPersonIds)) tx.insert(actionOwners).values({ actionId, personId }).run();
  for (const teamId of new Set(input.ownerTeamIds)) tx.insert(actionOwners).values({ actionId, teamId }).run();
  for (const recommendationId of new Set(input.recommendationIds))
    tx.insert(actionRecommendations).values({ actionId, recommendationId }).run();
}

/** The due date to commit: the one given, else one read from the deadline as written. */
export function effectiveDueDate(input: { dueDate: string | null; deadlineText: string }, today: string) {
  return input.dueDate ?? parseDeadline(input.deadlineText, { today });
}

export function createAction({ actor, projectId, input, today = todayInLondon() }: { actor: Actor; projectId: number; input: ActionInput; today?: string }) {
  return write((tx) => {
    const { workPackageId } = checkReferences(tx, projectId, input);
    const dueDate = effectiveDueDate(input, today);
    const action = tx
      .insert(actions)
      .values({
        projectId,
        workPackageId,
        stageId: input.stageId,
        ref: input.ref,
        title: input.title,
        description: input.description,
        expectedOutcomes: input.expectedOutcomes,
        plannedStart: input.plannedStart,
        dueDate,
        deadlineText: input.deadlineText,
        baselineDueDate: dueDate,
        ...statusFields(input.status, input.blockedReason, input.percentComplete, null, today),
      })
      .returning()
      .get();
    replaceLinks(tx, action.id, input);
    recordAudit(tx, {
      actor,
      event: "action.create",
      entityType: "action",
      entityId: action.id,
      projectId,
      after: snapshot(tx, action),
      meta: { version: action.version },
    });
    return action;
  });
}

/** Refuses an edit made on a form loaded before someone else's save, naming what they changed. */
function refuseIfStale(tx: Conn, current: Action, formVersion: number, submitted: Record<string, unknown>) {
  if (formVersion === current.version) return;
  const events = tx
    .select({ actor: auditEvents.actor, after: auditEvents.after })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, "action"),
        eq(auditEvents.entityId, String(current.id)),
        sql`cast(json_extract(${auditEvents.meta}, '$.version') as integer) > ${formVersion}`,
      ),
    )
    .orderBy(auditEvents.id)
    .all();
  const now = snapshot(tx, current) as Record<string, unknown>;
  const changed = new Map<string, FieldChange>();
  for (const event of events) {
    const after = event.after ? (JSON.parse(event.after) as Record<string, unknown>) : {};
    for (const field of Object.keys(after)) {
      changed.set(field, { field, by: event.actor.replace(/\s*<[^>]*>$/, ""), current: now[field], submitted: submitted[field] });
    }
  }
  throw new UserInputError(staleEditErrors([...changed.values()], describeValue(tx)));
}

const DATE_FIELDS = new Set(["plannedStart", "dueDate"]);

/** Human words for a stored value: dates, names of owners, work packages and stages. */
function describeValue(tx: Conn) {
  const name = (table: typeof people | typeof teams, id: number) =>
    tx.select({ name: table.name }).from(table).where(eq(table.id, id)).get()?.name ?? `#${id}`;
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "blank";
    const ids = ([] as unknown[]).concat(value).map(Number);
    if (field === "ownerPersonIds") return ids.length ? ids.map((id) => name(people, id)).join(", ") : "nobody";
    if (field === "ownerTeamIds") return ids.length ? ids.map((id) => name(teams, id)).join(", ") : "no team";
    if (field === "recommendationIds")
      return ids.length
        ? ids.map((id) => tx.select({ ref: recommendations.ref }).from(recommendations).where(eq(recommendations.id, id)).get()?.ref).join(", ")
        : "none";
    if (field === "workPackageId") return tx.select({ n: workPackages.name }).from(workPackages).where(eq(workPackages.id, Number(value))).get()?.n ?? "blank";
    if (field === "stageId") return tx.select({ n: stages.name }).from(stages).where(eq(stages.id, Number(value))).get()?.n ?? "blank";
    if (field === "status") return ACTION_STATUS_LABELS[value as ActionStatus] ?? String(value);
    if (field === "percentComplete") return `${value}%`;
    if (DATE_FIELDS.has(field)) return formatDate(String(value));
    return String(value);
  };
}

export function updateAction({
  actor,
  projectId,
  actionId,
  input,
  today = todayInLondon(),
}: {
  actor: Actor;
  projectId: number;
  actionId: number;
  input: EditActionInput;
  today?: string;
}) {
  return write((tx) => {
    const before = getAction({ projectId, actionId }, tx);
    const dueDate = effectiveDueDate(input, today);
    const sorted = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);
    refuseIfStale(tx, before, input.version, {
      ...input,
      dueDate,
      ownerPersonIds: sorted(input.ownerPersonIds),
      ownerTeamIds: sorted(input.ownerTeamIds),
      recommendationIds: sorted(input.recommendationIds),
    });
    const { workPackageId } = checkReferences(tx, projectId, input, actionId);
    const dueChanged = dueDate !== before.dueDate;
    if (dueChanged && before.dueDate && !input.dueDateReason) {
      throw new UserInputError({ dueDateReason: "Enter why the due date is changing" });
    }
    const beforeSnap = snapshot(tx, before);
    const version = before.version + 1;
    const updated = tx
      .update(actions)
      .set({
        workPackageId,
        stageId: input.stageId,
        ref: input.ref,
        title: input.title,
        description: input.description,
        expectedOutcomes: input.expectedOutcomes,
        plannedStart: input.plannedStart,
        dueDate,
        deadlineText: input.deadlineText,
        // The baseline is the first committed due date and never moves after that.
        baselineDueDate: before.baselineDueDate ?? dueDate,
        ...statusFields(input.status, input.blockedReason, input.percentComplete, before, today),
        version,
        updatedAt: new Date().toISOString(),
      })
      .where(and(eq(actions.id, actionId), eq(actions.version, before.version)))
      .returning()
      .get();
    replaceLinks(tx, actionId, input);
    // Setting a first due date commits the baseline; it is not a change of date.
    if (dueChanged && before.dueDate) {
      tx.insert(dueDateChanges)
        .values({ actionId, oldDueDate: before.dueDate, newDueDate: dueDate, reason: input.dueDateReason, changedByPersonId: actor.personId })
        .run();
    }
    const diff = changes(beforeSnap, snapshot(tx, updated!));
    recordAudit(tx, {
      actor,
      event: "action.update",
      entityType: "action",
      entityId: actionId,
      projectId,
      before: diff.before,
      after: diff.after,
      meta: { version, ...(dueChanged && before.dueDate ? { dueDateReason: input.dueDateReason } : {}) },
    });
    return updated!;
  });
}

/** Cancelling keeps the action and its history; the reason, if given, becomes a progress note. */
export function cancelAction({
  actor,
  projectId,
  actionId,
  version: formVersion,
  reason,
  today = todayInLondon(),
}: {
  actor: Actor;
  projectId: number;
  actionId: number;
  version: number;
  reason: string;
  today?: string;
}) {
  return write((tx) => {
    const before = getAction({ projectId, actionId }, tx);
    if (before.status === "cancelled") throw new UserInputError({ _form: "This action is already cancelled" });
    refuseIfStale(tx, before, formVersion, { status: "cancelled" });
    const version = before.version + 1;
    tx.update(actions)
      .set({ status: "cancelled", blockedReason: null, completedDate: null, version, updatedAt: new Date().toISOString() })
      .where(eq(actions.id, actionId))
      .run();
    tx.insert(progressNotes)
      .values({ actionId, authorPersonId: actor.personId, noteDate: today, body: reason ? `Cancelled: ${reason}` : "Cancelled", statusChange: "cancelled" })
      .run();
    recordAudit(tx, {
      actor,
      event: "action.cancel",
      entityType: "action",
      entityId: actionId,
      projectId,
      before: { status: before.status },
      after: { status: "cancelled" },
      meta: { version, reason },
    });
  });
}

/**
 * Appends a progress note; it may change status and percent complete in the same step. Owners may
 * do this; only managers may reopen a cancelled action or cancel one (cancel has its own page).
 */
export function addProgressNote({
  actor,
  projectId,
  actionId,
  input,
  canManage,
  today = todayInLondon(),
}: {
  actor: Actor;
  projectId: number;
  actionId: number;
  input: Omit<ProgressNoteInput, "intent">;
  canManage: boolean;
  today?: string;
}) {
  return write((tx) => {
    const before = getAction({ projectId, actionId }, tx);
    if (!canManage && !(actor.personId && canUpdateActionProgress({ actionId, personId: actor.personId }, tx))) {
      forbidden("Only the action's owners, its work-package lead and the project's managers can add progress notes");
    }
    if (input.noteDate > today) throw new UserInputError({ noteDate: "The date of the note must be today or in the past" });
    if (input.status === "cancelled") throw new UserInputError({ status: "To cancel the action, use “Cancel this action”" });
    if (input.status && before.status === "cancelled" && !canManage) {
      forbidden("Only the project's managers can reopen a cancelled action");
    }
    const statusChange = input.status && input.status !== before.status ? input.status : null;
    const percentChange = input.percentComplete !== null && input.percentComplete !== before.percentComplete ? input.percentComplete : null;
    const note = tx
      .insert(progressNotes)
      .values({
        actionId,
        authorPersonId: actor.personId,
        noteDate: input.noteDate,
        body: input.body,
        statusChange,
        percentComplete: percentChange,
      })
      .returning()
      .get();
    const status = input.status ?? before.status;
    const fields = statusFields(
      status,
      input.status === "blocked" ? input.blockedReason : (before.blockedReason ?? ""),
      input.percentComplete ?? before.percentComplete,
      before,
      input.noteDate,
    );
    const diff = changes(before, fields);
    const version = diff.changed ? before.version + 1 : before.version;
    if (diff.changed) {
      tx.update(actions)
        .set({ ...fields, version, updatedAt: new Date().toISOString() })
        .where(eq(actions.id, actionId))
        .run();
    }
    recordAudit(tx, {
      actor,
      event: "action.progress_note",
      entityType: "action",
      entityId: actionId,
      projectId,
      before: diff.before,
      after: { ...diff.after, note: { id: note.id, noteDate: note.noteDate, body: note.body } },
      meta: diff.changed ? { version } : { noteOnly: true },
    });
    return note;
  });
}
