// Turns the demo's plain tables of actions into records, through the shared test factories only.
import type * as s from "#db/schema";
import type { Conn } from "~/db.server";
import { addDueDateChange, addProgressNote, createAction } from "./factories";
import type { Shift } from "./dates";

type Person = typeof s.people.$inferSelect;
type Team = typeof s.teams.$inferSelect;

export interface DemoContext {
  today: string;
  /** People by initials ("BT"), with or without a login. */
  people: Record<string, Person>;
  /** Teams by name. */
  teams: Record<string, Team>;
}

export interface ActionSpec {
  ref: string;
  title: string;
  description?: string;
  expectedOutcomes?: string;
  /** Initials of owning people and names of owning teams; empty means unowned. */
  owners?: string[];
  status?: s.ActionStatus;
  blockedReason?: string;
  percent?: number;
  /** Document dates (shifted on the way in). */
  start?: string;
  due?: string;
  completed?: string;
  deadlineText?: string;
  /** Each slip moves the due date from the previous one: [document date of the change, new due date, reason]. */
  slips?: [changedOn: string, newDue: string, reason: string][];
  /** [document date, text]. */
  notes?: [string, string][];
  recommendations?: string[];
}

export interface BuildTarget {
  projectId: number;
  workPackageId?: number;
  stageId?: number;
  recommendationIds?: Record<string, number>;
  /** Who writes notes and moves dates when an action has no person owner. */
  fallbackAuthorId: number;
}

export function buildActions(tx: Conn, ctx: DemoContext, shift: Shift, target: BuildTarget, specs: ActionSpec[]) {
  const built: Record<string, typeof s.actions.$inferSelect> = {};
  for (const spec of specs) {
    const owners = spec.owners ?? [];
    const ownerPersonIds = owners.filter((o) => ctx.people[o]).map((o) => ctx.people[o]!.id);
    const ownerTeamIds = owners.filter((o) => !ctx.people[o]).map((o) => {
      const team = ctx.teams[o];
      if (!team) throw new Error(`Demo action ${spec.ref}: no person or team "${o}"`);
      return team.id;
    });
    const status = spec.status ?? "not_started";
    const d = (date?: string) => (date ? shift(date) : null);
    const action = createAction(tx, target.projectId, {
      ref: spec.ref,
      title: spec.title,
      description: spec.description ?? "",
      expectedOutcomes: spec.expectedOutcomes ?? "",
      workPackageId: target.workPackageId ?? null,
      stageId: target.stageId ?? null,
      plannedStart: d(spec.start),
      dueDate: d(spec.due),
      deadlineText: spec.deadlineText ?? "",
      status,
      blockedReason: status === "blocked" ? spec.blockedReason ?? "Waiting on another team" : null,
      percentComplete: spec.percent ?? (status === "done" ? 100 : 0),
      completedDate: status === "done" ? d(spec.completed ?? spec.due) : null,
      ownerPersonIds,
      ownerTeamIds,
      recommendationIds: (spec.recommendations ?? []).map((ref) => {
        const id = target.recommendationIds?.[ref];
        if (!id) throw new Error(`Demo action ${spec.ref}: no recommendation ${ref}`);
        return id;
      }),
    });
    const authorId = ownerPersonIds[0] ?? target.fallbackAuthorId;
    let due = action.dueDate;
    for (const [changedOn, newDue, reason] of spec.slips ?? []) {
      addDueDateChange(tx, action.id, {
        oldDueDate: due,
        newDueDate: shift(newDue),
        reason,
        changedByPersonId: authorId,
        changedAt: `${shift(changedOn)}T10:00:00.000Z`,
      });
      due = shift(newDue);
    }
    for (const [date, body] of spec.notes ?? []) {
      addProgressNote(tx, action.id, { noteDate: shift(date), body, authorPersonId: authorId });
    }
    built[spec.ref] = { ...action, dueDate: due };
  }
  return built;
}
