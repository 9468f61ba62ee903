// Flags in words: the sentences pages, emails and the CLI show. Pure.
import type { Conflict, Flag, FlagKind, ItemRef, RootCause, Why } from "./rules";

/** Names for filter options and summary headings: the one list (plan-view re-exports it). */
export const FLAG_NAMES: Record<FlagKind, string> = {
  overdue: "Overdue",
  due_soon: "Due soon",
  blocked: "Blocked",
  stale: "Stale",
  unowned: "No owner",
  slipped: "Slipped",
  schedule_conflict: "Schedule conflict",
  missed: "Missed",
  at_risk: "At risk",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2027-01-08" as "8 Jan 2027". */
export function shortDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** One conflict as words: "due 8 Jan 2027, before 1.10 is due 5 Feb 2027". */
export function conflictText(c: Conflict): string {
  const lag = c.lagDays ? ` plus ${plural(c.lagDays, "day")}’ lag` : "";
  return `due ${shortDate(c.due)}, before ${itemLabel(c.item)} is due ${shortDate(c.predecessorDue)}${lag}`;
}


export function itemLabel(item: ItemRef): string {
  return item.kind === "action" ? item.ref : `milestone “${item.name}”`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function whyText(why: Why): string {
  switch (why.kind) {
    case "overdue":
      return `is ${plural(why.days, "day")} overdue`;
    case "missed":
      return `was missed ${plural(why.days, "day")} ago`;
    case "blocked":
      return why.reason ? `is blocked (${why.reason})` : "is blocked";
    case "waiting":
      return "is blocked by its predecessors";
    case "not_finished":
      return "is not finished";
    case "lag":
      return `finished, but the lag runs until ${why.until}`;
    case "due_after":
      return `is due ${plural(why.days, "day")} after the milestone`;
  }
}

const joinWhy = (why: Why[]) => why.map(whyText).join(" and ");

/** One path as words: "4.2, which is blocked by 3.1, which is 12 days overdue". */
export function rootText(root: RootCause): string {
  const hops = root.path.map(itemLabel);
  let text = hops[0];
  for (let k = 1; k < hops.length; k++) text += `, which is blocked by ${hops[k]}`;
  return `${text}, which ${joinWhy(root.why)}`;
}

/** Readable text for a flag, e.g. "Blocked by 4.2, which is 12 days overdue". */
export function flagLabel(flag: Flag): string {
  switch (flag.kind) {
    case "overdue":
      return `Overdue by ${plural(flag.days, "day")}`;
    case "due_soon":
      return flag.days === 0 ? "Due today" : `Due in ${plural(flag.days, "day")}`;
    case "stale":
      return `Stale: no progress note for ${plural(flag.daysSinceNote, "day")}`;
    case "unowned":
      return "Unowned: nobody owns this action";
    case "slipped":
      return `Slipped ${plural(flag.days, "day")} from its baseline (due date moved ${plural(flag.moves, "time")})`;
    case "missed":
      return `Missed by ${plural(flag.days, "day")}`;
    case "schedule_conflict":
      return `Schedule conflict: ${flag.conflicts.map(conflictText).join("; and ")}`;
    case "at_risk":
      return `At risk: ${flag.causes.map((c) => `${itemLabel(c.item)} ${joinWhy(c.why)}`).join("; ")}`;
    case "blocked": {
      const parts: string[] = [];
      if (flag.reason !== null) parts.push(`Blocked: ${flag.reason}`);
      if (flag.roots.length > 0) parts.push(`Blocked by ${flag.roots.map(rootText).join("; and by ")}`);
      else if (flag.causes.length > 0)
        parts.push(`Blocked by ${flag.causes.map((c) => `${itemLabel(c.item)}, which ${joinWhy(c.why)}`).join("; and by ")}`);
      return parts.join(". ") || "Blocked";
    }
  }
}
