// Demo progress reports: two published highlight reports for the home-working pilot (last month
// and the month before, so the second compares with the first), and a committee progress report
// for the programme in the shape of a scrutiny committee paper. Made through the report services
// (each in its own transaction), after the rest of the demo is loaded.
import { eq } from "drizzle-orm";
import { people, programmes, projects } from "#db/schema";
import { getDb } from "~/db.server";
import { viewerForPerson } from "~/modules/auth/access.server";
import { readEdits } from "~/modules/report/edits";
import { createIndexLink } from "~/modules/report/index-links.server";
import { createReportLink } from "~/modules/report/links.server";
import { defaultPeriod, previousPeriod } from "~/modules/report/period";
import { createReport, publishReport, updateDraft } from "~/modules/report/service.server";
import { setCycle } from "~/modules/report/cycle.server";
import { dateShifter, fmt } from "./dates";
import { HOME_WORKING_ANCHOR } from "./demo-home-working";
import { DEMO_USERS } from "./demo-users";

/** What happened in the home-working pilot, on the document's dates (demo-home-working.ts). */
const PILOT_EVENTS: Array<[string, string]> = [
  ["2005-05-13", "A baseline of office response times was established."],
  ["2005-05-31", "The IT proof of concept missed its date."],
  ["2005-06-10", "The proof of concept was signed off ten days late."],
  ["2005-06-17", "Volunteers' homes have been surveyed for signal and space."],
  ["2005-06-20", "The laptop order was held until the proof of concept was signed off."],
  ["2005-06-29", "The volunteers for the pilot are confirmed."],
  ["2005-06-30", "The supplier is short of 3G data cards, so the first home-worker was not operational by the milestone; the board has been told."],
  ["2005-07-15", "Laptops were delivered; the data cards are still on back order."],
];

export function seedDemoReports({ today }: { today: string }) {
  const db = getDb();
  const manager = db.select().from(people).where(eq(people.email, DEMO_USERS.manager.email)).get()!;
  const actor = { userId: null, personId: manager.id, label: `${manager.name} (demo seed)` };
  const viewer = viewerForPerson(manager.id);
  const project = db.select().from(projects).where(eq(projects.slug, "home-working-pilot")).get()!;
  const programme = db.select().from(programmes).where(eq(programmes.slug, "revs-bens")).get()!;
  const scope = { projectId: project.id };

  const last = defaultPeriod(today);
  const before = previousPeriod(last, "monthly");
  // The pilot's dates move by days with today, so which events fall in last month's report moves
  // too: each summary says what happened within its own period, dated as the demo shows it.
  const shift = dateShifter(HOME_WORKING_ANCHOR, today);
  const summaryFor = (period: { from: string; to: string }) => {
    const happened = PILOT_EVENTS.filter(([date]) => shift(date) >= period.from && shift(date) <= period.to).map(([, text]) => text);
    const outlook = `The pilot stage runs to ${fmt.dMonthYYYY(shift("2005-10-14"))}; measuring success follows it.`;
    return [happened.length ? happened.join(" ") : "Work continued on the pilot's stages; nothing reached a milestone.", outlook].join(" ");
  };
  const periods = [
    { period: before, summary: summaryFor(before), time: undefined },
    { period: last, summary: summaryFor(last), time: { status: "amber" as const, reason: "The board accepted the revised pilot end date at its last meeting, so the slip is within what was agreed." } },
  ];
  const published: number[] = [];
  for (const { period, summary, time } of periods) {
    const r = createReport({ actor, scope, kind: "highlight", title: `Home-working pilot: highlight report`, period });
    const edits = readEdits("{}");
    edits.narrative = { summary, lessons: "Order equipment as soon as the pilot group is agreed: lead times were longer than planned." };
    if (time) edits.overrides = { time };
    updateDraft({ actor, scope, reportId: r.id, revision: 1, title: r.title, period, edits });
    publishReport({ actor, scope, reportId: r.id, viewer, asOf: period.to < today ? period.to : today });
    published.push(r.id);
  }
  setCycle({ actor, projectId: project.id, frequency: "monthly", dueDay: 5, startDate: before.from });

  const pScope = { programmeId: programme.id };
  const committee = createReport({ actor, scope: pScope, kind: "committee", title: "Revenues and Benefits Transformation: progress report", period: last });
  const cEdits = readEdits("{}");
  cEdits.committee = {
    committee: "Performance Scrutiny Committee",
    meetingDate: today,
    agendaItem: "7",
    author: `${manager.name}, Programme Manager`,
    contact: "01799 510000",
    purpose: "information",
    summary: "This paper updates members on the three projects of the revenues and benefits programme: home-working, the response to the benefits inspection, and the shared service with a neighbouring council.",
    recommendations: "That the Committee notes the progress of the programme and comments on it.",
    backgroundPapers: "Home-working pilot: project initiation document\nBenefits inspection report and action plan\nShared revenues and benefits service: feasibility report",
    situation:
      `The home-working pilot has confirmed its volunteers and is waiting for their equipment; measuring productivity against the baseline starts when the pilot stage ends on ${fmt.dMonthYYYY(shift("2005-10-14"))}.\n` +
      "The inspection action plan is on track for most recommendations; the actions that are behind are listed in the progress table.\nThe partnership project has reported its feasibility study to both councils and is planning the move of the audit and fraud team.",
    impact: { communication: "See paragraph 2.", finance: "See the partnership business case.", workforce: "Staff in the pilot are consulted through the trade union representatives." },
  };
  updateDraft({ actor, scope: pScope, reportId: committee.id, revision: 1, title: committee.title, period: last, edits: cEdits });
  publishReport({ actor, scope: pScope, reportId: committee.id, viewer: viewerForPerson(manager.id), asOf: today });
  const link = createReportLink({ actor, scope: pScope, reportId: committee.id });
  // The scrutiny committee's one link to all the programme's published reports (decision 0022).
  const index = createIndexLink({ actor, programmeId: programme.id });
  return { highlightReportIds: published, committeeReportId: committee.id, committeeToken: link.token, indexToken: index.token };
}
