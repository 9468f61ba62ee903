// Flags in words: the sentences pages, emails and the CLI show. Pure.
import { HIDDEN_ITEM, type Conflict, type FlagKind, type RootCause, type ShownFlag, type ShownItem, type Why } from "./rules";

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

/**
 * One conflict as words: "due 8 Jan 2027, before 1.10 is due 5 Feb 2027". A predecessor the reader
 * may not see is named as such, without its date (that would tell its schedule).
 */
export function conflictText(c: Conflict<ShownItem>): string {
  if (c.item.kind === "hidden") return `due ${shortDate(c.due)}, before ${HIDDEN_ITEM} is due`;
  const lag = c.lagDays ? ` plus ${plural(c.lagDays, "day")}’ lag` : "";
  return `due ${shortDate(c.due)}, before ${itemLabel(c.item)} is due ${shortDate(c.predecessorDue)}${lag}`;
}

export function itemLabel(item: ShownItem): string {
  if (item.kind === "hidden") return HIDDEN_ITEM;
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

/** "4.2, which is 12 days overdue"; an item the reader may not see gets no reason (that would tell its status). */
const withWhy = (item: ShownItem, why: Why[]) => (item.kind === "hidden" || why.length === 0 ? itemLabel(item) : `${itemLabel(item)}, which ${joinWhy(why)}`);

/** The same words once: several hidden items read as one. */
const unique = (texts: string[]) => [...new Set(texts)];

/** One path as words: "4.2, which is blocked by 3.1, which is 12 days overdue". */
export function rootText(root: RootCause<ShownItem>): string {
  // Consecutive hidden hops read as one, so a chain through another project tells nothing of its shape.
  const hops = root.path.filter((item, k) => !(item.kind === "hidden" && root.path[k - 1]?.kind === "hidden"));
  let text = itemLabel(hops[0]);
  for (let k = 1; k < hops.length; k++) text += `, which is blocked by ${itemLabel(hops[k])}`;
  const last = hops[hops.length - 1];
  return last.kind === "hidden" ? text : `${text}, which ${joinWhy(root.why)}`;
}

/** Readable text for a flag, e.g. "Blocked by 4.2, which is 12 days overdue". */
export function flagLabel(flag: ShownFlag): string {
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
      return `Schedule conflict: ${unique(flag.conflicts.map(conflictText)).join("; and ")}`;
    case "at_risk":
      return `At risk: ${unique(flag.causes.map((c) => (c.item.kind === "hidden" ? itemLabel(c.item) : `${itemLabel(c.item)} ${joinWhy(c.why)}`))).join("; ")}`;
    case "blocked": {
      const parts: string[] = [];
      if (flag.reason !== null) parts.push(`Blocked: ${flag.reason}`);
      if (flag.roots.length > 0) parts.push(`Blocked by ${unique(flag.roots.map(rootText)).join("; and by ")}`);
      else if (flag.causes.length > 0) parts.push(`Blocked by ${unique(flag.causes.map((c) => withWhy(c.item, c.why))).join("; and by ")}`);
      return parts.join(". ") || "Blocked";
    }
  }
}
