import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DateInput, ErrorSummary, SubmitButton, TextInput } from "~/components/forms";
import { PageTitle, SummaryList, Tag, formatDate } from "~/components/layout";
import { formatPounds } from "~/modules/benefit/business-case";
import { approveVersion, loadBusinessCase, recordSpend, startNewVersion } from "~/modules/benefit/business-case.server";
import { casePageSchema } from "~/modules/benefit/forms";
import { benefitPlace } from "~/modules/benefit/route.server";
import { CaseTables, CumulativeChart, CumulativeTable, ToleranceTable } from "~/modules/benefit/ui";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Business case", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await benefitPlace(request, params);
  return json({ ...loadBusinessCase(project.id), costTolerancePercent: project.costTolerancePercent });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, actor } = await benefitPlace(request, params, "manage");
  const parsed = parseForm(await request.formData(), casePageSchema);
  if (!parsed.ok) return json({ ...parsed, intent: String(parsed.values.intent ?? "") }, { status: 400 });
  const { data } = parsed;
  const base = `/projects/${project.slug}/business-case`;
  const result = attempt(parsed.values, () => {
    if (data.intent === "new-version") return startNewVersion({ actor, projectId: project.id }) && `${base}/edit`;
    if (data.intent === "approve") approveVersion({ actor, projectId: project.id, caseId: data.caseId, approvedOn: data.approvedOn, approvedAt: data.approvedAt });
    else recordSpend({ actor, projectId: project.id, input: { period: data.period, amount: data.amount, note: data.note } });
    return base;
  });
  if (!result.ok) return json({ ...result, intent: data.intent }, { status: 400 });
  return redirect(result.result);
}

const STATUS: Record<string, { label: string; colour: "green" | "grey" | "blue" }> = {
  approved: { label: "Approved", colour: "green" },
  superseded: { label: "Superseded", colour: "grey" },
  draft: { label: "Draft", colour: "blue" },
};

