import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/layout";
import { matchesStatus } from "~/modules/risk/register-view";
import { riskPlace } from "~/modules/risk/route.server";
import { BAND_LABELS, heatMap, type View } from "~/modules/risk/scoring";
import { listRisks } from "~/modules/risk/service.server";
import { HeatMapTable } from "~/modules/risk/ui";
import { RiskCrumbs } from "~/modules/risk/crumbs";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Risk heat map", matches) }];

const STATUS_LABELS: Record<string, string> = { open: "open risks", closed: "closed risks", all: "all risks" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, today, view: page, viewer } = await riskPlace(request, params);
  const search = new URL(request.url).searchParams;
  const view: View = search.get("view") === "inherent" ? "inherent" : "residual";
  const status = ["open", "closed", "all"].includes(search.get("status") ?? "") ? search.get("status")! : "open";
  const { settings, risks } = listRisks({ scope, today, viewer });
  const shown = risks.filter((r) => matchesStatus(r, status));
  const map = heatMap(shown, settings, view);
  return json({ view, status, settings, rows: map.rows, unscored: map.unscored, count: shown.length, page });
}

export default function RiskHeatMap() {
  const { view, status, settings, rows, unscored, count, page } = useLoaderData<typeof loader>();
  const base = page.base;
  const other: View = view === "residual" ? "inherent" : "residual";
  const viewName = view === "residual" ? "Residual (after the response)" : "Inherent (before the response)";
  const cells = rows.flat().filter((c) => c.refs.length > 0);
  return (
    <>
      <RiskCrumbs view={page} />
      <PageTitle caption={page.caption}>Risk heat map</PageTitle>
      <p className="govuk-body">
        Showing {STATUS_LABELS[status]} ({count}) by their <strong>{view}</strong> scores.{" "}
        <Link className="govuk-link" to={`?view=${other}&status=${status}`}>
          Show {other} scores instead
        </Link>
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={`?view=${view}&status=${status === "open" ? "all" : "open"}`}>
          {status === "open" ? "Include closed risks" : "Show open risks only"}
        </Link>{" "}
        ·{" "}
        <Link className="govuk-link" to={`${base}${status !== "open" ? `?status=${status}` : ""}`}>
          Back to the register
        </Link>
      </p>
      <HeatMapTable rows={rows} scale={settings} caption={`${viewName}: likelihood against impact`} />
      {unscored ? (
        <p className="govuk-body" data-testid="unscored">
          {unscored} {unscored === 1 ? "risk has" : "risks have"} no {view} score yet and {unscored === 1 ? "is" : "are"} not on the map.
        </p>
      ) : null}
      <h2 className="govuk-heading-m">Risks in each cell</h2>
      {cells.length ? (
        <TableScroll label={`${viewName}: the heat map as a list of occupied cells`}>
          <table className="govuk-table" data-testid="heatmap-list">
            <caption className="govuk-visually-hidden">{viewName}: the heat map as a list of occupied cells</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Likelihood</th>
                <th scope="col" className="govuk-table__header">Impact</th>
                <th scope="col" className="govuk-table__header">Severity</th>
                <th scope="col" className="govuk-table__header">Band</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Risks</th>
                <th scope="col" className="govuk-table__header">References</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {cells.map((c) => (
                <tr className="govuk-table__row" key={`${c.likelihood}-${c.impact}`}>
                  <td className="govuk-table__cell">
                    {c.likelihood} – {settings.likelihoodLabels[c.likelihood - 1]}
                  </td>
                  <td className="govuk-table__cell">
                    {c.impact} – {settings.impactLabels[c.impact - 1]}
                  </td>
                  <td className="govuk-table__cell">{c.severity}</td>
                  <td className="govuk-table__cell">{BAND_LABELS[c.band]}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{c.refs.length}</td>
                  <td className="govuk-table__cell">{c.refs.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="govuk-body">No scored risks to show.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
