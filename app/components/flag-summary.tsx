import { Link, useLocation } from "@remix-run/react";
import { formatDate } from "~/components/layout";
import { FLAG_NAMES } from "~/modules/action/plan-view";
import type { FlagCounts } from "~/modules/action/views.server";
import { TableScroll } from "~/components/table-scroll";

/**
 * The project overview's flag counts: one row per work package, one column per flag, as a GOV.UK
 * table; each count links to the action plan filtered to that flag (and work package).
 */
export function FlagSummary({ counts, base }: { counts: FlagCounts; base: string }) {
  const asOf = counts.asOf;
  // Viewing the overview as of another date: the counts' links keep that date.
  const asOfParam = new URLSearchParams(useLocation().search).get("asOf");
  const link = (flag: FlagCounts["kinds"][number], wp: string | null, n: number, where: string) => {
    if (n === 0) return "0";
    const params = new URLSearchParams({ flag });
    if (wp) params.set("workPackage", wp);
    if (asOfParam) params.set("asOf", asOf);
    return (
      <Link className="govuk-link" to={`${base}/actions?${params}`}>
        {n}
        <span className="govuk-visually-hidden">
          {" "}
          {FLAG_NAMES[flag].toLowerCase()} in {where}
        </span>
      </Link>
    );
  };
  return (
    <section aria-labelledby="flag-summary-heading">
      <h2 className="govuk-heading-m" id="flag-summary-heading">
        Flags
      </h2>
      {counts.rows.length === 0 ? (
        <p className="govuk-body">No actions yet.</p>
      ) : (
        <TableScroll label="Flags per work package">
          <table className="govuk-table govuk-!-font-size-16">
            <caption className="govuk-table__caption govuk-table__caption--s">
              Flagged actions per work package, as of {formatDate(asOf)}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Work package
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Open actions
                </th>
                {counts.kinds.map((k) => (
                  <th key={k} scope="col" className="govuk-table__header govuk-table__header--numeric">
                    {FLAG_NAMES[k]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {counts.rows.map((r) => (
                <tr className="govuk-table__row" key={r.key}>
                  <th scope="row" className="govuk-table__header">
                    {r.label}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.open}</td>
                  {counts.kinds.map((k) => (
                    <td key={k} className="govuk-table__cell govuk-table__cell--numeric">
                      {link(k, r.key === "other" ? "none" : r.key.slice(2), r.counts[k] ?? 0, r.label)}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  All work packages
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{counts.totals.open ?? 0}</td>
                {counts.kinds.map((k) => (
                  <td key={k} className="govuk-table__cell govuk-table__cell--numeric">
                    {link(k, null, counts.totals[k] ?? 0, "all work packages")}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="govuk-body">
        Milestones missed: {counts.milestones.missed ?? 0}. Milestones at risk: {counts.milestones.at_risk ?? 0}. Milestones with a schedule conflict: {counts.milestones.schedule_conflict ?? 0}.
      </p>
    </section>
  );
}
