// Words for the timeline: British dates ("1 October to 13 November 2026") and each bar's
// accessible name. Pure: no I/O, no clock, no locale lookups per call.
import { dayNumber, fromDayNumber, type IsoDate } from "~/utils/dates";

export const MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export const MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];

const parts = (iso: IsoDate) => ({ y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)) - 1, d: Number(iso.slice(8, 10)) });

/** "13 November 2026". */
export function longDate(iso: IsoDate): string {
  const { y, m, d } = parts(iso);
  return `${d} ${MONTHS_LONG[m]} ${y}`;
}

/** "1 October to 13 November 2026", "30 December 2026 to 4 January 2027", "13 November 2026". */
export function dateRange(start: IsoDate | null, end: IsoDate): string {
  if (!start || start === end) return longDate(end);
  const a = parts(start);
  const b = parts(end);
  if (a.y !== b.y) return `${longDate(start)} to ${longDate(end)}`;
  if (a.m !== b.m) return `${a.d} ${MONTHS_LONG[a.m]} to ${longDate(end)}`;
  return `${a.d} to ${longDate(end)}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const days = (n: number) => plural(n, "day");

/** "+12 days", "-3 days", "on time". */
export function slipText(slip: number | null): string {
  if (slip === null) return "";
  if (slip === 0) return "On baseline";
  return slip > 0 ? `${days(slip)} late` : `${days(-slip)} early`;
}

/**
 * A flag sentence cut to its first clause for a bar's name: "Blocked by 2.6, which waits for 2.5,
 * which is 18 days overdue" names the bar "blocked by 2.6", as the example does. The whole
 * chain is in the table view and the action plan; a name read out at every bar stays short.
 */
export function shortFlag(sentence: string): string {
  const cut = sentence.indexOf(", which ");
  return cut === -1 ? sentence : sentence.slice(0, cut);
}

/** A sentence's first letter in lower case, to run flag sentences into a name. */
const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);

export interface NameParts {
  kind: "action" | "milestone";
  ref: string | null;
  title: string;
  start: IsoDate | null;
  end: IsoDate;
  status: string | null;
  /** Flag sentences as the action plan words them ("Overdue by 17 days"). */
  flags: string[];
  baseline?: { date: IsoDate; slip: number } | null;
  float?: number | null;
  critical?: boolean;
  projectName?: string | null;
}

/**
 * "Action 2.7, Set up an appeals process, 1 October to 13 November 2026, overdue by 17 days,
 * blocked by 2.6": what a screen reader says for a bar, and its tooltip.
 */
export function barName(p: NameParts): string {
  const bits: string[] = [];
  bits.push(p.kind === "action" ? `Action ${p.ref}` : "Milestone");
  bits.push(p.title);
  if (p.projectName) bits.push(`in ${p.projectName}`);
  bits.push(p.kind === "action" ? dateRange(p.start, p.end) : longDate(p.end));
  if (p.status) bits.push(p.status);
  for (const f of p.flags) bits.push(lowerFirst(shortFlag(f)));
  if (p.baseline) bits.push(`baseline ${longDate(p.baseline.date)}, ${lowerFirst(slipText(p.baseline.slip))}`);
  if (p.critical) bits.push("on the critical path");
  else if (p.float != null) bits.push(`float ${days(p.float)}`);
  return bits.join(", ");
}

/** Whole days from a to b (b - a). */
export const dayDiff = (a: IsoDate, b: IsoDate) => dayNumber(b) - dayNumber(a);
export { dayNumber, fromDayNumber };
