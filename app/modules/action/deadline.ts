// Reads a due date out of a deadline as action plans write it: "Ongoing", "end of Nov 08",
// "w/c 5 Jan 09", "06 October 2008", "29/09/08", "April 09". Pure: `today` is passed in, and is
// only used to place two-digit years and dates written without a year.

const MONTHS: Record<string, number> = {
  jan: 1, january: 1,
  feb: 2, february: 2,
  mar: 3, march: 3,
  apr: 4, april: 4,
  may: 5,
  jun: 6, june: 6,
  jul: 7, july: 7,
  aug: 8, august: 8,
  sep: 9, sept: 9, september: 9,
  oct: 10, october: 10,
  nov: 11, november: 11,
  dec: 12, december: 12,
};

const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const YEAR = "(?:'|’)?(\\d{4}|\\d{2})";
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";

/** Each pattern, in the text, gives one candidate date; the latest candidate is the deadline. */
const PATTERNS: Array<{ re: RegExp; read: (m: RegExpExecArray, today: string) => string | null }> = [
  // ISO 2026-03-27
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, read: (m) => ymd(+m[1]!, +m[2]!, +m[3]!) },
  // GB numeric 29/09/08, 29.09.2008, 29-09-08 (day first)
  {
    re: /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/g,
    read: (m, today) => ymd(fullYear(m[3]!, today), +m[2]!, +m[1]!),
  },
  // end of Nov 08 / end Nov 2008 / end of November (no year)
  {
    re: new RegExp(`\\bend\\s+(?:of\\s+)?${MONTH}(?:\\s+${YEAR})?\\b`, "gi"),
    read: (m, today) => endOfMonth(yearFor(m[2], +MONTHS[m[1]!.toLowerCase()]!, 0, today), MONTHS[m[1]!.toLowerCase()]!),
  },
  // 5 Jan 09, w/c 5 Jan 09, week commencing 5 Dec 08, 06 October 2008, 4th December (no year)
  {
    re: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR})?\\b`, "gi"),
    read: (m, today) => {
      const month = MONTHS[m[2]!.toLowerCase()]!;
      return ymd(yearFor(m[3], month, +m[1]!, today), month, +m[1]!);
    },
  },
  // April 09, Sept 2008: a month alone means by the end of that month. A year is required so
  // that words like "may" in a sentence are not read as a date.
  {
    re: new RegExp(`(?<!\\d\\s)(?<!\\d)\\b${MONTH}\\s+${YEAR}\\b`, "gi"),
    read: (m, today) => endOfMonth(fullYear(m[2]!, today), MONTHS[m[1]!.toLowerCase()]!),
  },
];

export interface ParseDeadlineOptions {
  /** Today's date, YYYY-MM-DD: two-digit years fall within 50 years of it. */
  today: string;
}

/**
 * The latest date that can be read from a deadline as written, as YYYY-MM-DD, or null when none
 * can ("Ongoing", "tba", "Process design is Delivered").
 */
export function parseDeadline(text: string, { today }: ParseDeadlineOptions): string | null {
  const source = text.replace(/\s+/g, " ").trim();
  if (!source) return null;
  // Text consumed by one pattern is blanked so a shorter pattern cannot read it again
  // ("end of Nov 08" must not also be read as "Nov 08").
  let rest = source;
  const found: string[] = [];
  for (const { re, read } of PATTERNS) {
    rest = rest.replace(re, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const date = read(match, today);
      if (date) found.push(date);
      return " ".repeat(String(args[0]).length);
    });
  }
  if (!found.length) return null;
  return found.sort().at(-1)!;
}

function pad(n: number) {
  return String(n).padStart(2, "0");
}

/** A real calendar date, or null (31 Feb, month 13). */
function ymd(year: number, month: number, day: number): string | null {
  if (!year || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function endOfMonth(year: number, month: number) {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return ymd(year, month, last);
}

/** "08" → 2008 and "76" → 2076 from 2026; "98" → 1998: the century that puts it within 50 years of today. */
function fullYear(written: string, today: string): number {
  if (written.length === 4) return +written;
  const thisYear = +today.slice(0, 4);
  const candidate = Math.floor(thisYear / 100) * 100 + +written;
  if (candidate > thisYear + 50) return candidate - 100;
  if (candidate < thisYear - 50) return candidate + 100;
  return candidate;
}

/**
 * The year for a date written with or without one. Without one, the next such date on or after
 * six months ago: a plan written in November that says "5 Jan" means the coming January.
 */
function yearFor(written: string | undefined, month: number, day: number, today: string): number {
  if (written) return fullYear(written, today);
  const year = +today.slice(0, 4);
  const sixMonthsAgo = new Date(`${today}T00:00:00Z`);
  sixMonthsAgo.setUTCMonth(sixMonthsAgo.getUTCMonth() - 6);
  const candidate = `${year}-${pad(month)}-${pad(Math.max(day, 1))}`;
  return candidate < sixMonthsAgo.toISOString().slice(0, 10) ? year + 1 : year;
}
