// Words for a refused stale edit: what someone else changed since the form was loaded, beside
// what this person entered, so they can decide what to keep. Pure.

export const ACTION_FIELD_LABELS: Record<string, string> = {
  ref: "Reference",
  title: "Action",
  description: "Description",
  expectedOutcomes: "Expected outcomes",
  workPackageId: "Work package",
  stageId: "Stage",
  ownerPersonIds: "Owners (people)",
  ownerTeamIds: "Owners (teams)",
  recommendationIds: "Recommendations answered",
  plannedStart: "Planned start",
  dueDate: "Due date",
  deadlineText: "Deadline as written",
  status: "Status",
  blockedReason: "Reason it is blocked",
  percentComplete: "Percent complete",
};

export interface FieldChange {
  field: string;
  /** Who made the change, as the audit trail names them. */
  by: string;
  current: unknown;
  submitted: unknown;
}

export const STALE_EDIT_MESSAGE =
  "Someone else saved this action after you opened it, so your changes have not been saved. " +
  "Check their changes below; your entries are kept. Save again to replace theirs with yours.";

/** Whether a refused form was refused for being stale (and so should carry the current version). */
export function isStaleRefusal(errors: Record<string, string>) {
  return errors._form === STALE_EDIT_MESSAGE;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Field messages for the form: one per field someone else changed, plus a summary. Fields the
 * form does not show (version, completed date) are left out.
 */
export function staleEditErrors(changes: FieldChange[], describe: (field: string, value: unknown) => string) {
  const errors: Record<string, string> = { _form: STALE_EDIT_MESSAGE };
  for (const c of changes) {
    const label = ACTION_FIELD_LABELS[c.field];
    if (!label) continue;
    const theirs = describe(c.field, c.current);
    const yours = describe(c.field, c.submitted);
    errors[c.field] = same(c.current, c.submitted)
      ? `${label}: ${c.by} also changed this to “${theirs}”, the same as you`
      : `${label}: ${c.by} changed this to “${theirs}” since you opened the form; you entered “${yours}”`;
  }
  return errors;
}
