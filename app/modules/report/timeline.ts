// The timeline picture a highlight or committee report carries: one bar per stage (its actions'
// span, or its planned dates when no action is dated) and a diamond per milestone, drawn by the
// schedule module's own layout and SVG renderer, with a row per item as its text equivalent.
// Summarised to stages so the picture stays readable on an A4 page whatever the size of the plan,
// and cheap to draw (linear in actions). Pure: no I/O, no clock (asOf is an argument).
import { layoutTimeline, planSpan, type TimelineAction, type TimelineFlag, type TimelineMilestone, type TimelineNode, type Zoom } from "~/modules/schedule/layout";
import { standaloneSvg } from "~/modules/schedule/svg";
import { dateRange, longDate, dayNumber } from "~/modules/schedule/words";
import type { ReportTimeline } from "./content";

export interface TimelineActionInput {
  status: string;
  start: string | null;
  due: string | null;
  /** Flag sentences as the report words them ("Overdue by 3 days"). */
  flags: string[];
}
export interface TimelineStageInput {
  name: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actions: TimelineActionInput[];
}
export interface TimelineProjectInput {
  name: string;
  workPackages: Array<{ label: string; stages: TimelineStageInput[] }>;
  milestones: Array<{ name: string; target: string; achieved: string | null; flags: string[] }>;
}

/** Red flags: the ones the action plan colours red. */
const SEVERE = /^(Overdue|Blocked|Missed)/;
const NEVER = "1970-01-01"; // "today" for a frozen picture: only the as-of line is drawn
const MAX_WIDTH = 1100;

function zoomFor(spanDays: number): Zoom {
  if (spanDays * 16 <= MAX_WIDTH - 560) return "week";
  if (spanDays * 4 <= MAX_WIDTH - 560) return "month";
  return "quarter";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One stage as a bar: its live actions' span, percent done, and a flag naming how many are flagged. */
function stageNode(stage: TimelineStageInput, id: number, where: string): { node: TimelineAction | null; row: ReportTimeline["rows"][number] } {
  const live = stage.actions.filter((a) => a.status !== "cancelled");
  const dated = live.filter((a) => a.due);
  const done = live.filter((a) => a.status === "done").length;
  const flagged = live.filter((a) => a.status !== "done" && a.flags.length > 0);
  const severe = flagged.some((a) => a.flags.some((f) => SEVERE.test(f)));
  let start: string | null = null;
  let end: string | null = null;
  for (const a of dated) {
    const s = a.start && a.start <= a.due! ? a.start : a.due!;
    if (!start || s < start) start = s;
    if (!end || a.due! > end) end = a.due!;
  }
  if (!end && stage.plannedStart && stage.plannedEnd) [start, end] = [stage.plannedStart, stage.plannedEnd];
  const allDone = live.length > 0 && done === live.length;
  const status = `${live.length ? `${done} of ${plural(live.length, "action")} done` : "No actions"}${flagged.length ? `, ${flagged.length} flagged` : ""}`;
  const item = `${where}${stage.name}`;
  const row = { item, kind: "stage" as const, dates: end ? dateRange(start, end) : "Dates to be confirmed", status };
  if (!end) return { node: null, row };
  const flags: TimelineFlag[] = flagged.length ? [{ kind: "flagged", tag: `${flagged.length} flagged`, text: `${plural(flagged.length, "action")} flagged`, severe }] : [];
  return {
    row,
    node: {
      type: "action",
      key: `s${id}`,
      id,
      ref: "",
      title: stage.name,
      href: "",
      name: `Stage ${item}, ${dateRange(start, end)}, ${status}`,
      flags,
      float: null,
      critical: false,
      start,
      due: end,
      status: allDone ? "done" : "in_progress",
      percent: live.length ? Math.round((100 * done) / live.length) : 0,
      baselineDue: null,
    },
  };
}

export function reportTimeline({ projects, asOf, title }: { projects: TimelineProjectInput[]; asOf: string; title: string }): ReportTimeline | null {
  const many = projects.length > 1;
  const rows: ReportTimeline["rows"] = [];
  const roots: TimelineNode[] = [];
  let id = 0;
  for (const p of projects) {
    const children: TimelineNode[] = [];
    const prefix = many ? `${p.name}: ` : "";
    for (const wp of p.workPackages) {
      const stages: TimelineNode[] = [];
      for (const s of wp.stages) {
        const { node, row } = stageNode(s, ++id, `${prefix}${wp.label}, `);
        rows.push(row);
        if (node) stages.push(node);
      }
      children.push({ type: "group", level: "work_package", key: `w${++id}`, label: wp.label, children: stages });
    }
    const milestones: TimelineMilestone[] = p.milestones.map((m) => {
      const severe = m.flags.some((f) => SEVERE.test(f));
      const date = m.achieved ?? m.target;
      rows.push({ item: `${prefix}Milestone: ${m.name}`, kind: "milestone", dates: longDate(date), status: m.achieved ? "Achieved" : m.flags.join("; ") || "Not yet achieved" });
      return {
        type: "milestone",
        key: `m${++id}`,
        id,
        title: m.name,
        href: "",
        name: `Milestone ${m.name}, ${longDate(date)}${m.achieved ? ", achieved" : ""}`,
        flags: m.flags.length ? [{ kind: "flag", tag: m.flags[0].split(":")[0], text: m.flags.join("; "), severe }] : [],
        float: null,
        critical: false,
        date,
        achieved: !!m.achieved,
        baseline: null,
      };
    });
    if (milestones.length) children.push({ type: "group", level: "milestones", key: `g${++id}`, label: "Milestones", children: milestones });
    if (many) roots.push({ type: "group", level: "project", key: `p${++id}`, label: p.name, children });
    else roots.push(...children);
  }
  const span = planSpan(roots);
  if (!span) return rows.length ? { svg: "", width: 0, height: 0, rows } : null;
  const layout = layoutTimeline({ roots, dependencies: [], zoom: zoomFor(Math.max(span[1], dayNumber(asOf) + 1) - Math.min(span[0], dayNumber(asOf))), today: NEVER, asOf, baseline: false, critical: false });
  const svg = standaloneSvg(layout, { title, subtitle: `Stages and milestones as of ${longDate(asOf)}`, footer: "Bars: each stage's actions, from the first start to the last due date; the dark line shows the share done. Diamonds: milestones." });
  const m = /^<svg[^>]* width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(svg);
  return { svg, width: Number(m?.[1] ?? layout.width), height: Number(m?.[2] ?? layout.height), rows };
}
