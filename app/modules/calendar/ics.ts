// ICS content for a calendar feed, with ical-generator. Pure: the same events give the same bytes
// (DTSTAMP is each event's LAST-MODIFIED, never "now"), so the ETag only changes when something
// in the feed does and polling clients get 304s. UIDs are stable per record and date kind;
// SEQUENCE counts the date's moves, so a moved date updates the client's event, not a duplicate.
import { createHash } from "node:crypto";
import ical, { ICalCalendarMethod } from "ical-generator";
import { addDays } from "~/utils/dates";
import { eventSummary, type CalendarEvent } from "./events";

export interface FeedInput {
  name: string;
  events: CalendarEvent[];
  /** "https://waymark.example.gov.uk": links in the events and the UID domain. */
  appUrl: string;
}

export function uidFor(event: Pick<CalendarEvent, "uid">, appUrl: string) {
  const host = new URL(appUrl).hostname || "waymark";
  return `${event.uid}@${host}`;
}

export function eventDescription(e: CalendarEvent) {
  const lines = [`${eventSummary(e)}`, `Project: ${e.projectName}`];
  if (e.flags.length) lines.push(`Flags: ${e.flags.map((f) => f.text).join("; ")}`);
  return lines.join("\n");
}

/** Any character that takes more than one octet in UTF-8 (surrogate pairs included). */
const MULTI_BYTE = /[\u0080-\uffff]/;

/** One line folded as ical-generator folds it: a break before the octet that would pass 74. */
function foldLine(line: string): string {
  if (!MULTI_BYTE.test(line)) {
    // One octet per character: the same breaks, every 74 characters, without counting.
    if (line.length <= 74) return line;
    let out = line.slice(0, 74);
    for (let i = 74; i < line.length; i += 74) out += `\r\n ${line.slice(i, i + 74)}`;
    return out;
  }
  let out = "";
  let bytes = 0;
  for (let i = 0; i < line.length; i++) {
    let ch = line.charAt(i);
    if (ch >= "\ud800" && ch <= "\udbff") ch += line.charAt(++i);
    const size = Buffer.byteLength(ch, "utf8");
    bytes += size;
    if (bytes > 74) {
      out += "\r\n ";
      bytes = size;
    }
    out += ch;
  }
  return out;
}

/** foldLines for text known to be ASCII: only lines longer than 74 characters are touched. */
function foldAscii(text: string): string {
  let out = "";
  let start = 0;
  for (;;) {
    const end = text.indexOf("\r\n", start);
    const line = end < 0 ? text.slice(start) : text.slice(start, end);
    out += line.length <= 74 ? line : foldLine(line);
    if (end < 0) return out;
    out += "\r\n";
    start = end + 2;
  }
}

/**
 * RFC 5545 line folding, byte for byte as ical-generator's own foldLines, but without its
 * per-character TextEncoder (which made a 1,000-event feed take ~1 s) and without counting
 * octets on lines that are plain ASCII, which nearly all are.
 */
export function foldLines(text: string): string {
  let out = "";
  let start = 0;
  for (;;) {
    const end = text.indexOf("\r\n", start);
    out += foldLine(end < 0 ? text.slice(start) : text.slice(start, end));
    if (end < 0) return out;
    out += "\r\n";
    start = end + 2;
  }
}

/** The feed as an ical-generator calendar. */
export function feedCalendar({ name, events, appUrl }: FeedInput) {
  const cal = ical({
    name,
    prodId: { company: "Waymark", product: "Calendar feed", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    timezone: "Europe/London",
    ttl: 60 * 60,
  });
  const base = appUrl.replace(/\/$/, "");
  const host = new URL(appUrl).hostname || "waymark";
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid < b.uid ? -1 : 1));
  for (const e of sorted) {
    const modified = new Date(e.lastModified);
    cal.createEvent({
      id: `${e.uid}@${host}`,
      start: e.date,
      end: addDays(e.date, 1),
      allDay: true,
      summary: `${eventSummary(e)}${e.flags.length ? ` [${e.flags.map((f) => f.tag).join(", ")}]` : ""}`,
      description: eventDescription(e),
      url: `${base}${e.href}`,
      sequence: e.sequence,
      lastModified: modified,
      stamp: modified,
    });
  }
  return cal;
}

export function buildIcs(input: FeedInput): string {
  const cal = feedCalendar(input);
  // ical-generator writes each event; the calendar's own toString would fold the whole text
  // slowly, so the events are folded here and put inside its (event-free) envelope.
  const body = cal
    .events()
    .map((e) => {
      const text = e.toString();
      // Nearly every event is plain ASCII: then each line folds at 74 characters, counted once.
      return MULTI_BYTE.test(text) ? foldLines(text) : foldAscii(text);
    })
    .join("");
  const envelope = cal.clear().toString();
  const end = envelope.lastIndexOf("END:VCALENDAR");
  return envelope.slice(0, end) + body + envelope.slice(end);
}

/** A strong ETag over the feed's bytes. */
export function etagFor(body: string) {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}
