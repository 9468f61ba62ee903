// "What needs attention": the programme's flagged actions and milestones, each listed once with
// all its flags (the page once listed an item under each of its flags: 1,227 rows for 649 items).
import { Link } from "@remix-run/react";
import { Tag } from "~/components/layout";
import { TableScroll } from "~/components/table-scroll";
import { FLAG_COLOURS, shortDate, type FlagKind } from "./plan-view";
import type { FlaggedItem } from "./views.server";

/** Flags whose tag alone does not say why: their sentence is shown under the tag. */
const EXPLAINED = new Set<FlagKind>(["blocked", "at_risk", "schedule_conflict", "stale", "slipped", "unowned"]);

export function FlaggedTable({ items, caption }: { items: FlaggedItem[]; caption: string }) {
  return (
    <TableScroll label={caption}>
      <table className="govuk-table govuk-!-font-size-16">
        <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Item
            </th>
            <th scope="col" className="govuk-table__header">
              Project
            </th>
            <th scope="col" className="govuk-table__header">
              Due or target
            </th>
            <th scope="col" className="govuk-table__header">
              Flags
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {items.map((item) => (
            <tr className="govuk-table__row" key={`${item.kind}-${item.id}`}>
              <td className="govuk-table__cell">
                {item.kind === "action" ? (
                  <Link className="govuk-link" to={`/projects/${item.project.slug}/actions/${item.id}`}>
                    {item.ref} {item.label}
                  </Link>
                ) : (
                  <>
                    <span className="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">Milestone</span>
                    <Link className="govuk-link" to={`/projects/${item.project.slug}/milestones`}>
                      {item.label}
                    </Link>
                  </>
                )}
              </td>
              <td className="govuk-table__cell">{item.project.name}</td>
              <td className="govuk-table__cell">{shortDate(item.date, "No date")}</td>
              <td className="govuk-table__cell">
                <ul className="govuk-list waymark-flag-list govuk-!-margin-bottom-0">
                  {item.flags.map((f) => (
                    <li key={f.kind} className="govuk-!-margin-bottom-1">
                      <Tag colour={FLAG_COLOURS[f.kind]}>{f.tag}</Tag>
                      {EXPLAINED.has(f.kind) ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">{f.text}</span> : null}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
