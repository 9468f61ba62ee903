import { Link } from "@remix-run/react";
import { Tag, formatDate } from "~/components/layout";
import { TableScroll } from "~/components/table-scroll";

// Projects as the home page and a programme's page list them.
const STATUS_TAG = {
  proposed: { label: "Proposed", colour: "grey" },
  active: { label: "Active", colour: "blue" },
  on_hold: { label: "On hold", colour: "yellow" },
  closed: { label: "Closed", colour: "grey" },
} as const;

export function ProjectTable({
  caption,
  empty = "No projects you can see.",
  projects,
}: {
  caption?: string;
  empty?: string;
  projects: Array<{ id: number; slug: string; name: string; status: keyof typeof STATUS_TAG; startDate: string | null; endDate: string | null }>;
}) {
  if (!projects.length) return <p className="govuk-body">{empty}</p>;
  return (
    <TableScroll label={caption ?? "Projects"}>
      <table className="govuk-table">
        {caption ? <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption> : null}
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Project</th>
            <th scope="col" className="govuk-table__header">Status</th>
            <th scope="col" className="govuk-table__header">Start</th>
            <th scope="col" className="govuk-table__header">End</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {projects.map((p) => (
            <tr className="govuk-table__row" key={p.id}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/projects/${p.slug}`}>
                  {p.name}
                </Link>
              </td>
              <td className="govuk-table__cell">
                <Tag colour={STATUS_TAG[p.status].colour}>{STATUS_TAG[p.status].label}</Tag>
              </td>
              <td className="govuk-table__cell">{formatDate(p.startDate)}</td>
              <td className="govuk-table__cell">{formatDate(p.endDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
