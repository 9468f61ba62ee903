import { systemActor } from "~/modules/audit/actor";
import { isIsoDate, todayInLondon } from "~/modules/action/rules";
import type { Command } from "~/cli/main";
import { runDigest } from "./service.server";

/** `waymark digest [--as-of DATE] [--dry-run]`: the morning digest by hand. */
export const digestCommand: Command = {
  summary: "Email each person their flagged actions (once a day; --dry-run only lists them)",
  usage: "waymark digest [--as-of YYYY-MM-DD] [--dry-run]",
  options: { "as-of": { type: "string" }, "dry-run": { type: "boolean" } },
  async run(values, _p, { out, err }) {
    const asOf = (values["as-of"] as string | undefined) ?? todayInLondon();
    if (!isIsoDate(asOf)) {
      err(`--as-of must be a real date like 2026-03-27, not "${asOf}".`);
      return 2;
    }
    const dryRun = Boolean(values["dry-run"]);
    const result = await runDigest({ asOf, dryRun, actor: systemActor(`cli:${process.env.USER ?? "unknown"}`) });
    const verb = { "dry-run": "would send", sent: "sent", stored: "stored in the outbox", failed: "FAILED", duplicate: "already sent today" };
    for (const r of result.recipients) {
      const extra = [r.benefits.length ? `, ${r.benefits.length} benefit measurement${r.benefits.length === 1 ? "" : "s"} due` : "", r.reports.length ? `, ${r.reports.length} report${r.reports.length === 1 ? "" : "s"} overdue` : ""].join("");
      out(`${r.name} <${r.email}>: ${verb[r.outcome]}, ${r.items.length} flagged ${r.items.length === 1 ? "action" : "actions"}${extra}`);
      for (const i of r.items) out(`  ${i.projectName} ${i.ref} ${i.title}: ${i.flags.map((f) => f.tag).join(", ")}`);
      for (const b of r.benefits) out(`  ${b.projectName} benefit ${b.name}: ${b.text}`);
      for (const x of r.reports) out(`  ${x.projectName}: ${x.text}`);
    }
    if (result.recipients.length === 0) out(`Nothing needs attention as of ${asOf}: no digest to send.`);
    else if (dryRun) out(`Dry run: ${result.recipients.length} digests as of ${asOf}; nothing sent.`);
    else out(`Digest as of ${asOf}: ${result.delivered.length} sent, ${result.recipients.length - result.delivered.length} not sent.`);
    return result.recipients.some((r) => r.outcome === "failed") ? 1 : 0;
  },
};
