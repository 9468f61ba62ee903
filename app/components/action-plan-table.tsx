import { useLocation } from "@remix-run/react";
import { initialsKeyHtml, planRowsHtml } from "~/components/plan-rows-html";
import { withParams, type SortKey } from "~/modules/action/plan-view";
import type { PlanRow } from "~/modules/action/views.server";

type Row = Omit<PlanRow, "flags"> & { flags: PlanRow["flags"] };

// Fixed widths so the tables of every stage line up down the page, as one plan.
// Owners get 11%: a team's name ("Customer Service Improvement Programme board") was broken mid-word at 8%.
const COLUMN_WIDTHS = ["5%", "17%", "15%", "12%", "11%", "9%", "17%", "14%"];

const SORTABLE: Record<SortKey, string> = { ref: "Ref", due: "Deadline", status: "Status" };

/** A column header that sorts the plan by a link (works without JavaScript), with aria-sort on the active one. */
// Plain links: the plan pages are sent without scripts (their routes' handle), so a router link
// would render the same anchor at several times the cost (15 on a page of five tables).
function SortHeader({ column, path, search, sort, dir }: { column: SortKey; path: string; search: string; sort: SortKey; dir: "asc" | "desc" }) {
  const active = sort === column;
  const nextDir = active && dir === "asc" ? "desc" : "asc";
  const href = path + withParams(new URLSearchParams(search), { sort: column, dir: nextDir });
  return (
    <th scope="col" className="govuk-table__header" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <a className="govuk-link govuk-link--no-visited-state" href={href}>
        {SORTABLE[column]}
        <span className="govuk-visually-hidden">
          {active ? `, sorted ${dir === "asc" ? "ascending" : "descending"}; ` : ", "}sort {nextDir === "asc" ? "ascending" : "descending"}
        </span>
        {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </a>
    </th>
  );
}

function regionName(caption: string, rows: Row[]) {
  if (rows.length === 0) return caption;
  return rows.length === 1 ? `${caption}: action ${rows[0].ref}` : `${caption}: actions ${rows[0].ref} to ${rows[rows.length - 1].ref}`;
}

export function ActionPlanTable({
  caption,
  rows,
  base,
  search,
  sort,
  dir,
}: {
  caption: string;
  rows: Row[];
  base: string;
  search: string;
  sort: SortKey;
  dir: "asc" | "desc";
}) {
  const { pathname: path } = useLocation();
  return (
    // Stages of different work packages can share a name: the action refs keep each region's name unique.
    <div className="waymark-table-scroll" role="region" aria-label={regionName(caption, rows)} tabIndex={0}>
      <table className="govuk-table govuk-!-font-size-16" style={{ tableLayout: "fixed", minWidth: "56em" }}>
        <colgroup>
          {COLUMN_WIDTHS.map((w, i) => (
            <col key={i} style={{ width: w }} />
          ))}
        </colgroup>
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <SortHeader column="ref" path={path} search={search} sort={sort} dir={dir} />
            <th scope="col" className="govuk-table__header">
              Action
            </th>
            <th scope="col" className="govuk-table__header">
              Expected outcomes
            </th>
            <SortHeader column="due" path={path} search={search} sort={sort} dir={dir} />
            <th scope="col" className="govuk-table__header">
              Owners
            </th>
            <SortHeader column="status" path={path} search={search} sort={sort} dir={dir} />
            <th scope="col" className="govuk-table__header">
              Latest progress
            </th>
            <th scope="col" className="govuk-table__header">
              Flags
            </th>
          </tr>
        </thead>
        {/* The rows as one string of the same markup (plan-rows-html.ts): React's rendering of dense rows was most of a plan page's time. */}
        <tbody className="govuk-table__body" dangerouslySetInnerHTML={{ __html: planRowsHtml(rows, base) }} />
      </table>
    </div>
  );
}

const byInitials = new Intl.Collator("en-GB");

/** The initials the plan's tables use, with each person's full name (the tables show initials, as council plans do). */
export function InitialsKey({ rows }: { rows: Array<Pick<Row, "owners">> }) {
  const people = new Map<string, string>();
  for (const r of rows) for (const o of r.owners) if (o.kind === "person" && o.short !== o.name) people.set(o.short, o.name);
  if (people.size === 0) return null;
  const sorted = [...people].sort(([a], [b]) => byInitials.compare(a, b));
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Owners&rsquo; initials</span>
      </summary>
      <div className="govuk-details__text">
        {/* A hundred people on a programme's page: one string, as the rows are (~/components/plan-rows-html). */}
        <dl className="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-0" dangerouslySetInnerHTML={{ __html: initialsKeyHtml(sorted) }} />
      </div>
    </details>
  );
}
