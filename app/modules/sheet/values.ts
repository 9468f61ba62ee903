// Reading one cell as a date, a percentage, a status, a list of owners, dated progress notes.
// Pure: `today` is an argument. Each reader gives a value or a reason it cannot.
import { parseDeadline } from "~/modules/action/deadline";
import type { ActionStatus } from "#db/schema";
import type { Cell } from "./read";
import { cellText } from "./columns";

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = (reason: string): Read<never> => ({ ok: false, reason });

/** Excel's day 0 is 30 Dec 1899 (its 1900 leap-year bug included); serials 1-60 are never plan dates. */
export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) return null;
  const ms = Math.round(serial) * 86_400_000 + Date.UTC(1899, 11, 30);
  return new Date(ms).toISOString().slice(0, 10);
}

/** Text a spreadsheet shows, without the apostrophe Waymark's exports put before formula-like text. */
export function textOf(cell: Cell | undefined): string {
  const t = cellText(cell).replace(/\r\n?/g, "\n");
  return /^'[=+\-@\t\r]/.test(t) ? t.slice(1) : t;
}

/** A calendar date cell: a date cell, an Excel serial number, or text such as 29/09/08 or 5 Jan 09. */
export function readDate(cell: Cell | undefined, today: string): Read<string | null> {
  const v = cell?.value ?? null;
  if (v === null || (typeof v === "string" && !v.trim())) return ok(null);
  if (v instanceof Date) return ok(v.toISOString().slice(0, 10));
  if (typeof v === "number") {
    const iso = serialToIso(v);
    return iso ? ok(iso) : no(`${v} is not a date`);
  }
  const text = v.trim();
  if (/^\d{4,5}(\.\d+)?$/.test(text)) {
    const iso = serialToIso(Number(text));
    if (iso) return ok(iso);
  }
  const iso = parseDeadline(text, { today });
  return iso ? ok(iso) : no(`“${text}” is not a date Waymark can read (write it like 27/03/2026)`);
}

export function readPercent(cell: Cell | undefined): Read<number | null> {
  const v = cell?.value ?? null;
  if (v === null || v === "") return ok(null);
  let n: number;
  if (typeof v === "number") n = cell?.percent ? v * 100 : v;
  else if (typeof v === "string") {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(v);
    if (!m) return no(`“${v}” is not a percentage`);
    n = Number(m[1]);
  } else return no("a date is not a percentage");
  n = Math.round(n);
  return n >= 0 && n <= 100 ? ok(n) : no(`${n}% is not between 0 and 100`);
}

const STATUS_WORDS: Record<string, ActionStatus> = {
  "not started": "not_started",
  "not yet started": "not_started",
  open: "not_started",
  planned: "not_started",
  "in progress": "in_progress",
  underway: "in_progress",
  ongoing: "in_progress",
  started: "in_progress",
  blocked: "blocked",
  "on hold": "blocked",
  done: "done",
  complete: "done",
  completed: "done",
  delivered: "done",
  closed: "done",
  cancelled: "cancelled",
  canceled: "cancelled",
  superseded: "cancelled",
};

export function readStatus(cell: Cell | undefined): Read<ActionStatus | null> {
  const t = textOf(cell).toLowerCase().replace(/[_-]+/g, " ").replace(/\s+/g, " ").trim();
  if (!t) return ok(null);
  const status = STATUS_WORDS[t];
  return status ? ok(status) : no(`“${textOf(cell)}” is not a status (use Not started, In progress, Blocked, Done or Cancelled)`);
}

/** "Maurice Curtin & Brian Tomlinson", "KA/BF/MH", "MC, Project leads" → one name per owner. */
export function splitOwners(text: string): string[] {
  return text
    .split(/\s*(?:[,;&/+\n]|\band\b)\s*/i)
    .map((s) => s.trim().replace(/[.\s]+$/, ""))
    .filter(Boolean);
}

/** "R1, R2", "R1 and R3" → ["R1", "R2"], "R1", "R3". */
export function splitRefs(text: string): string[] {
  return text
    .split(/[\s,;&/]+/)
    .map((s) => s.trim())
    .filter((s) => s && !/^and$/i.test(s));
}

export interface NoteDraft {
  /** The date written at the start of the paragraph, or null. */
  date: string | null;
  body: string;
}

const NOTE_DATE =
  /^(\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{4}|\d{2}))\s*(?:[–—:-]\s*|\s+)(.*)$/i;

/**
 * A progress cell as notes: a paragraph beginning with a date ("12/03/09 – Analysis complete")
 * starts a dated note; paragraphs without one continue the note above; text before the first
 * dated paragraph is one undated note.
 */
export function splitProgress(text: string, today: string): NoteDraft[] {
  const notes: NoteDraft[] = [];
  for (const paragraph of text.split(/\n+/).map((p) => p.trim()).filter(Boolean)) {
    const m = NOTE_DATE.exec(paragraph);
    const date = m ? parseDeadline(m[1], { today }) : null;
    if (m && date && m[2].trim()) notes.push({ date, body: m[2].trim() });
    else if (notes.length) notes[notes.length - 1].body += `\n${paragraph}`;
    else notes.push({ date: null, body: paragraph });
  }
  return notes;
}

/** Whitespace-insensitive comparison of note bodies. */
export const sameText = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();
