import { eq } from "drizzle-orm";
import * as schema from "#db/schema";
import { getDb, write } from "~/db.server";
import { readEdits } from "~/modules/report/edits";
import { createReport } from "~/modules/report/service.server";
import * as planRoute from "~/routes/projects.$slug.actions._index";
import * as milestonesRoute from "~/routes/projects.$slug.milestones._index";
import * as myActionsRoute from "~/routes/my-actions";
import * as flaggedRoute from "~/routes/programmes.$slug.flagged";
import * as timelineRoute from "~/routes/projects.$slug.timeline";
import * as committeeEdit from "~/routes/programmes.$slug.reports.$reportId.edit";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

// "View as of" and the timeline's dates are typed the way the forms' dates are (27/3/2027,
// 27 March 2027, ISO), never through a picker; a date that is not one is a 400 with the message
// and what was typed kept, never a 500.

function world() {
  return write((tx) => {
    const programme = f.createProgramme(tx, { slug: "revs" });
    const pilot = f.createProject(tx, { programmeId: programme.id, slug: "pilot", name: "Pilot" });
    const ben = f.createUser(tx, { name: "Ben Turner" });
    const admin = f.createUser(tx, { name: "Ada Admin", isAdmin: true });
    f.addRole(tx, pilot.id, ben.person.id, "manager");
    f.createMilestone(tx, pilot.id, { name: "Go live", targetDate: "2026-03-15" });
    for (let i = 1; i <= 105; i++) f.createAction(tx, pilot.id, { ref: String(i), title: `Action ${i}`, dueDate: "2026-03-10", ownerPersonIds: [ben.person.id] });
    return { programme, pilot, ben, admin };
  });
}

type AsOf = { asOf: string; isToday: boolean; error: string | null; raw: string };

async function load(fn: Parameters<typeof call>[0], userId: number, path: string, params: Record<string, string> = {}) {
  const res = await call(fn, await requestAs(userId, path), params);
  return { status: res.status, data: (await res.json()) as { asOf: AsOf } & Record<string, unknown> };
}

describe("view-as-of dates", () => {
  it("the action plan reads 1/3/2026, 1 March 2026 and ISO as the same day, and paging links keep what was typed", async () => {
    const w = world();
    for (const typed of ["1/3/2026", "1 March 2026", "1st Mar 2026", "2026-03-01"]) {
      const { status, data } = await load(planRoute.loader, w.ben.user.id, `/projects/pilot/actions?asOf=${encodeURIComponent(typed)}`, { slug: "pilot" });
      expect(status).toBe(200);
      expect(data.asOf).toEqual({ asOf: "2026-03-01", isToday: false, error: null, raw: typed });
      // Due 10 March: due soon on 1 March, not overdue.
      const rows = (data as unknown as { plan: { groups: Array<{ sections: Array<{ rows: Array<{ flags: Array<{ kind: string }> }> }> }> } }).plan.groups[0].sections[0].rows;
      expect(rows[0].flags.map((x) => x.kind)).toEqual(["due_soon"]);
    }
    // Page 2 is reached with the typed date in the query string, and reads the same day.
    const page2 = await load(planRoute.loader, w.ben.user.id, `/projects/pilot/actions?asOf=${encodeURIComponent("1/3/2026")}&page=2`, { slug: "pilot" });
    expect(page2.status).toBe(200);
    expect(page2.data.asOf.asOf).toBe("2026-03-01");
    expect((page2.data as unknown as { plan: { paging: { page: number } } }).plan.paging.page).toBe(2);
  });

  it("a date that is not one is a 400 on every page that has the field, with the GOV.UK message and the typed text kept", async () => {
    const w = world();
    const cases = [
      [planRoute.loader, "/projects/pilot/actions", { slug: "pilot" }],
      [milestonesRoute.loader, "/projects/pilot/milestones", { slug: "pilot" }],
      [myActionsRoute.loader, "/my-actions", {}],
      [flaggedRoute.loader, "/programmes/revs/flagged", { slug: "revs" }],
    ] as const;
    for (const [loader, path, params] of cases) {
      for (const [typed, message] of [
        ["31/4/2026", "The view date must be a real date, for example 27 3 2027"],
        ["1/3/26", "The view date must be a real date with all 4 numbers of the year, for example 27 3 2027"],
        ["03/31/2026", "The view date must be a real date, for example 27 3 2027"],
      ]) {
        const { status, data } = await load(loader, w.ben.user.id, `${path}?asOf=${encodeURIComponent(typed)}`, params);
        expect({ path, status }).toEqual({ path, status: 400 });
        expect(data.asOf).toMatchObject({ error: message, raw: typed, isToday: true });
      }
    }
  });

  it("the milestone page's flags follow a typed date", async () => {
    const w = world();
    const before = await load(milestonesRoute.loader, w.ben.user.id, "/projects/pilot/milestones?asOf=14+March+2026", { slug: "pilot" });
    const after = await load(milestonesRoute.loader, w.ben.user.id, "/projects/pilot/milestones?asOf=16/03/2026", { slug: "pilot" });
    const kinds = (d: Record<string, unknown>) => (d.milestones as Array<{ flags: Array<{ kind: string }> }>)[0].flags.map((x) => x.kind);
    expect(kinds(before.data)).not.toContain("missed");
    expect(kinds(after.data)).toContain("missed");
  });

  it("the timeline's from, to and flags-as-of take typed dates and links carry them as ISO", async () => {
    const w = world();
    const res = await call(timelineRoute.loader, await requestAs(w.ben.user.id, `/projects/pilot/timeline?asOf=${encodeURIComponent("1 March 2026")}&from=1/2/2026&to=30/4/2026`), { slug: "pilot" });
    expect(res.status).toBe(200);
    const { page: data } = (await res.json()) as { page: { query: { asOf: string; from: string; to: string }; values: Record<string, string> } };
    expect(data.query).toMatchObject({ asOf: "2026-03-01", from: "2026-02-01", to: "2026-04-30" });
    expect(data.values).toEqual({ asOf: "1 March 2026", from: "1/2/2026", to: "30/4/2026" });
  });

  it("a committee report's meeting date is typed as people write it, stored ISO, and refused when not a date", async () => {
    const w = world();
    const actor = { userId: w.admin.user.id, personId: w.admin.person.id, label: "Ada Admin" };
    const report = createReport({ actor, scope: { programmeId: w.programme.id }, kind: "committee", title: "Committee report", period: { from: "2026-01-01", to: "2026-03-31" } });
    const path = `/programmes/revs/reports/${report.id}/edit`;
    const params = { slug: "revs", reportId: String(report.id) };
    const form = { revision: "1", title: "Committee report", from: "1/1/2026", to: "31/3/2026", committee: "Scrutiny", meetingDate: "31/4/2026" };
    const refused = await call(committeeEdit.action as never, await requestAs(w.admin.user.id, path, { form }), params);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.meetingDate).toBe("The meeting date must be a real date, for example 27 3 2027");
    expect(body.values.meetingDate).toBe("31/4/2026");

    const ok = await call(committeeEdit.action as never, await requestAs(w.admin.user.id, path, { form: { ...form, meetingDate: "4 March 2027" } }), params);
    expect(ok.status).toBe(302);
    const stored = readEdits(getDb().select().from(schema.reports).where(eq(schema.reports.id, report.id)).get()!.edits);
    expect(stored.committee?.meetingDate).toBe("2027-03-04");
  });
});
