// The timeline page's parts: the GET form (works with JavaScript off), the chart (server-drawn
// SVG, in a frame whose header and labels stay in view and repeat on printed pages), the key,
// the downloads, and the table equivalent.
import { Form, Link } from "@remix-run/react";
import type { CSSProperties } from "react";
import { FlagTags } from "~/components/flag-tags";
import { DateInput, ErrorSummary, Select } from "~/components/forms";
import { formatDate, PageTitle } from "~/components/layout";
import { FLAG_NAMES } from "~/modules/action/plan-view";
import type { TimelineQuery, TimelineQueryErrors } from "./query";
import type { TableRow } from "./service.server";
import type { ChartParts } from "./svg";
import { days, slipText } from "./words";

export interface TimelinePageData {
  title: string;
  subtitle: string;
  base: string;
  query: TimelineQuery;
  errors: TimelineQueryErrors | null;
  values: { asOf: string; from: string; to: string };
  zoom: string;
  chart: ChartParts | null;
  printZoom: number;
  table: TableRow[] | null;
  undated: { key: string; ref: string | null; title: string; href: string; deadlineText: string }[];
  linksOutside: number;
  outsideWindow: number;
  choices: { workPackages: { id: number; label: string }[]; owners: { key: string; label: string }[]; flags: string[] };
  counts: { bars: number; milestones: number; arrows: number; rows: number; tableRows: number };
  downloads: { svg: string; png: string; pngPages: number; pdf: string; pdfA4: string; pdfPages: number };
  isProgramme: boolean;
}

const flagName = (k: string) => (FLAG_NAMES as Record<string, string>)[k] ?? k.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

