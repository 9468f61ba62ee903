/** Whole calendar days from `from` to `to` (YYYY-MM-DD); positive when `to` is later. */
export function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "12 days late", "3 days early", "On baseline": words, so the meaning never rests on colour. */
export function slipText(days: number) {
  if (days === 0) return "On baseline";
  const n = Math.abs(days);
  return `${n} day${n === 1 ? "" : "s"} ${days > 0 ? "later than baseline" : "earlier than baseline"}`;
}
