// The one drawing of a timeline, as SVG text: the page shows it in parts (header, row labels and
// bars in chunks of rows, so labels and header stay in view and print on every page), the SVG
// download is the whole of it, and the PNG and PDF are rendered from pages of it. Pure.
// Presentation attributes, not CSS classes, so that resvg and svg-to-pdfkit draw it alike.
import type { Arrow, Layout, LayoutRow } from "./layout";
import { longDate } from "./words";

export const COLOURS = {
  text: "#0b0c0c",
  secondary: "#505a5f",
  blue: "#1d70b8",
  blueLight: "#d2e2f1",
  red: "#b10e1e",
  redLight: "#f6d7d2",
  band: "#f3f2f1",
  grid: "#dcdcdc",
  white: "#ffffff",
};
export const FONT = "Liberation Sans, Arial, Helvetica, sans-serif";
export const TITLE_HEIGHT = 56;

const C = COLOURS;
/**
 * Every repeated look, by name. The downloads write these as presentation attributes (resvg and
 * svg-to-pdfkit read no CSS); the page writes `class="tl-NAME"` and styles/app.scss holds the
 * same rules (a unit test keeps the two in step), which keeps a 1,000-row page small.
 */
export const STYLES: Record<string, Record<string, string | number>> = {
  bar: { fill: C.blueLight, stroke: C.blue },
  warn: { fill: C.blueLight, stroke: C.text, "stroke-width": 1.5, "stroke-dasharray": "4 2" },
  // Light red with dark red hatching: one pattern holds both, so a red bar is one element.
  severe: { fill: "url(#tl-sev)", stroke: C.red, "stroke-width": 1.5 },
  // Per cent complete: a thick line across the bar (12 high, or 10 with baselines), not a rect.
  pct: { fill: "none", stroke: C.blue, "stroke-width": 12 },
  pcts: { fill: "none", stroke: C.red, "stroke-width": 12 },
  pctb: { fill: "none", stroke: C.blue, "stroke-width": 10 },
  pctsb: { fill: "none", stroke: C.red, "stroke-width": 10 },
  closed: { fill: C.band, stroke: C.secondary },
  cancel: { fill: C.band, stroke: C.secondary, "stroke-dasharray": "3 2" },
  strike: { stroke: C.secondary },
  crit: { fill: "none", stroke: C.text, "stroke-width": 2.5 },
  base: { fill: C.secondary },
  sum: { fill: C.text },
  ar: { fill: "none", stroke: C.secondary, "stroke-width": 1.25, "marker-end": "url(#tl-ah)" },
  arc: { fill: "none", stroke: C.text, "stroke-width": 2.5, "marker-end": "url(#tl-ahc)" },
  // The same without the arrowhead, for the part of an arrow whose head is on another page
  // (resvg aborts on a marker far outside a clipped viewport).
  arn: { fill: "none", stroke: C.secondary, "stroke-width": 1.25 },
  arcn: { fill: "none", stroke: C.text, "stroke-width": 2.5 },
  // Arrowheads drawn as triangles, all of a chunk's in one path (see drawRows).
  head: { fill: C.secondary },
  headc: { fill: C.text },
  muted: { fill: C.secondary },
  band: { fill: C.band },
  grid: { stroke: C.grid },
  today: { stroke: C.red, "stroke-width": 2 },
  asof: { stroke: C.blue, "stroke-width": 2, "stroke-dasharray": "6 3" },
  ms: { fill: C.white, stroke: C.text, "stroke-width": 2 },
  msdone: { fill: C.text, stroke: C.text, "stroke-width": 2 },
  mss: { fill: C.redLight, stroke: C.red, "stroke-width": 2 },
  msbase: { fill: "none", stroke: C.secondary, "stroke-width": 1.5, "stroke-dasharray": "2 1" },
  mscrit: { fill: "none", stroke: C.text, "stroke-width": 2.5 },
  // A dependency's lag, written just left of where its arrow meets the successor.
  lag: { "font-size": "10px", "text-anchor": "end" },
  // A group's row label (programme, project, work package, stage).
  group: { "font-weight": "bold" },
};
export type StyleMode = "css" | "attr";
/**
 * The page's class for each style: two or three letters, as a 1,000-row chart writes one or two
 * per bar (styles/app.scss has a `.CLASS` rule per style; a unit test keeps them in step).
 */
