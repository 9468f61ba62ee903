// The timeline's query string, read with zod: the page's GET form, the downloads and the CLI
// all pass through here. Dates that are not real dates are errors (the page answers 400 with the
// message and keeps what was typed); unknown choices are ignored, as in the action plan's filter.
import { z } from "zod";
import { DATE_EXAMPLE, parseDateEntry } from "~/utils/dates";
import { ZOOMS, type Zoom } from "./layout";

export interface TimelineQuery {
  asOf: string;
  /** Today when `asOf` was empty or wrong. */
  isToday: boolean;
  zoom: Zoom | null;
  from: string | null;
  to: string | null;
  wp: number | null;
  owner: string;
  flag: string;
  baseline: boolean;
  critical: boolean;
  view: "chart" | "table";
  page: number | null;
  paper: "a3" | "a4";
}

export type TimelineQueryErrors = Partial<Record<"asOf" | "from" | "to", string>>;

// Typed the way people write dates (`27/3/2027`, `27 March 2027`, ISO); links carry the ISO date.
const date = (label: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return v;
      const parsed = parseDateEntry(v);
      if (parsed.ok) return parsed.date;
      const year = parsed.problem === "year" ? " with all 4 numbers of the year" : "";
      ctx.addIssue({ code: "custom", message: `${label} must be a real date${year}, for example ${DATE_EXAMPLE}` });
      return v;
    });
const choice = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .optional()
    .transform((v) => (values as readonly string[]).includes(v ?? "") ? (v as T) : null);
const flag = z
  .string()
  .optional()
  .transform((v) => (v === "1" || v === "on" || v === "true" ? true : false));

const schema = z.object({
  asOf: date("The view date").default(""),
  from: date("The window’s start").default(""),
  to: date("The window’s end").default(""),
  zoom: choice(ZOOMS),
  wp: z
    .string()
    .optional()
    .transform((v) => (v && /^\d+$/.test(v) ? Number(v) : null)),
  owner: z
    .string()
    .optional()
    .transform((v) => (v && /^[pt]\d+$/.test(v) ? v : "")),
  flag: z
    .string()
    .optional()
    .transform((v) => (v && /^[a-z_]+$/.test(v) ? v : "")),
  baseline: flag,
  critical: flag,
  view: choice(["chart", "table"] as const),
  page: z
    .string()
    .optional()
    .transform((v) => (v && /^\d{1,5}$/.test(v) && Number(v) > 0 ? Number(v) : null)),
  paper: choice(["a3", "a4"] as const),
});

export interface ReadQuery {
  query: TimelineQuery;
  errors: TimelineQueryErrors | null;
  /** What was typed in the date fields, to put back in the form. */
  values: { asOf: string; from: string; to: string };
}

export function readTimelineQuery(params: URLSearchParams, today: string): ReadQuery {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => typeof v === "string"));
  const values = { asOf: (raw.asOf ?? "").trim(), from: (raw.from ?? "").trim(), to: (raw.to ?? "").trim() };
  const errors: TimelineQueryErrors = {};
  // Each date on its own, so one bad date does not throw away the others.
  const dates = { asOf: "", from: "", to: "" };
  for (const key of ["asOf", "from", "to"] as const) {
    const parsed = schema.shape[key].safeParse(raw[key] ?? "");
    if (parsed.success) dates[key] = parsed.data;
    else errors[key] = parsed.error.issues[0]?.message ?? "Enter a real date";
  }
  if (dates.from && dates.to && dates.from > dates.to) errors.to = "The window’s end must be on or after its start";
  const rest = schema.omit({ asOf: true, from: true, to: true }).parse(raw);
  const bad = Object.keys(errors).length > 0;
  return {
    query: {
      asOf: dates.asOf || today,
      isToday: !dates.asOf || dates.asOf === today,
      zoom: rest.zoom,
      from: errors.to ? null : dates.from || null,
      to: errors.to ? null : dates.to || null,
      wp: rest.wp,
      owner: rest.owner,
      flag: rest.flag,
      baseline: rest.baseline,
      critical: rest.critical,
      view: rest.view ?? "chart",
      page: rest.page,
      paper: rest.paper ?? "a3",
    },
    errors: bad ? errors : null,
    values,
  };
}

/** The query string for a download or a view link with the same choices. */
export function timelineSearch(q: TimelineQuery, change: Partial<Record<string, string | null>> = {}) {
  const p = new URLSearchParams();
  if (!q.isToday) p.set("asOf", q.asOf);
  if (q.zoom) p.set("zoom", q.zoom);
  if (q.from) p.set("from", q.from);
  if (q.to) p.set("to", q.to);
  if (q.wp) p.set("wp", String(q.wp));
  if (q.owner) p.set("owner", q.owner);
  if (q.flag) p.set("flag", q.flag);
  if (q.baseline) p.set("baseline", "1");
  if (q.critical) p.set("critical", "1");
  for (const [k, v] of Object.entries(change)) {
    if (v) p.set(k, v);
    else p.delete(k);
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}
