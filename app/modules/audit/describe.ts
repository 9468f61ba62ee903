// How the audit browser writes stored values for people to read.

/** A stored value in words: nested records as "field: value" pairs rather than raw JSON. */
export function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "(empty)";
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(show).join(", ");
  if (typeof v === "object") return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${show(x)}`).join("; ");
  return String(v);
}