export const CSS_CLASS: Record<keyof typeof STYLES, string> = {
  bar: "tb",
  warn: "tw",
  severe: "ts",
  pct: "tp",
  pcts: "tps",
  pctb: "tpb",
  pctsb: "tpsb",
  closed: "tc",
  cancel: "tx",
  strike: "tk",
  crit: "tcr",
  base: "tbl",
  sum: "tsm",
  ar: "ta",
  arc: "tac",
  arn: "tan",
  arcn: "tacn",
  head: "tah",
  headc: "tahc",
  muted: "tm",
  band: "tbd",
  grid: "tg",
  today: "ttd",
  asof: "tao",
  ms: "tms",
  msdone: "tmd",
  mss: "tmr",
  msbase: "tmb",
  mscrit: "tmc",
  lag: "tlg",
  group: "tgr",
};
const attrCache = new Map<string, string>();
/** ` class=tb` (the page: HTML, where simple attribute values need no quotes) or ` fill="…" stroke="…"`. */
function st(mode: StyleMode, name: keyof typeof STYLES): string {
  if (mode === "css") return ` class=${CSS_CLASS[name]}`;
  let a = attrCache.get(name);
  if (a === undefined) {
    a = Object.entries(STYLES[name]).map(([k, v]) => ` ${k}="${v}"`).join("");
    attrCache.set(name, a);
  }
  return a;
}
export const FOOTER_HEIGHT = 28;
/**
 * Rows per chunk in the page (and the most rows a print page breaks between): 50 rows of a wide
 * chart fit an A4 landscape sheet at its print zoom; fewer chunks repeat fewer grid and
 * pass-through lines (a 1,000-row page is 4 KB smaller than with 40).
 */
export const CHUNK_ROWS = 50;