export function TimelinePage({ data, caption }: { data: TimelinePageData; caption: string }) {
  const { query } = data;
  const q = (change: Record<string, string | null>) => {
    const p = new URLSearchParams();
    if (!query.isToday) p.set("asOf", query.asOf);
    if (query.zoom) p.set("zoom", query.zoom);
    if (query.from) p.set("from", query.from);
    if (query.to) p.set("to", query.to);
    if (query.wp) p.set("wp", String(query.wp));
    if (query.owner) p.set("owner", query.owner);
    if (query.flag) p.set("flag", query.flag);
    if (query.baseline) p.set("baseline", "1");
    if (query.critical) p.set("critical", "1");
    for (const [k, v] of Object.entries(change)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    const s = p.toString();
    return s ? `?${s}` : "?";
  };
  const errors = data.errors ?? undefined;
  const state = { errors, values: data.values };
  return (
    <>
      <ErrorSummary errors={errors} />
      <PageTitle caption={caption}>Timeline</PageTitle>
      <p className="govuk-body waymark-timeline-subtitle">{data.subtitle}.</p>

      <details className="govuk-details waymark-no-print" open={Boolean(errors)}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Change what the timeline shows</span>
        </summary>
        <div className="govuk-details__text">
          <Form method="get" action={data.base}>
            <input type="hidden" name="view" value={query.view} />
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-one-third">
                <Select
                  name="zoom"
                  label="Zoom"
                  defaultValue={query.zoom ?? ""}
                  emptyLabel={`Best fit (${data.zoom})`}
                  options={[
                    { value: "week", label: "Weeks" },
                    { value: "month", label: "Months" },
                    { value: "quarter", label: "Quarters" },
                  ]}
                />
                <DateInput name="from" label="From" hint="Leave empty to start with the plan." state={state} />
                <DateInput name="to" label="To" hint="Leave empty to end with the plan." state={state} />
              </div>
              <div className="govuk-grid-column-one-third">
                <Select
                  name="wp"
                  label="Work package"
                  defaultValue={query.wp ? String(query.wp) : ""}
                  emptyLabel="All work packages"
                  options={data.choices.workPackages.map((w) => ({ value: String(w.id), label: w.label }))}
                />
                <Select name="owner" label="Owner" defaultValue={query.owner} emptyLabel="Anyone" options={data.choices.owners.map((o) => ({ value: o.key, label: o.label }))} />
                <Select
                  name="flag"
                  label="Flag"
                  hint="Flagged items and everything they depend on."
                  defaultValue={query.flag}
                  emptyLabel="All items"
                  options={[{ value: "any", label: "Any flag" }, ...data.choices.flags.map((k) => ({ value: k, label: flagName(k) }))]}
                />
              </div>
              <div className="govuk-grid-column-one-third">
                <DateInput name="asOf" label="Flags as of" hint="Leave empty for today." state={state} />
                <div className="govuk-form-group">
                  <fieldset className="govuk-fieldset">
                    <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Also show</legend>
                    <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                      {(
                        [
                          ["baseline", "Baselines and slip", query.baseline],
                          ["critical", "Critical path and float", query.critical],
                        ] as const
                      ).map(([name, label, on]) => (
                        <div className="govuk-checkboxes__item" key={name}>
                          <input className="govuk-checkboxes__input" id={`field-${name}`} name={name} type="checkbox" value="1" defaultChecked={on} />
                          <label className="govuk-label govuk-checkboxes__label" htmlFor={`field-${name}`}>
                            {label}
                          </label>
                        </div>
                      ))}
                    </div>
                  </fieldset>
                </div>
              </div>
            </div>
            <button type="submit" className="govuk-button govuk-button--secondary">
              Update timeline
            </button>{" "}
            <Link className="govuk-link govuk-body" to={data.base}>
              Clear choices
            </Link>
          </Form>
        </div>
      </details>

      <nav className="waymark-subnav waymark-no-print" aria-label="Timeline view">
        <ul className="waymark-subnav__list">
          {(["chart", "table"] as const).map((v) => (
            <li className="waymark-subnav__item" key={v}>
              <a
                className={`govuk-link govuk-link--no-visited-state waymark-subnav__link${query.view === v ? " waymark-subnav__link--active" : ""}`}
                href={q({ view: v === "chart" ? null : v })}
                aria-current={query.view === v ? "page" : undefined}
              >
                {v === "chart" ? "Chart" : "Table"}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {data.chart ? <Chart data={data} tableHref={q({ view: "table" })} /> : null}
      {data.table ? <TimelineTable rows={data.table} isProgramme={data.isProgramme} critical={query.critical} /> : null}

      {data.undated.length ? (
        <section aria-labelledby="undated-heading" className="govuk-!-margin-top-6">
          <h2 className="govuk-heading-s" id="undated-heading">
            {data.undated.length === 1 ? "1 action has no due date and is not drawn" : `${data.undated.length} actions have no due date and are not drawn`}
          </h2>
          <ul className="govuk-list govuk-list--bullet">
            {data.undated.map((u) => (
              <li key={u.key}>
                <a className="govuk-link" href={u.href}>
                  {`${u.ref} ${u.title}`}
                </a>
                {u.deadlineText ? ` (${u.deadlineText})` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="downloads-heading" className="govuk-!-margin-top-6 waymark-no-print">
        <h2 className="govuk-heading-s" id="downloads-heading">
          Download this timeline
        </h2>
        <ul className="govuk-list">
          <li>
            <a className="govuk-link" href={data.downloads.pdf} download>
              PDF, A3 landscape ({data.downloads.pdfPages === 1 ? "1 page" : `${data.downloads.pdfPages} pages`})
            </a>
          </li>
          <li>
            <a className="govuk-link" href={data.downloads.pdfA4} download>
              PDF, A4 landscape
            </a>
          </li>
          {data.downloads.pngPages === 1 ? (
            <li>
              <a className="govuk-link" href={data.downloads.png} download>
                PNG image
              </a>
            </li>
          ) : (
            <li>
              PNG images, one per page of rows:{" "}
              {Array.from({ length: data.downloads.pngPages }, (_, i) => (
                <span key={i}>
                  {i > 0 ? ", " : null}
                  <a className="govuk-link" href={`${data.downloads.png}${data.downloads.png.includes("?") ? "&" : "?"}page=${i + 1}`} download>
                    <span className="govuk-visually-hidden">PNG </span>page {i + 1}
                  </a>
                </span>
              ))}
            </li>
          )}
          <li>
            <a className="govuk-link" href={data.downloads.svg} download>
              SVG drawing
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}

function Chart({ data, tableHref }: { data: TimelinePageData; tableHref: string }) {
  const chart = data.chart!;
  const style = { "--tl-print-zoom": String(Math.round(data.printZoom * 1000) / 1000) } as CSSProperties;
  const notes: string[] = [];
  if (data.outsideWindow) notes.push(`${data.outsideWindow} ${data.outsideWindow === 1 ? "item falls" : "items fall"} outside the dates chosen and ${data.outsideWindow === 1 ? "is" : "are"} not drawn.`);
  if (data.linksOutside)
    notes.push(
      `${data.linksOutside} ${data.linksOutside === 1 ? "dependency links" : "dependencies link"} to items outside this chart (another project, or one you cannot see); the table lists them.`,
    );
  return (
    <section aria-labelledby="chart-heading">
      <h2 className="govuk-visually-hidden" id="chart-heading">
        Chart
      </h2>
      <p className="govuk-body-s">
        {data.counts.bars} {data.counts.bars === 1 ? "action" : "actions"}, {data.counts.milestones}{" "}
        {data.counts.milestones === 1 ? "milestone" : "milestones"} and {data.counts.arrows} {data.counts.arrows === 1 ? "dependency" : "dependencies"} drawn. Each
        bar is a link to its action; its name gives its dates and flags.{" "}
        <a className="govuk-link waymark-no-print" href={tableHref}>
          The same timeline as a table
        </a>
      </p>
      {notes.map((n) => (
        <p className="govuk-body-s" key={n}>
          {n}
        </p>
      ))}
      <Key />
      {chart.chunks.length === 0 ? (
        <p className="govuk-body">Nothing to draw: no action or milestone with a date matches these choices.</p>
      ) : (
        <div className={`waymark-timeline${data.query.paper === "a4" ? " waymark-timeline--a4" : ""}`} style={style} role="region" aria-label="Timeline chart" tabIndex={0}>
          <div dangerouslySetInnerHTML={{ __html: chart.defs }} />
          <table className="waymark-timeline__frame" role="presentation">
            <thead>
              <tr>
                <th className="waymark-timeline__labels" dangerouslySetInnerHTML={{ __html: chart.corner }} />
                <th dangerouslySetInnerHTML={{ __html: chart.header }} />
              </tr>
            </thead>
            <tbody>
              {chart.chunks.map((c) => (
                <tr key={c.key}>
                  <td className="waymark-timeline__labels" dangerouslySetInnerHTML={{ __html: c.labels }} />
                  <td dangerouslySetInnerHTML={{ __html: c.body }} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** What the marks mean, in words beside a small sample: nothing depends on colour alone. */
function Key() {
  const sample = (inner: string) => (
    <svg width="36" height="16" viewBox="0 0 36 16" aria-hidden="true" focusable="false" dangerouslySetInnerHTML={{ __html: inner }} />
  );
  const items: [string, string][] = [
    [`<rect x="2" y="2" width="32" height="12" class="tb"/><path d="M2 8h12" class="tp"/>`, "Action: planned start to due date; the dark part is the per cent complete, written after the bar"],
    [`<rect x="2" y="2" width="32" height="12" class="ts"/>`, "Overdue, blocked or missed: red with hatching, and the flag in words after the bar"],
    [`<rect x="2" y="2" width="32" height="12" class="tw"/>`, "Another flag (due soon, stale, slipped…): dashed outline, and the flag in words"],
    [`<rect x="2" y="2" width="32" height="12" class="tc"/>`, "Done or cancelled: grey"],
    [`<path d="M18 1l7 7l-7 7l-7 -7z" class="tms"/>`, "Milestone; filled when achieved"],
    [`<path d="M2 8H26" class="ta"/>`, "Dependency: the arrow runs from the end of one item to the start of the next; lag is written beside it"],
    [`<path d="M18 0V16" class="ttd"/>`, "Today (solid red line); a dashed blue line marks the as-of date when it differs"],
    [`<rect x="2" y="1" width="32" height="9" class="tb"/><rect x="2" y="12" width="32" height="3" class="tbl"/>`, "With baselines: the thin grey bar or hollow diamond is the baseline"],
    [`<rect x="3" y="3" width="30" height="10" class="tcr"/>`, "With the critical path: a heavy black outline and heavy arrows"],
  ];
  return (
    <details className="govuk-details waymark-timeline-key">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Key to the chart</span>
      </summary>
      <div className="govuk-details__text">
        <ul className="govuk-list">
          {items.map(([svg, words]) => (
            <li key={words} className="waymark-timeline-key__item">
              {sample(svg)} {words}
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

export function TimelineTable({ rows, isProgramme, critical }: { rows: TableRow[]; isProgramme: boolean; critical: boolean }) {
  if (rows.length === 0) return <p className="govuk-body">No actions or milestones match these choices.</p>;
  return (
    <div className="waymark-table-scroll" role="region" aria-label="Timeline as a table" tabIndex={0}>
      <table className="govuk-table govuk-!-font-size-16">
        <caption className="govuk-table__caption govuk-table__caption--s">Every action and milestone on the timeline, in chart order</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Item
            </th>
            <th scope="col" className="govuk-table__header">
              {isProgramme ? "Project, work package, stage" : "Work package, stage"}
            </th>
            <th scope="col" className="govuk-table__header">
              Start
            </th>
            <th scope="col" className="govuk-table__header">
              Due
            </th>
            <th scope="col" className="govuk-table__header">
              Baseline due
            </th>
            <th scope="col" className="govuk-table__header">
              Slip
            </th>
            <th scope="col" className="govuk-table__header">
              Float
            </th>
            <th scope="col" className="govuk-table__header">
              Critical
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
            <th scope="col" className="govuk-table__header">
              Flags
            </th>
            <th scope="col" className="govuk-table__header">
              Predecessors
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.key} data-key={r.key}>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={r.href}>
                  {r.kind === "action" ? `${r.ref} ${r.title}` : `Milestone: ${r.title}`}
                </Link>
              </th>
              <td className="govuk-table__cell">{isProgramme ? `${r.project}: ${r.where}` : r.where}</td>
              <td className="govuk-table__cell">{r.kind === "milestone" ? "–" : formatDate(r.start)}</td>
              <td className="govuk-table__cell">{r.due ? formatDate(r.due) : r.deadlineText || "Not set"}</td>
              <td className="govuk-table__cell">{formatDate(r.baselineDue)}</td>
              <td className="govuk-table__cell">{r.slip === null ? "–" : slipText(r.slip)}</td>
              <td className="govuk-table__cell">{r.float === null ? "–" : days(r.float)}</td>
              <td className="govuk-table__cell">{r.critical ? "Yes" : "No"}</td>
              <td className="govuk-table__cell">{r.percent !== null && r.statusKey !== "done" && r.statusKey !== "cancelled" ? `${r.status}, ${r.percent}%` : r.status}</td>
              <td className="govuk-table__cell">
                <FlagTags flags={r.flags as never} none="None" />
              </td>
              <td className="govuk-table__cell">{r.predecessors.length ? r.predecessors.join("; ") : "None"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {critical ? null : <p className="govuk-body-s">Float and critical are worked out from the planned dates and dependencies, whether or not the chart shows the critical path.</p>}
    </div>
  );
}
