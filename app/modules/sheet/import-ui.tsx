// The import preview's parts: the column mapping form, the rows as a table, the problems with
// their cells, the actions or risks the sheet leaves out. Server-rendered; no JavaScript needed.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary, fieldId, SubmitButton, TextInput, type FormState } from "~/components/forms";
import { Tag, type TagColour } from "~/components/layout";
import { TableScroll } from "~/components/table-scroll";
import type { CellError } from "./rows";

type Outcome = "create" | "update" | "unchanged" | "error";

const OUTCOME: Record<Outcome, { label: string; colour: TagColour }> = {
  create: { label: "New", colour: "green" },
  update: { label: "Update", colour: "blue" },
  unchanged: { label: "Unchanged", colour: "grey" },
  error: { label: "Problem", colour: "red" },
};

export function OutcomeTag({ outcome }: { outcome: Outcome }) {
  return <Tag colour={OUTCOME[outcome].colour}>{OUTCOME[outcome].label}</Tag>;
}

interface Field {
  key: string;
  label: string;
  required?: boolean;
}

export interface PreviewRowView {
  row: number;
  ref: string;
  title: string;
  outcome: Outcome;
  changes: Array<{ field: string; label: string; from: string; to: string }>;
  notes?: Array<{ date: string; body: string }>;
  warnings?: string[];
  errors: CellError[];
  unknownOwners: string[];
}

export function MappingForm({
  sheets,
  sheet,
  headerRow,
  headers,
  mapping,
  fields,
  unknownOwners,
  owners,
  state,
}: {
  sheets: string[];
  sheet: string;
  headerRow: number | null;
  headers: string[];
  mapping: string[];
  fields: Field[];
  unknownOwners: Array<{ name: string; rows: number[] }>;
  owners: Array<{ value: string; label: string }>;
  state?: FormState;
}) {
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="remap" />
      <h2 className="govuk-heading-m">Columns</h2>
      {sheets.length > 1 ? (
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor={fieldId("sheet")}>
            Sheet to import
          </label>
          <select className="govuk-select" id={fieldId("sheet")} name="sheet" defaultValue={sheet}>
            {sheets.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <TextInput
        name="headerRow"
        label="Row with the column headings"
        hint="The row number as Excel shows it"
        width={3}
        inputMode="numeric"
        state={state}
        defaultValue={headerRow}
      />
      {headers.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">What each column holds</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Column heading in the sheet
              </th>
              <th scope="col" className="govuk-table__header">
                Import it as
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {headers.map((h, i) => (
              <tr className="govuk-table__row" key={i}>
                <td className="govuk-table__cell">{h || <span className="govuk-hint">(no heading, column {i + 1})</span>}</td>
                <td className="govuk-table__cell">
                  <label className="govuk-visually-hidden" htmlFor={fieldId(`column:${i}`)}>
                    Import column {h || i + 1} as
                  </label>
                  <select className="govuk-select" id={fieldId(`column:${i}`)} name={`column:${i}`} defaultValue={mapping[i] ?? ""}>
                    <option value="">Do not import</option>
                    {fields.map((f) => (
                      <option key={f.key} value={f.key}>
                        {f.label}
                        {f.required ? " (required)" : ""}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {unknownOwners.length ? (
        <>
          <h2 className="govuk-heading-m">Owners Waymark does not know</h2>
          <p className="govuk-body">
            Choose who each name means, or leave it out. To add a new person, ask an administrator to add them, then upload the file again.
          </p>
          {unknownOwners.map((u) => (
            <div className="govuk-form-group" key={u.name}>
              <label className="govuk-label govuk-label--s" htmlFor={fieldId(`owner:${u.name}`)}>
                “{u.name}” (rows {u.rows.join(", ")})
              </label>
              <select className="govuk-select" id={fieldId(`owner:${u.name}`)} name={`owner:${u.name}`} defaultValue="?">
                <option value="?">Not chosen yet</option>
                <option value="">Leave this name out</option>
                {owners.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </>
      ) : null}
      <SubmitButton secondary>Update the preview</SubmitButton>
    </Form>
  );
}

function Changes({ row }: { row: PreviewRowView }) {
  const items: ReactNode[] = row.changes.map((c) => (
    <li key={c.field}>
      <strong>{c.label}</strong>: {c.from ? `${c.from} → ${c.to}` : c.to}
    </li>
  ));
  for (const n of row.notes ?? [])
    items.push(
      <li key={`note-${n.date}-${n.body.slice(0, 20)}`}>
        <strong>Progress note {n.date}</strong>: {n.body}
      </li>
    );
  for (const name of row.unknownOwners) items.push(<li key={`owner-${name}`}>Owner “{name}” not known: left out</li>);
  for (const w of row.warnings ?? []) items.push(<li key={w}>{w}</li>);
  for (const e of row.errors) items.push(<li key={`${e.column}-${e.message}`}>{e.message}</li>);
  return items.length ? <ul className="govuk-list govuk-!-margin-bottom-0">{items}</ul> : <span className="govuk-hint">No changes</span>;
}

export function PreviewTable({ rows, what }: { rows: PreviewRowView[]; what: string }) {
  return (
    <TableScroll label="What the import would do">
      <table className="govuk-table waymark-import-preview">
        <caption className="govuk-table__caption govuk-table__caption--m">What the import would do to the {what}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Row
            </th>
            <th scope="col" className="govuk-table__header">
              Ref
            </th>
            <th scope="col" className="govuk-table__header">
              Title
            </th>
            <th scope="col" className="govuk-table__header">
              Result
            </th>
            <th scope="col" className="govuk-table__header">
              Changes
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={`${r.row}-${r.ref}`}>
              <td className="govuk-table__cell">{r.row}</td>
              <th scope="row" className="govuk-table__header">
                {r.ref || "–"}
              </th>
              <td className="govuk-table__cell">{r.title}</td>
              <td className="govuk-table__cell">
                <OutcomeTag outcome={r.outcome} />
              </td>
              <td className="govuk-table__cell">
                <Changes row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ProblemTable({ errors }: { errors: CellError[] }) {
  if (!errors.length) return null;
  return (
    <TableScroll label="Problems to fix">
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Problems to fix in the spreadsheet</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Sheet
            </th>
            <th scope="col" className="govuk-table__header">
              Row
            </th>
            <th scope="col" className="govuk-table__header">
              Column
            </th>
            <th scope="col" className="govuk-table__header">
              Problem
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {errors.map((e, i) => (
            <tr className="govuk-table__row" key={i}>
              <td className="govuk-table__cell">{e.sheet}</td>
              <td className="govuk-table__cell">{e.row}</td>
              <td className="govuk-table__cell">{e.column || "–"}</td>
              <td className="govuk-table__cell">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export { ErrorSummary };
