// What a calendar page shows for a query string. Pure: no I/O, no clock.
import type { IsoDate } from "~/utils/dates";
import { agendaForMonth, matchesQuery, readCalendarQuery, type CalendarEvent, type CalendarQuery } from "./events";

export interface CalendarPageData {
  query: CalendarQuery;
  error: string | null;
  agenda: Array<{ date: string; events: CalendarEvent[] }>;
  /** Every event matching the filters (any month), for the interactive calendar. */
  all: Array<{ uid: string; kind: CalendarEvent["kind"]; date: string; title: string; href: string; flagged: boolean }>;
  workPackages: Array<{ value: string; label: string }>;
  owners: Array<{ value: string; label: string }>;
  search: string;
}

export function calendarView({
  events,
  params,
  today,
  workPackages,
  owners,
}: {
  events: CalendarEvent[];
  params: URLSearchParams;
  today: IsoDate;
  workPackages: Array<{ value: string; label: string }>;
  owners: Array<{ value: string; label: string }>;
}): CalendarPageData {
  const { query, error } = readCalendarQuery(params, today);
  const shown = events.filter((e) => matchesQuery(e, query));
  return {
    query,
    error,
    agenda: agendaForMonth(shown, query.month),
    all: shown.map((e) => ({ uid: e.uid, kind: e.kind, date: e.date, title: e.title, href: e.href, flagged: e.flags.length > 0 })),
    workPackages,
    owners,
    search: params.toString(),
  };
}
