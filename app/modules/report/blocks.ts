// A report as a plain sequence of blocks (headings, paragraphs, lists, tables) for the PDF and
// Word writers, so both say the same as the page. Pure: content in, blocks out.
import { shortDate } from "~/modules/action/flag-words";
import { END_SECTION_TITLES, IMPACT_KEYS, IMPACT_LABELS, lines, SECTION_TITLES, type ActionLine, type CommitteeContent, type EndContent, type EndSectionKey, type HighlightBody, type MilestoneLine, type ReportContent, type ReportTimeline, type RiskLine, type SectionKey } from "./content";
import { DIMENSION_LABELS, RAG_KEYS, RAG_LABELS, type RagKey, type RagStatus } from "./rag";

export type Block =
  | { kind: "h1" | "h2" | "h3" | "h4"; text: string }
  | { kind: "p"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; head: string[]; rows: string[][]; caption?: string }
  /** The frozen timeline drawing; its text equivalent is the table block that follows it. */
  | { kind: "image"; timeline: ReportTimeline; alt: string };

const d = (iso: string | null) => (iso ? shortDate(iso) : "no date");
const actions = (items: ActionLine[], empty: string): Block => (items.length ? { kind: "list", items: items.map((a) => `${a.ref} ${a.title}${a.date ? ` (${d(a.date)})` : ""}${a.flags.length ? `: ${a.flags.join("; ")}` : ""}`) } : { kind: "p", text: empty });
const milestones = (items: MilestoneLine[], empty: string): Block =>
  items.length ? { kind: "list", items: items.map((m) => `${m.name}: ${m.achieved ? `achieved ${d(m.achieved)}` : `target ${d(m.target)}`}${m.target !== m.baseline ? ` (baseline ${d(m.baseline)})` : ""}`) } : { kind: "p", text: empty };
const words = (items: string[], empty: string): Block => (items.length ? { kind: "list", items } : { kind: "p", text: empty });
const narrative = (text: string | undefined): Block[] => (text ? text.split(/\n{2,}/).map((t) => ({ kind: "p" as const, text: t })) : []);

export function ragTable(rag: Record<RagKey, RagStatus>): Block {
  return {
    kind: "table",
    head: ["Measure", "Status", "Why"],
    rows: RAG_KEYS.map((k) => [DIMENSION_LABELS[k], RAG_LABELS[rag[k].status], rag[k].rule + (rag[k].override ? `. Set to ${RAG_LABELS[rag[k].override!.status].toLowerCase()} by the project manager (computed: ${RAG_LABELS[rag[k].computed].toLowerCase()}). Reason: ${rag[k].override!.reason}` : "")]),
  };
}

export function riskTable(risks: RiskLine[]): Block {
  if (risks.length === 0) return { kind: "p", text: "No open risks in the register." };
  return {
    kind: "table",
    head: ["Risk", "Likelihood", "Impact", "Severity", "Mitigating actions"],
    rows: risks.map((r) => [`${r.ref} ${r.title}${r.owner ? ` (owner: ${r.owner})` : ""}`, String(r.likelihood ?? "Not scored"), String(r.impact ?? "Not scored"), `${r.severity ?? "Not scored"}${r.band ? ` (${r.band})` : ""}`, r.mitigation || "None recorded"]),
  };
}

function highlightBlocks(body: HighlightBody, text: Partial<Record<SectionKey, string>>, h: "h2" | "h3"): Block[] {
  const sub = h === "h2" ? "h3" : "h4";
  const t = body.tolerances;
  const section = (k: SectionKey, ...blocks: Block[]): Block[] => [{ kind: h, text: SECTION_TITLES[k] }, ...narrative(text[k]), ...blocks];
  return [
    ...section(
      "thisPeriod",
      { kind: sub, text: "Actions completed" },
      actions(body.thisPeriod.completed, "No actions completed in the period."),
      { kind: sub, text: "Milestones achieved" },
      milestones(body.thisPeriod.milestonesAchieved, "No milestones achieved in the period."),
      { kind: sub, text: "Decisions taken" },
      words(body.thisPeriod.decisions.map((x) => `${x.title}: ${x.outcome.toLowerCase()} ${x.method} on ${d(x.decidedOn)}`), "No decisions in the period."),
      ...(h === "h2" ? [{ kind: sub, text: "Progress notes" } as Block, words(body.thisPeriod.notes.map((n) => `${d(n.date)}, ${n.ref} ${n.title}${n.author ? ` (${n.author})` : ""}: ${n.body}`), "No progress notes in the period.")] : []),
    ),
    ...section("nextPeriod", { kind: sub, text: "Actions due" }, actions(body.nextPeriod.actionsDue, "No actions due in the next period."), { kind: sub, text: "Milestones due" }, milestones(body.nextPeriod.milestonesDue, "No milestones due in the next period.")),
    ...section("tolerances", {
      kind: "table",
      head: ["Tolerance", "Position"],
      rows: [
        ["Time", `Baseline end ${d(t.baselineEnd)}; forecast end ${d(t.forecastEnd)}; tolerance ${t.toleranceDays == null ? "not set" : `${t.toleranceDays} days`}`],
        ["Cost", t.cost],
        ["Scope", `${t.cancelled.length} cancelled, ${t.added.length} added in the period`],
      ],
    }),
    ...section("risks", riskTable(body.risks.key), { kind: "list", items: [`New in the period: ${body.risks.opened.join("; ") || "none"}`, `Scores changed: ${body.risks.changed.join("; ") || "none"}`, `Closed: ${body.risks.closed.join("; ") || "none"}`] }),
    ...section("issues", { kind: sub, text: "Blocked" }, actions(body.issues.blocked, "Nothing is blocked."), { kind: sub, text: "Schedule conflicts" }, actions(body.issues.conflicts, "No schedule conflicts.")),
    ...section("changeRequests", words(body.changeRequests.map((p) => `${p.title}${p.workPackage ? ` (${p.workPackage})` : ""}: ${p.status.toLowerCase()}`), "No proposals in consultation or with the board.")),
    ...section("recommendations", words(body.recommendations.map((r) => `${r.ref} ${r.title}: ${r.progress}${r.flagged ? `, ${r.flagged} flagged` : ""}`), "No recommendations recorded.")),
    ...section("benefits", words(body.benefits.map((b) => `${b.name} (${b.measure}): ${b.status}`), "No benefits recorded.")),
    ...section("lessons", ...(text.lessons ? [] : [{ kind: "p" as const, text: "No lessons recorded for the period." }])),
  ];
}