export default function BusinessCasePage() {
  const { versions, approved, shown, figures, tolerance, spend, organisations, costTolerancePercent } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { project, canManage } = useProject();
  const draft = versions.find((v) => v.status === "draft");
  const orgName = (id: number) => organisations.find((o) => o.id === id)?.name ?? "Unknown";
  const forIntent = (intent: string) => (state?.intent === intent ? state : undefined);
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>Business case</PageTitle>
      {!shown || !figures ? (
        <p className="govuk-body">No business case yet.</p>
      ) : (
        <>
          <p className="govuk-body">
            Version {shown.version} <Tag colour={STATUS[shown.status].colour}>{STATUS[shown.status].label}</Tag>
            {shown.status !== "approved" ? " (no version has been approved yet; these are the latest figures)" : null}
          </p>
          {tolerance?.exceeded ? (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                Cost tolerance exceeded in {tolerance.rows.filter((r) => r.exceeded).map((r) => r.period).join(", ")}.
              </strong>
            </div>
          ) : null}
          {shown.summary ? <p className="govuk-body">{shown.summary}</p> : null}
          <SummaryList
            rows={[
              ...(shown.status === "approved" ? [{ key: "Approved", value: `${formatDate(shown.approvedOn)} at ${shown.approvedAt}` }] : []),
              { key: "One-off costs", value: formatPounds(figures.totals.oneOff) },
              { key: "Contingency (not in payback)", value: formatPounds(figures.contingency) },
              {
                key: "Annual net saving",
                value: figures.annualNetSaving
                  ? `${formatPounds(figures.annualNetSaving.amount)} from ${figures.annualNetSaving.period}, ${formatPounds(figures.ongoingNetSaving ?? 0)} a year by the last year`
                  : "None",
              },
              { key: "Payback", value: figures.paybackYears === null ? "Not reached" : `${figures.paybackYears.toFixed(2)} years (one-off costs divided by the first year's net saving)` },
              {
                key: "Payback by cumulative cash flow",
                value: figures.cashFlowPayback
                  ? `${figures.cashFlowPayback.years.toFixed(2)} years from the start of ${figures.cashFlowPayback.from}; the running total turns positive in ${figures.cashFlowPayback.turnsPositiveIn} (each year's one-off costs taken at its start, savings through the year)`
                  : "Not reached within the years of the case",
              },
              { key: "Total net savings over the case", value: formatPounds(figures.totals.netSaving) },
              { key: "One-off costs written off over 5 years", value: `${formatPounds(figures.writeOff5)} a year` },
              { key: "Written off over 10 years", value: `${formatPounds(figures.writeOff10)} a year` },
              { key: "Net present value", value: figures.npv === null ? "No discount rate set" : `${formatPounds(figures.npv)} at ${shown.discountRate}% a year` },
              ...figures.partners.map((p) => ({
                key: `${orgName(p.organisationId)} (${p.share}%)`,
                value: `One-off costs ${formatPounds(p.oneOff)}; net savings ${formatPounds(p.netSaving)} (${formatPounds(p.firstYearNetSaving)} in the first year)`,
              })),
            ]}
          />
          <h2 className="govuk-heading-m">Cumulative savings</h2>
          <CumulativeChart
            years={figures.years}
            name={`Cumulative net savings reach ${formatPounds(figures.years[figures.years.length - 1].cumulativeSavings)} by ${figures.years[figures.years.length - 1].period}; cumulative cash flow after one-off costs ${
              figures.cashFlowPayback ? `turns positive in ${figures.cashFlowPayback.turnsPositiveIn}` : "does not turn positive"
            }. The table below gives each year's figures.`}
          />
          <CumulativeTable years={figures.years} />
          <CaseTables figures={figures} years={figures.years.map((y) => y.period)} orgName={orgName} />
        </>
      )}

      <h2 className="govuk-heading-m">Spend against the approved case</h2>
      <p className="govuk-body">
        Cost tolerance: {costTolerancePercent === null ? "not set, so any overspend is flagged" : `${costTolerancePercent}%`} (set on the project).
      </p>
      {approved && tolerance ? <ToleranceTable rows={tolerance.rows} /> : <p className="govuk-body">Spend is compared once a version is approved.</p>}
      {spend.length ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Every spend entry ({spend.length})</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list">
              {spend.map((s) => (
                <li key={s.id}>
                  {s.period}: {formatPounds(s.amount)}, entered {formatDate(s.enteredAt.slice(0, 10))}
                  {s.enteredBy ? ` by ${s.enteredBy}` : ""}
                  {s.note ? `: ${s.note}` : ""}
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
      {canManage ? (
        <Form method="post" noValidate aria-labelledby="record-spend">
          <h3 className="govuk-heading-s" id="record-spend">Record spend for a year</h3>
          <input type="hidden" name="intent" value="spend" />
          <TextInput name="period" label="Financial year" hint="For example, 2011/12. A later entry for the same year replaces the figure; both are kept." width={10} state={forIntent("spend")} />
          <TextInput name="amount" label="One-off costs spent (£)" width={10} state={forIntent("spend")} />
          <TextInput name="note" label="Note (optional)" state={forIntent("spend")} />
          <SubmitButton secondary>Record spend</SubmitButton>
        </Form>
      ) : null}

      <h2 className="govuk-heading-m">Versions</h2>
      {versions.length === 0 ? <p className="govuk-body">None yet.</p> : (
        <ul className="govuk-list">
          {versions.map((v) => (
            <li key={v.id}>
              Version {v.version}: {STATUS[v.status].label}
              {v.approvedOn ? `, approved ${formatDate(v.approvedOn)} at ${v.approvedAt}` : ""}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        draft ? (
          <>
            <p className="govuk-body">
              <Link className="govuk-link" to="edit">
                Edit draft version {draft.version}
              </Link>
            </p>
            <Form method="post" noValidate aria-labelledby="approve-version">
              <h3 className="govuk-heading-s" id="approve-version">Record version {draft.version} as approved at a meeting</h3>
              <input type="hidden" name="intent" value="approve" />
              <input type="hidden" name="caseId" value={draft.id} />
              <DateInput name="approvedOn" label="Date of the meeting" state={forIntent("approve")} />
              <TextInput name="approvedAt" label="Meeting" hint="For example, Partnership board" state={forIntent("approve")} />
              <SubmitButton>Record as approved</SubmitButton>
            </Form>
          </>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="new-version" />
            <SubmitButton secondary>{versions.length ? "Start a new version" : "Start the business case"}</SubmitButton>
          </Form>
        )
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
