// The pages of a programme's public index of reports (decision 0022): links stay inside the index.
import { TableScroll } from "~/components/table-scroll";
import { formatDateTime } from "~/components/layout";
import type { ReportContent } from "./content";
import { ReportDocument } from "./ui";

interface IndexData {
  token: string;
  programme: string;
  reports: Array<{ id: number; kind: string; title: string; period: string; version: number; publishedAt: string | null }>;
}

export function PublicIndex({ data }: { data: IndexData }) {
  const base = `/published/programmes/${data.token}`;
  return (
    <>
      <span className="govuk-caption-l">{data.programme}</span>
      <h1 className="govuk-heading-l">Published reports</h1>
      <p className="govuk-body">The progress reports published for this programme, newest first. Each is shown exactly as it was published; a corrected report shows its current version.</p>
      {data.reports.length === 0 ? (
        <p className="govuk-body">No reports have been published yet.</p>
      ) : (
        <TableScroll label="Published reports">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Published reports, newest period first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Report</th>
                <th scope="col" className="govuk-table__header">Kind</th>
                <th scope="col" className="govuk-table__header">Period</th>
                <th scope="col" className="govuk-table__header">Published</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.reports.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <td className="govuk-table__cell">
                    <a className="govuk-link" href={`${base}/${r.id}`}>{r.title}</a>
                  </td>
                  <td className="govuk-table__cell">{r.kind}</td>
                  <td className="govuk-table__cell">{r.period}</td>
                  <td className="govuk-table__cell">
                    {r.publishedAt ? formatDateTime(r.publishedAt) : ""}
                    {r.version > 1 ? `, version ${r.version}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function PublicIndexReport({ data }: { data: { token: string; programme: string; id: number; content: ReportContent; hash: string } }) {
  const base = `/published/programmes/${data.token}`;
  const { content } = data;
  return (
    <>
      <a className="govuk-back-link waymark-no-print" href={base}>All published reports of {data.programme}</a>
      <h1 className="govuk-heading-l">{content.title}</h1>
      <ul className="govuk-list waymark-no-print">
        <li>
          <a className="govuk-link" href={`${base}/${data.id}.pdf`} download>Download as PDF</a>
        </li>
        {content.kind === "committee" ? (
          <li>
            <a className="govuk-link" href={`${base}/${data.id}.docx`} download>Download as Word document</a>
          </li>
        ) : null}
      </ul>
      <ReportDocument content={content} />
      <p className="govuk-body-s">Fingerprint of the published content (SHA-256): <code className="waymark-break-all">{data.hash}</code></p>
    </>
  );
}
