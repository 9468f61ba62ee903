// A report's blocks (blocks.ts) as GOV.UK markup: the end project report and the timeline are drawn
// from the same blocks as the PDF and Word files, so page and downloads say the same.
import type { ReactNode } from "react";
import { TableScroll } from "~/components/table-scroll";
import type { Block } from "./blocks";
import type { ReportTimeline } from "./content";

const HEADING = { h2: "govuk-heading-m", h3: "govuk-heading-s", h4: "govuk-heading-s" } as const;

/** The frozen drawing (our own SVG, every string escaped when it was drawn), named for screen readers. */
export function TimelineImage({ timeline, alt }: { timeline: ReportTimeline; alt: string }) {
  return <div className="waymark-report__timeline" role="img" aria-label={alt} dangerouslySetInnerHTML={{ __html: timeline.svg }} />;
}

function one(b: Block, key: number, idPrefix: string): ReactNode {
  switch (b.kind) {
    case "h1":
      return null;
    case "h2":
    case "h3":
    case "h4": {
      const H = b.kind;
      return <H className={HEADING[b.kind]} key={key} id={`${idPrefix}${key}`}>{b.text}</H>;
    }
    case "p":
      return <p className="govuk-body" key={key} style={{ whiteSpace: "pre-line" }}>{b.text}</p>;
    case "list":
      return (
        <ul className="govuk-list govuk-list--bullet" key={key}>
          {b.items.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ul>
      );
    case "image":
      return <TimelineImage key={key} timeline={b.timeline} alt={b.alt} />;
    case "table": {
      const label = b.caption ?? (b.head.filter(Boolean).join(", ") || "Table");
      return (
        <TableScroll label={`${label} (${idPrefix}${key})`} key={key}>
          <table className="govuk-table">
            <caption className={b.caption ? "govuk-table__caption govuk-table__caption--s" : "govuk-table__caption govuk-visually-hidden"}>{label}</caption>
            {b.head.some(Boolean) ? (
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  {b.head.map((h, i) => (
                    <th scope="col" className="govuk-table__header" key={i}>{h}</th>
                  ))}
                </tr>
              </thead>
            ) : null}
            <tbody className="govuk-table__body">
              {b.rows.map((row, i) => (
                <tr className="govuk-table__row" key={i}>
                  {row.map((cell, j) =>
                    j === 0 ? (
                      <th scope="row" className="govuk-table__header" key={j}>{cell}</th>
                    ) : (
                      <td className="govuk-table__cell" key={j}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      );
    }
  }
}

/** Blocks as page markup, each level-2 heading opening a section (print breaks between sections). */
export function BlocksView({ blocks, idPrefix = "b" }: { blocks: Block[]; idPrefix?: string }) {
  const sections: Array<{ at: number; blocks: Array<[Block, number]> }> = [];
  blocks.forEach((b, i) => {
    if (b.kind === "h2" || sections.length === 0) sections.push({ at: i, blocks: [] });
    sections[sections.length - 1].blocks.push([b, i]);
  });
  return (
    <>
      {sections.map((s) =>
        s.blocks[0]?.[0].kind === "h2" ? (
          <section className="waymark-report__section" key={s.at} aria-labelledby={`${idPrefix}${s.at}`}>
            {s.blocks.map(([b, i]) => one(b, i, idPrefix))}
          </section>
        ) : (
          <div key={s.at}>{s.blocks.map(([b, i]) => one(b, i, idPrefix))}</div>
        ),
      )}
    </>
  );
}
