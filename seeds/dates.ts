// Date shifting for the demo: each reference document's dates move by one whole number of days so
// that `today` lands where the story needs it, keeping every gap between dates as the document had it.
import * as shared from "~/utils/dates";

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function toUtc(date: string) {
  if (!ISO.test(date)) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`Not a calendar date: ${date}`);
  return ms;
}

/** The app's date arithmetic, after checking the document date is one (a typo in demo data should fail loudly). */
export function addDays(date: string, days: number) {
  toUtc(date);
  return shared.addDays(date, days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string) {
  toUtc(from);
  toUtc(to);
  return shared.daysBetween(from, to);
}

/**
 * The shift for one document: `anchor` is the document date that should become `today`.
 * Returns a function mapping any date of that document to its demo date.
 */
export function dateShifter(anchor: string, today: string) {
  const shift = daysBetween(anchor, today);
  const fn = (documentDate: string) => addDays(documentDate, shift);
  fn.days = shift;
  return fn;
}

export type Shift = ReturnType<typeof dateShifter>;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const FULL_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const parts = (date: string) => ({ y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)) - 1, d: Number(date.slice(8, 10)) });

/** The way the action plan writes dates: "Nov 08", "5 Dec 08", "April 2009". */
export const fmt = {
  monYY: (date: string) => `${MONTHS[parts(date).m]} ${String(parts(date).y).slice(2)}`,
  dMonYY: (date: string) => `${parts(date).d} ${MONTHS[parts(date).m]} ${String(parts(date).y).slice(2)}`,
  monthYY: (date: string) => `${FULL_MONTHS[parts(date).m]} ${String(parts(date).y).slice(2)}`,
  monthYYYY: (date: string) => `${FULL_MONTHS[parts(date).m]} ${parts(date).y}`,
  dMonthYYYY: (date: string) => `${parts(date).d} ${FULL_MONTHS[parts(date).m]} ${parts(date).y}`,
};

/** Today's calendar date in Europe/London (the product's working day). */
export const londonToday = shared.todayInLondon;
