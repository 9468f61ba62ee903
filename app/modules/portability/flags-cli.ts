// `waymark flags`: every flagged item with its flags and causes, from the same loader and
// rules the pages use (flagsForProjects), so the CLI and the pages agree for one as-of date.
import { getSqlite } from "~/db.server";
import { redactFlag, seesOf, type Sees } from "~/modules/action/redact";
import { flagLabel, isIsoDate, todayInLondon, type ActionFlag, type MilestoneFlag, type ShownItem } from "~/modules/action/rules";
import { viewerFor, type Viewer } from "~/modules/auth/access.server";
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
  flags: ((ActionFlag<ShownItem> | MilestoneFlag<ShownItem>) & { label: string })[];
}

export interface FlagsReport {
  asOf: string;
  projects: { slug: string; name: string }[];
  items: FlaggedItem[];
}

/** The person `--as` names, by their login's email or their own: their Viewer. */
function viewerByEmail(email: string): Viewer {
  const sqlite = getSqlite();
  const row = sqlite
    .prepare(
      `select p.id as personId, coalesce(u.is_admin, 0) as isAdmin from people p left join users u on u.person_id = p.id
       where lower(u.email) = lower(@email) or lower(p.email) = lower(@email) order by u.id is null limit 1`,
    )
    .get({ email }) as { personId: number; isAdmin: number } | undefined;
  if (!row) throw new Error(`No person with the email "${email}".`);
  return viewerFor({ personId: row.personId, isAdmin: row.isAdmin === 1 });
}

/**
 * Flagged actions and milestones of the projects (all projects when `slugs` is empty). With `as`
 * (an email), only what that person may see: their projects, and causes elsewhere written
 * "an item in another project", exactly as their pages show them.
 */
export function flagsReport({ slugs, asOf, as }: { slugs: string[]; asOf: string; as?: string }): FlagsReport {
  const sqlite = getSqlite();
  const viewer = as ? viewerByEmail(as) : null;
  const all = sqlite
    .prepare(
      `select id, slug, name from projects
       where (select count(*) from json_each(@slugs)) = 0 or slug in (select value from json_each(@slugs))
       order by slug`,
    )
    .all({ slugs: JSON.stringify(slugs) }) as { id: number; slug: string; name: string }[];
  // A project the person may not see is reported exactly as one that does not exist.
  const rows = viewer ? all.filter((r) => viewer.sees.has(r.id)) : all;
  const sees: Sees = viewer ? seesOf(viewer.sees) : () => true;
  const missing = slugs.filter((s) => !rows.some((r) => r.slug === s));
  if (missing.length > 0) throw new Error(`No project with the slug ${missing.map((s) => `"${s}"`).join(", ")}.`);
  const slugOf = new Map(rows.map((r) => [r.id, r.slug]));
  const flags = flagsForProjects({ projectIds: rows.map((r) => r.id), asOf });
  const label = (f: ActionFlag | MilestoneFlag) => {
    const shown = redactFlag(f, sees);
    return { ...shown, label: flagLabel(shown) };
  };
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
  usage: "waymark flags [--project SLUG]... [--as-of YYYY-MM-DD] [--as EMAIL] [--json]",
  options: { project: { type: "string", multiple: true }, "as-of": { type: "string" }, as: { type: "string" }, json: { type: "boolean" } },
  run(values, _p, { out, err }) {
    const asOf = (values["as-of"] as string | undefined) ?? todayInLondon(new Date());
    if (!isIsoDate(asOf)) {
      err(`--as-of must be a date written YYYY-MM-DD, not "${asOf}".`);
      return 2;
    }
    let report: FlagsReport;
    try {
      report = flagsReport({ slugs: (values.project as string[] | undefined) ?? [], asOf, as: values.as as string | undefined });
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
