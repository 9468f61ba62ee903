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

export function buildIcs({ name, events, appUrl }: FeedInput): string {
  const cal = ical({
    name,
    prodId: { company: "Waymark", product: "Calendar feed", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    timezone: "Europe/London",
    ttl: 60 * 60,
  });
  const base = appUrl.replace(/\/$/, "");
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid < b.uid ? -1 : 1));
  for (const e of sorted) {
    const modified = new Date(e.lastModified);
    cal.createEvent({
      id: uidFor(e, appUrl),
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
  return cal.toString();
}

/** A strong ETag over the feed's bytes. */
export function etagFor(body: string) {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}
