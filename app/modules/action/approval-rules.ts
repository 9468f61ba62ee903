// Approval flags (DESIGN.md "Rules that flag work"). Pure: the calendar date is an argument.

/** stalled: a request still open (not decided) after its deadline, the last day members may vote. */
export function isStalled(request: { status: string; deadline: string }, today: string): boolean {
  return request.status === "open" && request.deadline < today;
}