const ESCAPED = /[&<>"']/;
export function esc(text: string) {
  // Most labels and names have nothing to escape: a test is cheaper than a replace with a callback.
  if (!ESCAPED.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
const n = (v: number) => String(Math.round(v * 10) / 10);

/** Patterns and arrowheads, once per document (the page puts them in a hidden SVG of their own). */
export function defs() {
  return (
    `<defs>` +
    `<pattern id="tl-sev" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${COLOURS.redLight}"/><rect width="2" height="6" fill="${COLOURS.red}" fill-opacity="0.45"/></pattern>` +
    `<marker id="tl-ah" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L8 4L0 8z" fill="${COLOURS.secondary}"/></marker>` +
    `<marker id="tl-ahc" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L8 4L0 8z" fill="${COLOURS.text}"/></marker>` +
    `</defs>`
  );
}

/**
 * The time header (three bands: years or months, units, and the today/as-of labels), x from
 * chartX; with the corner ("Item" over the labels). `part` "corner" draws the corner alone (the
 * page's top-left cell), "time" the header alone.
 */
export function drawHeader(layout: Layout, withCorner: boolean, part: "all" | "corner" | "time" = "all") {
  const { headerHeight: h, chartX } = layout;
  const out: string[] = [];
  if (part === "corner")
    return `<rect width="${chartX}" height="${h}" fill="${COLOURS.white}"/><text x="8" y="34" font-weight="bold" font-size="13">Item</text><path d="M0 ${h - 0.5}H${chartX}M${chartX - 0.5} 0V${h}" stroke="${COLOURS.secondary}"/>`;
  out.push(`<rect x="${part === "time" ? chartX : 0}" y="0" width="${layout.width}" height="${h}" fill="${COLOURS.white}"/>`);
  if (withCorner) out.push(`<text x="8" y="34" font-weight="bold" font-size="13">Item</text>`);
  for (const c of layout.header.top)
    out.push(`<text x="${n(c.x + 4)}" y="15" font-weight="bold" font-size="13">${esc(c.label)}</text>`, `<path d="M${n(c.x)} 0V20" stroke="${COLOURS.secondary}"/>`);
  for (const c of layout.header.bottom)
    out.push(`<text x="${n(c.x + 3)}" y="35" font-size="12">${esc(c.label)}</text>`, `<path d="M${n(c.x)} 20V40" stroke="${COLOURS.secondary}"/>`);
  for (const [line, label] of [
    [layout.today, "Today"],
    [layout.asOf, "As of"],
  ] as const) {
    if (!line) continue;
    const colour = label === "Today" ? COLOURS.red : COLOURS.blue;
    out.push(
      `<text x="${n(line.x + 3)}" y="${label === "Today" ? 53 : 53}" font-size="11" font-weight="bold" fill="${colour}">${label} ${esc(shortDate(line.date))}</text>`,
      `<path d="M${n(line.x)} 42V${h}" stroke="${colour}" stroke-width="2"/>`,
    );
  }
  out.push(`<path d="M${chartX} 20H${layout.width}M0 ${h - 0.5}H${layout.width}M${chartX - 0.5} 0V${h}" stroke="${COLOURS.secondary}"/>`);
  return out.join("");
}

const shortDate = (iso: string) => longDate(iso).replace(/ \d{4}$/, "");

/**
 * An attribute. The downloads are XML, so every value is quoted; the page is HTML, where a value
 * of letters, digits and `.#/:-` needs no quotes (a 1,000-row chart writes some 20,000 of them).
 */
function at(mode: StyleMode, name: string, value: string | number) {
  const v = String(value);
  return mode === "css" && /^[\w.#/:-]+$/.test(v) ? ` ${name}=${v}` : ` ${name}="${v}"`;
}
// The page's class first, so the quoted d ends the element and "/>" needs no space before it.
const pathEl = (mode: StyleMode, d: string, style: string) => (mode === "css" ? `<path${style} d="${d}"/>` : `<path d="${d}"${style}/>`);

/** Each arrow's vertical runs, parsed once per layout (every chunk of rows asks). */
const runsCache = new WeakMap<Arrow, { x: string; lo: number; hi: number }[]>();
function verticalRuns(arrow: Arrow) {
  let runs = runsCache.get(arrow);
  if (!runs) {
    runs = [];
    let x = 0;
    let y = 0;
    for (const step of arrowSteps(arrow)) {
      if (step[0] === 0) {
        x = step[1];
        y = step[2];
      } else if (step[0] === 1) x = step[1];
      else {
        const to = step[1];
        runs.push({ x: n(x), lo: Math.min(y, to), hi: Math.max(y, to) });
        y = to;
      }
    }
    runsCache.set(arrow, runs);
  }
  return runs;
}

/**
 * Rows [a, b): bands, weekends, grid, lines, arrows and each row's label and/or bar. With
 * `relative`, y counts from the first of these rows (the page's chunks: viewBox "x 0 w h"), so a
 * 1,000-row page writes three-digit numbers, not four.
 */
export function drawRows(layout: Layout, a: number, b: number, parts: { labels: boolean; body: boolean }, mode: StyleMode = "attr", relative = false) {
  const { rowHeight: rh, chartX } = layout;
  const rows = layout.rows.slice(a, b);
  if (rows.length === 0) return "";
  const dy = relative ? rows[0].y : 0;
  const y0 = rows[0].y - dy;
  const y1 = y0 + rows.length * rh;
  const out: string[] = [];
  const x0 = parts.labels ? 0 : chartX;
  const x1 = parts.body ? layout.width : chartX;
  if (mode === "attr") out.push(`<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="${COLOURS.white}"/>`);
  // The group rows' bands and the weekends: one path of rectangles.
  const bands: string[] = [];
  for (const row of rows) if (row.level !== "action" && row.level !== "milestone") bands.push(`M${x0} ${row.y - dy}h${x1 - x0}v${rh}h${x0 - x1}z`);
  if (parts.body) for (const w of layout.weekends) bands.push(`M${n(w.x)} ${y0}h${n(w.w)}v${y1 - y0}h${n(-w.w)}z`);
  if (bands.length) out.push(pathEl(mode, bands.join(""), st(mode, "band")));
  if (parts.body) {
    out.push(pathEl(mode, layout.gridXs.map((gx) => `M${n(gx)} ${y0}V${y1}`).join(""), st(mode, "grid")));
    if (layout.today) out.push(pathEl(mode, `M${layout.today.x} ${y0}V${y1}`, st(mode, "today")));
    if (layout.asOf) out.push(pathEl(mode, `M${layout.asOf.x} ${y0}V${y1}`, st(mode, "asof")));
    // An arrow that only passes through these rows is a vertical line here: all of those go in
    // one path (most of a long arrow's chunks), so a 1,000-row page stays small.
    // All of the chunk's arrow lines go in one path (and the critical ones in another), their
    // heads as triangles in one more: a few elements per chunk, not two or three per arrow.
    // An arrow only passing through these rows is a vertical line here.
    const lines: string[] = [];
    const criticalLines: string[] = [];
    // Two arrows often pass through on the same vertical: one line is drawn.
    const passing = new Set<string>();
    const heads: string[] = [];
    const criticalHeads: string[] = [];
    for (const arrow of layout.arrows) {
      if (arrow.rowMax < a || arrow.rowMin >= b) continue;
      const fromRow = arrow.rowMin + arrow.rowMax - arrow.toRow;
      const near = (r: number) => r >= a - 1 && r <= b;
      const into = arrow.critical ? criticalLines : lines;
      if (!near(fromRow) && !near(arrow.toRow)) {
        for (const run of verticalRuns(arrow)) {
          if (run.lo > y0 + dy || run.hi < y1 + dy) continue;
          const line = `M${run.x} ${y0 - 3}V${y1 + 3}`;
          const seen = `${arrow.critical ? "c" : ""}${line}`;
          if (!passing.has(seen)) into.push(line);
          passing.add(seen);
        }
        continue;
      }
      const inside = arrow.rowMin >= a && arrow.rowMax < b;
      into.push(inside && !dy ? arrow.d : clipSteps(arrowSteps(arrow), y0 + dy - 3, y1 + dy + 3, dy));
      if (arrow.toRow >= a && arrow.toRow < b) (arrow.critical ? criticalHeads : heads).push(arrowHead(arrow, dy));
      if (arrow.lag && arrow.lag.y >= y0 + dy && arrow.lag.y < y1 + dy)
        out.push(`<text${at(mode, "x", arrow.lag.x)}${at(mode, "y", n(arrow.lag.y - dy))}${st(mode, "lag")}>${esc(arrow.lag.text)}</text>`);
    }
    if (lines.length) out.push(pathEl(mode, lines.join(""), st(mode, "arn")));
    if (criticalLines.length) out.push(pathEl(mode, criticalLines.join(""), st(mode, "arcn")));
    if (heads.length) out.push(pathEl(mode, heads.join(""), st(mode, "head")));
    if (criticalHeads.length) out.push(pathEl(mode, criticalHeads.join(""), st(mode, "headc")));
  }
  // Per cent complete: each bar's thick line, all of a style in one path over the bars (it takes
  // no clicks: the bar under it is the link).
  const pct = new Map<keyof typeof STYLES, string[]>();
  for (const row of rows) {
    if (parts.labels) out.push(label(row, mode, dy));
    if (parts.body) out.push(body(row, layout, mode, pct, dy));
  }
  for (const [style, ds] of pct) out.push(pathEl(mode, ds.join(""), st(mode, style)));
  if (parts.labels) out.push(pathEl(mode, `M${chartX - 0.5} ${y0}V${y1}`, at(mode, "stroke", COLOURS.secondary)));
  return out.join("");
}

/**
 * An arrow (only absolute M, H and V commands) cut to the rows [top, bottom], written with
 * relative runs (h, v): vertical runs stop at the edge and horizontal runs outside it are left out. resvg aborts on a marked path
 * reaching thousands of pixels outside a clipped viewport, and the page is smaller for it.
 */
export function clipArrow(d: string, top: number, bottom: number, dy = 0) {
  return clipSteps(steps(d), top, bottom, dy);
}

/** An M/H/V path as numbers: [command, value, value?] per step, M as 0, H as 1, V as 2. */
type Step = [0, number, number] | [1 | 2, number];
function steps(d: string): Step[] {
  // Split at the letters: "M860 445", "H1578", "V5945" (no regular-expression match objects:
  // a 1,000-row chart parses some 600 arrows per page).
  const out: Step[] = [];
  let at = 0;
  while (at < d.length) {
    const command = d[at];
    let next = at + 1;
    while (next < d.length && d[next] !== "M" && d[next] !== "H" && d[next] !== "V") next++;
    const body = d.slice(at + 1, next);
    if (command === "M") {
      const space = body.indexOf(" ");
      out.push([0, Number(body.slice(0, space)), Number(body.slice(space + 1))]);
    } else out.push([command === "H" ? 1 : 2, Number(body)]);
    at = next;
  }
  return out;
}
/** Each arrow's steps, parsed once per layout (every chunk of rows it crosses cuts it). */
const stepsCache = new WeakMap<Arrow, Step[]>();
function arrowSteps(arrow: Arrow) {
  let s = stepsCache.get(arrow);
  if (!s) stepsCache.set(arrow, (s = steps(arrow.d)));
  return s;
}

function clipSteps(path: Step[], top: number, bottom: number, dy: number) {
  let out = "";
  let x = 0;
  let y = 0;
  let penX = NaN;
  let penY = NaN;
  const draw = (x1: number, y1: number, x2: number, y2: number) => {
    if (x1 !== penX || y1 !== penY) out += `M${n(x1)} ${n(y1 - dy)}`;
    // Relative runs: a length is most often shorter to write than where it ends.
    out += x1 === x2 ? `v${n(y2 - y1)}` : `h${n(x2 - x1)}`;
    penX = x2;
    penY = y2;
  };
  for (const step of path) {
    const a = step[1];
    if (step[0] === 0) {
      x = a;
      y = step[2];
    } else if (step[0] === 1) {
      if (y > top && y < bottom && a !== x) draw(x, y, a, y);
      x = a;
    } else {
      const from = Math.min(bottom, Math.max(top, y));
      const to = Math.min(bottom, Math.max(top, a));
      if (from !== to) draw(x, from, x, to);
      y = a;
    }
  }
  return out;
}

function label(row: LayoutRow, mode: StyleMode, dy: number) {
  const group = row.level !== "action" && row.level !== "milestone";
  return `<text${at(mode, "x", 8 + row.depth * 14)}${at(mode, "y", row.y - dy + 15)}${group ? st(mode, "group") : ""}>${esc(row.label)}</text>`;
}

/** A right-pointing triangle at the arrow's end, where it meets its successor. */
const arrowHead = (arrow: Arrow, dy: number) => `M${n(arrow.head.x)} ${n(arrow.head.y - dy)}l-7-3.5v7z`;

function body(row: LayoutRow, layout: Layout, mode: StyleMode, pct: Map<keyof typeof STYLES, string[]>, dy: number) {
  const out: string[] = [];
  const y = row.y - dy;
  const cy = y + layout.rowHeight / 2;
  if (row.summary) {
    const { x, w } = row.summary;
    return pathEl(mode, `M${n(x)} ${cy - 4}h${n(w)}v8l-4-4h${n(-(w - 8))}l-4 4z`, st(mode, "sum"));
  }
  const by = layout.baseline ? y + 4 : y + 5;
  const bh = layout.baseline ? 10 : 12;
  // A bar is a closed path: shorter than a rect's four attributes.
  // Down, across, up, and the close draws the top: the width is written once.
  const box = (x: number, w: number, style: keyof typeof STYLES, y = by, h = bh) => pathEl(mode, `M${n(x)} ${y}v${h}h${n(w)}v${-h}z`, st(mode, style));
  if (row.bar) {
    const { x, w, done, cancelled, percentW, severe, flagged } = row.bar;
    if (row.critical) out.push(box(x - 2.5, w + 5, "crit", by - 2.5, bh + 5));
    if (done || cancelled) {
      out.push(box(x, w, cancelled ? "cancel" : "closed"));
      if (cancelled) out.push(pathEl(mode, `M${n(x)} ${by + bh / 2}h${n(w)}`, st(mode, "strike")));
    } else {
      out.push(box(x, w, severe ? "severe" : flagged ? "warn" : "bar"));
      if (percentW > 0) {
        const style = layout.baseline ? (severe ? "pctsb" : "pctb") : severe ? "pcts" : "pct";
        const list = pct.get(style);
        // Whole pixels on the page (a tenth of one changes nothing on screen or paper).
        const d = `M${n(x)} ${by + bh / 2}h${mode === "css" ? Math.max(1, Math.round(percentW)) : n(percentW)}`;
        if (list) list.push(d);
        else pct.set(style, [d]);
      }
    }
  }
  if (row.baselineBar) out.push(box(row.baselineBar.x, row.baselineBar.w, "base", by + bh + 2, 3));
  if (row.diamond) {
    const { cx, achieved, severe } = row.diamond;
    if (row.critical) out.push(diamond(mode, cx, cy, 10, st(mode, "mscrit")));
    out.push(diamond(mode, cx, cy, 7, st(mode, achieved ? "msdone" : severe ? "mss" : "ms")));
  }
  if (row.baselineDiamond) out.push(diamond(mode, row.baselineDiamond.cx, cy, 5, st(mode, "msbase")));
  if (row.note) out.push(`<text${at(mode, "x", n(row.noteX))}${at(mode, "y", y + 15)}${row.bar?.done || row.bar?.cancelled ? st(mode, "muted") : ""}>${esc(row.note)}</text>`);
  const title = `<title>${esc(row.name ?? row.fullLabel)}</title>`;
  return row.href ? `<a${at(mode, "href", esc(row.href))}>${title}${out.join("")}</a>` : `<g>${title}${out.join("")}</g>`;
}

function diamond(mode: StyleMode, cx: number, cy: number, r: number, style: string) {
  return pathEl(mode, `M${n(cx)} ${cy - r}l${r} ${r}l${-r} ${r}l${-r}${-r}z`, style);
}
export interface StandaloneOptions {
  title: string;
  subtitle: string;
  /** Rows [a, b) for one page; the whole chart when absent. */
  rows?: [number, number];
  footer?: string;
  /** Absolute origin for the links in a download ("https://waymark.example.gov.uk"). */
  origin?: string;
}

/** A complete SVG document: title, header and rows (all, or one page's), with its own defs. */
export function standaloneSvg(layout: Layout, opts: StandaloneOptions) {
  const [a, b] = opts.rows ?? [0, layout.rows.length];
  const rowsH = (b - a) * layout.rowHeight;
  const w = layout.width;
  const h = TITLE_HEIGHT + layout.headerHeight + rowsH + FOOTER_HEIGHT;
  const y0 = layout.rows[a]?.y ?? layout.headerHeight;
  let rowsSvg = drawRows(layout, a, b, { labels: true, body: true });
  if (opts.origin) rowsSvg = rowsSvg.replaceAll(`<a href="/`, `<a href="${esc(opts.origin)}/`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${FONT}" font-size="12" fill="${COLOURS.text}" lang="en-GB">` +
    `<title>${esc(opts.title)}</title>${defs()}` +
    `<rect width="${w}" height="${h}" fill="${COLOURS.white}"/>` +
    `<text x="8" y="26" font-size="20" font-weight="bold">${esc(opts.title)}</text>` +
    `<text x="8" y="46" font-size="13">${esc(opts.subtitle)}</text>` +
    `<svg x="0" y="${TITLE_HEIGHT}" width="${w}" height="${layout.headerHeight}" viewBox="0 0 ${w} ${layout.headerHeight}">${drawHeader(layout, true)}</svg>` +
    `<svg x="0" y="${TITLE_HEIGHT + layout.headerHeight}" width="${w}" height="${rowsH}" viewBox="0 ${y0} ${w} ${rowsH}">${rowsSvg}</svg>` +
    `<text x="8" y="${h - 9}" font-size="11" fill="${COLOURS.secondary}">${esc(opts.footer ?? "")}</text>` +
    `</svg>`
  );
}

/** Row ranges for pages that hold at most `rowsPerPage` rows, breaking at group rows when one is near. */
export function pageRanges(layout: Layout, rowsPerPage: number): [number, number][] {
  const ranges: [number, number][] = [];
  const total = layout.rows.length;
  let a = 0;
  while (a < total) {
    let b = Math.min(total, a + rowsPerPage);
    if (b < total) {
      // Prefer to start the next page at a work package or project, if one is in the last fifth.
      for (let k = b; k > a + Math.floor(rowsPerPage * 0.8); k--) {
        const level = layout.rows[k].level;
        if (level === "project" || level === "work_package") {
          b = k;
          break;
        }
      }
    }
    ranges.push([a, b]);
    a = b;
  }
  if (ranges.length === 0) ranges.push([0, 0]);
  return ranges;
}

export interface ChartParts {
  defs: string;
  header: string;
  corner: string;
  chunks: { key: string; labels: string; body: string; height: number }[];
  labelWidth: number;
  chartWidth: number;
  headerHeight: number;
}

/** The page's pieces: header, corner, and for each chunk of rows its labels and its bars. */
export function chartParts(layout: Layout): ChartParts {
  const chunks: ChartParts["chunks"] = [];
  const chartWidth = layout.width - layout.chartX;
  const { headerHeight: hh, labelWidth: lw } = layout;
  for (let a = 0; a < layout.rows.length; a += CHUNK_ROWS) {
    const b = Math.min(layout.rows.length, a + CHUNK_ROWS);
    const h = (b - a) * layout.rowHeight;
    chunks.push({
      key: `${a}`,
      height: h,
      // Inline SVG in HTML needs no xmlns; the font and fill come from styles/app.scss.
      labels: `<svg width=${lw} height=${h} viewBox="0 0 ${lw} ${h}" aria-hidden=true focusable=false>${drawRows(layout, a, b, { labels: true, body: false }, "css", true)}</svg>`,
      body: `<svg width=${chartWidth} height=${h} viewBox="${layout.chartX} 0 ${chartWidth} ${h}" role=group aria-label="Rows ${a + 1} to ${b}">${drawRows(layout, a, b, { labels: false, body: true }, "css", true)}</svg>`,
    });
  }
  return {
    defs: `<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0" aria-hidden="true" focusable="false" style="position:absolute">${defs()}</svg>`,
    header: `<svg xmlns="http://www.w3.org/2000/svg" width="${chartWidth}" height="${hh}" viewBox="${layout.chartX} 0 ${chartWidth} ${hh}" font-family="${FONT}" fill="${COLOURS.text}" aria-hidden="true" focusable="false">${drawHeader(layout, false, "time")}</svg>`,
    corner: `<svg xmlns="http://www.w3.org/2000/svg" width="${lw}" height="${hh}" viewBox="0 0 ${lw} ${hh}" font-family="${FONT}" fill="${COLOURS.text}" aria-hidden="true" focusable="false">${drawHeader(layout, true, "corner")}</svg>`,
    chunks,
    labelWidth: lw,
    chartWidth,
    headerHeight: hh,
  };
}
