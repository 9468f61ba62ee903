// Shared pieces of the risk pages: band and flag tags (always with words, never colour alone),
// the risk form's fields, and the server-rendered heat map with its table equivalent.
import { Radios, Select, TextArea, TextInput, DateInput, type FormState, type Option } from "~/components/forms";
import { Tag, type TagColour } from "~/components/layout";
import { BAND_LABELS, flagLabel, OPPORTUNITY_RESPONSES, RESPONSE_LABELS, THREAT_RESPONSES, type Band, type HeatCell, type RiskFlag } from "./scoring";
import { TableScroll } from "~/components/table-scroll";

const BAND_COLOURS: Record<Band, TagColour> = { low: "green", medium: "yellow", high: "red" };

export function BandTag({ band }: { band: Band | null }) {
  if (!band) return <Tag colour="grey">Not scored</Tag>;
  return <Tag colour={BAND_COLOURS[band]}>{BAND_LABELS[band]}</Tag>;
}

export function FlagTags({ flags }: { flags: RiskFlag[] }) {
  if (!flags.length) return null;
  return (
    <ul className="govuk-list" style={{ margin: 0 }}>
      {flags.map((f, i) => (
        <li key={i} style={{ marginBottom: 4 }}>
          <Tag colour={f.kind === "review_due" ? "orange" : "red"}>{flagLabel(f)}</Tag>
        </li>
      ))}
    </ul>
  );
}

export function scoreText(likelihood: number | null, impact: number | null) {
  return likelihood == null || impact == null ? "Not scored" : `${likelihood} × ${impact} = ${likelihood * impact}`;
}

export interface ScaleInfo {
  scale: number;
  likelihoodLabels: string[];
  impactLabels: string[];
}

export function levelOptions(labels: string[]): Option[] {
  return labels.map((label, i) => ({ value: i + 1, label: `${i + 1} – ${label}` }));
}

const RESPONSE_OPTIONS: Option[] = [
  ...THREAT_RESPONSES.filter((r) => r !== "share").map((r) => ({ value: r, label: `${RESPONSE_LABELS[r]} (threat)` })),
  { value: "share", label: "Share (threat or opportunity)" },
  ...OPPORTUNITY_RESPONSES.filter((r) => r !== "share").map((r) => ({ value: r, label: `${RESPONSE_LABELS[r]} (opportunity)` })),
];

type RiskDefaults = Partial<Record<string, string | number | null>>;

export function RiskFields({ state, defaults = {}, scale, people }: { state?: FormState; defaults?: RiskDefaults; scale: ScaleInfo; people: Option[] }) {
  const d = (k: string) => defaults[k] ?? null;
  const score = (name: string, label: string, labels: string[]) => (
    <div className="govuk-grid-column-one-half">
      <Select name={name} label={label} state={state} defaultValue={d(name)} options={levelOptions(labels)} emptyLabel="Not scored yet" />
    </div>
  );
  return (
    <>
      <TextInput name="ref" label="Reference" hint="For example, 7 or R12" width={5} state={state} defaultValue={d("ref")} />
      <TextInput name="title" label="Risk" hint="A short description, as it reads in the register" state={state} defaultValue={d("title")} />
      <Radios
        name="kind"
        legend="Threat or opportunity"
        inline
        state={state}
        defaultValue={String(d("kind") ?? "threat")}
        options={[
          { value: "threat", label: "Threat" },
          { value: "opportunity", label: "Opportunity" },
        ]}
      />
      <TextInput name="category" label="Category (optional)" hint="For example, people, finance, technology" width={20} state={state} defaultValue={d("category")} />
      <TextArea name="cause" label="Cause (optional)" hint="Because of…" rows={2} state={state} defaultValue={d("cause")} />
      <TextArea name="event" label="Event (optional)" hint="…this could happen…" rows={2} state={state} defaultValue={d("event")} />
      <TextArea name="effect" label="Effect (optional)" hint="…which would lead to" rows={2} state={state} defaultValue={d("effect")} />
      <Select name="ownerPersonId" label="Risk owner (optional)" state={state} defaultValue={d("ownerPersonId")} options={people} emptyLabel="No owner yet" />
      <Select name="actioneePersonId" label="Risk actionee (optional)" hint="Carries out the response for the owner" state={state} defaultValue={d("actioneePersonId")} options={people} emptyLabel="No actionee" />
      <fieldset className="govuk-fieldset govuk-!-margin-bottom-4">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Scores on a scale of 1 to {scale.scale}</legend>
        <p className="govuk-hint">Before the response (inherent) and after it (residual). Severity is likelihood × impact.</p>
        <div className="govuk-grid-row">
          {score("inherentLikelihood", "Likelihood before the response", scale.likelihoodLabels)}
          {score("inherentImpact", "Impact before the response", scale.impactLabels)}
        </div>
        <div className="govuk-grid-row">
          {score("residualLikelihood", "Likelihood after the response", scale.likelihoodLabels)}
          {score("residualImpact", "Impact after the response", scale.impactLabels)}
        </div>
      </fieldset>
      <DateInput name="proximityDate" label="Proximity date (optional)" hint="When it could happen, if known." state={state} defaultValue={d("proximityDate")} />
      <TextInput name="proximityText" label="Proximity in words (optional)" hint="For example, next 3 months" width={20} state={state} defaultValue={d("proximityText")} />
      <Select name="response" label="Response (optional)" state={state} defaultValue={d("response")} options={RESPONSE_OPTIONS} emptyLabel="Not chosen yet" />
      <TextArea name="strategy" label="Strategy (optional)" state={state} defaultValue={d("strategy")} />
      <TextArea name="actionsOutstanding" label="Actions outstanding (optional)" rows={3} state={state} defaultValue={d("actionsOutstanding")} />
      <DateInput name="nextReviewDate" label="Next review date (optional)" state={state} defaultValue={d("nextReviewDate")} />
    </>
  );
}

const CELL_COLOURS: Record<Band, string> = { low: "#cce2d8", medium: "#fff7bf", high: "#f4cdc6" };

/** Likelihood (rows, highest first) against impact; each cell gives its band in words, its count and references. */
export function HeatMapTable({ rows, scale, caption }: { rows: HeatCell[][]; scale: ScaleInfo; caption: string }) {
  return (
    <TableScroll label={caption}>
    <table className="govuk-table waymark-heatmap" data-testid="heatmap">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <td className="govuk-table__header" />
          {scale.impactLabels.map((label, i) => (
            <th scope="col" className="govuk-table__header" key={i}>
              Impact {i + 1}: {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={row[0]!.likelihood}>
            <th scope="row" className="govuk-table__header">
              Likelihood {row[0]!.likelihood}: {scale.likelihoodLabels[row[0]!.likelihood - 1]}
            </th>
            {row.map((cell) => (
              <td
                key={cell.impact}
                className="govuk-table__cell"
                data-likelihood={cell.likelihood}
                data-impact={cell.impact}
                data-count={cell.refs.length}
                style={{ background: CELL_COLOURS[cell.band], padding: 8, verticalAlign: "top", border: "2px solid #fff" }}
              >
                <span className="govuk-body-s govuk-!-margin-0" style={{ display: "block" }}>
                  {BAND_LABELS[cell.band]}, severity {cell.severity}
                </span>
                <strong className="govuk-!-font-size-24">
                  {cell.refs.length} {cell.refs.length === 1 ? "risk" : "risks"}
                </strong>
                {cell.refs.length ? <span style={{ display: "block" }}>{cell.refs.join(", ")}</span> : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
    </TableScroll>
  );
}
