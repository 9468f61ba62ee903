// Calendar dates as ISO "YYYY-MM-DD" strings: the one set of helpers for the whole app.
// Pure: the only clock reading takes `now` as an argument.

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const digit = (iso: string, i: number) => {
  const c = iso.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/**
 * Days since 1970-01-01 for an ISO calendar date. Read digit by digit and counted with Howard
 * Hinnant's days-from-civil arithmetic: a 1,000-row timeline asks tens of thousands of times, and
 * the regular expression and Date.UTC were a twentieth of its server time. A day past the
 * month's end rolls over as Date.UTC does it (isIsoDate relies on that).
 */
export function dayNumber(iso: IsoDate): number {
  const y = iso.length === 10 && iso[4] === "-" && iso[7] === "-" ? digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3) : NaN;
  const m = digit(iso, 5) * 10 + digit(iso, 6);
  const d = digit(iso, 8) * 10 + digit(iso, 9);
  if (Number.isNaN(y + m + d)) throw new Error(`not a date: ${iso}`);
  if (m < 1 || m > 12) return Date.UTC(y, m - 1, d) / 86_400_000;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
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

// Created once: an Intl formatter costs far more to build than to use, and every page asks for today.
const londonDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar date in Europe/London at the instant `now`. */
export function todayInLondon(now: Date = new Date()): IsoDate {
  const parts = londonDay.formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

// ---- dates as people type them into a form

/** The example every date hint and message gives: what a person types, day first. */
export const DATE_EXAMPLE = "27 3 2027";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function monthFromName(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, "");
  if (n === "sept") return 9;
  if (n.length < 3) return null;
  const i = MONTHS.findIndex((m) => m === n || (n.length === 3 && m.startsWith(n)));
  return i === -1 ? null : i + 1;
}

export type DateEntry = { ok: true; date: IsoDate } | { ok: false; problem: "year" | "date" };

function build(year: string, month: number, day: string): DateEntry {
  if (year.length !== 4) return { ok: false, problem: "year" };
  const iso = `${year}-${String(month).padStart(2, "0")}-${day.padStart(2, "0")}`;
  if (Number(year) < 1000 || month < 1 || month > 12 || !isIsoDate(iso)) return { ok: false, problem: "date" };
  return { ok: true, date: iso };
}

/**
 * A date as a person types it: `27/3/2027`, `27 3 2027`, `27-03-2027`, `27 March 2027`,
 * `27 Mar 2027`, `27th March 2027` or ISO `2027-03-27`, day first as in the UK. A two-digit year
 * is refused rather than guessed, and so is a day the month does not have (31 April, 29 February
 * outside leap years).
 */
export function parseDateEntry(input: string): DateEntry {
  const s = input.trim().replace(/\s+/g, " ");
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return build(m[1], Number(m[2]), m[3]);
  m = /^(\d{1,2}) ?[/.\- ] ?(\d{1,2}) ?[/.\- ] ?(\d+)$/.exec(s);
  if (m) return build(m[3], Number(m[2]), m[1]);
  m = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+\.?),? (\d+)$/i.exec(s);
  if (m) {
    const month = monthFromName(m[2]);
    return month === null ? { ok: false, problem: "date" } : build(m[3], month, m[1]);
  }
  return { ok: false, problem: "date" };
}

/** A stored date shown in a date field the way people write it: "27 March 2027". */
export function formatDateEntry(iso: IsoDate | null | undefined): string {
  if (!iso) return "";
  const m = ISO.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1].charAt(0).toUpperCase()}${MONTHS[Number(m[2]) - 1].slice(1)} ${m[1]}`;
}
