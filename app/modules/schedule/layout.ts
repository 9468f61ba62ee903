// The timeline's geometry: rows, the time scale, bars, milestones, dependency arrows and the
// week/month/quarter headers. Pure (no I/O, no clock) and linear in items plus dependencies:
// one walk of the row tree, one pass over the dependencies (each arrow checks a bounded number
// of rows for bars in its way). The SVG renderer (svg.ts) only draws what this returns.
import type { ItemKey } from "./critical-path";
import { dayNumber, fromDayNumber, type IsoDate } from "~/utils/dates";
import { MONTHS_LONG, MONTHS_SHORT, days, slipText } from "./words";

export type Zoom = "week" | "month" | "quarter";
export const ZOOMS: readonly Zoom[] = ["week", "month", "quarter"];
export type GroupLevel = "programme" | "project" | "work_package" | "stage" | "milestones";

/** A flag as the action plan shows it: `tag` "Overdue 12 days", `text` the sentence; `severe` for red flags. */
export interface TimelineFlag {
  kind: string;
  tag: string;
  text: string;
  severe: boolean;
}

interface ItemBase {
  key: ItemKey;
  id: number;
  title: string;
  href: string;
  /** The accessible name and tooltip (words.ts barName). */
  name: string;
  flags: TimelineFlag[];
  float: number | null;
  critical: boolean;
}

export interface TimelineAction extends ItemBase {
  type: "action";
  ref: string;
  start: IsoDate | null;
  due: IsoDate;
  status: "not_started" | "in_progress" | "blocked" | "done" | "cancelled";
  percent: number;
  baselineDue: IsoDate | null;
}

export interface TimelineMilestone extends ItemBase {
  type: "milestone";
  date: IsoDate;
  achieved: boolean;
  baseline: IsoDate | null;
}

export interface TimelineGroup {
  type: "group";
  level: GroupLevel;
  key: string;
  label: string;
  children: TimelineNode[];
}

export type TimelineNode = TimelineGroup | TimelineAction | TimelineMilestone;

export interface TimelineDependency {
  from: ItemKey;
  to: ItemKey;
  lagDays: number;
  critical: boolean;
}

export interface LayoutInput {
  roots: TimelineNode[];
  dependencies: TimelineDependency[];
  zoom: Zoom;
  /** The window; either end may be open (then the plan's own span). */
  from?: IsoDate | null;
  to?: IsoDate | null;
  today: IsoDate;
  asOf: IsoDate;
  baseline: boolean;
  critical: boolean;
}

export interface Cell {
  x: number;
  w: number;
  label: string;
}

export interface LayoutRow {
  key: string;
  index: number;
  y: number;
  depth: number;
  level: GroupLevel | "action" | "milestone";
  label: string;
  fullLabel: string;
  href?: string;
  name?: string;
  bar?: { x: number; w: number; done: boolean; cancelled: boolean; percentW: number; severe: boolean; flagged: boolean };
  summary?: { x: number; w: number };
  diamond?: { cx: number; achieved: boolean; severe: boolean; flagged: boolean };
  baselineBar?: { x: number; w: number };
  baselineDiamond?: { cx: number };
  critical: boolean;
  note: string;
  noteX: number;
  /** The occupied extent on the row, for arrow routing. */
  extent: [number, number] | null;
}

export interface Arrow {
  from: ItemKey;
  to: ItemKey;
  d: string;
  critical: boolean;
  lag: { x: number; y: number; text: string } | null;
  rowMin: number;
  rowMax: number;
  /** The successor's row: the arrowhead is drawn only in the part that holds it. */
  toRow: number;
  /** Where the arrow meets its successor (the head points right, into it). */
  head: { x: number; y: number };
}

