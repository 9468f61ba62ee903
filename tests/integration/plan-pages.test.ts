import { eq } from "drizzle-orm";
import * as schema from "#db/schema";
import { write } from "~/db.server";
import { addProgressNote } from "~/modules/action/service.server";
import { systemActor } from "~/modules/audit/actor";
import * as projectPlan from "~/routes/projects.$slug.actions._index";
import * as programmePlan from "~/routes/programmes.$slug.actions._index";
import * as programmePlanAll from "~/routes/programmes.$slug.actions.all";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

const AS_OF = "2026-03-20";

function world() {
  return write((tx) => {
    const programme = f.createProgramme(tx, { slug: "revs", name: "Revenues" });
    const big = f.createProject(tx, { programmeId: programme.id, slug: "big", name: "Big project" });
    const small = f.createProject(tx, { programmeId: programme.id, slug: "small", name: "Small project" });
    const hidden = f.createProject(tx, { programmeId: programme.id, slug: "hidden", name: "Hidden project" });
    const ben = f.createUser(tx, { name: "Ben Turner" });
    const priya = f.createUser(tx, { name: "Priya Shah" });
    f.addRole(tx, big.id, ben.person.id, "manager");
    f.addRole(tx, small.id, ben.person.id, "reader");
    f.addRole(tx, big.id, priya.person.id, "reader");
    const wps = [1, 2, 3].map((n) => f.createWorkPackage(tx, big.id, { ref: `WP${n}`, name: `Package ${n}`, position: n }));
    const actions = [];
    for (let i = 1; i <= 250; i++)
      actions.push(f.createAction(tx, big.id, { ref: `${i}`, title: `Big action ${i}`, workPackageId: wps[(i - 1) % 3]!.id, dueDate: i % 2 ? "2026-03-01" : "2026-06-01" }));
    f.createAction(tx, small.id, { ref: "1", title: "Small action" });
    f.createAction(tx, hidden.id, { ref: "1", title: "Secret action" });
    return { programme, big, small, hidden, ben, priya, actions };
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const rowsOf = (data: Json): Array<{ ref: string; title: string }> => data.plan.groups.flatMap((g: Json) => g.sections.flatMap((s: Json) => s.rows));

describe("the paged action plan", () => {
  it("shows 100 rows a page in work-package order, marks a group continued from the page before, and keeps count of all", async () => {
    const w = world();
    const get = async (q: string) =>
      (await call(projectPlan.loader, await requestAs(w.ben.user.id, `/projects/big/actions?asOf=${AS_OF}${q}`), { slug: "big" })).json();
    const first: Json = await get("");
    expect(rowsOf(first)).toHaveLength(100);
    expect(first.plan.paging).toMatchObject({ page: 1, pageCount: 3, from: 1, to: 100 });
    expect(first.plan.totalCount).toBe(250);
    expect(first.plan.groups.map((g: Json) => g.workPackage.ref)).toEqual(["WP1", "WP2"]);
    const second: Json = await get("&page=2");
    expect(second.plan.groups[0]).toMatchObject({ continued: true, workPackage: { ref: "WP2" } });
    const third: Json = await get("&page=3");
    expect(rowsOf(third)).toHaveLength(50);
    expect(third.plan.groups.at(-1).workPackage.ref).toBe("WP3");
    // Filters apply before paging: 125 overdue actions, two pages.
    const overdue: Json = await get("&flag=overdue&page=2");
    expect(overdue.plan).toMatchObject({ shownCount: 125, paging: { page: 2, pageCount: 2, from: 101, to: 125 } });
  });

  it("has an all-rows view with every matching row and no paging, sent without scripts", async () => {
    const w = world();
    const res = await call(programmePlanAll.loader, await requestAs(w.ben.user.id, `/programmes/revs/actions/all?asOf=${AS_OF}`), { slug: "revs" });
    const data: Json = await res.json();
    expect(rowsOf(data)).toHaveLength(251);
    expect(data.plan.paging).toBeNull();
    expect(programmePlanAll.handle).toEqual({ hydrate: false });
  });
});

describe("the programme action plan", () => {
  it("lists the actions of the programme's projects the viewer may see, grouped by project, and nothing of the others", async () => {
    const w = world();
    const res = await call(programmePlan.loader, await requestAs(w.ben.user.id, `/programmes/revs/actions/all?asOf=${AS_OF}&page=3`), { slug: "revs" });
    const data: Json = await res.json();
    expect(data.plan.totalCount).toBe(251);
    const titles = rowsOf(data).map((r) => r.title);
    expect(titles).toContain("Small action");
    expect(titles).not.toContain("Secret action");
    expect(data.plan.groups.at(-1)).toMatchObject({ project: { slug: "small" }, workPackage: null });
    expect(data.several).toBe(true);

    const priyas: Json = await (await call(programmePlan.loader, await requestAs(w.priya.user.id, `/programmes/revs/actions?page=3`), { slug: "revs" })).json();
    expect(priyas.plan.totalCount).toBe(250); // only the big project
  });

  it("is not found for someone who sees nothing of the programme", async () => {
    const w = world();
    const stranger = write((tx) => f.createUser(tx, { name: "Stranger" }));
    const res = await call(programmePlan.loader, await requestAs(stranger.user.id, "/programmes/revs/actions"), { slug: "revs" });
    expect(res.status).toBe(404);
    expect(w.programme.slug).toBe("revs");
  });
});

describe("conditional GET of a plan page", () => {
  it("answers 304 to the same viewer while nothing changed, and 200 with a new tag after a write, another date or another viewer", async () => {
    const w = world();
    const url = `/programmes/revs/actions?asOf=${AS_OF}&flag=overdue`;
    const ask = async (userId: number, path: string, tag?: string) =>
      call(programmePlan.loader, await requestAs(userId, path, { headers: tag ? { "If-None-Match": tag } : {} }), { slug: "revs" });
    const first = await ask(w.ben.user.id, url);
    const tag = first.headers.get("ETag")!;
    expect(tag).toMatch(/^W\/"/);
    expect(first.headers.get("Cache-Control")).toBe("private, no-cache");
    const again = await ask(w.ben.user.id, url, tag);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    expect((await ask(w.priya.user.id, url, tag)).status).toBe(200);
    expect((await ask(w.ben.user.id, url.replace(AS_OF, "2026-03-21"), tag)).status).toBe(200);

    addProgressNote({
      actor: systemActor("test"),
      projectId: w.big.id,
      actionId: w.actions[0]!.id,
      input: { body: "Moved on", noteDate: AS_OF, status: null, blockedReason: "", percentComplete: null },
      canManage: true,
      today: AS_OF,
    });
    const after = await ask(w.ben.user.id, url, tag);
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(tag);
  });

  it("offers as owner choices everyone who owns something in the plan, under their current names, as owners and names change", async () => {
    const w = world();
    const team = write((tx) => f.createTeam(tx, { name: "Finance team" }));
    write((tx) => {
      tx.insert(schema.actionOwners).values({ actionId: w.actions[0]!.id, personId: w.priya.person.id }).run();
      tx.insert(schema.actionOwners).values({ actionId: w.actions[1]!.id, teamId: team.id }).run();
    });
    const choices = async () => {
      const res = await call(projectPlan.loader, await requestAs(w.ben.user.id, `/projects/big/actions?asOf=${AS_OF}`), { slug: "big" });
      return ((await res.json()) as Json).plan.choices.owners.map((o: Json) => o.label);
    };
    expect(await choices()).toEqual(["Finance team (team)", "Priya Shah"]);
    // A new name shows at once, though nothing the flags read has changed.
    write((tx) => tx.update(schema.people).set({ name: "Priya Shah-Patel" }).where(eq(schema.people.id, w.priya.person.id)).run());
    expect(await choices()).toEqual(["Finance team (team)", "Priya Shah-Patel"]);
    // Owners come and go with the plan's actions.
    write((tx) => tx.delete(schema.actionOwners).where(eq(schema.actionOwners.teamId, team.id)).run());
    write((tx) => tx.insert(schema.actionOwners).values({ actionId: w.actions[2]!.id, personId: w.ben.person.id }).run());
    expect(await choices()).toEqual(["Ben Turner", "Priya Shah-Patel"]);
  });
});
