// `waymark flags`: every flagged item with its flags and causes, from the same loader and
// rules the pages use (flagsForProjects), so the CLI and the pages agree for one as-of date.
import { getSqlite } from "~/db.server";
import { flagLabel, isIsoDate, todayInLondon, type ActionFlag, type MilestoneFlag } from "~/modules/action/rules";
import { flagsForProjects } from "~/modules/action/schedule.server";
import type { Command } from "~/cli/main";

export interface FlaggedItem {
  kind: "action" | "milestone";
  project: string;
  id: number;
  ref: string | null;
  title: string;
  status: string | null;
  dueDate: string | null;
  flags: ((ActionFlag | MilestoneFlag) & { label: string })[];
}

export interface FlagsReport {
  asOf: string;
  projects: { slug: string; name: string }[];
  items: FlaggedItem[];
}

/** Flagged actions and milestones of the projects (all projects when `slugs` is empty). */
export function flagsReport({ slugs, asOf }: { slugs: string[]; asOf: string }): FlagsReport {
  const sqlite = getSqlite();
  const rows = sqlite
    .prepare(
      `select id, slug, name from projects
       where (select count(*) from json_each(@slugs)) = 0 or slug in (select value from json_each(@slugs))
       order by slug`,
    )
    .all({ slugs: JSON.stringify(slugs) }) as { id: number; slug: string; name: string }[];
  const missing = slugs.filter((s) => !rows.some((r) => r.slug === s));
  if (missing.length > 0) throw new Error(`No project with the slug ${missing.map((s) => `"${s}"`).join(", ")}.`);
  const slugOf = new Map(rows.map((r) => [r.id, r.slug]));
  const flags = flagsForProjects({ projectIds: rows.map((r) => r.id), asOf });
  const label = <F extends ActionFlag | MilestoneFlag>(f: F) => ({ ...f, label: flagLabel(f) });
  const items: FlaggedItem[] = [];
  for (const { action, flags: fs } of flags.actions) {
    if (fs.length === 0) continue;
    items.push({
      kind: "action",
      project: slugOf.get(action.projectId)!,
      id: action.id,
      ref: action.ref,
      title: action.title,
      status: action.status,
      dueDate: action.dueDate,
      flags: fs.map(label),
    });
  }
  for (const { milestone, flags: fs } of flags.milestones) {
    if (fs.length === 0) continue;
    items.push({
      kind: "milestone",
      project: slugOf.get(milestone.projectId)!,
      id: milestone.id,
      ref: null,
      title: milestone.name,
      status: milestone.achievedDate ? "achieved" : null,
      dueDate: milestone.targetDate,
      flags: fs.map(label),
    });
  }
  const collator = new Intl.Collator("en", { numeric: true });
  items.sort((a, b) => collator.compare(a.project, b.project) || a.kind.localeCompare(b.kind) || collator.compare(a.ref ?? "~", b.ref ?? "~") || a.id - b.id);
  return { asOf, projects: rows.map(({ slug, name }) => ({ slug, name })), items };
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.min(60, Math.max(...rows.map((r) => r[c].length))));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join("  ").trimEnd());
}

export const flagsCommand: Command = {
  summary: "List every flagged action and milestone, with the causes",
  usage: "waymark flags [--project SLUG]... [--as-of YYYY-MM-DD] [--json]",
  options: { project: { type: "string", multiple: true }, "as-of": { type: "string" }, json: { type: "boolean" } },
  run(values, _p, { out, err }) {
    const asOf = (values["as-of"] as string | undefined) ?? todayInLondon(new Date());
    if (!isIsoDate(asOf)) {
      err(`--as-of must be a date written YYYY-MM-DD, not "${asOf}".`);
      return 2;
    }
    let report: FlagsReport;
    try {
      report = flagsReport({ slugs: (values.project as string[] | undefined) ?? [], asOf });
    } catch (error) {
      err((error as Error).message);
      return 1;
    }
    if (values.json) {
      out(JSON.stringify(report, null, 2));
      return 0;
    }
    if (report.items.length === 0) {
      out(`Nothing flagged as of ${asOf}.`);
      return 0;
    }
    const rows = [["Project", "Item", "Flag", "Detail"]];
    for (const item of report.items) {
      const name = item.kind === "action" ? `${item.ref} ${item.title}` : `Milestone: ${item.title}`;
      item.flags.forEach((f, k) => rows.push([k === 0 ? item.project : "", k === 0 ? name.slice(0, 60) : "", f.kind, f.label]));
    }
    out(`Flagged items as of ${asOf}:`);
    for (const line of table(rows)) out(line);
    out(`${report.items.length} flagged item${report.items.length === 1 ? "" : "s"}.`);
    return 0;
  },
};
