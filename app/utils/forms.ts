import { z } from "zod";
import { UserInputError } from "./errors";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

/** What an action returns when input is refused: the messages and everything the user typed. */
export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  values: FormValues;
}

export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("_")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 || key.endsWith("[]") ? all : (all[0] ?? "");
  }
  return values;
}

/** Parses a form with one zod schema; on failure gives the first message per field, keyed by field name. */
export function parseForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
): { ok: true; data: z.infer<S>; values: FormValues } | FormFailure {
  const values = formValues(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values };
}

export function failure(errors: FieldErrors, values: FormValues): FormFailure {
  return { ok: false, errors, values };
}

/** Runs a service call, turning a UserInputError into a form failure with the user's input kept. */
export function attempt<T>(values: FormValues, fn: () => T): { ok: true; result: T } | FormFailure {
  try {
    return { ok: true, result: fn() };
  } catch (error) {
    if (error instanceof UserInputError) return failure(error.fieldErrors, values);
    throw error;
  }
}

// ---- reusable field schemas, with messages written for the person filling in the form

export { isIsoDate as isRealDate } from "./dates";
import { DATE_EXAMPLE, parseDateEntry } from "./dates";

export const text = (label: string, max = 200) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`);

export const optionalText = (label: string, max = 5000) =>
  z
    .string()
    .trim()
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
    .optional()
    .default("");


function dateMessage(label: string, problem: "year" | "date") {
  return problem === "year"
    ? `${capitalise(label)} must be a real date with all 4 numbers of the year, for example ${DATE_EXAMPLE}`
    : `${capitalise(label)} must be a real date, for example ${DATE_EXAMPLE}`;
}

/**
 * Typed text to an ISO date (see `parseDateEntry`), with a message naming the field when it is
 * not one. The issue lets parsing continue, so the form's other rules still report their fields.
 */
const dateText = (label: string) =>
  z.string().transform((v, ctx) => {
    const parsed = parseDateEntry(v);
    if (parsed.ok) return parsed.date;
    ctx.addIssue({ code: "custom", message: dateMessage(label, parsed.problem), continue: true });
    return v;
  });

export const requiredDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .pipe(dateText(label));

export const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(dateText(label).nullable());

export const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .refine((v) => v === null || (Number.isInteger(v) && v > 0), "Choose an option from the list");

export const optionalInt = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine(
      (v) => v === null || (Number.isInteger(v) && v >= min && v <= max),
      `${capitalise(label)} must be a whole number from ${min} to ${max}`,
    );

export const slug = z
  .string({ error: "Enter a short name for the web address" })
  .trim()
  .toLowerCase()
  .min(2, "The short name must be at least 2 characters")
  .max(60, "The short name must be 60 characters or fewer")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "The short name can only contain letters, numbers and single hyphens");

export function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function slugify(s: string) {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}