export interface Layout {
  zoom: Zoom;
  start: IsoDate;
  /** Exclusive. */
  end: IsoDate;
  pxPerDay: number;
  labelWidth: number;
  headerHeight: number;
  rowHeight: number;
  chartX: number;
  width: number;
  height: number;
  header: { top: Cell[]; bottom: Cell[] };
  weekends: { x: number; w: number }[];
  gridXs: number[];
  rows: LayoutRow[];
  arrows: Arrow[];
  today: { x: number; date: IsoDate } | null;
  asOf: { x: number; date: IsoDate } | null;
  /** Items left out because they fall outside the window. */
  outsideWindow: number;
  baseline: boolean;
  critical: boolean;
}

export const PX_PER_DAY: Record<Zoom, number> = { week: 16, month: 4, quarter: 1.4 };
export const ROW_HEIGHT = 22;
export const HEADER_HEIGHT = 60;
export const LABEL_WIDTH = 320;
const RIGHT_PAD = 240;
const GAP = 6;
const SHORT_BAR = 10;
const ARROW_ROW_CHECK = 60;
/** Average advance of a 12px sans-serif character, for truncating labels without measuring text. */
const CHAR_W = 6.4;

/** A sensible zoom for the span of the plan: weeks up to four months, months up to two years. */
export function defaultZoom(spanDays: number): Zoom {
  if (spanDays <= 120) return "week";
  if (spanDays <= 730) return "month";
  return "quarter";
}

const ymd = (day: number) => {
  const iso = fromDayNumber(day);
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)) - 1, d: Number(iso.slice(8, 10)) };
};
const dayOf = (y: number, m: number, d = 1) => Date.UTC(y, m, d) / 86_400_000;
/** 0 = Monday. */
const weekday = (day: number) => (day + 3) % 7;

/** The first day of the unit (Monday, month, quarter) holding `day`. */
function unitStart(zoom: Zoom, day: number) {
  if (zoom === "week") return day - weekday(day);
  const { y, m } = ymd(day);
  return zoom === "month" ? dayOf(y, m) : dayOf(y, m - (m % 3));
}
function nextUnit(zoom: Zoom, day: number) {
  if (zoom === "week") return day + 7;
  const { y, m } = ymd(day);
  return zoom === "month" ? dayOf(y, m + 1) : dayOf(y, m + 3);
}

function truncate(text: string, room: number) {
  const max = Math.max(4, Math.floor(room / CHAR_W));
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Start and exclusive end day of an item's drawing. */
function span(node: TimelineAction | TimelineMilestone): [number, number] {
  if (node.type === "milestone") {
    const d = dayNumber(node.date);
    return [d, d + 1];
  }
  const end = dayNumber(node.due) + 1;
  const start = node.start ? Math.min(dayNumber(node.start), end - 1) : end - 1;
  return [start, end];
}

/** The plan's span (first start, last finish exclusive) over every drawable item, or null. */
export function planSpan(roots: TimelineNode[], withBaselines = false): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  const walk = (nodes: TimelineNode[]) => {
    for (const n of nodes) {
      if (n.type === "group") walk(n.children);
      else {
        const [a, b] = span(n);
        lo = Math.min(lo, a);
        hi = Math.max(hi, b);
        const baseline = withBaselines ? (n.type === "action" ? n.baselineDue : n.baseline) : null;
        if (baseline) {
          // The baseline bar has the bar's length and ends at the baseline date.
          const end = dayNumber(baseline) + 1;
          lo = Math.min(lo, end - (b - a));
          hi = Math.max(hi, end);
        }
      }
    }
  };
  walk(roots);
  return lo === Infinity ? null : [lo, hi];
}

