// Sections of one action's page: flags, due-date history, links, progress-note form and timeline.
import { Form } from "@remix-run/react";
import { DateInput, Radios, Select, SubmitButton, TextArea, TextInput, type FormState, type Option } from "~/components/forms";
import { formatDate, formatDateTime, Tag, type TagColour } from "~/components/layout";
import { ACTION_STATUS_LABELS } from "./forms";
import { FLAG_COLOURS } from "./plan-view";
import type { FlagKind } from "./rules";
import { TableScroll } from "~/components/table-scroll";


/** Each flag as a tag (the plan table's colours) with its reason in words beside it. */
export function FlagList({ flags, asOf }: { flags: Array<{ kind: FlagKind; name: string; label: string }>; asOf: string }) {
  if (!flags.length) return <p className="govuk-body">No flags as of {formatDate(asOf)}.</p>;
  return (
    <ul className="govuk-list">
      {flags.map((f) => (
        <li key={f.kind}>
          <Tag colour={FLAG_COLOURS[f.kind]}>{f.name}</Tag> <span className="govuk-body">{f.label}</span>
        </li>
      ))}
    </ul>
  );
}

export function StatusTag({ status }: { status: keyof typeof ACTION_STATUS_LABELS }) {
  const colour: Record<string, TagColour> = { not_started: "grey", in_progress: "blue", blocked: "red", done: "green", cancelled: "grey" };
  return <Tag colour={colour[status]}>{ACTION_STATUS_LABELS[status]}</Tag>;
}

interface DueDateChange {
  id: number;
  oldDueDate: string | null;
  newDueDate: string | null;
  reason: string;
  changedAt: string;
  by: string | null;
}

