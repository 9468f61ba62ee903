// The calendar pages' parts: filters, the server-rendered month agenda (the page without
// JavaScript, and the text alternative with it) and react-big-calendar, loaded with import()
// after hydration so the server and the first client render agree and no other page loads it.
import { Form, Link, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";
import { Checkboxes, ErrorSummary, Select } from "~/components/forms";
import { Tag } from "~/components/layout";
import { withParams } from "~/modules/action/plan-view";
import { EVENT_KINDS, KIND_NAMES, longDate, monthName, shiftMonth } from "./events";
import { loadBigCalendar } from "./big-calendar.client";
import type { CalendarPageData } from "./view";


export function CalendarFilters({ data }: { data: CalendarPageData }) {
  const q = data.query;
  const values = { kind: q.kind, workPackage: q.workPackage, owner: q.owner, flagged: q.flagged ? ["1"] : [], starts: q.starts ? ["1"] : [], month: q.month };
  return (
    <Form method="get" className="waymark-calendar-filters govuk-!-margin-bottom-6" aria-label="Filter the calendar">
      <input type="hidden" name="month" value={q.month} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Select name="kind" label="Kind" options={EVENT_KINDS.map((k) => ({ value: k, label: KIND_NAMES[k] }))} emptyLabel="All kinds" state={{ values }} />
        </div>
        {data.workPackages.length ? (
          <div className="govuk-grid-column-one-third">
            <Select name="workPackage" label="Work package" options={data.workPackages} emptyLabel="All work packages" state={{ values }} />
          </div>
        ) : null}
        {data.owners.length ? (
          <div className="govuk-grid-column-one-third">
            <Select name="owner" label="Owner" options={data.owners} emptyLabel="Anyone" state={{ values }} />
          </div>
        ) : null}
      </div>
      <Checkboxes
        name="flagged"
        legend="Show"
        options={[{ value: "1", label: "Flagged items only" }]}
        state={{ values }}
      />
      <Checkboxes name="starts" legend="Also show" options={[{ value: "1", label: "Actions' planned starts" }]} state={{ values }} />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Apply filters
      </button>
    </Form>
  );
}

export function MonthAgenda({ data }: { data: CalendarPageData }) {
  const params = new URLSearchParams(data.search);
  const month = data.query.month;
  return (
    <section aria-labelledby="agenda-heading" data-testid="agenda">
      <h2 className="govuk-heading-m" id="agenda-heading">
        {monthName(month)}
      </h2>
      <nav className="govuk-pagination govuk-pagination--block govuk-!-margin-bottom-4" aria-label="Months">
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={withParams(params, { month: shiftMonth(month, -1) })} rel="prev">
            <span className="govuk-pagination__link-title">Previous month</span>
            <span className="govuk-visually-hidden">:</span> <span className="govuk-pagination__link-label">{monthName(shiftMonth(month, -1))}</span>
          </Link>
        </div>
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={withParams(params, { month: shiftMonth(month, 1) })} rel="next">
            <span className="govuk-pagination__link-title">Next month</span>
            <span className="govuk-visually-hidden">:</span> <span className="govuk-pagination__link-label">{monthName(shiftMonth(month, 1))}</span>
          </Link>
        </div>
      </nav>
      {data.agenda.length === 0 ? (
        <p className="govuk-body">Nothing falls due in {monthName(month)}.</p>
      ) : (
        data.agenda.map((day) => (
          <div key={day.date} className="govuk-!-margin-bottom-4">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{longDate(day.date)}</h3>
            <ul className="govuk-list">
              {day.events.map((e) => (
                <li key={e.uid} className="govuk-!-margin-bottom-1">
                  <span className="govuk-!-font-weight-bold">{KIND_NAMES[e.kind]}:</span>{" "}
                  <Link className="govuk-link" to={e.href}>
                    {e.title}
                  </Link>{" "}
                  <span className="govuk-body-s">({e.projectName})</span>
                  {e.flags.map((f) => (
                    <span key={f.kind} className="govuk-!-margin-left-1">
                      <Tag colour={f.kind === "due_soon" ? "yellow" : "red"}>{f.tag}</Tag>
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

type BigCalendar = ComponentType<Record<string, unknown>>;
type GridEvent = { title: string; resource: { href: string; flagged: boolean } };

/**
 * react-big-calendar's month grid is an ARIA table whose week rows hold the seven date cells and
 * then, beside them, the rows of events and the "+N more" buttons: children a row may not own
 * (axe: aria-required-children, on any busy month). Its `weekWrapper` slot wraps exactly those
 * event rows, so giving it the cell role makes every child of the row a cell without touching
 * the library's own roles; the seven date cells and the column headers stay as they are.
 */
function WeekEvents({ children, isAllDay }: { children?: ReactNode; isAllDay?: boolean }) {
  // The week view's all-day row is the same component outside any table: no table roles there.
  return (
    <div role={isAllDay ? undefined : "cell"} className="waymark-calendar__week-events">
      {children}
    </div>
  );
}

/** Each event is a link to its item, so the grid is usable by keyboard as well as by pointer. */
function EventLink({ event }: { event: GridEvent }) {
  return (
    <Link to={event.resource.href} className="waymark-calendar__event-link" onClick={(e) => e.stopPropagation()}>
      {event.title}
    </Link>
  );
}

/** The week view's day headings sit in no table, so they are plain text, not column headers. */
function WeekDayHeading({ label }: { label: ReactNode }) {
  return <span>{label}</span>;
}

type Loc = { format: (d: Date, f: string, culture?: string) => string };
type Range = { start: Date; end: Date };
/** British formats throughout (the moment localizer's defaults are American: "November 30 – December 06"). */
const BRITISH_FORMATS = {
  dateFormat: "D",
  dayFormat: "ddd D",
  weekdayFormat: "ddd",
  monthHeaderFormat: "MMMM YYYY",
  dayHeaderFormat: "dddd D MMMM YYYY",
  dayRangeHeaderFormat: ({ start, end }: Range, culture: string, loc: Loc) => `${loc.format(start, "D MMMM", culture)} to ${loc.format(end, "D MMMM YYYY", culture)}`,
  agendaHeaderFormat: ({ start, end }: Range, culture: string, loc: Loc) => `${loc.format(start, "D MMMM", culture)} to ${loc.format(end, "D MMMM YYYY", culture)}`,
  agendaDateFormat: "ddd D MMM",
  timeGutterFormat: "HH:mm",
};

const GRID_COMPONENTS = { weekWrapper: WeekEvents, event: EventLink, week: { header: WeekDayHeading } };

const parseDate = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y!, m! - 1, d!);
};

/** react-big-calendar, month/week/agenda, Monday weeks, British formats; only after hydration. */
export function InteractiveCalendar({ data }: { data: CalendarPageData }) {
  const navigate = useNavigate();
  const frame = useRef<HTMLElement>(null);
  const [lib, setLib] = useState<{ Calendar: BigCalendar; localizer: unknown } | null>(null);
  useEffect(() => {
    let cancelled = false;
    loadBigCalendar().then(({ Calendar, localizer }) => {
      if (!cancelled) setLib({ Calendar: Calendar as unknown as BigCalendar, localizer });
    });
    return () => {
      cancelled = true;
    };
  }, []);
  // The week view, as the library draws it, breaks two rules the month view does not: its all-day
  // row carries table roles with no table around it, and its hours scroll in a box no keyboard
  // can reach. Both are put right whenever the library (re)draws: the roles become "none" (the
  // events stay links) and the hours become a named, focusable region.
  useEffect(() => {
    const root = frame.current;
    if (!root || !lib) return;
    const fix = () => {
      for (const el of root.querySelectorAll(".rbc-time-view [role=rowgroup], .rbc-time-view [role=row]")) el.setAttribute("role", "none");
      for (const hours of root.querySelectorAll(".rbc-time-content:not([tabindex])")) {
        hours.setAttribute("tabindex", "0");
        hours.setAttribute("role", "region");
        hours.setAttribute("aria-label", "Hours of the day");
      }
    };
    fix();
    const observer = new MutationObserver(fix);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [lib]);
  if (!lib) return null;
  const events = data.all.map((e) => ({
    title: `${KIND_NAMES[e.kind]}: ${e.title}${e.flagged ? " (flagged)" : ""}`,
    start: parseDate(e.date),
    end: parseDate(e.date),
    allDay: true,
    resource: e,
  }));
  const { Calendar } = lib;
  return (
    <section ref={frame} aria-label="Calendar view" className="waymark-calendar govuk-!-margin-bottom-6" data-testid="big-calendar">
      <Calendar
        localizer={lib.localizer}
        culture="en-gb"
        events={events}
        defaultDate={parseDate(`${data.query.month}-01`)}
        views={["month", "week", "agenda"]}
        defaultView="month"
        // No day view is offered, so day numbers and headings are text, not small buttons to nowhere.
        drilldownView={null}
        formats={BRITISH_FORMATS}
        style={{ height: 640 }}
        popup
        components={GRID_COMPONENTS}
        eventPropGetter={(e: { resource: { flagged: boolean } }) => ({ className: e.resource.flagged ? "waymark-calendar__event--flagged" : undefined })}
        onSelectEvent={(e: { resource: { href: string } }) => navigate(e.resource.href)}
      />
    </section>
  );
}

export function CalendarPage({ data }: { data: CalendarPageData }) {
  return (
    <>
      <ErrorSummary errors={data.error ? { month: data.error } : undefined} />
      <CalendarFilters data={data} />
      <InteractiveCalendar data={data} />
      <MonthAgenda data={data} />
    </>
  );
}
