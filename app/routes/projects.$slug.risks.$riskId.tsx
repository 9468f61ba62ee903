import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DateInput, ErrorSummary, Select, SubmitButton, TextArea } from "~/components/forms";
import { PageTitle, SummaryList, Tag, formatDate } from "~/components/layout";
import { riskPageSchema } from "~/modules/risk/forms";
import { linkableActions } from "~/modules/risk/linked-actions.server";
import { riskPlace, riskId } from "~/modules/risk/route.server";
import { RESPONSE_LABELS, trendLabel } from "~/modules/risk/scoring";
import { getRiskDetail, linkAction, projectIdsOf, reviewRisk, unlinkAction } from "~/modules/risk/service.server";
import { BandTag, FlagTags, levelOptions, scoreText } from "~/modules/risk/ui";
import { attempt, parseForm } from "~/utils/forms";
import { RiskCrumbs } from "~/modules/risk/crumbs";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(data ? `Risk ${data.risk.ref}` : "Risk", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, today, view, viewer } = await riskPlace(request, params);
  const detail = getRiskDetail({ scope, riskId: riskId(params), today, viewer });
  const linkable = view.canManage ? linkableActions({ viewer, projectIds: projectIdsOf(scope), riskId: detail.risk.id }) : [];
  return json({ ...detail, linkable, today, view });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor, view } = await riskPlace(request, params, "manage");
  const id = riskId(params);
  const parsed = parseForm(await request.formData(), riskPageSchema);
  if (!parsed.ok) return json({ ...parsed, intent: String(parsed.values.intent ?? "") }, { status: 400 });
  const { data } = parsed;
  const result = attempt(parsed.values, () => {
    if (data.intent === "review") reviewRisk({ actor, scope, riskId: id, input: data });
    else if (data.intent === "link") linkAction({ actor, scope, riskId: id, actionId: data.actionId! });
    else unlinkAction({ actor, scope, riskId: id, actionId: data.actionId! });
  });
  if (!result.ok) return json({ ...result, intent: data.intent }, { status: 400 });
  return redirect(`${view.base}/${id}`);
}

const REASONS: Record<string, string> = { raised: "Raised", edited: "Edited", review: "Reviewed", rescaled: "Scale changed", imported: "Imported" };

