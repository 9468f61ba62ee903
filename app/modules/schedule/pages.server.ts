// What the timeline routes call: who may see which projects, the query, the model, the drawing,
// and the downloads. Routes stay a few lines each; the CLI uses `buildTimeline` directly.
import type { AppLoadContext } from "@remix-run/node";
import { requireProgrammeAccess, requireProjectAccess, visibleProjects } from "~/modules/auth/access.server";
import { unchangedPage } from "~/utils/page-cache.server";
import { todayInLondon } from "~/utils/dates";
import { layoutTimeline, type Layout } from "./layout";
import { readTimelineQuery, timelineSearch, type TimelineQuery } from "./query";
import { pdfPages, renderTimelinePdf } from "./render-pdf.server";
import { pngPageCount, renderTimelinePng } from "./render-png.server";
import { RenderError } from "./rasterise.server";
import { loadTimeline, type TimelineModel, type TimelineProject } from "./service.server";
import { chartParts, standaloneSvg } from "./svg";
import { longDate } from "./words";

/** `viewer`: the signed-in user the page is drawn for (none from the CLI). */
export type TimelineScope =
  | { kind: "project"; project: TimelineProject; visible: Set<number> | null; base: string; viewer?: number }
  | { kind: "programme"; name: string; projects: TimelineProject[]; visible: Set<number> | null; base: string; viewer?: number };

export async function projectTimelineScope(request: Request, slug: string | undefined): Promise<TimelineScope> {
  const { user, project } = await requireProjectAccess(request, slug);
  const visible = new Set(visibleProjects(user).map((p) => p.id));
  return { kind: "project", project: { id: project.id, slug: project.slug, name: project.name }, visible, base: `/projects/${project.slug}/timeline`, viewer: user.id };
}

/** Only the programme's projects the viewer may see are drawn. */
export async function programmeTimelineScope(request: Request, slug: string | undefined): Promise<TimelineScope> {
  const { user, programme } = await requireProgrammeAccess(request, slug);
  const projects = visibleProjects(user, programme.id).map((p) => ({ id: p.id, slug: p.slug, name: p.name }));
  const visible = new Set(visibleProjects(user).map((p) => p.id));
  return { kind: "programme", name: programme.name, projects, visible, base: `/programmes/${programme.slug}/timeline`, viewer: user.id };
}

export function buildTimeline(scope: TimelineScope, query: TimelineQuery, today: string) {
  const model = loadTimeline({
    scope: scope.kind === "project" ? { kind: "project", project: scope.project } : { kind: "programme", name: scope.name, projects: scope.projects },
    query,
    today,
    visibleProjectIds: scope.visible,
  });
  const layout = layoutTimeline({
    roots: model.roots,
    dependencies: model.dependencies,
    zoom: model.zoom,
    from: query.from,
    to: query.to,
    today,
    asOf: query.asOf,
    baseline: query.baseline,
    critical: query.critical,
  });
  return { model, layout };
}

/** "Flags as of 3 March 2026 · month zoom · baselines · critical path". */
export function subtitle(model: TimelineModel, query: TimelineQuery) {
  const bits = [`Flags as of ${longDate(query.asOf)}`, `${model.zoom} zoom`];
  if (query.from || query.to) bits.push(`window ${query.from ? longDate(query.from) : "start"} to ${query.to ? longDate(query.to) : "end"}`);
  if (query.flag) bits.push(query.flag === "any" ? "flagged items and what they depend on" : `items flagged ${query.flag.replace("_", " ")} and what they depend on`);
  if (query.wp || query.owner) bits.push("filtered");
  if (query.baseline) bits.push("baselines");
  if (query.critical) bits.push("critical path");
  return bits.join(" · ");
}

const PRINT_WIDTH = { a3: 1512, a4: 1047 }; // CSS px across a landscape sheet less 10 mm margins

/**
 * The timeline page's ETag (its drawing follows from the data, the viewer, the URL and today, for
 * the today line), and the response when the browser or the page cache already holds it.
 */
