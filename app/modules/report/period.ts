// Which period a report covers, what counts as "in" it, and when a reporting cycle's report is due.
// Pure: no database, no clock (today is an argument). Periods are inclusive at both ends; an
// instant (a timestamp) counts on its calendar date in Europe/London, so a note recorded at
// 23:30 UTC on 30 June in summer belongs to July's report.
import { addDays, dayNumber, isIsoDate, todayInLondon, type IsoDate } from "~/utils/dates";

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export type Frequency = "monthly" | "quarterly";

export interface Cycle {
  frequency: Frequency;
  /** Day of the month after a period ends on which its report is due (1-28). */
  dueDay: number;
  /** The first period the cycle asks for is the first one ending on or after this date. */
  startDate: IsoDate;
}

/** The London calendar date of an ISO date or instant ("2026-06-30T23:30:00.000Z" → "2026-07-01"). */
export function calendarDateOf(value: string): IsoDate {
  if (isIsoDate(value)) return value;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new Error(`not a date or instant: ${value}`);
  return todayInLondon(instant);
}

/** Inclusive at both ends; null and undefined are never in a period. */
export function inPeriod(value: string | null | undefined, period: Period): boolean {
  if (!value) return false;
  const d = calendarDateOf(value);
  return d >= period.from && d <= period.to;
}

export function periodLength(period: Period): number {
  return dayNumber(period.to) - dayNumber(period.from) + 1;
}

const pad = (n: number) => String(n).padStart(2, "0");
function monthStart(year: number, month: number): IsoDate {
  // month may run past 12 or below 1
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${y}-${pad(m)}-01`;
}
const ym = (d: IsoDate) => ({ year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)) });

/** The calendar month or quarter holding a date. */
export function periodContaining(date: IsoDate, frequency: Frequency): Period {
  const { year, month } = ym(date);
  const first = frequency === "monthly" ? month : month - ((month - 1) % 3);
  const span = frequency === "monthly" ? 1 : 3;
  return { from: monthStart(year, first), to: addDays(monthStart(year, first + span), -1) };
}

/** The period after this one: the next month or quarter when it is one, else the same number of days. */
export function nextPeriod(period: Period): Period {
  const start = addDays(period.to, 1);
  for (const f of ["monthly", "quarterly"] as const) {
    const whole = periodContaining(period.from, f);
    if (whole.from === period.from && whole.to === period.to) return periodContaining(start, f);
  }
  return { from: start, to: addDays(start, periodLength(period) - 1) };
}

export function previousPeriod(period: Period, frequency: Frequency): Period {
  return periodContaining(addDays(period.from, -1), frequency);
}

/** The period a new report most likely covers: the last whole month (or quarter) before today. */
export function defaultPeriod(today: IsoDate, frequency: Frequency = "monthly"): Period {
  return previousPeriod(periodContaining(today, frequency), frequency);
}

/** The report for a period is due on `dueDay` of the month after it ends. */
export function dueDateFor(period: Period, cycle: Pick<Cycle, "dueDay">): IsoDate {
  const { year, month } = ym(period.to);
  return addDays(monthStart(year, month + 1), cycle.dueDay - 1);
}

export interface Overdue {
  period: Period;
  due: IsoDate;
  daysOverdue: number;
}

/**
 * The latest period whose report is past due (due < today) and not covered by a published
 * report (one whose period ends on or after the period's end and starts on or before it), or null.
 */
export function overdueReport(cycle: Cycle, published: Period[], today: IsoDate): Overdue | null {
  let period = previousPeriod(periodContaining(today, cycle.frequency), cycle.frequency);
  // The period due most recently may still be inside its grace days; step back one if so.
  for (let i = 0; i < 2; i++) {
    const due = dueDateFor(period, cycle);
    if (period.to < cycle.startDate) return null;
    if (due < today) {
      const covered = published.some((p) => p.from <= period.to && p.to >= period.to);
      return covered ? null : { period, due, daysOverdue: dayNumber(today) - dayNumber(due) };
    }
    period = previousPeriod(period, cycle.frequency);
  }
  return null;
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "June 2026", "April to June 2026", or "3 June to 16 June 2026". */
export function periodText(period: Period): string {
  const day = (d: IsoDate) => `${Number(d.slice(8, 10))} ${MONTH_NAMES[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
  const whole = (f: Frequency) => {
    const p = periodContaining(period.from, f);
    return p.from === period.from && p.to === period.to;
  };
  const { year, month } = ym(period.from);
  if (whole("monthly")) return `${MONTH_NAMES[month - 1]} ${year}`;
  if (whole("quarterly")) return `${MONTH_NAMES[month - 1]} to ${MONTH_NAMES[month + 1]} ${year}`;
  return `${day(period.from)} to ${day(period.to)}`;
}
