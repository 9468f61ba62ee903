import { formatDate } from "~/components/layout";
import { DATE_EXAMPLE, isIsoDate as isCalendarDate, parseDateEntry } from "~/utils/dates";
// Pure helpers for the read-side views of action plans (plan table, my actions, flagged list):
// the query string a filter form produces, natural ordering of references, and the as-of date.
// No I/O and no clock: "today" is always passed in.

import { FLAG_KINDS, type Flag, type FlagKind, type ShownItem } from "./rules";

export { FLAG_KINDS, FLAG_NAMES } from "./rules";
export type { FlagKind };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The words on a flag's tag: short, and meaningful without its colour ("Overdue 12 days"). */
export function flagTagText(flag: Flag<ShownItem>): string {
  switch (flag.kind) {
    case "overdue":
      return `Overdue ${plural(flag.days, "day")}`;
    case "due_soon":
      return flag.days === 0 ? "Due today" : `Due in ${plural(flag.days, "day")}`;
    case "blocked":
      return "Blocked";
    case "stale":
      return `Stale ${plural(flag.daysSinceNote, "day")}`;
    case "unowned":
      return "No owner";
    case "slipped":
      return `Slipped ${plural(flag.moves, "time")}`;
    case "missed":
      return `Missed ${plural(flag.days, "day")}`;
    case "at_risk":
      return "At risk";
    case "schedule_conflict":
      return "Schedule conflict";
  }
}

export const FLAG_COLOURS = {
  overdue: "red",
  due_soon: "yellow",
  blocked: "red",
  stale: "grey",
  unowned: "orange",
  slipped: "purple",
  missed: "red",
  at_risk: "orange",
  schedule_conflict: "pink",
} as const satisfies Record<FlagKind, string>;


export const STATUS_NAMES = {
  not_started: "Not started",
  in_progress: "In progress",
  blocked: "Blocked",
  done: "Done",
  cancelled: "Cancelled",
} as const;
export type StatusKey = keyof typeof STATUS_NAMES;
const STATUS_ORDER: StatusKey[] = ["blocked", "in_progress", "not_started", "done", "cancelled"];

export function isIsoDate(value: string | null | undefined): value is string {
  return !!value && isCalendarDate(value);
}

/**
 * The as-of date from `?asOf=`, typed the way people write dates (`27/3/2027`, `27 March 2027`
 * or ISO: `parseDateEntry`). A date that is not one gives today with a message, and `raw` keeps
 * what was typed for the field and for paging links.
 */
export function readAsOf(params: URLSearchParams, today: string) {
  const raw = params.get("asOf")?.trim() ?? "";
  if (!raw) return { asOf: today, isToday: true, error: null as string | null, raw };
  const parsed = parseDateEntry(raw);
  if (!parsed.ok) return { asOf: today, isToday: true, error: viewDateMessage(parsed.problem), raw };
  return { asOf: parsed.date, isToday: parsed.date === today, error: null as string | null, raw };
}

/** The message for a view date ("View as of", "Flags as of") that is not a real date. */
export function viewDateMessage(problem: "year" | "date") {
  return problem === "year"
    ? `The view date must be a real date with all 4 numbers of the year, for example ${DATE_EXAMPLE}`
    : `The view date must be a real date, for example ${DATE_EXAMPLE}`;
}

const collator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

// A reference made of letters, digits, spaces, "-", "." and "/" (nearly all of them: "2.7", "WP3",
// "R12a") sorts by a plain string key that the collator agrees with: lower case, and each number
// written with 12 digits. Comparing keys is ~20 times cheaper than asking the collator, which a
// 1,000-row plan did 10,000 times per sort. Anything else, and equal keys, go to the collator.
const SIMPLE_REF = /^[A-Za-z0-9 ./-]*$/;
const refKeys = new Map<string, string | null>();
export function refKey(ref: string): string | null {
  let key = refKeys.get(ref);
  if (key === undefined) {
    key = SIMPLE_REF.test(ref) && !/\d{13}/.test(ref) ? ref.toLowerCase().replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, "").padStart(12, "0")) : null;
    if (refKeys.size >= 100_000) refKeys.clear();
    refKeys.set(ref, key);
  }
  return key;
}