export function layoutTimeline(input: LayoutInput): Layout {
  const { zoom } = input;
  const ppd = PX_PER_DAY[zoom];
  const planned = planSpan(input.roots, input.baseline);
  const asOfDay = dayNumber(input.asOf);
  const todayDay = dayNumber(input.today);
  let lo = input.from ? dayNumber(input.from) : Math.min(planned?.[0] ?? asOfDay, asOfDay);
  let hi = input.to ? dayNumber(input.to) + 1 : Math.max(planned?.[1] ?? asOfDay + 1, asOfDay + 1);
  if (hi <= lo) hi = lo + 1;
  const windowLo = lo;
  const windowHi = hi;
  lo = unitStart(zoom, lo);
  hi = unitStart(zoom, hi - 1);
  hi = nextUnit(zoom, hi);
  const chartX = LABEL_WIDTH;
  const x = (day: number) => chartX + (day - lo) * ppd;
  const clampX = (px: number) => Math.min(Math.max(px, chartX), x(hi));
  const width = Math.round(x(hi) + RIGHT_PAD);

  // Rows: depth-first, groups before their children; a group is kept only if something under
  // it is drawn. Post-order gives each group the span of what it holds.
  const rows: LayoutRow[] = [];
  const rowOf = new Map<ItemKey, LayoutRow>();
  let outsideWindow = 0;
  const inWindow = (a: number, b: number) => b > windowLo && a < windowHi;
  const pending: { row: LayoutRow; lo: number; hi: number }[] = [];

  const place = (nodes: TimelineNode[], depth: number): [number, number] | null => {
    let glo = Infinity;
    let ghi = -Infinity;
    for (const node of nodes) {
      if (node.type === "group") {
        const row: LayoutRow = {
          key: node.key,
          index: rows.length,
          y: 0,
          depth,
          level: node.level,
          label: "",
          fullLabel: node.label,
          critical: false,
          note: "",
          noteX: 0,
          extent: null,
        };
        const at = rows.length;
        rows.push(row);
        const s = place(node.children, depth + 1);
        if (!s) {
          rows.length = at; // nothing under it is drawn
          continue;
        }
        pending.push({ row, lo: s[0], hi: s[1] });
        glo = Math.min(glo, s[0]);
        ghi = Math.max(ghi, s[1]);
        continue;
      }
      const [a, b] = span(node);
      if (!inWindow(a, b)) {
        outsideWindow++;
        continue;
      }
      glo = Math.min(glo, a);
      ghi = Math.max(ghi, b);
      const label = node.type === "action" ? `${node.ref} ${node.title}` : node.title;
      const row: LayoutRow = {
        key: node.key,
        index: rows.length,
        y: 0,
        depth,
        level: node.type,
        label: "",
        fullLabel: label,
        href: node.href,
        name: node.name,
        critical: input.critical && node.critical,
        note: "",
        noteX: 0,
        extent: null,
      };
      const notes: string[] = [];
      let right: number;
      if (node.type === "action") {
        // An action with only a due date: a short bar ending there, wide enough to see and click.
        const right0 = clampX(x(b));
        const bx = node.start ? clampX(x(a)) : Math.max(chartX, right0 - Math.max(ppd, SHORT_BAR));
        const bw = Math.max(2, right0 - bx);
        const closed = node.status === "done" || node.status === "cancelled";
        row.bar = {
          x: bx,
          w: bw,
          done: node.status === "done",
          cancelled: node.status === "cancelled",
          percentW: closed ? 0 : (bw * Math.min(100, Math.max(0, node.percent))) / 100,
          severe: node.flags.some((f) => f.severe),
          flagged: node.flags.length > 0,
        };
        right = bx + bw;
        if (node.status === "done") notes.push("Done");
        else if (node.status === "cancelled") notes.push("Cancelled");
        else notes.push(`${node.percent}%`);
        if (input.baseline && node.baselineDue) {
          // The same length as the bar, ending at the baseline due date.
          const shift = dayNumber(node.baselineDue) + 1 - b;
          const bbr = clampX(x(b + shift));
          const bbx = Math.max(chartX, bbr - (right0 - bx));
          row.baselineBar = { x: bbx, w: Math.max(2, bbr - bbx) };
          right = Math.max(right, row.baselineBar.x + row.baselineBar.w);
          if (shift !== 0) notes.push(`Slip: ${slipText(-shift)}`);
        }
      } else {
        const cx = clampX(x(a) + ppd / 2);
        row.diamond = { cx, achieved: node.achieved, severe: node.flags.some((f) => f.severe), flagged: node.flags.length > 0 };
        right = cx + 7;
        if (node.achieved) notes.push("Achieved");
        if (input.baseline && node.baseline) {
          const bcx = clampX(x(dayNumber(node.baseline)) + ppd / 2);
          row.baselineDiamond = { cx: bcx };
          right = Math.max(right, bcx + 7);
          const slip = dayNumber(node.date) - dayNumber(node.baseline);
          if (slip !== 0) notes.push(`Slip: ${slipText(slip)}`);
        }
      }
      for (const f of node.flags) notes.push(f.tag);
      if (input.critical && node.float !== null) notes.push(node.critical ? "Critical" : `Float ${days(node.float)}`);
      row.note = notes.join(" · ");
      row.noteX = right + 6;
      const left = row.bar ? row.bar.x : row.diamond!.cx - 7;
      // The note after the bar counts as occupied too, so arrows do not cross its words.
      row.extent = [left, row.noteX + row.note.length * CHAR_W * 0.9];
      rows.push(row);
      rowOf.set(node.key, row);
    }
    return glo === Infinity ? null : [glo, ghi];
  };
  place(input.roots, 0);
  for (const { row, lo: a, hi: b } of pending) {
    const sx = clampX(x(a));
    row.summary = { x: sx, w: Math.max(2, clampX(x(b)) - sx) };
    row.extent = [sx, sx + row.summary.w];
  }
  for (const row of rows) {
    row.y = HEADER_HEIGHT + row.index * ROW_HEIGHT;
    row.label = truncate(row.fullLabel, LABEL_WIDTH - 12 - row.depth * 14);
  }

  // Arrows: predecessor's end to successor's start, elbowed; a vertical run goes where the rows
  // it crosses have no bar, if one of the simple places is clear.
  const arrows: Arrow[] = [];
  const mid = (r: LayoutRow) => r.y + ROW_HEIGHT / 2;
  const clear = (vx: number, r1: number, r2: number) => {
    const a = Math.min(r1, r2) + 1;
    const b = Math.min(Math.max(r1, r2), a + ARROW_ROW_CHECK);
    for (let i = a; i < b; i++) {
      const e = rows[i].extent;
      if (e && vx >= e[0] - 1 && vx <= e[1] + 1) return false;
    }
    return true;
  };
  /** The first clear place in [lo, hi] just right of a bar or note in the rows crossed (at most ten tried). */
  const pastObstacles = (lo: number, hi: number, r1: number, r2: number) => {
    const a = Math.min(r1, r2) + 1;
    const b = Math.min(Math.max(r1, r2), a + ARROW_ROW_CHECK);
    const places: number[] = [];
    for (let i = a; i < b; i++) {
      const e = rows[i].extent;
      if (e && e[1] + 3 >= lo && e[1] + 3 <= hi) places.push(e[1] + 3);
    }
    return places
      .sort((m, k) => m - k)
      .slice(0, 10)
      .find((c) => clear(c, r1, r2));
  };
  for (const dep of input.dependencies) {
    const p = rowOf.get(dep.from);
    const s = rowOf.get(dep.to);
    if (!p || !s || p === s) continue;
    const x1 = p.bar ? p.bar.x + p.bar.w : p.diamond!.cx + 6;
    const x2 = s.bar ? s.bar.x : s.diamond!.cx - 6;
    const y1 = mid(p);
    const y2 = mid(s);
    let d: string;
    let lagX: number;
    if (x2 - GAP >= x1 + GAP) {
      // Down first, just past the predecessor's end: its note starts a gap further on, so the
      // line does not run through its words (screenshots showed arrows leaving along the note).
      // Else near the successor, or midway, or just past whatever is in the way.
      const candidates = [x1 + GAP / 2, x2 - GAP, (x1 + x2) / 2];
      const vx = candidates.find((c) => clear(c, p.index, s.index)) ?? pastObstacles(x1 + GAP / 2, x2 - GAP, p.index, s.index) ?? candidates[1];
      if (vx === candidates[0]) d = `M${r(x1)} ${r(y1)}H${r(vx)}V${r(y2)}H${r(x2)}`;
      else {
        // Further right: step down to the edge between rows first and run along it, not
        // through the note after the predecessor's bar.
        const edge = s.index > p.index ? p.y + ROW_HEIGHT : p.y;
        d = `M${r(x1)} ${r(y1)}H${r(candidates[0])}V${r(edge)}H${r(vx)}V${r(y2)}H${r(x2)}`;
      }
      lagX = x2 - GAP;
    } else {
      // The successor starts before the predecessor ends: leave to the right, run along the
      // gap between rows, and come into the successor from its left.
      const yGap = s.index > p.index ? s.y : s.y + ROW_HEIGHT;
      d = `M${r(x1)} ${r(y1)}H${r(x1 + GAP)}V${r(yGap)}H${r(x2 - GAP * 2)}V${r(y2)}H${r(x2)}`;
      lagX = x2 - GAP * 2;
    }
    arrows.push({
      from: dep.from,
      to: dep.to,
      d,
      critical: input.critical && dep.critical,
      lag: dep.lagDays ? { x: r(lagX - 2), y: r(y2 - 4), text: `${dep.lagDays > 0 ? "+" : ""}${dep.lagDays}d lag` } : null,
      rowMin: Math.min(p.index, s.index),
      rowMax: Math.max(p.index, s.index),
      toRow: s.index,
      head: { x: r(x2), y: r(y2) },
    });
  }

  // Headers, grid and weekends.
  const top: Cell[] = [];
  const bottom: Cell[] = [];
  const gridXs: number[] = [];
  for (let d = lo; d < hi; d = nextUnit(zoom, d)) {
    const { m, d: dd } = ymd(d);
    const label = zoom === "week" ? `${dd} ${MONTHS_SHORT[m]}` : zoom === "month" ? MONTHS_SHORT[m] : `${MONTHS_SHORT[m]}–${MONTHS_SHORT[m + 2]}`;
    bottom.push({ x: x(d), w: (nextUnit(zoom, d) - d) * ppd, label });
    gridXs.push(x(d));
  }
  // Top band: months at week zoom, years otherwise; clipped to the chart.
  for (let d = zoom === "week" ? unitStart("month", lo) : dayOf(ymd(lo).y, 0); d < hi; ) {
    const { y, m } = ymd(d);
    const next = zoom === "week" ? dayOf(y, m + 1) : dayOf(y + 1, 0);
    const a = Math.max(d, lo);
    const b = Math.min(next, hi);
    top.push({ x: x(a), w: (b - a) * ppd, label: zoom === "week" ? `${MONTHS_LONG[m]} ${y}` : String(y) });
    d = next;
  }
  const weekends: { x: number; w: number }[] = [];
  if (zoom === "week") for (let d = lo + ((5 - weekday(lo) + 7) % 7); d < hi; d += 7) weekends.push({ x: x(d), w: 2 * ppd });

  const height = HEADER_HEIGHT + rows.length * ROW_HEIGHT;
  const line = (day: number, date: IsoDate) => (day >= lo && day < hi ? { x: r(x(day) + ppd / 2), date } : null);
  return {
    zoom,
    start: fromDayNumber(lo),
    end: fromDayNumber(hi),
    pxPerDay: ppd,
    labelWidth: LABEL_WIDTH,
    headerHeight: HEADER_HEIGHT,
    rowHeight: ROW_HEIGHT,
    chartX,
    width,
    height,
    header: { top, bottom },
    weekends,
    gridXs,
    rows,
    arrows,
    today: line(todayDay, input.today),
    asOf: input.asOf !== input.today ? line(asOfDay, input.asOf) : null,
    outsideWindow,
    baseline: input.baseline,
    critical: input.critical,
  };
}

/** Coordinates to one decimal place: enough for print, and a smaller page. */
function r(n: number) {
  return Math.round(n * 10) / 10;
}