function committeeBlocks(c: CommitteeContent): Block[] {
  const f = c.fields;
  let n = 0;
  const numbered = (items: string[]): Block[] => items.map((text) => ({ kind: "p" as const, text: `${++n}. ${text}` }));
  return [
    { kind: "table", head: ["", ""], rows: [["Committee", f.committee || "Not set"], ["Date", f.meetingDate ? shortDate(f.meetingDate) : "Not set"], ["Agenda item", f.agendaItem || "Not set"], ["Author", [f.author, f.contact].filter(Boolean).join(", ") || "Not set"], ["Purpose", f.purpose === "decision" ? "Item for decision" : "Item for information"]] },
    { kind: "h2", text: "Summary" },
    ...numbered(lines(f.summary).length ? lines(f.summary) : [`This report sets out progress on ${c.programme.name} in ${c.periodText}.`]),
    { kind: "h2", text: "Recommendations" },
    { kind: "list", items: lines(f.recommendations) },
    { kind: "h2", text: "Background papers" },
    words(lines(f.backgroundPapers), "None."),
    { kind: "h2", text: "Impact" },
    { kind: "table", head: ["Area", "Impact"], rows: IMPACT_KEYS.map((k) => [IMPACT_LABELS[k], f.impact[k] || "None."]) },
    { kind: "h2", text: "Situation" },
    ...numbered(lines(f.situation)),
    { kind: "table", head: ["Project", "Overall status", "Why"], rows: c.rag.map((r) => [r.project, RAG_LABELS[r.overall.status], r.overall.override ? r.overall.override.reason : r.overall.rule]) },
    { kind: "h3", text: "Progress by stage" },
    c.stages.length ? { kind: "table", head: ["Stage", "Dates", "Actions done", "Flagged"], rows: c.stages.map((s) => [`${s.project}: ${s.workPackage}, ${s.stage}`, s.dates, `${s.done} of ${s.total}`, String(s.flagged)]) } : { kind: "p", text: "No stages recorded." },
    ...timelineBlocks(c.timeline, "h3"),
    { kind: "h2", text: "Risk analysis" },
    riskTable(c.risks),
  ];
}

/** The timeline picture and its table equivalent (stages and milestones with their dates). */
export function timelineBlocks(timeline: ReportTimeline | null | undefined, h: "h2" | "h3"): Block[] {
  if (!timeline) return [];
  return [
    { kind: h, text: "Timeline" },
    ...(timeline.svg ? [{ kind: "image" as const, timeline, alt: "Timeline of the stages and milestones. The table that follows gives the same dates." }] : []),
    { kind: "table", caption: "Timeline as a table", head: ["Stage or milestone", "Dates", "Status"], rows: timeline.rows.map((r) => [r.item, r.dates, r.status]) },
  ];
}