/** "2" before "10", "15a" before "15b", "WP2.3" before "WP10.1". */
export const compareRef = (a: string, b: string) => {
  const ka = refKey(a);
  const kb = refKey(b);
  if (ka !== null && kb !== null && ka !== kb) return ka < kb ? -1 : 1;
  return collator.compare(a, b);
};

export const SORT_KEYS = ["ref", "due", "status"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface PlanQuery {
  owner: string; // "p12" (person) or "t3" (team) or ""
  status: StatusKey | "open" | "";
  flag: FlagKind | "any" | "";
  recommendation: string; // recommendation id or ""
  workPackage: string; // work package id, "none", or ""
  sort: SortKey;
  dir: "asc" | "desc";
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Unknown values are ignored, never an error: a hand-edited URL shows the unfiltered plan. */
export function readPlanQuery(params: URLSearchParams): PlanQuery {
  const owner = params.get("owner") ?? "";
  const rec = params.get("recommendation") ?? "";
  const wp = params.get("workPackage") ?? "";
  return {
    owner: /^[pt]\d+$/.test(owner) ? owner : "",
    status: oneOf(params.get("status"), ["open", ...(Object.keys(STATUS_NAMES) as StatusKey[])] as const, ""),
    flag: oneOf(params.get("flag"), ["any", ...FLAG_KINDS] as const, ""),
    recommendation: /^\d+$/.test(rec) ? rec : "",
    workPackage: wp === "none" || /^\d+$/.test(wp) ? wp : "",
    sort: oneOf(params.get("sort"), SORT_KEYS, "ref"),
    dir: params.get("dir") === "desc" ? "desc" : "asc",
  };
}

export interface FilterableRow {
  ref: string;
  dueDate: string | null;
  status: StatusKey;
  workPackageId: number | null;
  ownerKeys: string[];
  recommendationIds: number[];
  flagKinds: FlagKind[];
}

export function matchesPlanQuery(row: FilterableRow, q: PlanQuery) {
  if (q.owner && !row.ownerKeys.includes(q.owner)) return false;
  if (q.status === "open" && (row.status === "done" || row.status === "cancelled")) return false;
  if (q.status && q.status !== "open" && row.status !== q.status) return false;
  if (q.flag === "any" && row.flagKinds.length === 0) return false;
  if (q.flag && q.flag !== "any" && !row.flagKinds.includes(q.flag)) return false;
  if (q.recommendation && !row.recommendationIds.includes(Number(q.recommendation))) return false;
  if (q.workPackage === "none" && row.workPackageId !== null) return false;
  if (q.workPackage && q.workPackage !== "none" && row.workPackageId !== Number(q.workPackage)) return false;
  return true;
}

/** Comparator for the plan's sort: undated actions sort after dated ones either way; ties by reference. */
type Sortable = Pick<FilterableRow, "ref" | "dueDate" | "status"> & { /** refKey(ref), worked out once per row for a large sort. */ refKey?: string | null };

/** compareRef, from the rows' own sort keys when they carry them. */
function compareRows(a: Sortable, b: Sortable) {
  if (a.refKey != null && b.refKey != null && a.refKey !== b.refKey) return a.refKey < b.refKey ? -1 : 1;
  return compareRef(a.ref, b.ref);
}

export function planComparator(sort: SortKey, dir: "asc" | "desc") {
  const sign = dir === "desc" ? -1 : 1;
  return (a: Sortable, b: Sortable) => {
    if (sort === "due") {
      if (a.dueDate !== b.dueDate) {
        if (!a.dueDate) return 1;
        if (!b.dueDate) return -1;
        return sign * (a.dueDate < b.dueDate ? -1 : 1);
      }
    } else if (sort === "status") {
      const d = STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
      if (d !== 0) return sign * d;
    } else {
      return sign * compareRows(a, b);
    }
    return compareRows(a, b);
  };
}

/** The same query string with some keys changed (empty values dropped), for sort and filter links. */
export function withParams(params: URLSearchParams, changes: Record<string, string | null>) {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  for (const [k, v] of [...next.entries()]) if (!v) next.delete(k);
  const s = next.toString();
  return s ? `?${s}` : "?";
}

export function truncate(text: string, max = 140) {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * "9 Nov 2026", the same words as formatDate in ~/components/layout, without a locale lookup per
 * call (toLocaleDateString dominated rendering a 1,000-row plan).
 */
/** Dates in tables: the app-wide format. */
export const shortDate = formatDate;
