import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, Select, SubmitButton, TextInput } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { mappingFrom, settingsSchema } from "~/modules/risk/forms";
import { riskPlace } from "~/modules/risk/route.server";
import { DEFAULT_SETTINGS } from "~/modules/risk/scoring";
import { getRegister, riskCount, settingsOf, updateSettings } from "~/modules/risk/service.server";
import { attempt, parseForm } from "~/utils/forms";
import { RiskCrumbs } from "~/modules/risk/crumbs";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Risk register settings", matches) }];

const LEVELS = [1, 2, 3, 4, 5];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, view } = await riskPlace(request, params, "manage");
  return json({ settings: settingsOf(getRegister(scope)), riskCount: riskCount(scope), view });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor, today, view } = await riskPlace(request, params, "manage");
  const parsed = parseForm(await request.formData(), settingsSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const input = parsed.data;
  const current = settingsOf(getRegister(scope));
  // Five label boxes are always shown (no JavaScript needed to switch scale); a blank one takes the usual label.
  const labels = (given: string[], defaults: string[]) => defaults.map((d, i) => given[i]?.trim() || d);
  const settings = {
    scale: input.scale,
    likelihoodLabels: labels(input.likelihoodLabels, DEFAULT_SETTINGS[input.scale].likelihoodLabels),
    impactLabels: labels(input.impactLabels, DEFAULT_SETTINGS[input.scale].impactLabels),
    mediumFrom: input.mediumFrom,
    highFrom: input.highFrom,
  };
  const result = attempt(parsed.values, () =>
    updateSettings({ actor, scope, settings, version: input.version, mapping: mappingFrom(input, current.scale), today }),
  );
  if (!result.ok) return json(result, { status: 400 });
  return redirect(view.base);
}

export default function RiskSettings() {
  const { settings, riskCount, view } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const labelValue = (list: string[], i: number) => list[i] ?? DEFAULT_SETTINGS[5].likelihoodLabels[i];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <RiskCrumbs view={view} />
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={view.caption}>Risk register settings</PageTitle>
        <Form method="post" noValidate>
          <input type="hidden" name="version" value={settings.version} />
          <Radios
            name="scale"
            legend="Scale for likelihood and impact"
            state={state}
            defaultValue={String(settings.scale)}
            options={[
              { value: "3", label: "1 to 3", hint: "As in the partnership's register" },
              { value: "5", label: "1 to 5", hint: "A 5 × 5 matrix, as many councils use" },
            ]}
          />
          {riskCount > 0 ? (
            <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" id="field-mapping" aria-describedby="mapping-hint">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">If you change the scale: what each level becomes</legend>
              <p className="govuk-hint" id="mapping-hint">
                The register has {riskCount} risks. Their scores will be moved to the new scale as you say here, and each risk's history will record it.
              </p>
              {state?.errors?.mapping ? (
                <p className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {state.errors.mapping}
                </p>
              ) : null}
              {LEVELS.slice(0, settings.scale).map((level) => (
                <Select key={level} name={`map${level}`} label={`Level ${level} becomes`} state={state} options={LEVELS.map((l) => ({ value: l, label: String(l) }))} emptyLabel="Not changing scale" />
              ))}
            </fieldset>
          ) : null}
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Labels for each level</legend>
            <p className="govuk-hint">Levels 4 and 5 are used only on a 1 to 5 scale. A blank label takes the usual one.</p>
            <div className="govuk-grid-row">
              {(["likelihoodLabels", "impactLabels"] as const).map((field) => (
                <div className="govuk-grid-column-one-half" key={field}>
                  {LEVELS.map((level) => (
                    <div className="govuk-form-group" key={level}>
                      <label className="govuk-label" htmlFor={`${field}-${level}`}>
                        {field === "likelihoodLabels" ? "Likelihood" : "Impact"} level {level}
                      </label>
                      <input
                        className="govuk-input govuk-input--width-20"
                        id={`${field}-${level}`}
                        name={field}
                        defaultValue={(state?.values?.[field] as string[] | undefined)?.[level - 1] ?? labelValue(field === "likelihoodLabels" ? settings.likelihoodLabels : settings.impactLabels, level - 1)}
                      />
                    </div>
                  ))}
                </div>
              ))}
            </div>
            {state?.errors?.likelihoodLabels || state?.errors?.impactLabels ? (
              <p className="govuk-error-message" id="field-likelihoodLabels">
                {state.errors.likelihoodLabels ?? state.errors.impactLabels}
              </p>
            ) : null}
          </fieldset>
          <TextInput name="mediumFrom" label="Medium starts at severity" hint="Below this, a risk is low" width={3} inputMode="numeric" state={state} defaultValue={settings.mediumFrom} />
          <TextInput name="highFrom" label="High starts at severity" hint="On a 1 to 5 scale, councils often use medium from 7 and high from 13" width={3} inputMode="numeric" state={state} defaultValue={settings.highFrom} />
          <div className="govuk-button-group">
            <SubmitButton>Save settings</SubmitButton>
            <Link className="govuk-link" to={view.base}>
              Cancel
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
