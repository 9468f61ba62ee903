/** Whole calendar days from `from` to `to` (YYYY-MM-DD); positive when `to` is later. */
export { daysBetween } from "~/utils/dates";
import { daysBetween } from "~/utils/dates";

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/**
 * A milestone's slippage in words: an achieved one against its baseline ("Achieved 10 days late"),
 * an open one by how far its target has moved ("Moved 7 days later than baseline").
 */
export function milestoneSlipText(m: { baselineDate: string; targetDate: string; achievedDate: string | null }, asOf?: string) {
  if (m.achievedDate) {
    const late = daysBetween(m.baselineDate, m.achievedDate);
    if (late === 0) return "Achieved on baseline";
    return `Achieved ${days(Math.abs(late))} ${late > 0 ? "late" : "early"}`;
  }
  const moved = daysBetween(m.baselineDate, m.targetDate);
  // A missed milestone is not "on baseline": that would sit beside "Missed" and contradict it.
  if (moved === 0) return asOf && m.targetDate < asOf ? "Baseline date passed" : "On baseline";
  return `Moved ${days(Math.abs(moved))} ${moved > 0 ? "later" : "earlier"} than baseline`;
}