/** The end project report's sections (PRINCE2 closure), after its status table. */
export function endBlocks(c: EndContent): Block[] {
  const section = (k: EndSectionKey, ...blocks: Block[]): Block[] => [{ kind: "h2", text: END_SECTION_TITLES[k] }, ...narrative(c.narrative[k]), ...blocks];
  const x = c.delivery;
  const pct = (n: number) => (x.total ? ` (${Math.round((100 * n) / x.total)}%)` : "");
  return [
    ...section("summary", ragTable(c.rag)),
    ...section("objectives", c.project.purpose ? { kind: "p", text: `The project set out to: ${c.project.purpose}` } : { kind: "p", text: "No purpose was recorded for the project." }, ...(c.narrative.objectives ? [] : [{ kind: "p" as const, text: "No account of the objectives has been written." }])),
    ...section(
      "performance",
      {
        kind: "table",
        caption: "Time, cost and scope against the baselines",
        head: ["Measure", "Against the plan"],
        rows: [
          ["Time", `Baseline end ${d(x.baselineEnd)}; actual or forecast end ${d(x.forecastEnd)}; tolerance ${x.toleranceDays == null ? "not set" : `${x.toleranceDays} days`}. ${c.rag.time.rule}`],
          ["Cost", x.cost],
          ["Scope", `${x.done} of ${x.total} actions done${pct(x.done)}, ${x.cancelled} cancelled, ${x.open} still open`],
          ["Actions done on time", x.doneOnTime + x.doneLate ? `${x.doneOnTime} by their baseline date, ${x.doneLate} after it` : "No baseline dates to compare with"],
        ],
      },
      c.milestones.length
        ? { kind: "table", caption: "Milestones against their baselines", head: ["Milestone", "Baseline", "Target", "Achieved"], rows: c.milestones.map((m) => [m.name, d(m.baseline), d(m.target), m.achieved ? d(m.achieved) : `Not achieved${m.flags.length ? `: ${m.flags.join("; ")}` : ""}`]) }
        : { kind: "p", text: "No milestones recorded." },
    ),
    ...section(
      "benefits",
      c.benefits.length
        ? { kind: "table", caption: "Benefits achieved so far, and their review after closure", head: ["Benefit", "Position", "Owner", "Next review"], rows: c.benefits.map((b) => [b.name, `${b.measure}: ${b.status}`, b.owner ?? "No owner", b.nextReview ? d(b.nextReview) : "Not scheduled"]) }
        : { kind: "p", text: "No benefits recorded." },
    ),
    ...section(
      "followOn",
      c.handover.actions.length
        ? { kind: "table", caption: "Open actions handed over", head: ["Action", "Owners", "Due", "Flags"], rows: c.handover.actions.map((a) => [`${a.ref} ${a.title}`, a.owners || "No owner", d(a.date), a.flags.join("; ") || "None"]) }
        : { kind: "p", text: "No open actions: everything was done or cancelled." },
      { kind: "h3", text: "Open risks handed over" },
      riskTable(c.handover.risks),
    ),
    ...section("decisions", words(c.decisions.map((x) => `${x.title}: ${x.outcome.toLowerCase()} ${x.method} on ${d(x.decidedOn)}`), "No decisions in the period."), ...(c.recommendations.length ? [{ kind: "h3" as const, text: "Recommendations" }, words(c.recommendations.map((r) => `${r.ref} ${r.title}: ${r.progress}`), "")] : [])),
    ...section("lessons", ...(c.narrative.lessons ? [] : [{ kind: "p" as const, text: "No lessons recorded." }])),
  ];
}

/** The report's blocks, opening with its title and the facts about it. */
export function reportBlocks(content: ReportContent): Block[] {
  const onProject = content.kind === "highlight" || content.kind === "end";
  const place = onProject ? content.project.name : content.programme.name;
  const head: Block[] = [
    { kind: "h1", text: content.title },
    { kind: "p", text: `${onProject ? "Project" : "Programme"}: ${place}. Period: ${content.periodText} (${shortDate(content.period.from)} to ${shortDate(content.period.to)}). Version ${content.version}${content.publishedAt ? `, published ${shortDate(content.publishedAt.slice(0, 10))}${content.publishedBy ? ` by ${content.publishedBy}` : ""}` : ", draft"}.` },
    ...(content.changeNote ? [{ kind: "p" as const, text: `What changed in this version: ${content.changeNote}` }] : []),
  ];
  if (content.kind === "committee") return [...head, ...committeeBlocks(content)];
  if (content.kind === "end") return [...head, ...endBlocks(content)];
  if (content.kind === "highlight") return [...head, { kind: "h2", text: SECTION_TITLES.summary }, ...narrative(content.narrative.summary), ragTable(content.rag), ...timelineBlocks(content.timeline, "h2"), ...highlightBlocks(content, content.narrative, "h2")];
  return [
    ...head,
    { kind: "h2", text: SECTION_TITLES.summary },
    ...narrative(content.narrative.summary),
    ragTable(content.rag),
    { kind: "table", head: ["Project", ...RAG_KEYS.map((k) => DIMENSION_LABELS[k])], rows: content.projects.map((p) => [p.project.name, ...RAG_KEYS.map((k) => RAG_LABELS[p.rag[k].status])]) },
    ...content.projects.flatMap((p): Block[] => [{ kind: "h2", text: p.project.name }, ...highlightBlocks(p, {}, "h3")]),
  ];
}