export function timelineUnchanged(scope: TimelineScope, request: Request, context: AppLoadContext) {
  return unchangedPage(request, context, { viewer: scope.viewer ?? "system", asOf: todayInLondon() });
}

export function timelinePageData(scope: TimelineScope, request: Request) {
  const today = todayInLondon();
  const { query, errors, values } = readTimelineQuery(new URL(request.url).searchParams, today);
  const { model, layout } = buildTimeline(scope, query, today);
  const search = timelineSearch(query);
  const counts = summarise(layout);
  return {
    status: errors ? 400 : 200,
    data: {
      title: model.title,
      subtitle: subtitle(model, query),
      base: scope.base,
      query,
      errors,
      values,
      zoom: model.zoom,
      chart: query.view === "chart" ? chartParts(layout) : null,
      printZoom: Math.min(1, PRINT_WIDTH[query.paper] / layout.width),
      table: query.view === "table" ? model.table : null,
      undated: model.undated,
      linksOutside: model.linksOutside,
      outsideWindow: layout.outsideWindow,
      choices: model.choices,
      counts: { ...counts, tableRows: model.counts.tableRows },
      downloads: {
        svg: `${scope.base}.svg${search}`,
        png: `${scope.base}.png${search}`,
        pngPages: pngPageCount(layout),
        pdf: `${scope.base}.pdf${search}`,
        pdfA4: `${scope.base}.pdf${timelineSearch(query, { paper: "a4" })}`,
        pdfPages: pdfPages(layout, "a3").ranges.length,
      },
      isProgramme: scope.kind === "programme",
    },
  };
}

function summarise(layout: Layout) {
  let bars = 0;
  let milestones = 0;
  for (const r of layout.rows) {
    if (r.bar) bars++;
    if (r.diamond) milestones++;
  }
  return { bars, milestones, arrows: layout.arrows.length, rows: layout.rows.length };
}

export type TimelineFormat = "svg" | "png" | "pdf";
const TYPES: Record<TimelineFormat, string> = { svg: "image/svg+xml; charset=utf-8", png: "image/png", pdf: "application/pdf" };

/** The picture as a file: the same drawing, honouring the same query string. */
export async function renderTimelineFile(scope: TimelineScope, query: TimelineQuery, format: TimelineFormat, today: string, origin?: string) {
  const { model, layout } = buildTimeline(scope, query, today);
  const opts = { title: model.title, subtitle: subtitle(model, query), footer: `Waymark timeline, drawn ${longDate(today)}.`, origin };
  let body: Buffer;
  let suffix = "";
  if (format === "svg") body = Buffer.from(standaloneSvg(layout, opts));
  else if (format === "png") {
    // One page of rows at a time when the whole chart would be one very tall image.
    const pages = pngPageCount(layout);
    const page = query.page ?? (pages > 1 ? 1 : null);
    if (page) suffix = `-page-${Math.min(page, pages)}-of-${pages}`;
    body = (await renderTimelinePng(layout, { ...opts, page })).png;
  } else body = await renderTimelinePdf(layout, { ...opts, paper: query.paper });
  const name = `${model.title.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase()}${suffix}.${format}`;
  return { body, type: TYPES[format], name };
}

export async function timelineDownload(scope: TimelineScope, request: Request, format: TimelineFormat) {
  const today = todayInLondon();
  const url = new URL(request.url);
  const { query, errors } = readTimelineQuery(url.searchParams, today);
  if (errors) return new Response(Object.values(errors).join("\n"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  let file: Awaited<ReturnType<typeof renderTimelineFile>>;
  try {
    file = await renderTimelineFile(scope, query, format, today, url.origin);
  } catch (error) {
    // The renderer died (rasterise.server.ts): the server did not. Say what failed and what else works.
    if (!(error instanceof RenderError)) throw error;
    console.warn(`timeline ${format}: ${error.message}`);
    return new Response(
      `${error.message}\nThe timeline page, its table and the SVG and PDF downloads show the same chart; a shorter window (from/to) or a filter makes a smaller picture.\n`,
      { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } },
    );
  }
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.type,
      "Content-Disposition": `inline; filename="${file.name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
