import { Link } from "@remix-run/react";
import { FlagTags, OwnerList } from "~/components/flag-tags";
import { shortDate, STATUS_NAMES, withParams, type SortKey } from "~/modules/action/plan-view";
import type { PlanRow } from "~/modules/action/views.server";

type Row = Omit<PlanRow, "flags"> & { flags: PlanRow["flags"] };

// Fixed widths so the tables of every stage line up down the page, as one plan.
const COLUMN_WIDTHS = ["6%", "18%", "14%", "11%", "8%", "10%", "18%", "15%"];

const SORTABLE: Record<SortKey, string> = { ref: "Ref", due: "Deadline", status: "Status" };

/** A column header that sorts the plan by a link (works without JavaScript), with aria-sort on the active one. */
function SortHeader({ column, search, sort, dir }: { column: SortKey; search: string; sort: SortKey; dir: "asc" | "desc" }) {
  const active = sort === column;
  const nextDir = active && dir === "asc" ? "desc" : "asc";
  const href = withParams(new URLSearchParams(search), { sort: column, dir: nextDir });
  return (
    <th scope="col" className="govuk-table__header" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link className="govuk-link govuk-link--no-visited-state" to={href}>
        {SORTABLE[column]}
        <span className="govuk-visually-hidden">
          {active ? `, sorted ${dir === "asc" ? "ascending" : "descending"}; ` : ", "}sort {nextDir === "asc" ? "ascending" : "descending"}
        </span>
        {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
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
            <SortHeader column="ref" search={search} sort={sort} dir={dir} />
            <th scope="col" className="govuk-table__header">
              Action
            </th>
            <th scope="col" className="govuk-table__header">
              Expected outcomes
            </th>
            <SortHeader column="due" search={search} sort={sort} dir={dir} />
            <th scope="col" className="govuk-table__header">
              Owners
            </th>
            <SortHeader column="status" search={search} sort={sort} dir={dir} />
            <th scope="col" className="govuk-table__header">
              Latest progress
            </th>
            <th scope="col" className="govuk-table__header">
              Flags
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.id}>
              <th scope="row" className="govuk-table__header">
                {r.ref}
              </th>
              <td className="govuk-table__cell">
                <a className="govuk-link" href={`${base}/actions/${r.id}`}>
                  {r.title}
                </a>
                {r.recommendationRefs.length ? (
                  <span className="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">
                    Answers {r.recommendationRefs.join(", ")}
                  </span>
                ) : null}
              </td>
              <td className="govuk-table__cell">
                {r.expectedOutcomes || <span className="govuk-hint govuk-!-font-size-16">None written</span>}
              </td>
              <td className="govuk-table__cell">
                {r.deadlineText ? <span className="govuk-!-display-block">{r.deadlineText}</span> : null}
                {r.dueDate ? (
                  <span className="govuk-!-display-block">Due {shortDate(r.dueDate)}</span>
                ) : (
                  <span className="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">No due date</span>
                )}
              </td>
              <td className="govuk-table__cell">
                <OwnerList owners={r.owners} />
              </td>
              <td className="govuk-table__cell">
                {STATUS_NAMES[r.status]}
                {r.status === "in_progress" || r.status === "blocked" ? (
                  <span className="govuk-!-display-block">{r.percentComplete}% complete</span>
                ) : null}
              </td>
              <td className="govuk-table__cell">
                {r.latestNote ? (
                  <>
                    <strong className="govuk-!-display-block">{shortDate(r.latestNote.date)}</strong>
                    {r.latestNote.text}
                  </>
                ) : (
                  <span className="govuk-hint govuk-!-font-size-16">No progress notes</span>
                )}
              </td>
              <td className="govuk-table__cell">
                <FlagTags flags={r.flags} none={<span className="govuk-hint govuk-!-font-size-16">None</span>} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
