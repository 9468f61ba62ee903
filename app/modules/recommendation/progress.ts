// How far the actions answering a recommendation have got. Pure.

/** Done out of total, where cancelled actions count for neither. */
export function progressOf(statuses: readonly string[]) {
  const live = statuses.filter((s) => s !== "cancelled");
  const done = live.filter((s) => s === "done").length;
  return { done, total: live.length, text: live.length === 0 ? "No actions answer it yet" : `${done} of ${live.length} actions done` };
}
