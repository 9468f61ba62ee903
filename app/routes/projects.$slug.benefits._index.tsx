import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, formatDate } from "~/components/layout";
import { TableScroll } from "~/components/table-scroll";
import { businessCaseStatus } from "~/modules/benefit/summary.server";
import { benefitPlace } from "~/modules/benefit/route.server";
import { formatValue } from "~/modules/benefit/rules";
import { listBenefits } from "~/modules/benefit/service.server";
import { BenefitFlagTags, RagTag } from "~/modules/benefit/ui";
import { formatPounds } from "~/modules/benefit/business-case";
import { DownloadLinks } from "~/modules/sheet/download-links";
import { pageTitle } from "~/utils/page-title";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Benefits", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, today, base } = await benefitPlace(request, params);
  return json({ benefits: listBenefits({ projectId: project.id, today }), businessCase: businessCaseStatus(project.id), base, today });
}

export default function Benefits() {
  const { benefits, businessCase, base } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  return (
    <>
      <PageTitle caption={project.name}>Benefits</PageTitle>
      <p className="govuk-body">
        What the project is meant to achieve, measured against a baseline and a target for each year. Flags show where a measurement is due,
        a benefit is off target or its trend is worsening.
      </p>
      {canManage ? (
        <p className="govuk-body">
          <Link className="govuk-button govuk-!-margin-bottom-0" to={`${base}/new`}>
            Add a benefit
          </Link>
        </p>
      ) : null}
      <h2 className="govuk-heading-m">Business case</h2>
      <p className="govuk-body">
        {businessCase.approvedVersion === null
          ? "No business case has been approved yet."
          : `Version ${businessCase.approvedVersion}, approved ${formatDate(businessCase.approvedOn)}: one-off costs ${formatPounds(businessCase.oneOffCosts ?? 0)}, payback ${businessCase.paybackYears ?? "not reached"} years.`}{" "}
        {businessCase.costToleranceExceeded ? <strong className="govuk-tag govuk-tag--red">Cost tolerance exceeded</strong> : null}{" "}
        <Link className="govuk-link" to={`/projects/${project.slug}/business-case`}>
          See the business case
        </Link>
      </p>
      <h2 className="govuk-heading-m">Summary</h2>
      {benefits.length === 0 ? (
        <p className="govuk-body">No benefits recorded yet.</p>
      ) : (
        <TableScroll label="Benefits summary">
          <table className="govuk-table govuk-!-font-size-16">
            <caption className="govuk-table__caption govuk-table__caption--s">One row per benefit and organisation; targets are for this financial year.</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                {["Benefit", "Organisation", "Baseline", "Target this year", "Latest actual", "Status", "Flags"].map((h) => (
                  <th scope="col" className="govuk-table__header" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {benefits.flatMap((b) =>
                b.series.map((s, i) => (
                  <tr className="govuk-table__row" key={s.id}>
                    {i === 0 ? (
                      <th scope="row" className="govuk-table__header" rowSpan={b.series.length}>
                        <Link className="govuk-link" to={`${base}/${b.id}`}>
                          {b.name}
                        </Link>
                      </th>
                    ) : null}
                    <td className="govuk-table__cell">{s.organisation ?? "Joint"}</td>
                    <td className="govuk-table__cell">
                      {formatValue(s.baselineValue, b.unit)}
                      {s.baselineLabel ? <span className="govuk-!-display-block govuk-body-s govuk-!-margin-0">{s.baselineLabel}</span> : null}
                    </td>
                    <td className="govuk-table__cell">{s.targetThisPeriod ? `${formatValue(s.targetThisPeriod.value, b.unit)} (${s.targetThisPeriod.period})` : "None"}</td>
                    <td className="govuk-table__cell">{s.latest ? `${formatValue(s.latest.value, b.unit)} (${formatDate(s.latest.measuredOn)})` : "None yet"}</td>
                    <td className="govuk-table__cell">
                      <RagTag rag={s.rag} />
                    </td>
                    {i === 0 ? (
                      <td className="govuk-table__cell" rowSpan={b.series.length}>
                        <BenefitFlagTags flags={b.flags} unit={b.unit} detail={false} none={<span className="govuk-body-s">None</span>} />
                      </td>
                    ) : null}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </TableScroll>
      )}
      {benefits.length > 0 ? <DownloadLinks href={base} search="" what="the benefits" /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
