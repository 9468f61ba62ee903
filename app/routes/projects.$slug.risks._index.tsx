import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "~/utils/json.server";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, formatDate } from "~/components/layout";
import { filterRows, parseQuery, PROXIMITY_FILTERS, sortRows, SORTS, type SortKey } from "~/modules/risk/register-view";
import { riskPlace } from "~/modules/risk/route.server";
import { listRisks } from "~/modules/risk/service.server";
import { trendLabel } from "~/modules/risk/scoring";
import { BandTag, FlagTags, scoreText } from "~/modules/risk/ui";
import { RiskCrumbs } from "~/modules/risk/crumbs";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";
import { DownloadLinks } from "~/modules/sheet/download-links";
import { unchangedPage } from "~/utils/page-cache.server";

export { headers } from "~/utils/etag.server";

// Links and a GET form: sent as plain HTML, without scripts or a second copy of its rows as
// hydration data, so it can be kept whole and sent again while nothing changes (decision 27).
export const handle = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Risk register", matches) }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { scope, today, view, viewer, user } = await riskPlace(request, params);
  const { headers, unchanged } = unchangedPage(request, context, { viewer: user.id, asOf: today });
  if (unchanged) return unchanged;
  const { settings, risks } = listRisks({ scope, today, viewer });
  const query = parseQuery(new URL(request.url).searchParams);
  const rows = sortRows(filterRows(risks, query, today), query.sort, query.dir);
  const owners = [...new Map(risks.filter((r) => r.ownerPersonId).map((r) => [r.ownerPersonId!, r.ownerName ?? ""])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const categories = [...new Set(risks.map((r) => r.category).filter(Boolean))].sort();
  return json({ settings, rows, total: risks.length, query, owners, categories, today, view }, { headers });
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: Array<[string, string]> }) {
  return (
    <div className="govuk-form-group" style={{ display: "inline-block", marginRight: 16, verticalAlign: "top" }}>
      <label className="govuk-label govuk-label--s" htmlFor={`filter-${name}`}>
        {label}
      </label>
      <select className="govuk-select" id={`filter-${name}`} name={name} defaultValue={value}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function RiskRegister() {
  const { rows, total, query, owners, categories, settings, view } = useLoaderData<typeof loader>();
  const { base, canManage } = view;
  const { search } = useLocation();
  const sortLink = (key: SortKey) => {
    const p = new URLSearchParams(Object.entries({ ...query, sort: key, dir: query.sort === key && query.dir === "asc" ? "desc" : "asc" }).filter(([, v]) => v !== ""));
    return `?${p}`;
  };
  const ariaSort = (key: SortKey) => (query.sort === key ? (query.dir === "asc" ? "ascending" : "descending") : "none");
  const SortHeader = ({ k, children }: { k: SortKey; children?: string }) => (
    <th scope="col" className="govuk-table__header" aria-sort={ariaSort(k)}>
      <Link className="govuk-link" to={sortLink(k)}>
        {children ?? SORTS[k]}
        <span className="govuk-visually-hidden"> (sort)</span>
      </Link>
    </th>
  );
  return (
    <>
      <RiskCrumbs view={view} />
      <PageTitle caption={view.caption}>Risk register</PageTitle>
      <p className="govuk-body">
        Scored on a scale of 1 to {settings.scale}. Severity is likelihood × impact: low below {settings.mediumFrom}, medium from {settings.mediumFrom}, high from{" "}
        {settings.highFrom}.
      </p>
      <div className="govuk-button-group">
        {canManage ? (
          <Link className="govuk-button" to={`${base}/new`}>
            Raise a risk
          </Link>
        ) : null}
        <Link className="govuk-button govuk-button--secondary" to={`${base}/heatmap${query.status !== "open" ? `?status=${query.status}` : ""}`}>
          Heat map
        </Link>
        {canManage ? (
          <Link className="govuk-link govuk-!-margin-left-3" to={`${base}/settings`}>
            Register settings
          </Link>
        ) : null}
        {canManage && base.startsWith("/projects/") ? (
          <Link className="govuk-link govuk-!-margin-left-3" to={`${base.replace(/\/risks$/, "")}/import?kind=risks`}>
            Import from a spreadsheet
          </Link>
        ) : null}
      </div>
      <Form method="get" aria-label="Filter risks">
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <FilterSelect name="status" label="Status" value={query.status} options={[["open", "Open"], ["closed", "Closed"], ["all", "All"]]} />
        <FilterSelect name="band" label="Band" value={query.band} options={[["", "Any"], ["high", "High"], ["medium", "Medium"], ["low", "Low"], ["none", "Not scored"]]} />
        <FilterSelect name="owner" label="Owner" value={query.owner} options={[["", "Anyone"], ...owners.map(([id, name]) => [String(id), name] as [string, string]), ["none", "No owner"]]} />
        <FilterSelect name="category" label="Category" value={query.category} options={[["", "Any"], ...categories.map((c) => [c, c] as [string, string])]} />
        <FilterSelect name="proximity" label="Proximity" value={query.proximity} options={[["", "Any"], ...Object.entries(PROXIMITY_FILTERS)]} />
        <button type="submit" className="govuk-button govuk-button--secondary" style={{ verticalAlign: "bottom" }}>
          Apply filters
        </button>
      </Form>
      <DownloadLinks href={base} search={search} what="these risks" />
      <p className="govuk-body" role="status">
        Showing {rows.length} of {total} risks.
      </p>
      {rows.length ? (
        <TableScroll label={`Risks in ${view.caption}`}>
          <table className="govuk-table govuk-!-font-size-16" data-testid="risk-table" style={{ fontSize: 14 }}>
            <caption className="govuk-visually-hidden">Risks, {rows.length} shown</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <SortHeader k="ref">No.</SortHeader>
                <th scope="col" className="govuk-table__header" style={{ minWidth: "14em" }}>Risk and flags</th>
                <SortHeader k="owner" />
                <th scope="col" className="govuk-table__header">Inherent L × I</th>
                <th scope="col" className="govuk-table__header">Residual L × I</th>
                <SortHeader k="severity" />
                <th scope="col" className="govuk-table__header">Trend</th>
                <SortHeader k="proximity" />
                <SortHeader k="review" />
                {query.status !== "open" ? <th scope="col" className="govuk-table__header">Status</th> : null}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {rows.map((r) => (
                <tr className="govuk-table__row" key={r.id} data-ref={r.ref}>
                  <td className="govuk-table__cell">{r.ref}</td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`${base}/${r.id}`}>
                      {r.title}
                    </Link>
                    {r.category ? <span className="govuk-body-s govuk-!-margin-0" style={{ display: "block", color: "#484949" }}>{r.category}</span> : null}
                    <FlagTags flags={r.flags} />
                  </td>
                  <td className="govuk-table__cell">{r.ownerName ?? "No owner"}</td>
                  <td className="govuk-table__cell" style={{ whiteSpace: "nowrap" }} data-col="inherent" data-l={r.inherentLikelihood ?? ""} data-i={r.inherentImpact ?? ""}>
                    {scoreText(r.inherentLikelihood, r.inherentImpact)}
                  </td>
                  <td className="govuk-table__cell" style={{ whiteSpace: "nowrap" }} data-col="residual" data-l={r.residualLikelihood ?? ""} data-i={r.residualImpact ?? ""}>
                    {scoreText(r.residualLikelihood, r.residualImpact)}
                  </td>
                  <td className="govuk-table__cell">
                    {r.severity ?? "–"} <BandTag band={r.band} />
                  </td>
                  <td className="govuk-table__cell">{trendLabel(r.trend)}</td>
                  <td className="govuk-table__cell">{r.proximityDate ? formatDate(r.proximityDate) : r.proximityText || "Not set"}</td>
                  <td className="govuk-table__cell">{formatDate(r.nextReviewDate)}</td>
                  {query.status !== "open" ? <td className="govuk-table__cell">{r.status === "closed" ? `Closed ${formatDate(r.dateClosed)}` : "Open"}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="govuk-body">{total ? "No risks match these filters." : "No risks have been raised yet."}</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
