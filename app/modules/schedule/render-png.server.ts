// The timeline as PNG, drawn on the server by resvg (no browser). Liberation Sans is loaded
// explicitly so the picture is the same on every machine; system fonts only when it is absent.
// A chart too large for one image is never refused: `page` gives one page of rows (with the title
// and header repeated), and the whole chart beyond MAX_PIXELS is scaled down to fit.
import fs from "node:fs";
import type { Layout } from "./layout";
import { rasterise } from "./rasterise.server";
import { FOOTER_HEIGHT, TITLE_HEIGHT, pageRanges, standaloneSvg, type StandaloneOptions } from "./svg";

const FONT_DIR = "/usr/share/fonts/truetype/liberation";
const FONT_FILES = ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"].map((f) => `${FONT_DIR}/${f}`);
/** About 36 million pixels (140 MB of RGBA): the most we draw at full size in one image. */
export const MAX_PIXELS = 36_000_000;
/** Rows on one PNG page: about an A3 landscape sheet at screen size. */
export const PNG_ROWS_PER_PAGE = 60;

let fontOptions: { loadSystemFonts: boolean; fontFiles: string[]; defaultFontFamily: string } | null = null;
function fonts() {
  if (!fontOptions) {
    const present = FONT_FILES.filter((f) => fs.existsSync(f));
    fontOptions = present.length
      ? { loadSystemFonts: false, fontFiles: present, defaultFontFamily: "Liberation Sans" }
      : { loadSystemFonts: true, fontFiles: [], defaultFontFamily: "" };
  }
  return fontOptions;
}

/** Above this (about 2,000 x 6,000 pixels) the PNG comes a page of rows at a time: drawing and
 * compressing a 40-megapixel image takes seconds, and few viewers open one comfortably. */
export const WHOLE_MAX_PIXELS = 12_000_000;

/** How many PNG pages the chart takes: 1 when it is drawn whole. */
export function pngPageCount(layout: Layout) {
  const whole = layout.width * (TITLE_HEIGHT + layout.headerHeight + FOOTER_HEIGHT + layout.rows.length * layout.rowHeight);
  return whole <= WHOLE_MAX_PIXELS ? 1 : pageRanges(layout, PNG_ROWS_PER_PAGE).length;
}

/**
 * PNG bytes of the whole chart, or of one page of it (1-based; past the last page gives the last).
 * Drawn in a child process (rasterise.server.ts): a renderer crash rejects with a RenderError.
 */
export function renderTimelinePng(layout: Layout, opts: StandaloneOptions & { page?: number | null }): Promise<{ png: Buffer; width: number; height: number }> {
  let svg: string;
  if (opts.page) {
    const pages = pageRanges(layout, PNG_ROWS_PER_PAGE);
    const index = Math.min(opts.page, pages.length) - 1;
    svg = standaloneSvg(layout, { ...opts, rows: pages[index], footer: `${opts.footer ?? ""} Page ${index + 1} of ${pages.length}.`.trim() });
  } else svg = standaloneSvg(layout, opts);
  const height = TITLE_HEIGHT + layout.headerHeight + FOOTER_HEIGHT + (layout.rows.length * layout.rowHeight);
  const full = layout.width * (opts.page ? Math.min(height, TITLE_HEIGHT + layout.headerHeight + FOOTER_HEIGHT + PNG_ROWS_PER_PAGE * layout.rowHeight) : height);
  const scale = full > MAX_PIXELS ? Math.sqrt(MAX_PIXELS / full) : 1;
  return rasterise(svg, {
    font: fonts(),
    fitTo: scale < 1 ? { mode: "zoom", value: scale } : { mode: "original" },
    background: "#ffffff",
    shapeRendering: 2,
    textRendering: 1,
  });
}

/** Any SVG we drew (a report's frozen timeline) as PNG, with the same fonts, at `zoom` times its size. */
export function rasteriseSvg(svg: string, zoom = 1): Promise<{ png: Buffer; width: number; height: number }> {
  return rasterise(svg, { font: fonts(), fitTo: zoom === 1 ? { mode: "original" } : { mode: "zoom", value: zoom }, background: "#ffffff", shapeRendering: 2, textRendering: 1 });
}
