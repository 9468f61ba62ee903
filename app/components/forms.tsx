import { useEffect, useRef, type ReactNode } from "react";
import { ERROR_TITLE_PREFIX } from "~/utils/error-title";
import { DATE_EXAMPLE, formatDateEntry } from "~/utils/dates";
import type { FieldErrors, FormValues } from "~/utils/forms";

export interface FormState {
  errors?: FieldErrors;
  values?: FormValues;
}

/** GOV.UK error summary: focused on arrival so screen-reader and keyboard users land on it. */
export function ErrorSummary({ errors, labels }: { errors?: FieldErrors; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    // GOV.UK: the page title starts "Error: " while errors show (the server does this without JavaScript).
    if (!entries.length) return;
    const title = document.querySelector("title");
    if (title && !title.text.startsWith(ERROR_TITLE_PREFIX)) title.text = ERROR_TITLE_PREFIX + title.text;
    return () => {
      if (title?.text.startsWith(ERROR_TITLE_PREFIX)) title.text = title.text.slice(ERROR_TITLE_PREFIX.length);
    };
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!entries.length) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li key={field}>
                {field === "_form" ? message : <a href={`#${fieldId(field)}`}>{labels?.[field] ? message : message}</a>}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export const fieldId = (name: string) => `field-${name.replace(/[^a-zA-Z0-9_-]/g, "")}`;

function valueOf(state: FormState | undefined, name: string, fallback?: string | number | null) {
  const v = state?.values?.[name];
  if (v !== undefined) return Array.isArray(v) ? v[0] : v;
  return fallback == null ? "" : String(fallback);
}

interface BaseProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  state?: FormState;
  defaultValue?: string | number | null;
  /** Make the label a page heading (GOV.UK pattern for one-question pages). */
  className?: string;
}

function FieldShell({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  const id = fieldId(name);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

function describedBy(name: string, hint: unknown, error: unknown) {
  const id = fieldId(name);
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function TextInput({
  name,
  label,
  hint,
  state,
  defaultValue,
  type = "text",
  width,
  autoComplete,
  spellCheck,
  inputMode,
}: BaseProps & {
  // No "date": dates are typed into DateInput, never a browser picker that shows mm/dd/yyyy.
  type?: "text" | "email" | "password" | "number";
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  autoComplete?: string;
  spellCheck?: boolean;
  inputMode?: "numeric" | "text";
}) {
  const error = state?.errors?.[name];
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <input
        className={`govuk-input${width ? ` govuk-input--width-${width}` : ""}${error ? " govuk-input--error" : ""}`}
        id={fieldId(name)}
        name={name}
        type={type}
        defaultValue={type === "password" ? undefined : valueOf(state, name, defaultValue)}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        inputMode={inputMode}
      />
    </FieldShell>
  );
}

/**
 * One text field for a date, typed the way people write it (`27/3/2027`, `27 March 2027` or
 * `2027-03-27`; the schemas' `requiredDate`/`optionalDate` read it), never a browser picker that
 * shows mm/dd/yyyy. A stored date is shown as "27 March 2027". The hint always gives the example.
 */
export function DateInput(props: BaseProps) {
  const example = `For example, ${DATE_EXAMPLE}`;
  const hint = props.hint ? (
    <>
      {props.hint} {example}
    </>
  ) : (
    example
  );
  const shown = typeof props.defaultValue === "string" ? formatDateEntry(props.defaultValue) : props.defaultValue;
  return <TextInput {...props} defaultValue={shown} type="text" width={20} hint={hint} spellCheck={false} autoComplete="off" />;
}

export function TextArea({ name, label, hint, state, defaultValue, rows = 5 }: BaseProps & { rows?: number }) {
  const error = state?.errors?.[name];
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={fieldId(name)}
        name={name}
        rows={rows}
        defaultValue={valueOf(state, name, defaultValue)}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </FieldShell>
  );
}

export interface Option {
  value: string | number;
  label: string;
}

export function Select({
  name,
  label,
  hint,
  state,
  defaultValue,
  options,
  emptyLabel,
}: BaseProps & { options: Option[]; emptyLabel?: string }) {
  const error = state?.errors?.[name];
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <select
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={fieldId(name)}
        name={name}
        defaultValue={valueOf(state, name, defaultValue)}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/**
 * The first option of a radios or checkboxes group carries the group's field id, so the error
 * summary's link (#field-<name>) lands on an input that can take focus (GOV.UK pattern).
 */
const optionId = (id: string, i: number) => (i === 0 ? id : `${id}-${i}`);

/** A GOV.UK checkboxes group; the values submitted are the checked options' values under `name`. */
export function Checkboxes({
  name,
  legend,
  hint,
  state,
  options,
  defaultValues = [],
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  state?: FormState;
  options: Option[];
  defaultValues?: Array<string | number>;
}) {
  const error = state?.errors?.[name];
  const submitted = state?.values ? ([] as string[]).concat(state.values[name] ?? []) : null;
  const checked = new Set((submitted ?? defaultValues.map(String)).map(String));
  const id = fieldId(name);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(name, hint, error)} id={options.length ? `${id}-fieldset` : id}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {options.length === 0 ? <p className="govuk-body">None available.</p> : null}
          {options.map((o, i) => (
            <div className="govuk-checkboxes__item" key={o.value}>
              <input
                className="govuk-checkboxes__input"
                id={optionId(id, i)}
                name={name}
                type="checkbox"
                value={o.value}
                defaultChecked={checked.has(String(o.value))}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={optionId(id, i)}>
                {o.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function Radios({
  name,
  legend,
  hint,
  state,
  options,
  defaultValue,
  inline,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  state?: FormState;
  options: Array<Option & { hint?: string }>;
  defaultValue?: string | null;
  inline?: boolean;
}) {
  const error = state?.errors?.[name];
  const current = valueOf(state, name, defaultValue);
  const id = fieldId(name);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(name, hint, error)} id={options.length ? `${id}-fieldset` : id}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className={`govuk-radios govuk-radios--small${inline ? " govuk-radios--inline" : ""}`}>
          {options.map((o, i) => (
            <div className="govuk-radios__item" key={o.value}>
              <input
                className="govuk-radios__input"
                id={optionId(id, i)}
                name={name}
                type="radio"
                value={o.value}
                defaultChecked={current === String(o.value)}
                aria-describedby={o.hint ? `${id}-${i}-hint` : undefined}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={optionId(id, i)}>
                {o.label}
              </label>
              {o.hint ? (
                <div id={`${id}-${i}-hint`} className="govuk-hint govuk-radios__hint">
                  {o.hint}
                </div>
              ) : null}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function SubmitButton({ children, secondary, name, value }: { children: ReactNode; secondary?: boolean; name?: string; value?: string }) {
  return (
    <button
      type="submit"
      className={`govuk-button${secondary ? " govuk-button--secondary" : ""}`}
      data-module="govuk-button"
      name={name}
      value={value}
    >
      {children}
    </button>
  );
}
