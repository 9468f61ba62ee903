// Sections of one action's page: flags, due-date history, links, progress-note form and timeline.
import { Form, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { DateInput, Select, SubmitButton, TextArea, TextInput, type FormState } from "~/components/forms";
import { formatDate, formatDateTime, Tag, type TagColour } from "~/components/layout";
import type { LinkCandidate, LinkView } from "./dependencies.server";
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

function LinkTable({ caption, items, canManage, action }: { caption: string; items: LinkView[]; canManage: boolean; action: string }) {
  if (!items.length) return <p className="govuk-body">{caption}: none.</p>;
  const removable = canManage && items.some((i) => i.canRemove);
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
            {removable ? (
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
                    {i.title ? `${i.label}: ${i.title}` : i.label}
                  </a>
                ) : (
                  i.label.charAt(0).toUpperCase() + i.label.slice(1)
                )}
              </td>
              <td className="govuk-table__cell">
                {i.kind === "hidden"
                  ? "Not shown"
                  : i.status
                    ? ACTION_STATUS_LABELS[i.status as keyof typeof ACTION_STATUS_LABELS]
                    : i.achievedDate
                      ? `Achieved ${formatDate(i.achievedDate)}`
                      : "Not achieved"}
              </td>
              <td className="govuk-table__cell">{i.kind === "hidden" ? "Not shown" : formatDate(i.dueDate)}</td>
              <td className="govuk-table__cell">{i.lagDays ? `${i.lagDays} day${i.lagDays === 1 ? "" : "s"}` : "None"}</td>
              {removable ? (
                <td className="govuk-table__cell">
                  {i.canRemove ? (
                    <Form method="post" action={action}>
                      <input type="hidden" name="intent" value="removeDependency" />
                      <input type="hidden" name="dependencyId" value={i.dependencyId} />
                      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                        Remove<span className="govuk-visually-hidden"> link with {i.label}</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export interface DependencySearchData {
  q: string;
  lag: string;
  items: LinkCandidate[];
  total: number;
}

export function Dependencies({
  predecessors,
  successors,
  canManage,
  search,
  asOf,
  state,
  action,
}: {
  /** The page's own address (see ProgressNoteForm). */
  action: string;
  predecessors: LinkView[];
  successors: LinkView[];
  canManage: boolean;
  /** The search for items to link (managers only). */
  search: DependencySearchData | null;
  /** The as-of date the page is viewed at, kept by the search; null for today. */
  asOf: string | null;
  state?: FormState;
}) {
  return (
    <>
      <h2 className="govuk-heading-m" id="dependencies" tabIndex={-1}>
        Dependencies
      </h2>
      <LinkTable caption="This action waits for" items={predecessors} canManage={canManage} action={action} />
      <LinkTable caption="Waiting for this action" items={successors} canManage={canManage} action={action} />
      {canManage && search ? <DependencySearch action={action} search={search} asOf={asOf} state={state} /> : null}
    </>
  );
}

/**
 * Find an item to link: a GET form (`?q=`) that lists matching items, each with buttons that link
 * it either way, so it works without JavaScript. With JavaScript, typing re-runs the search after a
 * pause (the same GET, without a page load) and a status message says how many items match.
 */
function DependencySearch({ action, search, asOf, state }: { action: string; search: DependencySearchData; asOf: string | null; state?: FormState }) {
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const { q, items, total } = search;
  const lagError = state?.errors?.lagDays;
  const itemError = state?.errors?.item;
  const lag = typeof state?.values?.lagDays === "string" ? state.values.lagDays : search.lag;
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (lag) params.set("lag", lag);
  if (asOf) params.set("asOf", asOf);
  const postTo = params.size ? `${action}?${params}` : action;
  const status = !q ? "" : total === 0 ? `No items you can link match “${q}”.` : total > items.length ? `Showing the first ${items.length} of ${total} items that match “${q}”. Type more to narrow the list.` : `${total} ${total === 1 ? "item matches" : "items match"} “${q}”.`;
  return (
    <details className="govuk-details" open={Boolean(q || state?.errors)}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Add a dependency</span>
      </summary>
      <div className="govuk-details__text">
        <Form
          method="get"
          action={action}
          role="search"
          aria-label="Search for items to link"
          preventScrollReset
          onChange={(event) => {
            const form = event.currentTarget;
            clearTimeout(timer.current);
            timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), 300);
          }}
        >
          {asOf ? <input type="hidden" name="asOf" value={asOf} /> : null}
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="field-q">
              Find an action or milestone
            </label>
            <div className="govuk-hint" id="field-q-hint">
              Type part of its reference or title. Only items of projects you manage are listed.
            </div>
            <input className="govuk-input govuk-!-width-two-thirds" id="field-q" name="q" type="search" defaultValue={q} aria-describedby="field-q-hint" autoComplete="off" spellCheck={false} />
          </div>
          <div className={`govuk-form-group${lagError ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="field-lagDays">
              Lag in days (optional)
            </label>
            <div className="govuk-hint" id="field-lagDays-hint">
              Days to wait after the first item finishes
            </div>
            {lagError ? (
              <p className="govuk-error-message" id="field-lagDays-error">
                <span className="govuk-visually-hidden">Error:</span> {lagError}
              </p>
            ) : null}
            <input
              className={`govuk-input govuk-input--width-3${lagError ? " govuk-input--error" : ""}`}
              id="field-lagDays"
              name="lag"
              inputMode="numeric"
              defaultValue={lag}
              aria-describedby={`field-lagDays-hint${lagError ? " field-lagDays-error" : ""}`}
              aria-invalid={lagError ? true : undefined}
            />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Search
          </button>
        </Form>
        {itemError ? (
          <p className="govuk-error-message" id="field-item" tabIndex={-1}>
            <span className="govuk-visually-hidden">Error:</span> {itemError}
          </p>
        ) : null}
        <p className="govuk-body" role="status">
          {status}
        </p>
        {items.length ? (
          <ul className="govuk-list" aria-label="Items you can link" style={{ borderTop: "1px solid #b1b4b6" }}>
            {items.map((i) => {
              const name = i.title ? `${i.label}: ${i.title}` : i.label;
              return (
                <li key={i.key} className="govuk-!-padding-top-2" style={{ borderBottom: "1px solid #b1b4b6" }}>
                  <p className="govuk-body govuk-!-margin-bottom-1">
                    <strong>{name}</strong>
                    {i.own ? null : <span className="govuk-body-s"> ({i.projectName})</span>}
                  </p>
                  <Form method="post" action={postTo} className="govuk-button-group govuk-!-margin-bottom-0">
                    <input type="hidden" name="intent" value="addDependency" />
                    <input type="hidden" name="item" value={i.key} />
                    <input type="hidden" name="lagDays" value={lag} />
                    <button type="submit" name="direction" value="predecessor" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" data-module="govuk-button">
                      This action waits for it<span className="govuk-visually-hidden">: {name}</span>
                    </button>
                    <button type="submit" name="direction" value="successor" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" data-module="govuk-button">
                      It waits for this action<span className="govuk-visually-hidden">: {name}</span>
                    </button>
                  </Form>
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </details>
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
