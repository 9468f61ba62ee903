// `waymark timeline`: the same drawing as the page and its downloads, for a project or a whole
// programme (every project in it: the command line runs with the installation's full rights).
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { programmes, projects } from "#db/schema";
import type { Command } from "~/cli/main";
import { getDb } from "~/db.server";
import { isIsoDate, todayInLondon } from "~/utils/dates";
import { renderTimelineFile, type TimelineFormat, type TimelineScope } from "./pages.server";
import { readTimelineQuery } from "./query";

function scopeFor(values: Record<string, unknown>): TimelineScope | string {
  const db = getDb();
  const project = values.project as string | undefined;
  const programme = values.programme as string | undefined;
  if (Boolean(project) === Boolean(programme)) return "Name one project or one programme: --project SLUG or --programme SLUG.";
  if (project) {
    const p = db.select().from(projects).where(eq(projects.slug, project)).get();
    if (!p) return `No project with the slug "${project}".`;
    return { kind: "project", project: { id: p.id, slug: p.slug, name: p.name }, visible: null, base: `/projects/${p.slug}/timeline` };
  }
  const g = db.select().from(programmes).where(eq(programmes.slug, programme!)).get();
  if (!g) return `No programme with the slug "${programme}".`;
  const list = db.select().from(projects).where(eq(projects.programmeId, g.id)).orderBy(projects.name).all();
  return { kind: "programme", name: g.name, projects: list.map((p) => ({ id: p.id, slug: p.slug, name: p.name })), visible: null, base: `/programmes/${g.slug}/timeline` };
}

export const timelineCommand: Command = {
  summary: "Draw a project's or programme's timeline (Gantt chart) as SVG, PNG or PDF",
  usage:
    "waymark timeline --project SLUG | --programme SLUG [--as-of YYYY-MM-DD] [--zoom week|month|quarter] [--baseline] [--critical] [--paper a3|a4] [--page N] --format svg|png|pdf [--output FILE] > file",
  options: {
    project: { type: "string" },
    programme: { type: "string" },
    "as-of": { type: "string" },
    zoom: { type: "string" },
    baseline: { type: "boolean" },
    critical: { type: "boolean" },
    paper: { type: "string" },
    page: { type: "string" },
    format: { type: "string" },
    output: { type: "string" },
  },
  async run(values, _p, { err }) {
    const format = values.format as string | undefined;
    if (format !== "svg" && format !== "png" && format !== "pdf") {
      err("Choose the format: --format svg, png or pdf.");
      return 2;
    }
    const asOf = values["as-of"] as string | undefined;
    if (asOf && !isIsoDate(asOf)) {
      err(`--as-of must be a date written YYYY-MM-DD, not "${asOf}".`);
      return 2;
    }
    const scope = scopeFor(values);
    if (typeof scope === "string") {
      err(scope);
      return typeof values.project === "string" || typeof values.programme === "string" ? 1 : 2;
    }
    const today = todayInLondon(new Date());
    const params = new URLSearchParams();
    if (asOf) params.set("asOf", asOf);
    for (const key of ["zoom", "paper", "page"] as const) if (typeof values[key] === "string") params.set(key, values[key] as string);
    if (values.baseline) params.set("baseline", "1");
    if (values.critical) params.set("critical", "1");
    const { query } = readTimelineQuery(params, today);
    const file = await renderTimelineFile(scope, query, format as TimelineFormat, today, process.env.APP_URL);
    const output = values.output as string | undefined;
    if (output) fs.writeFileSync(output, file.body);
    else await new Promise<void>((resolve, reject) => process.stdout.write(file.body, (e) => (e ? reject(e) : resolve())));
    return 0;
  },
};
