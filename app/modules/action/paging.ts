// Paging of long lists (action plans): which page the query string asks for, the slice of rows on
// it, and the page links to offer, in the GOV.UK pagination pattern (first, last, current and its
// neighbours, with ellipses between). Pure: no I/O, no React.

export const PAGE_SIZE = 100;

/** `?page=N` as a whole number from 1; anything else is page 1 (a hand-edited URL never fails). */
export function readPage(params: URLSearchParams): number {
  const raw = params.get("page") ?? "";
  if (!/^\d{1,6}$/.test(raw)) return 1;
  return Math.max(1, Number(raw));
}

export interface Page<T> {
  items: T[];
  /** The page shown: the one asked for, or the last when it asked beyond the end. */
  page: number;
  pageCount: number;
  total: number;
  /** 1-based positions of the first and last item shown (0 and 0 when there are none). */
  from: number;
  to: number;
}

export function paginate<T>(items: T[], page: number, size = PAGE_SIZE): Page<T> {
  const total = items.length;
  const pageCount = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, page), pageCount);
  const start = (current - 1) * size;
  const shown = items.slice(start, start + size);
  return { items: shown, page: current, pageCount, total, from: shown.length ? start + 1 : 0, to: start + shown.length };
}

/** Page numbers to link, with "…" for gaps: always the first and last, and the current one's neighbours. */
export function pageLinks(page: number, pageCount: number): Array<number | "…"> {
  if (pageCount <= 1) return [];
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: Array<number | "…"> = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (typeof last === "number" && n - last === 2) out.push(last + 1);
    else if (typeof last === "number" && n - last > 2) out.push("…");
    out.push(n);
  }
  return out;
}

/** The same query string on another page (page 1 drops the parameter), keeping filters, sort and as-of date. */
export function pageHref(search: string | URLSearchParams, page: number): string {
  const next = new URLSearchParams(search);
  if (page <= 1) next.delete("page");
  else next.set("page", String(page));
  for (const [k, v] of [...next.entries()]) if (!v) next.delete(k);
  const s = next.toString();
  return s ? `?${s}` : "?";
}