export default function RiskPage() {
  const { risk, settings, severity, band, history, linked, flags, trend, linkable, today, view } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { base, canManage } = view;
  const reviewState = state?.intent === "review" ? state : undefined;
  const linkState = state?.intent === "link" ? state : undefined;
  return (
    <>
      <RiskCrumbs view={view} />
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={`${view.caption} – risk ${risk.ref}`}>{risk.title}</PageTitle>
      <p className="govuk-body">
        <BandTag band={band} /> {risk.status === "closed" ? <Tag colour="grey">Closed</Tag> : null}
      </p>
      <div className="govuk-!-margin-bottom-4">
        <FlagTags flags={flags} />
      </div>
      {canManage ? (
        <div className="govuk-button-group">
          <Link className="govuk-button govuk-button--secondary" to={`${base}/${risk.id}/edit`}>
            Edit risk
          </Link>
          {risk.status === "open" ? (
            <Link className="govuk-button govuk-button--warning" to={`${base}/${risk.id}/close`}>
              Close risk
            </Link>
          ) : null}
        </div>
      ) : null}
      <SummaryList
        rows={[
          { key: "Kind", value: risk.kind === "threat" ? "Threat" : "Opportunity" },
          { key: "Category", value: risk.category || "None" },
          { key: "Cause", value: risk.cause || "Not described" },
          { key: "Event", value: risk.event || "Not described" },
          { key: "Effect", value: risk.effect || "Not described" },
          { key: "Owner", value: risk.ownerName ?? "No owner" },
          { key: "Actionee", value: risk.actioneeName ?? "None" },
          { key: "Inherent score (before the response)", value: scoreText(risk.inherentLikelihood, risk.inherentImpact) },
          { key: "Residual score (after the response)", value: scoreText(risk.residualLikelihood, risk.residualImpact) },
          { key: "Severity", value: severity === null ? "Not scored" : `${severity} (${band})` },
          { key: "Trend since last review", value: trendLabel(trend) },
          { key: "Proximity", value: [risk.proximityDate ? formatDate(risk.proximityDate) : "", risk.proximityText].filter(Boolean).join(", ") || "Not set" },
          { key: "Response", value: risk.response ? RESPONSE_LABELS[risk.response] : "Not chosen" },
          { key: "Strategy", value: <span style={{ whiteSpace: "pre-wrap" }}>{risk.strategy || "None"}</span> },
          { key: "Actions outstanding", value: <span style={{ whiteSpace: "pre-wrap" }}>{risk.actionsOutstanding || "None"}</span> },
          { key: "Last reviewed", value: formatDate(risk.lastReviewedDate, "Never") },
          { key: "Next review", value: formatDate(risk.nextReviewDate) },
          ...(risk.status === "closed" ? [{ key: "Closed", value: `${formatDate(risk.dateClosed)}: ${risk.closingNote}` }] : []),
        ]}
      />

      <h2 className="govuk-heading-m">Linked actions</h2>
      {linked.length ? (
        <TableScroll label="Actions that respond to this risk">
          <table className="govuk-table" data-testid="linked-actions">
            <caption className="govuk-visually-hidden">Actions that respond to this risk</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Action</th>
                <th scope="col" className="govuk-table__header">State</th>
                {canManage ? <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Unlink</span></th> : null}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {linked.map((a) => (
                <tr className="govuk-table__row" key={a.id}>
                  <td className="govuk-table__cell">
                    {a.hidden ? (
                      "An action in another project"
                    ) : (
                      <Link className="govuk-link" to={`/projects/${a.projectSlug}/actions/${a.id}`}>
                        {a.ref}: {a.title}
                      </Link>
                    )}
                  </td>
                  <td className="govuk-table__cell">
                    {a.hidden ? (
                      "Not shown"
                    ) : (
                      <>
                        {a.open ? "Open" : "Finished"}
                        {a.overdueDays ? <> <Tag colour="red">Overdue by {a.overdueDays} days</Tag></> : null}
                        {a.blocked ? <> <Tag colour="red">Blocked</Tag></> : null}
                      </>
                    )}
                  </td>
                  {canManage ? (
                    <td className="govuk-table__cell">
                      {a.hidden ? null : <Form method="post">
                        <input type="hidden" name="intent" value="unlink" />
                        <input type="hidden" name="actionId" value={a.id} />
                        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-0">
                          Unlink<span className="govuk-visually-hidden"> action {a.ref}</span>
                        </button>
                      </Form>}
                    </td>
                  ) : null}
              </tr>
            ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="govuk-body">No actions from the action plan are linked to this risk.</p>
      )}
      {canManage && linkable.length ? (
        <Form method="post">
          <input type="hidden" name="intent" value="link" />
          <Select name="actionId" label="Link a mitigation action" state={linkState} options={linkable.map((a) => ({ value: a.id, label: `${a.ref}: ${a.title}${view.crumbs ? ` (${a.projectName})` : ""}` }))} emptyLabel="Choose an action" />
          <SubmitButton secondary>Link action</SubmitButton>
        </Form>
      ) : null}

      {canManage && risk.status === "open" ? (
        <>
          <h2 className="govuk-heading-m">Review this risk</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="review" />
            <input type="hidden" name="version" value={risk.version} />
            <DateInput name="reviewDate" label="Review date" state={reviewState} defaultValue={today} />
            <Select name="residualLikelihood" label="Likelihood after the response" state={reviewState} defaultValue={risk.residualLikelihood} options={levelOptions(settings.likelihoodLabels)} emptyLabel="Choose a level" />
            <Select name="residualImpact" label="Impact after the response" state={reviewState} defaultValue={risk.residualImpact} options={levelOptions(settings.impactLabels)} emptyLabel="Choose a level" />
            <DateInput name="nextReviewDate" label="Next review date" state={reviewState} defaultValue={null} />
            <TextArea name="note" label="Review note" rows={3} state={reviewState} />
            <SubmitButton>Record review</SubmitButton>
          </Form>
        </>
      ) : null}

      <h2 className="govuk-heading-m">Score history</h2>
      <TableScroll label="Every change of this risk's scores, newest first">
        <table className="govuk-table" data-testid="history">
          <caption className="govuk-visually-hidden">Every change of this risk's scores, newest first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Date</th>
              <th scope="col" className="govuk-table__header">Change</th>
              <th scope="col" className="govuk-table__header">Inherent</th>
              <th scope="col" className="govuk-table__header">Residual</th>
              <th scope="col" className="govuk-table__header">By</th>
              <th scope="col" className="govuk-table__header">Note</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {history.map((h) => (
              <tr className="govuk-table__row" key={h.id}>
                <td className="govuk-table__cell">{formatDate(h.effectiveDate)}</td>
                <td className="govuk-table__cell">{REASONS[h.reason] ?? h.reason}</td>
                <td className="govuk-table__cell">{scoreText(h.inherentLikelihood, h.inherentImpact)}</td>
                <td className="govuk-table__cell">{scoreText(h.residualLikelihood, h.residualImpact)}</td>
                <td className="govuk-table__cell">{h.changedByName ?? "System"}</td>
                <td className="govuk-table__cell">{h.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
