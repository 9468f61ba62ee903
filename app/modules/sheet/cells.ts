// Pure cell helpers for spreadsheet exports. No I/O.

/** Characters that make Excel, LibreOffice or Sheets treat a text cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises formula injection: text beginning with `=`, `+`, `-`, `@`, tab or carriage return
 * gets a leading apostrophe, so a spreadsheet shows it as text and never evaluates it. Everything
 * else is returned as it is. Numbers and dates are written as typed cells and never pass here.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** "2026-03-27" as a Date at UTC midnight (what spreadsheet date cells hold), or null when not a calendar date. */
export function isoToUtcDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]) ? d : null;
}

/** A safe file name part from a project slug and register kind, e.g. "rb-partnership-actions-2026-03-27". */
export function exportFileName(slug: string, kind: string, asOf: string, ext: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${clean(slug)}-${clean(kind)}-${clean(asOf)}.${ext}`;
}
