// Calendar events from plan items, the calendar page's query and its month agenda. Pure: no I/O,
// no clock ("today" is passed in). Dates are calendar dates in Europe/London.
import { addDays, isIsoDate, type IsoDate } from "~/utils/dates";

export const EVENT_KINDS = ["action_due", "action_start", "milestone", "stage_start", "stage_end", "ballot_deadline", "risk_review"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const KIND_NAMES: Record<EventKind, string> = {
  action_due: "Action due",
  action_start: "Action planned start",
  milestone: "Milestone",
  stage_start: "Stage starts",
  stage_end: "Stage ends",
  ballot_deadline: "Ballot deadline",
  risk_review: "Risk review",
};

export interface EventFlag {
  kind: string;
  tag: string;
  text: string;
}

export interface CalendarEvent {
  /** Stable across builds: the kind and the record's id ("action-due-12"). */
  uid: string;
  kind: EventKind;
  date: IsoDate;
  /** "2.13 Test the processes", "Go live", "Approve the selection criteria". */
  title: string;
  href: string;
  projectName: string;
  workPackageId: number | null;
  /** "p12" per person owner, "t3" per team. */
  ownerKeys: string[];
  flags: EventFlag[];
  /** How many times the date moved: SEQUENCE in the feed. */
  sequence: number;
  /** When the date last moved (or the record was made): LAST-MODIFIED in the feed. */
  lastModified: string;
}

/** "Action due: 2.13 Test the processes" */
export const eventSummary = (e: Pick<CalendarEvent, "kind" | "title">) => `${KIND_NAMES[e.kind]}: ${e.title}`;

// ------------------------------------------------------------------ query

export interface CalendarQuery {
  /** "2026-03" */
  month: string;
  kind: EventKind | "";
  workPackage: string;
  owner: string;
  flagged: boolean;
  /** Include actions' planned starts. */
  starts: boolean;
}

const isMonth = (v: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v);

/** Unknown values fall back to "all", except a malformed month, which is reported. */
export function readCalendarQuery(params: URLSearchParams, today: IsoDate): { query: CalendarQuery; error: string | null } {
  const rawMonth = params.get("month")?.trim() ?? "";
  const monthOk = !rawMonth || isMonth(rawMonth);
  const kind = params.get("kind") ?? "";
  const wp = params.get("workPackage") ?? "";
  const owner = params.get("owner") ?? "";
  return {
    query: {
      month: rawMonth && monthOk ? rawMonth : today.slice(0, 7),
      kind: (EVENT_KINDS as readonly string[]).includes(kind) ? (kind as EventKind) : "",
      workPackage: /^\d+$/.test(wp) ? wp : "",
      owner: /^[pt]\d+$/.test(owner) ? owner : "",
      flagged: params.get("flagged") === "1",
      starts: params.get("starts") === "1",
    },
    error: monthOk ? null : "Enter the month as a year and month, like 2026-03",
  };
}

export function matchesQuery(e: CalendarEvent, q: CalendarQuery) {
  if (e.kind === "action_start" && !q.starts && q.kind !== "action_start") return false;
  if (q.kind && e.kind !== q.kind) return false;
  if (q.workPackage && e.workPackageId !== Number(q.workPackage)) return false;
  if (q.owner && !e.ownerKeys.includes(q.owner)) return false;
  if (q.flagged && e.flags.length === 0) return false;
  return true;
}

// ------------------------------------------------------------------ months

export function monthRange(month: string): { from: IsoDate; to: IsoDate } {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "March 2026" */
export function monthName(month: string) {
  const [y, m] = month.split("-").map(Number);
  return `${MONTHS[m! - 1]} ${y}`;
}

/** "Monday 2 March 2026" (British, no comma). */
export function longDate(iso: IsoDate) {
  const [y, m, d] = iso.split("-").map(Number);
  const day = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return `${DAYS[day]} ${d} ${MONTHS[m! - 1]} ${y}`;
}

/** The month's events, by day, in date order (then kind, then title). */
export function agendaForMonth(events: CalendarEvent[], month: string): Array<{ date: IsoDate; events: CalendarEvent[] }> {
  const { from, to } = monthRange(month);
  const days = new Map<IsoDate, CalendarEvent[]>();
  for (const e of events) {
    if (e.date < from || e.date > to) continue;
    const list = days.get(e.date);
    if (list) list.push(e);
    else days.set(e.date, [e]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, list]) => ({
      date,
      events: list.sort((a, b) => EVENT_KINDS.indexOf(a.kind) - EVENT_KINDS.indexOf(b.kind) || a.title.localeCompare(b.title, "en-GB", { numeric: true })),
    }));
}

export { addDays, isIsoDate };
