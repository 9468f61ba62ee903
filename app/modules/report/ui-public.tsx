// The pages of a programme's public index of reports (decision 0022): links stay inside the index.
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
        <ul className="govuk-list waymark-report-index">
          {data.reports.map((r) => (
            <li key={r.id} className="govuk-!-margin-bottom-5">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                <a className="govuk-link" href={`${base}/${r.id}`}>{r.title}</a>
              </h2>
              <p className="govuk-body-s govuk-!-margin-bottom-0">
                {r.kind}, {r.period}
                {r.publishedAt ? `. Published ${formatDateTime(r.publishedAt)}` : ""}
                {r.version > 1 ? ` (version ${r.version}, corrected)` : ""}
              </p>
            </li>
          ))}
        </ul>
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
