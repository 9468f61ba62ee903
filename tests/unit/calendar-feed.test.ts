import ical from "node-ical";
import { describe, expect, it } from "vitest";
import { agendaForMonth, longDate, matchesQuery, readCalendarQuery, shiftMonth, type CalendarEvent } from "~/modules/calendar/events";
import { buildIcs, etagFor, feedCalendar } from "~/modules/calendar/ics";

const APP = "https://waymark.example.gov.uk";
const event = (v: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: "action-due-12",
  kind: "action_due",
  date: "2026-03-05",
  title: "2.13 Test the processes",
  href: "/projects/hw/actions/12",
  projectName: "Home-working pilot",
  workPackageId: 3,
  ownerKeys: ["p7"],
  flags: [],
  sequence: 0,
  lastModified: "2026-01-10T09:00:00.000Z",
  ...v,
});

const parse = (body: string) => Object.values(ical.sync.parseICS(body)).filter((c) => c?.type === "VEVENT") as ical.VEvent[];

describe("ICS feed content", () => {
  it("is the same bytes, with the same UIDs, across two builds of the same events", () => {
    const events = [event(), event({ uid: "milestone-3", kind: "milestone", title: "Go live", date: "2026-04-01" })];
    const a = buildIcs({ name: "Waymark: mine", events, appUrl: APP });
    const b = buildIcs({ name: "Waymark: mine", events: [...events].reverse(), appUrl: APP });
    expect(a).toBe(b);
    expect(etagFor(a)).toBe(etagFor(b));
    expect(parse(a).map((e) => e.uid).sort()).toEqual(["action-due-12@waymark.example.gov.uk", "milestone-3@waymark.example.gov.uk"]);
  });

  it("gives all-day events with a link and the flags in the description", () => {
    const body = buildIcs({ name: "x", events: [event({ flags: [{ kind: "overdue", tag: "Overdue 3 days", text: "Overdue by 3 days" }] })], appUrl: APP });
    expect(body).toContain("DTSTART;VALUE=DATE:20260305");
    expect(body).toContain("DTEND;VALUE=DATE:20260306");
    const [e] = parse(body);
    expect(e!.summary).toBe("Action due: 2.13 Test the processes [Overdue 3 days]");
    expect(e!.description).toContain("Flags: Overdue by 3 days");
    expect(body).toContain(`URL;VALUE=URI:${APP}/projects/hw/actions/12`);
  });

  it("bumps SEQUENCE and LAST-MODIFIED after a due date moves, keeping the UID", () => {
    const before = parse(buildIcs({ name: "x", events: [event()], appUrl: APP }))[0]!;
    const moved = event({ date: "2026-03-19", sequence: 1, lastModified: "2026-02-01T10:00:00.000Z" });
    const after = parse(buildIcs({ name: "x", events: [moved], appUrl: APP }))[0]!;
    expect(after.uid).toBe(before.uid);
    expect(Number(after.sequence)).toBeGreaterThan(Number(before.sequence));
    expect(after.lastmodified!.getTime()).toBeGreaterThan(before.lastmodified!.getTime());
  });
});

describe("ICS text", () => {
  it("is byte for byte what ical-generator writes itself, long lines and non-ASCII folded alike", () => {
    const long = "Ask benefit customers why they are slow to send information — “évaluation” 🙂 ".repeat(4);
    // Plain ASCII titles of every length around the 74-octet break, and one far longer.
    const ascii = Array.from({ length: 16 }, (_, i) => event({ uid: `a-${i}`, title: `Plan ${"x".repeat(50 + i)}` }));
    const events = [
      event({ title: long, flags: [{ kind: "blocked", tag: "Blocked", text: `Blocked by ${long}` }] }),
      event({ uid: "m-1", kind: "milestone", title: "Go; live, now" }),
      event({ uid: "a-long", title: "Send the letters to every customer ".repeat(12) }),
      ...ascii,
    ];
    const input = { name: "Waymark: ünïcode feed", events, appUrl: APP };
    expect(buildIcs(input)).toBe(feedCalendar(input).toString());
  });
});

describe("calendar query and agenda", () => {
  it("filters by kind, work package, owner and flagged; planned starts only when asked", () => {
    const start = event({ uid: "action-start-12", kind: "action_start" });
    const flagged = event({ uid: "action-due-13", flags: [{ kind: "overdue", tag: "", text: "" }], ownerKeys: ["t2"], workPackageId: 4 });
    const all = [event(), start, flagged];
    const q = (s: string) => readCalendarQuery(new URLSearchParams(s), "2026-03-10").query;
    expect(all.filter((e) => matchesQuery(e, q(""))).map((e) => e.uid)).toEqual(["action-due-12", "action-due-13"]);
    expect(all.filter((e) => matchesQuery(e, q("starts=1"))).length).toBe(3);
    expect(all.filter((e) => matchesQuery(e, q("flagged=1"))).map((e) => e.uid)).toEqual(["action-due-13"]);
    expect(all.filter((e) => matchesQuery(e, q("owner=t2"))).map((e) => e.uid)).toEqual(["action-due-13"]);
    expect(all.filter((e) => matchesQuery(e, q("workPackage=3"))).map((e) => e.uid)).toEqual(["action-due-12"]);
    expect(all.filter((e) => matchesQuery(e, q("kind=action_start"))).map((e) => e.uid)).toEqual(["action-start-12"]);
  });

  it("reads the month, reporting a malformed one", () => {
    expect(readCalendarQuery(new URLSearchParams(""), "2026-03-10").query.month).toBe("2026-03");
    expect(readCalendarQuery(new URLSearchParams("month=2026-13"), "2026-03-10")).toMatchObject({ query: { month: "2026-03" }, error: expect.stringContaining("2026-03") });
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
  });

  it("groups the month's events by day in British long dates", () => {
    const agenda = agendaForMonth([event({ date: "2026-03-31" }), event({ uid: "x", date: "2026-03-02" }), event({ uid: "y", date: "2026-04-01" })], "2026-03");
    expect(agenda.map((d) => d.date)).toEqual(["2026-03-02", "2026-03-31"]);
    expect(longDate("2026-03-02")).toBe("Monday 2 March 2026");
  });
});
