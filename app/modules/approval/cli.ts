import type { Command } from "~/cli/main";
import { systemActor } from "~/modules/audit/actor";
import { sendReminders } from "./service.server";
import { todayInLondon } from "~/utils/dates";

/** `waymark reminders [--as-of DATE] [--within DAYS]`: remind board members who have not voted. */
export const remindersCommand: Command = {
  summary: "Remind board members who have not voted on requests due soon (once per member per request)",
  usage: "waymark reminders [--as-of YYYY-MM-DD] [--within DAYS]",
  options: { "as-of": { type: "string" }, within: { type: "string" } },
  async run(values, _p, { out, err }) {
    const today = (values["as-of"] as string | undefined) ?? todayInLondon();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
      err(`--as-of must be a date like 2026-03-27, not "${today}".`);
      return 2;
    }
    const within = Number(values.within ?? 2);
    if (!Number.isInteger(within) || within < 0) {
      err("--within must be a whole number of days.");
      return 2;
    }
    const { reminded } = await sendReminders({ actor: systemActor(`cli:${process.env.USER ?? "unknown"}`), today, withinDays: within });
    out(reminded ? `Reminded ${reminded} board ${reminded === 1 ? "member" : "members"}.` : "Nobody needed a reminder.");
    return 0;
  },
};