export function DueDateHistory({ changes, baseline }: { changes: DueDateChange[]; baseline: string | null }) {
  return (
    <>
      <h2 className="govuk-heading-m">Due-date history</h2>
      <p className="govuk-body">
        Baseline due date: {formatDate(baseline)}.{" "}
        {changes.length === 0 ? "The due date has not moved." : `The due date has moved ${changes.length === 1 ? "once" : `${changes.length} times`}.`}
      </p>
      {changes.length ? (
        <TableScroll label="Changes to the due date, newest first">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Changes to the due date, newest first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Changed</th>
                <th scope="col" className="govuk-table__header">From</th>
                <th scope="col" className="govuk-table__header">To</th>
                <th scope="col" className="govuk-table__header">By</th>
                <th scope="col" className="govuk-table__header">Reason</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {changes.map((c) => (
                <tr className="govuk-table__row" key={c.id}>
                  <td className="govuk-table__cell">{formatDateTime(c.changedAt)}</td>
                  <td className="govuk-table__cell">{formatDate(c.oldDueDate)}</td>
                  <td className="govuk-table__cell">{formatDate(c.newDueDate)}</td>
                  <td className="govuk-table__cell">{c.by ?? "Unknown"}</td>
                  <td className="govuk-table__cell">{c.reason || "None given"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </>
  );
}

interface Linked {
  dependencyId: number;
  label: string;
  name: string;
  ref: string | null;
  status: string | null;
  dueDate: string | null;
  achievedDate: string | null;
  lagDays: number;
  href: string | null;
}

function LinkTable({ caption, items, canManage, action }: { caption: string; items: Linked[]; canManage: boolean; action: string }) {
  if (!items.length) return <p className="govuk-body">{caption}: none.</p>;
  return (
    <TableScroll label={caption}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Item</th>
            <th scope="col" className="govuk-table__header">Status</th>
            <th scope="col" className="govuk-table__header">Due</th>
            <th scope="col" className="govuk-table__header">Lag</th>
            {canManage ? (
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Remove</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {items.map((i) => (
            <tr className="govuk-table__row" key={i.dependencyId}>
              <td className="govuk-table__cell">
                {i.href ? (
                  <a className="govuk-link" href={i.href}>
                    {i.label}: {i.name}
                  </a>
                ) : (
                  i.label
                )}
              </td>
              <td className="govuk-table__cell">
                {i.status ? ACTION_STATUS_LABELS[i.status as keyof typeof ACTION_STATUS_LABELS] : i.achievedDate ? `Achieved ${formatDate(i.achievedDate)}` : "Not achieved"}
              </td>
              <td className="govuk-table__cell">{formatDate(i.dueDate)}</td>
              <td className="govuk-table__cell">{i.lagDays ? `${i.lagDays} day${i.lagDays === 1 ? "" : "s"}` : "None"}</td>
              {canManage ? (
                <td className="govuk-table__cell">
                  <Form method="post" action={action}>
                    <input type="hidden" name="intent" value="removeDependency" />
                    <input type="hidden" name="dependencyId" value={i.dependencyId} />
                    <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                      Remove<span className="govuk-visually-hidden"> link with {i.label}</span>
                    </button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function Dependencies({
  predecessors,
  successors,
  canManage,
  options,
  state,
  action,
}: {
  /** The page's own address (see ProgressNoteForm). */
  action: string;
  predecessors: Linked[];
  successors: Linked[];
  canManage: boolean;
  options: Option[];
  state?: FormState;
}) {
  return (
    <>
      <h2 className="govuk-heading-m">Dependencies</h2>
      <LinkTable caption="This action waits for" items={predecessors} canManage={canManage} action={action} />
      <LinkTable caption="Waiting for this action" items={successors} canManage={canManage} action={action} />
      {canManage ? (
        <details className="govuk-details govuk-!-width-two-thirds" open={Boolean(state?.errors)}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Add a dependency</span>
          </summary>
          <div className="govuk-details__text">
            <Form method="post" action={action} noValidate>
              <input type="hidden" name="intent" value="addDependency" />
              <Radios
                name="direction"
                legend="How are they linked?"
                options={[
                  { value: "predecessor", label: "This action cannot finish until the chosen item has finished" },
                  { value: "successor", label: "The chosen item cannot finish until this action has finished" },
                ]}
                defaultValue="predecessor"
                state={state}
              />
              <Select name="item" label="Action or milestone" options={options} emptyLabel="Choose an action or milestone" state={state} />
              <TextInput name="lagDays" label="Lag in days (optional)" hint="Days to wait after the first item finishes" width={3} inputMode="numeric" state={state} />
              <SubmitButton secondary>Add dependency</SubmitButton>
            </Form>
          </div>
        </details>
      ) : null}
    </>
  );
}

const NOTE_STATUS_OPTIONS = (["not_started", "in_progress", "blocked", "done"] as const).map((s) => ({ value: s, label: ACTION_STATUS_LABELS[s] }));

/** `action` is the page's own address: without it, Remix posts an index route's form to `?index`, which a failed submit leaves in the address bar. */
export function ProgressNoteForm({ action, state, today, currentStatus }: { action: string; state?: FormState; today: string; currentStatus: string }) {
  return (
    <Form method="post" action={action} noValidate>
      <input type="hidden" name="intent" value="addNote" />
      <TextArea name="body" label="Progress note" hint="What has happened since the last note" rows={4} state={state} />
      <DateInput name="noteDate" label="Date of the note" state={state} defaultValue={today} />
      <Select
        name="status"
        label="Status"
        hint={`Now: ${ACTION_STATUS_LABELS[currentStatus as keyof typeof ACTION_STATUS_LABELS]}`}
        options={NOTE_STATUS_OPTIONS}
        emptyLabel="Leave the status as it is"
        state={state}
      />
      <TextArea name="blockedReason" label="Reason it is blocked" hint="Needed only if you mark it Blocked" rows={2} state={state} />
      <TextInput name="percentComplete" label="Percent complete (optional)" hint="A whole number from 0 to 100" width={3} inputMode="numeric" state={state} />
      <SubmitButton>Add progress note</SubmitButton>
    </Form>
  );
}

interface Note {
  id: number;
  noteDate: string;
  body: string;
  statusChange: string | null;
  percentComplete: number | null;
  createdAt: string;
  author: string | null;
}

export function Timeline({ notes }: { notes: Note[] }) {
  if (!notes.length) return <p className="govuk-body">No progress notes yet.</p>;
  return (
    <ol className="govuk-list waymark-timeline" reversed>
      {notes.map((n) => (
        <li key={n.id} className="govuk-!-margin-bottom-6" style={{ borderLeft: "5px solid #b1b4b6", paddingLeft: 15 }}>
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{formatDate(n.noteDate)}</h3>
          <p className="govuk-body-s govuk-!-margin-bottom-2">
            by {n.author ?? "Unknown"}, added {formatDateTime(n.createdAt)}
          </p>
          {n.statusChange || n.percentComplete !== null ? (
            <p className="govuk-body govuk-!-margin-bottom-2">
              {n.statusChange ? <>Status changed to {ACTION_STATUS_LABELS[n.statusChange as keyof typeof ACTION_STATUS_LABELS]}. </> : null}
              {n.percentComplete !== null ? <>{n.percentComplete}% complete.</> : null}
            </p>
          ) : null}
          {n.body ? <p className="govuk-body" style={{ whiteSpace: "pre-line" }}>{n.body}</p> : null}
        </li>
      ))}
    </ol>
  );
}
