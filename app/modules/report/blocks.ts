// A report as a plain sequence of blocks (headings, paragraphs, lists, tables) for the PDF and
// Word writers, so both say the same as the page. Pure: content in, blocks out.
import { shortDate } from "~/modules/action/flag-words";
import { IMPACT_KEYS, IMPACT_LABELS, lines, SECTION_TITLES, type ActionLine, type CommitteeContent, type HighlightBody, type MilestoneLine, type ReportContent, type RiskLine, type SectionKey } from "./content";
import { DIMENSION_LABELS, RAG_KEYS, RAG_LABELS, type RagKey, type RagStatus } from "./rag";

export type Block =
  | { kind: "h1" | "h2" | "h3" | "h4"; text: string }
  | { kind: "p"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; head: string[]; rows: string[][] };

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
    { kind: "h2", text: "Risk analysis" },
    riskTable(c.risks),
  ];
}

/** The report's blocks, opening with its title and the facts about it. */
export function reportBlocks(content: ReportContent): Block[] {
  const place = content.kind === "highlight" ? content.project.name : content.programme.name;
  const head: Block[] = [
    { kind: "h1", text: content.title },
    { kind: "p", text: `${content.kind === "highlight" ? "Project" : "Programme"}: ${place}. Period: ${content.periodText} (${shortDate(content.period.from)} to ${shortDate(content.period.to)}). Version ${content.version}${content.publishedAt ? `, published ${shortDate(content.publishedAt.slice(0, 10))}${content.publishedBy ? ` by ${content.publishedBy}` : ""}` : ", draft"}.` },
    ...(content.changeNote ? [{ kind: "p" as const, text: `What changed in this version: ${content.changeNote}` }] : []),
  ];
  if (content.kind === "committee") return [...head, ...committeeBlocks(content)];
  if (content.kind === "highlight") return [...head, { kind: "h2", text: SECTION_TITLES.summary }, ...narrative(content.narrative.summary), ragTable(content.rag), ...highlightBlocks(content, content.narrative, "h2")];
  return [
    ...head,
    { kind: "h2", text: SECTION_TITLES.summary },
    ...narrative(content.narrative.summary),
    ragTable(content.rag),
    { kind: "table", head: ["Project", ...RAG_KEYS.map((k) => DIMENSION_LABELS[k])], rows: content.projects.map((p) => [p.project.name, ...RAG_KEYS.map((k) => RAG_LABELS[p.rag[k].status])]) },
    ...content.projects.flatMap((p): Block[] => [{ kind: "h2", text: p.project.name }, ...highlightBlocks(p, {}, "h3")]),
  ];
}
