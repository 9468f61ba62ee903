// A report on screen and in print, drawn only from its content (a frozen snapshot once published).
import type { ReactNode } from "react";
import { TableScroll } from "~/components/table-scroll";
import { formatDate, formatDateTime, SummaryList, Tag, type TagColour } from "~/components/layout";
import { endBlocks, timelineBlocks } from "./blocks";
import type { Comparison } from "./compare";
import { BlocksView } from "./ui-blocks";
import { IMPACT_KEYS, IMPACT_LABELS, lines, SECTION_TITLES, type ActionLine, type CommitteeContent, type HighlightBody, type MilestoneLine, type ReportContent, type RiskLine, type SectionKey } from "./content";
import { DIMENSION_LABELS, RAG_KEYS, RAG_LABELS, type RagKey, type RagOrNone, type RagStatus } from "./rag";

const RAG_COLOURS: Record<RagOrNone, TagColour> = { green: "green", amber: "yellow", red: "red", none: "grey" };

export function RagTag({ status }: { status: RagOrNone }) {
  return <Tag colour={RAG_COLOURS[status]}>{RAG_LABELS[status]}</Tag>;
}

export function RagTable({ rag, caption = "Status" }: { rag: Record<RagKey, RagStatus>; caption?: string }) {
  return (
    <TableScroll label={caption}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Measure</th>
            <th scope="col" className="govuk-table__header">Status</th>
            <th scope="col" className="govuk-table__header">Why</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {RAG_KEYS.map((key) => {
            const r = rag[key];
            return (
              <tr className="govuk-table__row" key={key}>
                <th scope="row" className="govuk-table__header">{DIMENSION_LABELS[key]}</th>
                <td className="govuk-table__cell"><RagTag status={r.status} /></td>
                <td className="govuk-table__cell">
                  {r.rule}
                  {r.override ? (
                    <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                      Set to {RAG_LABELS[r.override.status].toLowerCase()} by the project manager (computed: {RAG_LABELS[r.computed].toLowerCase()}). Reason: {r.override.reason}
                    </p>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Narrative({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <>
      {text.split(/\n{2,}/).map((p, i) => (
        <p className="govuk-body" key={i} style={{ whiteSpace: "pre-line" }}>{p}</p>
      ))}
    </>
  );
}

function Section({ title, id, children, level = 2 }: { title: string; id: string; children: ReactNode; level?: 2 | 3 }) {
  const H = level === 2 ? "h2" : "h3";
  return (
    // Not a named region: its heading names it, and a region would share its name with the table's
    // scroll box inside ("Key risks", "Impact") or, in a programme report, with the same section
    // of every other project (axe landmark-unique).
    <section className="waymark-report__section">
      <H className={level === 2 ? "govuk-heading-m" : "govuk-heading-s"} id={id}>{title}</H>
      {children}
    </section>
  );
}

const none = (text: string) => <p className="govuk-body">{text}</p>;
const dateOr = (d: string | null) => (d ? formatDate(d) : "No date");

function ActionList({ items, empty }: { items: ActionLine[]; empty: string }) {
  if (items.length === 0) return none(empty);
  return (
    <ul className="govuk-list govuk-list--bullet">
      {items.map((a, i) => (
        <li key={`${a.ref}-${i}`}>
          {a.ref} {a.title}
          {a.date ? ` (${formatDate(a.date)})` : ""}
          {a.flags.length ? `: ${a.flags.join("; ")}` : ""}
        </li>
      ))}
    </ul>
  );
}

function MilestoneList({ items, empty }: { items: MilestoneLine[]; empty: string }) {
  if (items.length === 0) return none(empty);
  return (
    <ul className="govuk-list govuk-list--bullet">
      {items.map((m) => (
        <li key={m.key}>
          {m.name}: {m.achieved ? `achieved ${formatDate(m.achieved)}` : `target ${formatDate(m.target)}`}
          {m.target !== m.baseline ? ` (baseline ${formatDate(m.baseline)})` : ""}
        </li>
      ))}
    </ul>
  );
}

export function RiskTable({ risks, caption }: { risks: RiskLine[]; caption: string }) {
  if (risks.length === 0) return none("No open risks in the register.");
  return (
    <TableScroll label={caption}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Risk</th>
            <th scope="col" className="govuk-table__header">Likelihood</th>
            <th scope="col" className="govuk-table__header">Impact</th>
            <th scope="col" className="govuk-table__header">Severity</th>
            <th scope="col" className="govuk-table__header">Mitigating actions</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {risks.map((r) => (
            <tr className="govuk-table__row" key={r.ref}>
              <td className="govuk-table__cell">{r.ref} {r.title}{r.owner ? ` (owner: ${r.owner})` : ""}{r.flags.length ? `. Flagged: ${r.flags.join(", ")}` : ""}</td>
              <td className="govuk-table__cell">{r.likelihood ?? "Not scored"}</td>
              <td className="govuk-table__cell">{r.impact ?? "Not scored"}</td>
              <td className="govuk-table__cell">{r.severity ?? "Not scored"}{r.band ? ` (${r.band})` : ""}</td>
              <td className="govuk-table__cell">{r.mitigation || "None recorded"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const Words = ({ items, empty }: { items: string[]; empty: string }) =>
  items.length ? (
    <ul className="govuk-list govuk-list--bullet">
      {items.map((t, i) => (
        <li key={i}>{t}</li>
      ))}
    </ul>
  ) : (
    none(empty)
  );

/** A project's sections of a highlight report (or one project's part of a programme report). */
export function HighlightSections({ body, narrative = {}, idPrefix = "", level = 2 }: { body: HighlightBody; narrative?: Partial<Record<SectionKey, string>>; idPrefix?: string; level?: 2 | 3 }) {
  const S = ({ k, children }: { k: SectionKey; children: ReactNode }) => (
    <Section title={SECTION_TITLES[k]} id={`${idPrefix}${k}`} level={level}>
      <Narrative text={narrative[k]} />
      {children}
    </Section>
  );
  const t = body.tolerances;
  const H = level === 2 ? "h3" : "h4";
  return (
    <>
      <S k="thisPeriod">
        <H className="govuk-heading-s">Actions completed</H>
        <ActionList items={body.thisPeriod.completed} empty="No actions completed in the period." />
        <H className="govuk-heading-s">Milestones achieved</H>
        <MilestoneList items={body.thisPeriod.milestonesAchieved} empty="No milestones achieved in the period." />
        <H className="govuk-heading-s">Decisions taken</H>
        <Words items={body.thisPeriod.decisions.map((d) => `${d.title}: ${d.outcome.toLowerCase()} ${d.method} on ${formatDate(d.decidedOn)}`)} empty="No decisions in the period." />
        {level === 2 ? (
          <>
            <H className="govuk-heading-s">Progress notes</H>
            <Words items={body.thisPeriod.notes.map((n) => `${formatDate(n.date)}, ${n.ref} ${n.title}${n.author ? ` (${n.author})` : ""}: ${n.body}`)} empty="No progress notes in the period." />
          </>
        ) : null}
      </S>
      <S k="nextPeriod">
        <H className="govuk-heading-s">Actions due</H>
        <ActionList items={body.nextPeriod.actionsDue} empty="No actions due in the next period." />
        <H className="govuk-heading-s">Milestones due</H>
        <MilestoneList items={body.nextPeriod.milestonesDue} empty="No milestones due in the next period." />
      </S>
      <S k="tolerances">
        <SummaryList
          rows={[
            { key: "Time", value: `Baseline end ${dateOr(t.baselineEnd)}; forecast end ${dateOr(t.forecastEnd)}; tolerance ${t.toleranceDays == null ? "not set" : `${t.toleranceDays} days`}` },
            { key: "Cost", value: t.cost },
            { key: "Scope", value: `${t.cancelled.length} cancelled, ${t.added.length} added in the period` },
          ]}
        />
        {t.cancelled.length ? <ActionList items={t.cancelled} empty="" /> : null}
        {t.added.length ? <ActionList items={t.added} empty="" /> : null}
      </S>
      <S k="risks">
        <RiskTable risks={body.risks.key} caption={level === 2 ? "Key risks" : `Key risks: ${body.project.name}`} />
        <SummaryList
          rows={[
            { key: "New in the period", value: body.risks.opened.join("; ") || "None" },
            { key: "Scores changed", value: body.risks.changed.join("; ") || "None" },
            { key: "Closed", value: body.risks.closed.join("; ") || "None" },
          ]}
        />
      </S>
      <S k="issues">
        <H className="govuk-heading-s">Blocked</H>
        <ActionList items={body.issues.blocked} empty="Nothing is blocked." />
        <H className="govuk-heading-s">Schedule conflicts</H>
        <ActionList items={body.issues.conflicts} empty="No schedule conflicts." />
      </S>
      <S k="changeRequests">
        <Words items={body.changeRequests.map((p) => `${p.title}${p.workPackage ? ` (${p.workPackage})` : ""}: ${p.status.toLowerCase()}`)} empty="No proposals in consultation or with the board." />
      </S>
      <S k="recommendations">
        <Words items={body.recommendations.map((r) => `${r.ref} ${r.title}: ${r.progress}${r.flagged ? `, ${r.flagged} flagged` : ""}`)} empty="No recommendations recorded." />
      </S>
      <S k="benefits">
        <Words items={body.benefits.map((b) => `${b.name} (${b.measure}): ${b.status}`)} empty="No benefits recorded." />
      </S>
      <S k="lessons">{narrative.lessons ? null : none("No lessons recorded for the period.")}</S>
    </>
  );
}

export function ComparisonView({ comparison, previousTitle }: { comparison: Comparison; previousTitle: string }) {
  return (
    <>
      <p className="govuk-body">Compared with {previousTitle}.</p>
      <SummaryList
        rows={[
          { key: "Status changes", value: comparison.ragChanges.map((r) => `${r.label}: ${r.from} to ${r.to}`).join("; ") || "None" },
          { key: "Newly flagged", value: comparison.newlyFlagged.map((f) => `${f.label} (${f.flags.join("; ")})`).join("; ") || "None" },
          { key: "Resolved", value: comparison.resolved.map((f) => f.label).join("; ") || "None" },
          { key: "Milestones moved", value: comparison.milestonesMoved.map((m) => `${m.name}: ${formatDate(m.from)} to ${formatDate(m.to)}`).join("; ") || "None" },
        ]}
      />
    </>
  );
}

function Meta({ content }: { content: ReportContent }) {
  const onProject = content.kind === "highlight" || content.kind === "end";
  const place = onProject ? content.project.name : content.programme.name;
  return (
    <SummaryList
      rows={[
        { key: onProject ? "Project" : "Programme", value: place },
        { key: "Period", value: `${content.periodText} (${formatDate(content.period.from)} to ${formatDate(content.period.to)})` },
        { key: "Version", value: String(content.version) },
        { key: "Published", value: content.publishedAt ? `${formatDateTime(content.publishedAt)}${content.publishedBy ? ` by ${content.publishedBy}` : ""}` : `Not published: draft from live data as of ${formatDate(content.asOf)}` },
        ...(content.changeNote ? [{ key: "What changed in this version", value: content.changeNote }] : []),
      ]}
    />
  );
}

function CommitteeView({ content }: { content: CommitteeContent }) {
  const f = content.fields;
  let n = 0;
  const para = (text: string, key: string | number) => (
    <p className="govuk-body" key={key}>
      {++n}. {text}
    </p>
  );
  return (
    <>
      <SummaryList
        rows={[
          { key: "Committee", value: f.committee || "Not set" },
          { key: "Date", value: f.meetingDate ? formatDate(f.meetingDate) : "Not set" },
          { key: "Agenda item", value: f.agendaItem || "Not set" },
          { key: "Author", value: [f.author, f.contact].filter(Boolean).join(", ") || "Not set" },
          { key: "Purpose", value: f.purpose === "decision" ? "Item for decision" : "Item for information" },
        ]}
      />
      <Section title="Summary" id="summary">{lines(f.summary).length ? lines(f.summary).map(para) : para(`This report sets out progress on ${content.programme.name} in ${content.periodText}.`, "s")}</Section>
      <Section title="Recommendations" id="recommendations">
        <ol className="govuk-list govuk-list--number">
          {lines(f.recommendations).map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ol>
      </Section>
      <Section title="Background papers" id="background">
        <Words items={lines(f.backgroundPapers)} empty="None." />
      </Section>
      <Section title="Impact" id="impact">
        <TableScroll label="Impact">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Impact</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Area</th>
                <th scope="col" className="govuk-table__header">Impact</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {IMPACT_KEYS.map((k) => (
                <tr className="govuk-table__row" key={k}>
                  <th scope="row" className="govuk-table__header">{IMPACT_LABELS[k]}</th>
                  <td className="govuk-table__cell">{f.impact[k] || "None."}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>
      <Section title="Situation" id="situation">
        {lines(f.situation).map(para)}
        <TableScroll label="Status of each project">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">Status of each project</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Project</th>
                <th scope="col" className="govuk-table__header">Overall status</th>
                <th scope="col" className="govuk-table__header">Why</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {content.rag.map((r) => (
                <tr className="govuk-table__row" key={r.project}>
                  <th scope="row" className="govuk-table__header">{r.project}</th>
                  <td className="govuk-table__cell"><RagTag status={r.overall.status} /></td>
                  <td className="govuk-table__cell">{r.overall.override ? `${r.overall.override.reason}` : r.overall.rule}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <h3 className="govuk-heading-s">Progress by stage</h3>
        {content.stages.length === 0 ? (
          none("No stages recorded.")
        ) : (
          <TableScroll label="Progress by stage">
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden">Progress by stage</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Stage</th>
                  <th scope="col" className="govuk-table__header">Dates</th>
                  <th scope="col" className="govuk-table__header">Actions done</th>
                  <th scope="col" className="govuk-table__header">Flagged</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {content.stages.map((s, i) => (
                  <tr className="govuk-table__row" key={i}>
                    <th scope="row" className="govuk-table__header">{s.project}: {s.workPackage}, {s.stage}</th>
                    <td className="govuk-table__cell">{s.dates}</td>
                    <td className="govuk-table__cell">{s.done} of {s.total}</td>
                    <td className="govuk-table__cell">{s.flagged}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {content.timeline ? <BlocksView blocks={timelineBlocks(content.timeline, "h3")} idPrefix="timeline-" /> : null}
      </Section>
      <Section title="Risk analysis" id="risks">
        <RiskTable risks={content.risks} caption="Key risks from the registers" />
      </Section>
    </>
  );
}

/** The whole report, from its content only. */
export function ReportDocument({ content, comparison }: { content: ReportContent; comparison?: { previousTitle: string; comparison: Comparison | null; projects: Array<{ project: string; comparison: Comparison }> } | null }) {
  return (
    <article className="waymark-report" data-report-head={`${content.title}, ${content.periodText}`}>
      <Meta content={content} />
      {content.kind === "end" ? (
        <BlocksView blocks={endBlocks(content)} idPrefix="end-" />
      ) : content.kind === "committee" ? (
        <CommitteeView content={content} />
      ) : (
        <>
          <Section title={SECTION_TITLES.summary} id="summary">
            <Narrative text={content.narrative.summary} />
            {content.kind === "highlight" ? (
              <RagTable rag={content.rag} />
            ) : (
              <>
                <RagTable rag={content.rag} caption="Programme status (worst of its projects)" />
                <TableScroll label="Status of each project">
                  <table className="govuk-table">
                    <caption className="govuk-table__caption govuk-table__caption--m">Status of each project</caption>
                    <thead className="govuk-table__head">
                      <tr className="govuk-table__row">
                        <th scope="col" className="govuk-table__header">Project</th>
                        {RAG_KEYS.map((k) => (
                          <th scope="col" className="govuk-table__header" key={k}>{DIMENSION_LABELS[k]}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody className="govuk-table__body">
                      {content.projects.map((p) => (
                        <tr className="govuk-table__row" key={p.project.slug}>
                          <th scope="row" className="govuk-table__header">{p.project.name}</th>
                          {RAG_KEYS.map((k) => (
                            <td className="govuk-table__cell" key={k}><RagTag status={p.rag[k].status} /></td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </>
            )}
          </Section>
          {content.kind === "highlight" && content.timeline ? <BlocksView blocks={timelineBlocks(content.timeline, "h2")} idPrefix="timeline-" /> : null}
          {comparison ? (
            <Section title="Changes since the previous report" id="changes">
              {comparison.comparison ? <ComparisonView comparison={comparison.comparison} previousTitle={comparison.previousTitle} /> : null}
              {comparison.projects.map((p) => (
                <div key={p.project}>
                  <h3 className="govuk-heading-s">{p.project}</h3>
                  <ComparisonView comparison={p.comparison} previousTitle={comparison.previousTitle} />
                </div>
              ))}
            </Section>
          ) : null}
          {content.kind === "highlight" ? (
            <HighlightSections body={content} narrative={content.narrative} />
          ) : (
            content.projects.map((p) => (
              <section className="waymark-report__section" key={p.project.slug} aria-labelledby={`p-${p.project.slug}`}>
                <h2 className="govuk-heading-l" id={`p-${p.project.slug}`}>{p.project.name}</h2>
                <HighlightSections body={p} idPrefix={`${p.project.slug}-`} level={3} />
              </section>
            ))
          )}
        </>
      )}
    </article>
  );
}
