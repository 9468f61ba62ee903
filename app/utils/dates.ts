// Calendar dates as ISO "YYYY-MM-DD" strings: the one set of helpers for the whole app.
// Pure: the only clock reading takes `now` as an argument.

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for an ISO calendar date. */
export function dayNumber(iso: IsoDate): number {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`not a date: ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  return fromDayNumber(dayNumber(value)) === value;
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(iso) + days);
}

/** b - a in days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Today's calendar date in Europe/London at the instant `now`. */
export function todayInLondon(now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}
