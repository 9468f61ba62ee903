import { write } from "~/db.server";
import * as planRoute from "~/routes/projects.$slug.actions._index";
import * as myActionsRoute from "~/routes/my-actions";
import * as flaggedRoute from "~/routes/programmes.$slug.flagged";
import * as overviewRoute from "~/routes/projects.$slug._index";
import { loadActionPlan } from "~/modules/action/views.server";
import { readPlanQuery } from "~/modules/action/plan-view";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";
import { systemViewer } from "~/modules/auth/access.server";

const AS_OF = "2026-03-20";

function world() {
  return write((tx) => {
    const programme = f.createProgramme(tx, { slug: "revs" });
    const pilot = f.createProject(tx, { programmeId: programme.id, slug: "pilot", name: "Pilot" });
    const bens = f.createProject(tx, { programmeId: programme.id, slug: "bens", name: "Benefits" });
    const hidden = f.createProject(tx, { programmeId: programme.id, slug: "hidden", name: "Hidden" });
    const ben = f.createUser(tx, { name: "Ben Turner" });
    const priya = f.createUser(tx, { name: "Priya Shah" });
    const olly = f.createPerson(tx, { name: "Olly Other" });
    f.addRole(tx, pilot.id, ben.person.id, "contributor");
    f.addRole(tx, bens.id, ben.person.id, "contributor");
    f.addRole(tx, pilot.id, priya.person.id, "manager");
    const team = f.createTeam(tx, { name: "CSIP project team" }, [ben.person.id]);
    const wp1 = f.createWorkPackage(tx, pilot.id, { ref: "WP1", name: "Customer insight" });
    f.createWorkPackage(tx, pilot.id, { ref: "WP2", name: "Empty package" });
    const stage = f.createStage(tx, wp1.id, { name: "Pilot stage" });
    const r1 = f.createRecommendation(tx, pilot.id, { ref: "R1" });
    // Overdue by 10 days on AS_OF; due soon (in 9 days) on 2026-03-01.
    const overdue = f.createAction(tx, pilot.id, {
      ref: "2",
      title: "Survey customers",
      workPackageId: wp1.id,
      dueDate: "2026-03-10",
      deadlineText: "end of Mar 26",
      ownerPersonIds: [ben.person.id],
      recommendationIds: [r1.id],
    });
    f.addProgressNote(tx, overdue.id, { noteDate: "2026-03-05", body: "Survey drafted" });
    f.addProgressNote(tx, overdue.id, { noteDate: "2026-03-25", body: "A note after the as-of date" });
    const blocked = f.createAction(tx, pilot.id, {
      ref: "10",
      title: "Redesign the claim form",
      workPackageId: wp1.id,
      stageId: stage.id,
      status: "blocked",
      blockedReason: "Waiting for legal advice",
      dueDate: "2026-12-01",
      ownerTeamIds: [team.id],
    });
    const others = f.createAction(tx, pilot.id, { ref: "3", title: "Olly's action", dueDate: "2026-12-01", ownerPersonIds: [olly.id] });
    const done = f.createAction(tx, bens.id, { ref: "1", title: "Finished work", status: "done", ownerPersonIds: [ben.person.id] });
    const bensOverdue = f.createAction(tx, bens.id, {
      ref: "5",
      title: "Benefits overdue",
      dueDate: "2026-03-01",
      ownerPersonIds: [ben.person.id],
    });
    const hiddenAction = f.createAction(tx, hidden.id, {
      ref: "7",
      title: "Secret overdue",
      dueDate: "2026-03-01",
      ownerPersonIds: [ben.person.id],
    });
    return {
      programme,
      pilot,
      bens,
      hidden,
      ben,
      priya,
      olly,
      team,
      wp1,
      stage,
      r1,
      overdue,
      blocked,
      others,
      done,
      bensOverdue,
      hiddenAction,
    };
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function plan(userId: number, query = ""): Promise<any> {
  const res = await call(planRoute.loader, await requestAs(userId, `/projects/pilot/actions?asOf=${AS_OF}${query}`), { slug: "pilot" });
  expect(res.status).toBe(200);
  return res.json();
}
const refsOf = (data: { plan: { groups: Array<{ sections: Array<{ rows: Array<{ ref: string }> }> }> } }) =>
  data.plan.groups.flatMap((g) => g.sections.flatMap((s) => s.rows.map((r) => r.ref)));

describe("the action plan", () => {
  it("groups by work package and stage, with other actions last, and shows owners, notes and flags as of the date", async () => {
    const w = world();
    const data = await plan(w.ben.user.id);
    expect(data.plan.totalCount).toBe(3);
    expect(data.plan.groups.map((g: { key: string }) => g.key)).toEqual([`wp${w.wp1.id}`, "other"]);
    const [wp1, other] = data.plan.groups;
    expect(wp1.sections.map((s: { stage: { name: string } | null }) => s.stage?.name ?? null)).toEqual([null, "Pilot stage"]);
    expect(wp1.sections[0].rows.map((r: { ref: string }) => r.ref)).toEqual(["2"]);
    expect(wp1.sections[1].rows.map((r: { ref: string }) => r.ref)).toEqual(["10"]);
    expect(other.sections[0].rows.map((r: { ref: string }) => r.ref)).toEqual(["3"]);
    const row = wp1.sections[0].rows[0];
    expect(row.owners).toEqual([{ key: `p${w.ben.person.id}`, kind: "person", short: "BT", name: "Ben Turner" }]);
    expect(row.recommendationRefs).toEqual(["R1"]);
    expect(row.latestNote).toEqual({ date: "2026-03-05", text: "Survey drafted" });
    expect(row.flags).toEqual([{ kind: "overdue", tag: "Overdue 10 days", text: "Overdue by 10 days" }]);
    const blockedRow = wp1.sections[1].rows[0];
    expect(blockedRow.owners[0]).toMatchObject({ kind: "team", name: "CSIP project team" });
    expect(blockedRow.flags.map((x: { kind: string }) => x.kind)).toContain("blocked");
    expect(blockedRow.flags.find((x: { kind: string }) => x.kind === "blocked").text).toBe("Blocked: Waiting for legal advice");
  });

  it("filters by flag, owner, status, recommendation and work package from the query string", async () => {
    const w = world();
    expect(refsOf(await plan(w.priya.user.id, "&flag=blocked"))).toEqual(["10"]);
    expect(refsOf(await plan(w.priya.user.id, "&flag=overdue"))).toEqual(["2"]);
    expect(refsOf(await plan(w.priya.user.id, `&owner=p${w.olly.id}`))).toEqual(["3"]);
    expect(refsOf(await plan(w.priya.user.id, `&owner=t${w.team.id}`))).toEqual(["10"]);
    expect(refsOf(await plan(w.priya.user.id, "&status=blocked"))).toEqual(["10"]);
    expect(refsOf(await plan(w.priya.user.id, `&recommendation=${w.r1.id}`))).toEqual(["2"]);
    expect(refsOf(await plan(w.priya.user.id, "&workPackage=none"))).toEqual(["3"]);
    const data = await plan(w.priya.user.id, "&flag=any");
    expect(data.plan).toMatchObject({ shownCount: 2, totalCount: 3 });
    // Nonsense values are ignored rather than failing the page.
    expect(refsOf(await plan(w.priya.user.id, "&flag=bogus&owner=x"))).toHaveLength(3);
  });

  it("sorts references naturally and by due date in either direction", () => {
    const w = world();
    write((tx) => f.createAction(tx, w.pilot.id, { ref: "15b", workPackageId: w.wp1.id, dueDate: "2026-01-01" }));
    write((tx) => f.createAction(tx, w.pilot.id, { ref: "15a", workPackageId: w.wp1.id }));
    const rows = (q: string) =>
      loadActionPlan({ viewer: systemViewer(), projectId: w.pilot.id, asOf: AS_OF, query: readPlanQuery(new URLSearchParams(q)) }).groups[0]!.sections[0]!.rows.map(
        (r) => r.ref
      );
    expect(rows("sort=ref")).toEqual(["2", "15a", "15b"]);
    expect(rows("sort=ref&dir=desc")).toEqual(["15b", "15a", "2"]);
    expect(rows("sort=due")).toEqual(["15b", "2", "15a"]);
    expect(rows("sort=due&dir=desc")).toEqual(["2", "15b", "15a"]);
  });

  it("shows different flags as of a different date, and refuses a date that is not one", async () => {
    const w = world();
    const res = await call(planRoute.loader, await requestAs(w.ben.user.id, "/projects/pilot/actions?asOf=2026-03-01&flag=due_soon"), {
      slug: "pilot",
    });
    const data = await res.json();
    expect(refsOf(data)).toEqual(["2"]);
    expect(data.plan.groups[0].sections[0].rows[0].flags[0]).toMatchObject({ kind: "due_soon", tag: "Due in 9 days" });
    expect(data.asOf).toMatchObject({ asOf: "2026-03-01", isToday: false });

    const bad = await (
      await call(planRoute.loader, await requestAs(w.ben.user.id, "/projects/pilot/actions?asOf=2026-02-30"), { slug: "pilot" })
    ).json();
    expect(bad.asOf.error).toMatch(/real date/);
    expect(bad.asOf.raw).toBe("2026-02-30");
  });

  it("is not found for someone who cannot see the project", async () => {
    const w = world();
    const res = await call(planRoute.loader, await requestAs(w.priya.user.id, "/projects/hidden/actions"), { slug: "hidden" });
    expect(res.status).toBe(404);
  });
});

describe("my actions", () => {
  it("lists open actions owned by name or through a team, in visible projects only, flagged first", async () => {
    const w = world();
    const res = await call(myActionsRoute.loader, await requestAs(w.ben.user.id, `/my-actions?asOf=${AS_OF}`));
    const data = await res.json();
    const refs = data.rows.map((r: { project: { slug: string }; ref: string }) => `${r.project.slug}:${r.ref}`);
    expect(refs.sort()).toEqual(["bens:5", "pilot:10", "pilot:2"]);
    expect(refs).not.toContain("hidden:7"); // owned, but in a project Ben cannot see
    expect(refs).not.toContain("pilot:3"); // Olly's
    expect(refs).not.toContain("bens:1"); // done
    const teamRow = data.rows.find((r: { ref: string }) => r.ref === "10");
    expect(teamRow.viaTeams).toEqual(["CSIP project team"]);
    for (const r of data.rows) expect(r.flags.length).toBeGreaterThan(0);
  });

  it("puts flagged actions before unflagged ones and changes with the as-of date", async () => {
    const w = world();
    write((tx) =>
      f.createAction(tx, w.pilot.id, { ref: "99", title: "Calm one", dueDate: "2027-06-01", ownerPersonIds: [w.ben.person.id] })
    );
    const early = await (await call(myActionsRoute.loader, await requestAs(w.ben.user.id, "/my-actions?asOf=2026-01-01"))).json();
    const flagsByRef = Object.fromEntries(
      early.rows.map((r: { ref: string; flags: Array<{ kind: string }> }) => [r.ref, r.flags.map((x) => x.kind)])
    );
    expect(flagsByRef["2"]).toEqual([]); // not yet due soon on 1 January
    expect(flagsByRef["10"]).toEqual(["blocked"]);
    expect(early.rows.at(-1).flags).toEqual([]);
    const firstUnflagged = early.rows.findIndex((r: { flags: unknown[] }) => r.flags.length === 0);
    expect(early.rows.slice(firstUnflagged).every((r: { flags: unknown[] }) => r.flags.length === 0)).toBe(true);
  });
});

describe("my actions: in work packages you lead", () => {
  it("lists open actions of work packages the person leads, not already theirs, in visible projects, flagged first", async () => {
    const w = world();
    write((tx) => {
      const led = f.createWorkPackage(tx, w.pilot.id, { ref: "WP9", name: "Led by Ben", leadPersonId: w.ben.person.id });
      const wp = { workPackageId: led.id };
      f.createAction(tx, w.pilot.id, { ...wp, ref: "20", title: "Ben's own", dueDate: "2027-01-01", ownerPersonIds: [w.ben.person.id] });
      f.createAction(tx, w.pilot.id, { ...wp, ref: "21", title: "His team's", dueDate: "2027-01-01", ownerTeamIds: [w.team.id] });
      f.createAction(tx, w.pilot.id, { ...wp, ref: "22", title: "Olly calm", dueDate: "2027-01-01", ownerPersonIds: [w.olly.id] });
      f.createAction(tx, w.pilot.id, { ...wp, ref: "23", title: "Olly late", dueDate: "2026-03-01", ownerPersonIds: [w.olly.id] });
      f.createAction(tx, w.pilot.id, { ...wp, ref: "24", title: "Olly done", status: "done", ownerPersonIds: [w.olly.id] });
      f.createAction(tx, w.pilot.id, { ...wp, ref: "25", title: "Nobody's", status: "blocked", blockedReason: "Waiting" });
      const hiddenWp = f.createWorkPackage(tx, w.hidden.id, { leadPersonId: w.ben.person.id });
      f.createAction(tx, w.hidden.id, { workPackageId: hiddenWp.id, ref: "26", title: "Hidden led", ownerPersonIds: [w.olly.id] });
      const othersWp = f.createWorkPackage(tx, w.pilot.id, { leadPersonId: w.priya.person.id });
      f.createAction(tx, w.pilot.id, { workPackageId: othersWp.id, ref: "27", title: "Priya's package", ownerPersonIds: [w.olly.id] });
    });
    const res = await call(myActionsRoute.loader, await requestAs(w.ben.user.id, `/my-actions?asOf=${AS_OF}`));
    const data = await res.json();
    const refs = (rows: Array<{ ref: string }>) => rows.map((r) => r.ref);
    // Owned ones stay in the first section only: no duplicates.
    expect(refs(data.rows).sort()).toEqual(["10", "2", "20", "21", "5"]);
    // Flagged first (overdue, blocked), then the calm one; done, hidden and others' packages left out.
    expect(refs(data.ledRows).slice(0, 2).sort()).toEqual(["23", "25"]);
    expect(refs(data.ledRows)).toHaveLength(3);
    expect(refs(data.ledRows).at(-1)).toBe("22");
    const byRef = Object.fromEntries(
      data.ledRows.map((r: { ref: string; flags: Array<{ kind: string }> }) => [r.ref, r.flags.map((x) => x.kind)])
    );
    expect(byRef["23"]).toEqual(["overdue"]);
    expect(byRef["25"]).toEqual(["blocked", "unowned"]);
    expect(byRef["22"]).toEqual([]);
    expect(data.ledRows[0].project).toMatchObject({ slug: "pilot", name: "Pilot" });
    // Priya leads another package; a reader who leads nothing gets an empty second section.
    const priya = await (await call(myActionsRoute.loader, await requestAs(w.priya.user.id, `/my-actions?asOf=${AS_OF}`))).json();
    expect(refs(priya.ledRows)).toEqual(["27"]);
    const rita = write((tx) => f.createUser(tx, { name: "Rita Reader" }));
    write((tx) => f.addRole(tx, w.pilot.id, rita.person.id, "reader"));
    const none = await (await call(myActionsRoute.loader, await requestAs(rita.user.id, `/my-actions?asOf=${AS_OF}`))).json();
    expect(none.ledRows).toEqual([]);
  });
});

describe("the programme's flagged list", () => {
  it("lists each flagged action and milestone of visible projects once, with all its flags, and filters by flag", async () => {
    const w = world();
    write((tx) => f.createMilestone(tx, w.pilot.id, { name: "Go live", targetDate: "2026-03-15" }));
    const res = await call(flaggedRoute.loader, await requestAs(w.ben.user.id, `/programmes/revs/flagged?asOf=${AS_OF}`), { slug: "revs" });
    const data = await res.json();
    type Item = { ref: string | null; label: string; kind: string; flags: Array<{ kind: string }> };
    const items: Item[] = data.flagged.items;
    const carrying = (kind: string) => items.filter((i) => i.flags.some((x) => x.kind === kind));
    expect(carrying("overdue").map((i) => i.ref).sort()).toEqual(["2", "5"]);
    expect(carrying("blocked").map((i) => i.ref)).toEqual(["10"]);
    expect(carrying("missed").map((i) => i.label)).toEqual(["Go live"]);
    // Listed once each, however many flags: the counts add up flags, the list items.
    const keys = items.map((i) => `${i.kind}${i.ref ?? i.label}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(data.flagged.flaggedCount).toBe(items.length);
    expect(data.flagged.counts.overdue).toBe(2);
    const flagTotal = items.reduce((n, i) => n + i.flags.length, 0);
    expect(Object.values(data.flagged.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(flagTotal);
    expect(items.map((i) => i.label)).not.toContain("Secret overdue");

    const only = await (await call(flaggedRoute.loader, await requestAs(w.ben.user.id, `/programmes/revs/flagged?asOf=${AS_OF}&flag=overdue`), { slug: "revs" })).json();
    expect(only.flagged.flag).toBe("overdue");
    expect(only.flagged.items.map((i: Item) => i.ref).sort()).toEqual(["2", "5"]);
    expect(only.flagged.flaggedCount).toBe(items.length);
    const nonsense = await (await call(flaggedRoute.loader, await requestAs(w.ben.user.id, `/programmes/revs/flagged?asOf=${AS_OF}&flag=zzz`), { slug: "revs" })).json();
    expect(nonsense.flagged.flag).toBeNull();
    expect(nonsense.flagged.items).toHaveLength(items.length);
  });
});

describe("the programme's flagged list, paged", () => {
  it("shows 100 items a page in project and reference order, with page links that keep the flag and the date", async () => {
    const w = world();
    write((tx) => {
      for (let i = 1; i <= 230; i++) f.createAction(tx, w.bens.id, { ref: `9.${i}`, title: `Late benefit work ${i}`, dueDate: "2026-03-01" });
    });
    const get = async (q: string) => (await call(flaggedRoute.loader, await requestAs(w.ben.user.id, `/programmes/revs/flagged?asOf=${AS_OF}${q}`), { slug: "revs" })).json();
    const first = await get("&flag=overdue");
    // Benefits (its 5 and these 230) sorts before Pilot (its 2); references in number order.
    expect(first.flagged.shownCount).toBe(232);
    expect(first.flagged.items).toHaveLength(100);
    expect(first.flagged.paging).toMatchObject({ page: 1, pageCount: 3, from: 1, to: 100, total: 232 });
    expect(first.flagged.items.slice(0, 3).map((i: { ref: string }) => i.ref)).toEqual(["5", "9.1", "9.2"]);
    const last = await get("&flag=overdue&page=3");
    expect(last.flagged.paging).toMatchObject({ page: 3, from: 201, to: 232 });
    expect(last.flagged.items.slice(-2).map((i: { ref: string; project: { slug: string } }) => `${i.project.slug} ${i.ref}`)).toEqual(["bens 9.230", "pilot 2"]);
    // Past the end shows the last page; nonsense shows the first.
    expect((await get("&flag=overdue&page=99")).flagged.paging.page).toBe(3);
    expect((await get("&flag=overdue&page=abc")).flagged.paging.page).toBe(1);
    // Counts are of everything, not the page.
    expect(last.flagged.counts.overdue).toBe(232);

    const res = await call(flaggedRoute.loader, await requestAs(w.ben.user.id, `/programmes/revs/flagged?asOf=${AS_OF}&flag=overdue&page=2`), { slug: "revs" });
    expect(res.status).toBe(200);
  });
});

describe("the project overview's flag counts", () => {
  it("counts flags per work package", async () => {
    const w = world();
    const res = await call(overviewRoute.loader, await requestAs(w.priya.user.id, `/projects/pilot?asOf=${AS_OF}`), { slug: "pilot" });
    const { flagCounts } = await res.json();
    const wp1 = flagCounts.rows.find((r: { key: string }) => r.key === `wp${w.wp1.id}`);
    expect(wp1).toMatchObject({ open: 2, counts: { overdue: 1, blocked: 1 } });
    expect(flagCounts.totals).toMatchObject({ overdue: 1, blocked: 1, open: 3 });
  });
});

describe("the plan's query string and words", () => {
  it("reads filters, ignores nonsense, and writes dates without a locale lookup", async () => {
    const { readPlanQuery, withParams, shortDate, truncate } = await import("~/modules/action/plan-view");
    expect(readPlanQuery(new URLSearchParams("owner=p3&status=open&flag=due_soon&workPackage=none&sort=due&dir=desc"))).toEqual({
      owner: "p3",
      status: "open",
      flag: "due_soon",
      recommendation: "",
      workPackage: "none",
      sort: "due",
      dir: "desc",
    });
    expect(readPlanQuery(new URLSearchParams("owner=x&status=zzz&sort=title&dir=up"))).toMatchObject({
      owner: "",
      status: "",
      sort: "ref",
      dir: "asc",
    });
    expect(withParams(new URLSearchParams("flag=blocked&sort=ref"), { sort: "due", dir: "desc" })).toBe("?flag=blocked&sort=due&dir=desc");
    expect(shortDate("2026-11-09")).toBe("9 Nov 2026");
    expect(shortDate(null, "No date")).toBe("No date");
    expect(truncate("word ".repeat(100), 20)).toMatch(/^(word ){3}word…$/);
  });
});
