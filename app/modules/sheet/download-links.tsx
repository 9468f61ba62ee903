// "Download: Excel (XLSX), CSV" under a register's filters. Plain links (not client-side
// navigation): the files come from resource routes. The page's query string goes with them, so
// the file holds what the page shows.
export function DownloadLinks({ href, search, what }: { href: string; search: string; what: string }) {
  const q = search && search !== "?" ? search : "";
  return (
    <p className="govuk-body waymark-downloads">
      Download {what}:{" "}
      <a className="govuk-link" href={`${href}.xlsx${q}`} download>
        Excel (XLSX)<span className="govuk-visually-hidden"> file of {what}</span>
      </a>
      ,{" "}
      <a className="govuk-link" href={`${href}.csv${q}`} download>
        CSV<span className="govuk-visually-hidden"> file of {what}</span>
      </a>
    </p>
  );
}
