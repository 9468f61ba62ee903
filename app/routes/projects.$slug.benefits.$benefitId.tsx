import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { PageTitle, SummaryList, formatDate } from "~/components/layout";
import { benefitChart, chartSummary } from "~/modules/benefit/chart";
import { BenefitForms } from "~/modules/benefit/fields";
import { benefitPageSchema } from "~/modules/benefit/forms";
import { benefitPlace, idParam } from "~/modules/benefit/route.server";
import { FREQUENCY_LABELS, formatValue, targetOn, UNIT_LABELS } from "~/modules/benefit/rules";
import { getBenefit, importActuals, recordActual, setBaseline, setTarget } from "~/modules/benefit/service.server";
import { BenefitChart, BenefitFlagTags, FiguresTables, HistoryTable, RagTag } from "~/modules/benefit/ui";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(data ? `Benefit: ${data.benefit.name}` : "Benefit", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, today, base } = await benefitPlace(request, params);
  const { benefit, history } = getBenefit({ projectId: project.id, benefitId: idParam(params.benefitId), today });
  const summary = chartSummary(
    benefit.name,
    benefit.unit,
    benefit.series.map((s) => ({ organisation: s.organisation, latest: s.latest, latestTarget: s.latest ? targetOn(s.targets, s.latest.measuredOn) : null })),
  );
  return json({ benefit, history, chart: benefitChart(benefit.series, benefit.unit), summary, base, today });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, actor, base } = await benefitPlace(request, params, "manage");
  const benefitId = idParam(params.benefitId);
  const formData = await request.formData();
  // An uploaded CSV file counts as pasted text.
  const file = formData.get("csvFile");
  if (file && typeof file === "object" && "text" in file && file.size > 0) formData.set("csv", await file.text());
  formData.delete("csvFile");
  const parsed = parseForm(formData, benefitPageSchema);
  if (!parsed.ok) return json({ ...parsed, intent: String(parsed.values.intent ?? "") }, { status: 400 });
  const { data } = parsed;
  const result = attempt(parsed.values, () => {
    const input = { actor, projectId: project.id, benefitId };
    if (data.intent === "actual") recordActual({ ...input, input: { seriesId: data.seriesId, measuredOn: data.measuredOn, value: data.value, comment: data.comment, correctsId: data.correctsId } });
    else if (data.intent === "target") setTarget({ ...input, input: { seriesId: data.targetSeriesId, period: data.period, value: data.targetValue } });
    else if (data.intent === "baseline") setBaseline({ ...input, input: { seriesId: data.baselineSeriesId, baselineValue: data.baselineValue, baselineDate: data.baselineDate, baselineLabel: data.baselineLabel } });
    else importActuals({ ...input, csv: data.csv });
  });
  if (!result.ok) return json({ ...result, intent: data.intent }, { status: 400 });
  return redirect(`${base}/${benefitId}`);
}

export default function BenefitPage() {
  const { benefit, history, chart, summary, base } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { project, canManage } = useProject();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={`${project.name} – benefit`}>{benefit.name}</PageTitle>
      <p className="govuk-body">
        <RagTag rag={benefit.rag} />
      </p>
      <div className="govuk-!-margin-bottom-4" data-testid="benefit-flags">
        <BenefitFlagTags flags={benefit.flags} unit={benefit.unit} none={<p className="govuk-body">No flags: measured on time and on target.</p>} />
      </div>
      <SummaryList
        rows={[
          { key: "Description", value: benefit.description || "None" },
          { key: "Measured in", value: UNIT_LABELS[benefit.unit] },
          { key: "Better when", value: benefit.direction === "higher" ? "Higher" : "Lower" },
          { key: "Measured", value: FREQUENCY_LABELS[benefit.frequency] },
          { key: "Owner", value: benefit.ownerName ?? "No owner" },
          { key: "Source", value: benefit.source || "Not given" },
          { key: "Tolerance", value: formatValue(benefit.tolerance, benefit.unit) },
          ...benefit.series.map((s) => ({
            key: `Baseline: ${s.organisation ?? "joint"}`,
            value: s.baselineValue === null ? "Not set" : `${formatValue(s.baselineValue, benefit.unit)}${s.baselineLabel ? ` (${s.baselineLabel})` : s.baselineDate ? ` (${formatDate(s.baselineDate)})` : ""}`,
          })),
        ]}
      />
      {canManage ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/${benefit.id}/edit`}>
            Edit the benefit<span className="govuk-visually-hidden"> {benefit.name}</span>
          </Link>
        </p>
      ) : null}
      <h2 className="govuk-heading-m">Actuals against targets</h2>
      {chart.empty ? <p className="govuk-body">Nothing to draw yet: set a baseline or a target, or record an actual.</p> : <BenefitChart model={chart} name={summary} id="benefit-chart" />}
      <FiguresTables benefit={benefit} />
      {canManage ? <BenefitForms benefit={benefit} history={history} state={state} /> : null}
      <HistoryTable benefit={benefit} history={history} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
