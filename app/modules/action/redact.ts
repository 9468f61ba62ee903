// Redaction of flags for one reader (docs/decisions/0008). Flags are computed on the whole truth
// (a chain through another project still blocks); only the naming depends on who reads: an item
// of a project the reader may not see becomes { kind: "hidden" }, written "an item in another
// project", with no ref, title, status, date or reason. Pure: no database, no clock.
import type { ActionFlag, Cause, Conflict, Flag, HiddenItem, MilestoneFlag, RootCause, ShownItem } from "./rules";

const HIDDEN: HiddenItem = { kind: "hidden" };

/** Whether the reader may see an item's project. */
export type Sees = (projectId: number) => boolean;

export function seesOf(projectIds: ReadonlySet<number>): Sees {
  return (projectId) => projectIds.has(projectId);
}

export function redactItem(item: ShownItem, sees: Sees): ShownItem {
  return item.kind === "hidden" || sees(item.projectId) ? item : HIDDEN;
}

function redactCause(cause: Cause<ShownItem>, sees: Sees): Cause<ShownItem> {
  const item = redactItem(cause.item, sees);
  return item === cause.item ? cause : { item, why: [], lagDays: 0 };
}

function redactRoot(root: RootCause<ShownItem>, sees: Sees): RootCause<ShownItem> {
  const item = redactItem(root.item, sees);
  return { item, why: item === root.item ? root.why : [], path: root.path.map((p) => redactItem(p, sees)) };
}

function redactConflict(conflict: Conflict<ShownItem>, sees: Sees): Conflict<ShownItem> {
  const item = redactItem(conflict.item, sees);
  // The predecessor's date would tell another project's schedule: the words leave it out (flag-words.ts).
  return item === conflict.item ? conflict : { ...conflict, item, lagDays: 0 };
}

/** The flag as this reader may read it. */
export function redactFlag(flag: ActionFlag<ShownItem>, sees: Sees): ActionFlag<ShownItem>;
export function redactFlag(flag: MilestoneFlag<ShownItem>, sees: Sees): MilestoneFlag<ShownItem>;
export function redactFlag(flag: Flag<ShownItem>, sees: Sees): Flag<ShownItem>;
export function redactFlag(flag: Flag<ShownItem>, sees: Sees): Flag<ShownItem> {
  if (flag.kind === "blocked") return { ...flag, causes: flag.causes.map((c) => redactCause(c, sees)), roots: flag.roots.map((r) => redactRoot(r, sees)) };
  if (flag.kind === "at_risk") return { ...flag, causes: flag.causes.map((c) => redactCause(c, sees)) };
  if (flag.kind === "schedule_conflict") return { ...flag, conflicts: flag.conflicts.map((c) => redactConflict(c, sees)) };
  return flag;
}

