import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle, SummaryList } from "~/components/layout";
import { BenefitDefinitionFields } from "~/modules/benefit/fields";
import { editBenefitPageSchema } from "~/modules/benefit/forms";
import { benefitPlace, idParam } from "~/modules/benefit/route.server";
import { UNIT_LABELS } from "~/modules/benefit/rules";
import { deleteBenefit, getBenefit, updateBenefit } from "~/modules/benefit/service.server";
import { peopleOptions } from "~/modules/people/service.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(data ? `Edit ${data.benefit.name}` : "Edit benefit", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, today, base } = await benefitPlace(request, params, "manage");
  const { benefit, history } = getBenefit({ projectId: project.id, benefitId: idParam(params.benefitId), today });
  const { series, flags: _flags, ...definition } = benefit;
  return json({
    benefit: definition,
    organisations: series.map((s) => s.organisation ?? "The whole project (joint)"),
    hasActuals: history.length > 0,
    people: peopleOptions(),
    base,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, actor, base } = await benefitPlace(request, params, "manage");
  const benefitId = idParam(params.benefitId);
  const parsed = parseForm(await request.formData(), editBenefitPageSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  if (parsed.data.intent === "delete") {
    const { version } = parsed.data;
    const result = attempt(parsed.values, () => deleteBenefit({ actor, projectId: project.id, benefitId, version }));
    if (!result.ok) return json(result, { status: 400 });
    return redirect(base);
  }
  const { intent: _intent, version, ...input } = parsed.data;
  const result = attempt(parsed.values, () => updateBenefit({ actor, projectId: project.id, benefitId, version, input }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`${base}/${benefitId}`);
}

export default function EditBenefit() {
  const { benefit, organisations, hasActuals, people, base } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { project } = useProject();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={`${project.name} – benefit`}>Edit {benefit.name}</PageTitle>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="version" value={benefit.version} />
          <BenefitDefinitionFields
            state={state}
            people={people}
            defaults={benefit}
            unitField={
              <SummaryList
                rows={[
                  { key: "Measured in", value: UNIT_LABELS[benefit.unit] },
                  { key: "Reported by", value: organisations.join(", ") },
                ]}
              />
            }
          />
          <p className="govuk-body">Targets and baselines are set on the benefit&rsquo;s page, one organisation and year at a time.</p>
          <div className="govuk-button-group">
            <SubmitButton>Save changes</SubmitButton>
            <Link className="govuk-link" to={`${base}/${benefit.id}`}>
              Cancel
            </Link>
          </div>
        </Form>
        <h2 className="govuk-heading-m">Delete this benefit</h2>
        {hasActuals ? (
          <p className="govuk-body">This benefit has actuals recorded, so it cannot be deleted: its figures are part of the project&rsquo;s record.</p>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={benefit.version} />
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                Nothing has been measured yet. Deleting it removes its baselines and targets too.
              </strong>
            </div>
            <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
              Delete benefit
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
