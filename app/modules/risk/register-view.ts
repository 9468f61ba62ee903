// Filtering and sorting of the register table, from the page's query string (works without JavaScript).
import type { Band } from "./scoring";

export interface RegisterRow {
  ref: string;
  title: string;
  category: string;
  status: string;
  ownerPersonId: number | null;
  ownerName: string | null;
  severity: number | null;
  band: Band | null;
  proximityDate: string | null;
  nextReviewDate: string | null;
}

export const SORTS = { ref: "Reference", severity: "Severity", owner: "Owner", proximity: "Proximity", review: "Next review" } as const;
export type SortKey = keyof typeof SORTS;
export const PROXIMITY_FILTERS = { soon: "Within 3 months", later: "Later than 3 months", none: "No date" } as const;

export interface RegisterQuery {
  band: string;
  owner: string;
  category: string;
  status: string;
  proximity: string;
  sort: SortKey;
  dir: "asc" | "desc";
}

export function parseQuery(search: URLSearchParams): RegisterQuery {
  const sort = search.get("sort") ?? "ref";
  return {
    band: search.get("band") ?? "",
    owner: search.get("owner") ?? "",
    category: search.get("category") ?? "",
    status: search.get("status") ?? "open",
    proximity: search.get("proximity") ?? "",
    sort: (sort in SORTS ? sort : "ref") as SortKey,
    dir: search.get("dir") === "desc" ? "desc" : "asc",
  };
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function matchesStatus<T extends { status: string }>(row: T, status: string) {
  return status === "all" || !status || row.status === status;
}

export function filterRows<T extends RegisterRow>(rows: T[], q: RegisterQuery, today: string): T[] {
  const horizon = addDays(today, 91);
  return rows.filter((r) => {
    if (!matchesStatus(r, q.status)) return false;
    if (q.band && (q.band === "none" ? r.band !== null : r.band !== q.band)) return false;
    if (q.owner && String(r.ownerPersonId ?? "none") !== q.owner) return false;
    if (q.category && r.category !== q.category) return false;
    if (q.proximity === "soon" && !(r.proximityDate && r.proximityDate <= horizon)) return false;
    if (q.proximity === "later" && !(r.proximityDate && r.proximityDate > horizon)) return false;
    if (q.proximity === "none" && r.proximityDate) return false;
    return true;
  });
}

// One collator for the module: `localeCompare` with options builds a new one at every comparison.
const refCollator = new Intl.Collator("en", { numeric: true });
const byRef = (a: RegisterRow, b: RegisterRow) => refCollator.compare(a.ref, b.ref);

/** Sorts with blanks always last, ties broken by reference. */
export function sortRows<T extends RegisterRow>(rows: T[], sort: SortKey, dir: "asc" | "desc"): T[] {
  const key = (r: RegisterRow): string | number | null =>
    sort === "severity" ? r.severity : sort === "owner" ? r.ownerName : sort === "proximity" ? r.proximityDate : sort === "review" ? r.nextReviewDate : null;
  const sign = dir === "desc" ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (sort === "ref") return sign * byRef(a, b);
    const ka = key(a);
    const kb = key(b);
    if (ka === kb) return byRef(a, b);
    if (ka === null) return 1;
    if (kb === null) return -1;
    return sign * (ka < kb ? -1 : 1);
  });
}
