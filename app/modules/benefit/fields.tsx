// A benefit's definition fields (add and edit pages), and the manager's forms on a benefit page:
// record an actual (or a correction), set a target, set a baseline, import actuals from CSV. Each posts with its own `intent`; each works without JavaScript.
import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { DateInput, Radios, Select, SubmitButton, TextArea, TextInput, type FormState } from "~/components/forms";
import { FREQUENCY_LABELS, formatValue } from "./rules";
import type { HistoryRow } from "./ui";
import { shortDate } from "./ui";
import type { BenefitUnit } from "#db/schema";

/** What a benefit is: its name, direction, frequency, owner, source and tolerance (the add and edit pages). */
export function BenefitDefinitionFields({
  state,
  people,
  defaults,
  unitField,
}: {
  state: FormState | undefined;
  people: Array<{ value: number | string; label: string }>;
  defaults?: { name: string; description: string; direction: string; frequency: string; ownerPersonId: number | null; source: string; tolerance: number };
  /** The unit's radios on the add page; the edit page shows the unit as text (its figures are in it). */
  unitField?: ReactNode;
}) {
  return (
    <>
      <TextInput name="name" label="Name" hint="For example, Council tax collected in year" state={state} defaultValue={defaults?.name} />
      <TextArea name="description" label="Description (optional)" state={state} rows={3} defaultValue={defaults?.description} />
      {unitField}
      <Radios
        name="direction"
        legend="Which is better?"
        state={state}
        defaultValue={defaults?.direction}
        options={[
          { value: "higher", label: "Higher is better", hint: "For example, collection rates" },
          { value: "lower", label: "Lower is better", hint: "For example, days to process a claim" },
        ]}
      />
      <Radios
        name="frequency"
        legend="How often is it measured?"
        state={state}
        defaultValue={defaults?.frequency ?? "quarterly"}
        options={Object.entries(FREQUENCY_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <Select name="ownerPersonId" label="Owner (optional)" state={state} options={people} emptyLabel="No owner yet" defaultValue={defaults?.ownerPersonId ?? undefined} />
      <TextInput name="source" label="Source of the figures (optional)" hint="For example, the revenues system's monthly report" state={state} defaultValue={defaults?.source} />
      <TextInput
        name="tolerance"
        label="Tolerance (optional)"
        hint="How far, in the benefit's unit, an actual may miss its target before it is flagged off target. For example, 0.5"
        width={5}
        inputMode="text"
        state={state}
        defaultValue={defaults?.tolerance}
      />
    </>
  );
}

type State = (FormState & { intent?: string }) | undefined;
type BenefitLike = { unit: BenefitUnit; series: Array<{ id: number; organisation: string | null; organisationCode: string | null }> };

const forIntent = (state: State, intent: string) => (state?.intent === intent ? state : undefined);

export function BenefitForms({ benefit, history, state }: { benefit: BenefitLike; history: HistoryRow[]; state: State }) {
  const seriesOptions = benefit.series.map((s) => ({ value: s.id, label: s.organisation ?? "Joint (whole project)" }));
  const single = benefit.series.length === 1 ? benefit.series[0].id : undefined;
  const who = (seriesId: number) => benefit.series.find((s) => s.id === seriesId)?.organisation ?? "Joint";
  const correctable = [...history].reverse().map((h) => ({ value: h.id, label: `#${h.id} ${who(h.seriesId)}, ${shortDate(h.measuredOn)}: ${formatValue(h.value, benefit.unit)}` }));
  const codes = benefit.series.map((s) => s.organisationCode ?? "joint").join(", ");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h2 className="govuk-heading-m" id="record-actual">Record an actual</h2>
        <Form method="post" noValidate aria-labelledby="record-actual">
          <input type="hidden" name="intent" value="actual" />
          <Select name="seriesId" label="Organisation" state={forIntent(state, "actual")} options={seriesOptions} defaultValue={single} />
          <DateInput name="measuredOn" label="Date the figure is for" hint="The end of the period measured." state={forIntent(state, "actual")} />
          <TextInput name="value" label="Value" width={10} state={forIntent(state, "actual")} />
          <TextArea name="comment" label="Comment (optional)" rows={2} state={forIntent(state, "actual")} />
          {correctable.length ? (
            <Select
              name="correctsId"
              label="Is this a correction? (optional)"
              hint="Choose the entry it corrects. The earlier entry stays in the history."
              emptyLabel="No, a new figure"
              state={forIntent(state, "actual")}
              options={correctable}
            />
          ) : null}
          <SubmitButton>Record actual</SubmitButton>
        </Form>

        <h2 className="govuk-heading-m" id="set-target">Set a target</h2>
        <Form method="post" noValidate aria-labelledby="set-target">
          <input type="hidden" name="intent" value="target" />
          <Select name="targetSeriesId" label="Organisation" state={forIntent(state, "target")} options={seriesOptions} defaultValue={single} />
          <TextInput name="period" label="Financial year" hint="For example, 2011/12 (1 April 2011 to 31 March 2012). A year's target replaces any set before." width={10} state={forIntent(state, "target")} />
          <TextInput name="targetValue" label="Target" width={10} state={forIntent(state, "target")} />
          <SubmitButton secondary>Set target</SubmitButton>
        </Form>

        <h2 className="govuk-heading-m" id="set-baseline">Set a baseline</h2>
        <Form method="post" noValidate aria-labelledby="set-baseline">
          <input type="hidden" name="intent" value="baseline" />
          <Select name="baselineSeriesId" label="Organisation" state={forIntent(state, "baseline")} options={seriesOptions} defaultValue={single} />
          <TextInput name="baselineValue" label="Baseline value" width={10} state={forIntent(state, "baseline")} />
          <DateInput name="baselineDate" label="Baseline date (optional)" state={forIntent(state, "baseline")} />
          <TextInput name="baselineLabel" label="Period it describes (optional)" hint="For example, 2010/11 or April 2004" width={20} state={forIntent(state, "baseline")} />
          <SubmitButton secondary>Set baseline</SubmitButton>
        </Form>

        <h2 className="govuk-heading-m" id="import-actuals">Import actuals from CSV</h2>
        <Form method="post" encType="multipart/form-data" noValidate aria-labelledby="import-actuals">
          <input type="hidden" name="intent" value="import" />
          <TextArea
            name="csv"
            label="Paste rows"
            hint={`One row per figure: period, organisation, value (and an optional comment). The period is a financial year like 2011/12 (the figure is for its last day) or a date like 31/3/2012. Organisations: ${codes}. Nothing is imported unless every row is right.`}
            rows={5}
            state={forIntent(state, "import")}
          />
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="field-csvFile">
              Or upload a CSV file
            </label>
            <input className="govuk-file-upload" id="field-csvFile" name="csvFile" type="file" accept=".csv,text/csv" />
          </div>
          <SubmitButton secondary>Import actuals</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
