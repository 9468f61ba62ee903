// "What needs attention": the programme's flagged actions and milestones, each listed once with
// all its flags (the page once listed an item under each of its flags: 1,227 rows for 649 items).
import { flaggedRowsHtml } from "~/components/plan-rows-html";
import { TableScroll } from "~/components/table-scroll";
import type { FlaggedItem } from "./views.server";

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
        {/* The rows as one string of the same markup (~/components/plan-rows-html): hundreds of items, each with its flags. */}
        <tbody className="govuk-table__body" dangerouslySetInnerHTML={{ __html: flaggedRowsHtml(items) }} />
      </table>
    </TableScroll>
  );
}
