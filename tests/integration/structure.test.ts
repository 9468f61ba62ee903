import { and, eq } from "drizzle-orm";
import { auditEvents, milestones, people, projectRoles, projects, stages, workPackageLinks } from "#db/schema";
import { getDb, write } from "~/db.server";
import { addDays, todayInLondon } from "~/modules/action/rules";
import { systemActor } from "~/modules/audit/actor";
import { findFeedsIntoCycle } from "~/modules/structure/feeds-into";
import { createProject as createProjectService } from "~/modules/structure/project.server";
import * as milestoneEdit from "~/routes/projects.$slug.milestones.$milestoneId.edit";
import * as milestoneNew from "~/routes/projects.$slug.milestones.new";
import * as milestonesPage from "~/routes/projects.$slug.milestones._index";
import * as projectEdit from "~/routes/projects.$slug.edit";
import * as projectOverview from "~/routes/projects.$slug._index";
import * as projectNew from "~/routes/projects.new";
import * as programmeNew from "~/routes/programmes.new";
import * as programmeProjectNew from "~/routes/programmes.$slug.projects.new";
import * as programmeTeam from "~/routes/programmes.$slug.team";
import * as stageEdit from "~/routes/projects.$slug.work-packages.$wpId.stages.$stageId.edit";
import * as stageNew from "~/routes/projects.$slug.work-packages.$wpId.stages.new";
import * as teamAdd from "~/routes/projects.$slug.team.add";
import * as team from "~/routes/projects.$slug.team._index";
import * as wpDetail from "~/routes/projects.$slug.work-packages.$wpId._index";
import * as wpEdit from "~/routes/projects.$slug.work-packages.$wpId.edit";
import * as wpNew from "~/routes/projects.$slug.work-packages.new";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

/** Route loaders/actions take Remix's AppLoadContext, which `call`'s plain object does not satisfy. */
const run = (fn: unknown, request: Request, params: Record<string, string> = {}): Promise<Response> => call(fn as never, request, params);

function world() {
  return write((tx) => {
    const programme = f.createProgramme(tx, { slug: "revs-bens", name: "Revenues and benefits" });
    const project = f.createProject(tx, { slug: "pilot", name: "Pilot", programmeId: programme.id });
    const other = f.createProject(tx, { slug: "other", name: "Other" });
    const admin = f.createUser(tx, { isAdmin: true });
    const manager = f.createUser(tx);
    const reader = f.createUser(tx);
    const stranger = f.createUser(tx);
    const progManager = f.createUser(tx);
    const progReader = f.createUser(tx);
    f.addRole(tx, project.id, manager.person.id, "manager");
    f.addRole(tx, project.id, reader.person.id, "reader");
    f.addProgrammeRole(tx, programme.id, progManager.person.id, "manager");
    f.addProgrammeRole(tx, programme.id, progReader.person.id, "reader");
    const lead = f.createPerson(tx, { name: "Ben Turner" });
    return { programme, project, other, admin, manager, reader, stranger, progManager, progReader, lead };
  });
}

const events = (event: string) => getDb().select().from(auditEvents).where(eq(auditEvents.event, event)).all();
const body = async (res: Response) => (await res.json()) as { errors?: Record<string, string>; values?: Record<string, unknown> };

const validProject = { name: "Home working pilot", slug: "", purpose: "Try it", status: "active", startDate: "2026-01-05", endDate: "2026-12-18", dueSoonDays: "14", staleDays: "30" };

describe("projects", () => {
  it("an administrator creates a project; the manager gets the manager role and both changes are audited", async () => {
    const w = world();
    const res = await run(projectNew.action,
      await requestAs(w.admin.user.id, "/projects/new", { form: { ...validProject, programmeId: String(w.programme.id), managerPersonId: String(w.lead.id) } }),
    );
    expect(res.status).toBe(302);
    // The short name was made from the name.
    expect(res.headers.get("Location")).toBe("/projects/home-working-pilot");
    const created = getDb().select().from(projects).where(eq(projects.slug, "home-working-pilot")).get()!;
    expect(created).toMatchObject({ programmeId: w.programme.id, managerPersonId: w.lead.id, dueSoonDays: 14, staleDays: 30 });
    const roles = getDb().select().from(projectRoles).where(eq(projectRoles.projectId, created.id)).all();
    expect(roles.map((r) => [r.personId, r.role])).toEqual([[w.lead.id, "manager"]]);
    expect(events("project.create")).toHaveLength(1);
    expect(events("project_role.add")[0]).toMatchObject({ projectId: created.id });
  });

  it("refuses an empty form and an end before the start with 400, keeping what was typed", async () => {
    const w = world();
    const empty = await run(projectNew.action, await requestAs(w.admin.user.id, "/projects/new", { form: { name: "", status: "" } }));
    expect(empty.status).toBe(400);
    const e = await body(empty);
    expect(e.errors).toMatchObject({ name: "Enter the project name", status: "Choose the project status" });

    const backwards = await run(projectNew.action,
      await requestAs(w.admin.user.id, "/projects/new", { form: { ...validProject, startDate: "2026-05-01", endDate: "2026-04-30" } }),
    );
    expect(backwards.status).toBe(400);
    const b = await body(backwards);
    expect(b.errors?.endDate).toMatch(/same as or after the start date/);
    expect(b.values).toMatchObject({ name: "Home working pilot", endDate: "2026-04-30" });
    expect(events("project.create")).toHaveLength(0);
  });

  it("refuses a short name already in use", async () => {
    const w = world();
    const res = await run(projectNew.action, await requestAs(w.admin.user.id, "/projects/new", { form: { ...validProject, slug: "pilot" } }));
    expect(res.status).toBe(400);
    expect((await body(res)).errors?.slug).toMatch(/already uses/);
  });

  it("only administrators use /projects/new; programme managers create in their programme, programme readers cannot", async () => {
    const w = world();
    expect((await run(projectNew.loader, await requestAs(w.manager.user.id, "/projects/new"))).status).toBe(404);
    const path = "/programmes/revs-bens/projects/new";
    const ok = await run(programmeProjectNew.action, await requestAs(w.progManager.user.id, path, { form: { ...validProject, name: "Second" } }), { slug: "revs-bens" });
    expect(ok.status).toBe(302);
    expect(getDb().select().from(projects).where(eq(projects.slug, "second")).get()?.programmeId).toBe(w.programme.id);
    expect((await run(programmeProjectNew.loader, await requestAs(w.progReader.user.id, path), { slug: "revs-bens" })).status).toBe(403);
    expect((await run(programmeProjectNew.loader, await requestAs(w.stranger.user.id, path), { slug: "revs-bens" })).status).toBe(404);
  });

  it("a reader gets 403 on the edit page, a user without a role 404; a manager's edit is audited with only the changes", async () => {
    const w = world();
    const path = "/projects/pilot/edit";
    expect((await run(projectEdit.loader, await requestAs(w.reader.user.id, path), { slug: "pilot" })).status).toBe(403);
    expect((await run(projectEdit.action, await requestAs(w.reader.user.id, path, { form: validProject }), { slug: "pilot" })).status).toBe(403);
    expect((await run(projectEdit.loader, await requestAs(w.stranger.user.id, path), { slug: "pilot" })).status).toBe(404);
    expect((await run(projectOverview.loader, await requestAs(w.stranger.user.id, "/projects/pilot"), { slug: "pilot" })).status).toBe(404);
    expect((await run(projectOverview.loader, await requestAs(w.reader.user.id, "/projects/pilot"), { slug: "pilot" })).status).toBe(200);

    const res = await run(projectEdit.action, await requestAs(w.manager.user.id, path, { form: { ...validProject, name: "Pilot", slug: "pilot", status: "on_hold" } }), { slug: "pilot" });
    expect(res.status).toBe(302);
    const [event] = events("project.update");
    expect(JSON.parse(event!.after!)).toMatchObject({ status: "on_hold" });
    expect(JSON.parse(event!.after!)).not.toHaveProperty("name");
  });
});

describe("programmes", () => {
  it("only administrators create programmes", async () => {
    const w = world();
    expect((await run(programmeNew.action, await requestAs(w.progManager.user.id, "/programmes/new", { form: { name: "X" } }))).status).toBe(404);
    const res = await run(programmeNew.action, await requestAs(w.admin.user.id, "/programmes/new", { form: { name: "Digital services", slug: "", description: "" } }));
    expect(res.headers.get("Location")).toBe("/programmes/digital-services");
    expect(events("programme.create")).toHaveLength(1);
  });

  it("only administrators change programme roles; adding and removing are audited", async () => {
    const w = world();
    const path = "/programmes/revs-bens/team";
    expect((await run(programmeTeam.loader, await requestAs(w.progManager.user.id, path), { slug: "revs-bens" })).status).toBe(403);
    expect((await run(programmeTeam.loader, await requestAs(w.stranger.user.id, path), { slug: "revs-bens" })).status).toBe(404);
    const added = await run(programmeTeam.action, await requestAs(w.admin.user.id, path, { form: { intent: "add", personId: String(w.lead.id), role: "reader" } }), { slug: "revs-bens" });
    expect(added.status).toBe(302);
    const again = await run(programmeTeam.action, await requestAs(w.admin.user.id, path, { form: { intent: "add", personId: String(w.lead.id), role: "reader" } }), { slug: "revs-bens" });
    expect((await body(again)).errors?.role).toMatch(/already has that role/);
    const roleId = JSON.parse(events("programme_role.add")[0]!.entityId!);
    const removed = await run(programmeTeam.action, await requestAs(w.admin.user.id, path, { form: { intent: "remove", roleId: String(roleId) } }), { slug: "revs-bens" });
    expect(removed.status).toBe(302);
    expect(events("programme_role.remove")).toHaveLength(1);
  });
});

describe("work packages", () => {
  it("creates one with a lead, and scopes ids by project: a work package from another project is 404", async () => {
    const w = world();
    const res = await run(wpNew.action,
      await requestAs(w.manager.user.id, "/projects/pilot/work-packages/new", { form: { ref: "WP1", name: "Policy", leadPersonId: String(w.lead.id) } }),
      { slug: "pilot" },
    );
    expect(res.status).toBe(302);
    expect(events("work_package.create")).toHaveLength(1);

    const foreign = write((tx) => f.createWorkPackage(tx, w.other.id));
    const params = { slug: "pilot", wpId: String(foreign.id) };
    expect((await run(wpDetail.loader, await requestAs(w.manager.user.id, `/projects/pilot/work-packages/${foreign.id}`), params)).status).toBe(404);
    expect((await run(wpEdit.action, await requestAs(w.manager.user.id, "/x", { form: { ref: "WPX", name: "Hijack" } }), params)).status).toBe(404);
    expect((await run(stageNew.action, await requestAs(w.manager.user.id, "/x", { form: { name: "S" } }), params)).status).toBe(404);
  });

  it("refuses a duplicate reference, a link to itself and a feeds-into loop, naming the loop", async () => {
    const w = world();
    const [a, b, c] = write((tx) => [1, 2, 3].map((n) => f.createWorkPackage(tx, w.project.id, { ref: `WP${n}` })));
    write((tx) => {
      f.linkWorkPackages(tx, a!.id, b!.id);
      f.linkWorkPackages(tx, b!.id, c!.id);
    });
    const edit = async (wp: { id: number }, form: Record<string, string | string[]>) =>
      run(wpEdit.action, await requestAs(w.manager.user.id, "/x", { form }), { slug: "pilot", wpId: String(wp.id) });

    const dup = await edit(c!, { ref: "WP1", name: "C" });
    expect((await body(dup)).errors?.ref).toMatch(/already WP1/);
    const self = await edit(c!, { ref: "WP3", name: "C", feedsInto: String(c!.id) });
    expect((await body(self)).errors?.feedsInto).toBe("A work package cannot feed into itself");
    const loop = await edit(c!, { ref: "WP3", name: "C", feedsInto: [String(a!.id)] });
    expect(loop.status).toBe(400);
    expect((await body(loop)).errors?.feedsInto).toContain("WP3 feeds into WP1 feeds into WP2 feeds into WP3");

    const ok = await edit(a!, { ref: "WP1", name: "A", feedsInto: [String(b!.id), String(c!.id)] });
    expect(ok.status).toBe(302);
    const links = getDb().select().from(workPackageLinks).where(eq(workPackageLinks.fromWorkPackageId, a!.id)).all();
    expect(links.map((l) => l.toWorkPackageId).sort()).toEqual([b!.id, c!.id].sort());
    expect(events("work_package.update")).toHaveLength(1);
  });

  it("finds loops as a pure function", () => {
    expect(findFeedsIntoCycle([{ from: 1, to: 2 }], 2, [1])).toEqual([2, 1, 2]);
    expect(findFeedsIntoCycle([{ from: 1, to: 2 }, { from: 3, to: 1 }], 3, [2])).toBeNull();
    // The edited package's old outgoing links are replaced, so they cannot make a loop.
    expect(findFeedsIntoCycle([{ from: 1, to: 2 }, { from: 2, to: 3 }], 1, [3])).toBeNull();
  });
});

describe("stages", () => {
  it("adds a stage with a dates note and refuses an end before the start", async () => {
    const w = world();
    const wp = write((tx) => f.createWorkPackage(tx, w.project.id));
    const params = { slug: "pilot", wpId: String(wp.id) };
    const bad = await run(stageNew.action, await requestAs(w.manager.user.id, "/x", { form: { name: "Design", plannedStart: "2026-03-01", plannedEnd: "2026-02-01" } }), params);
    expect(bad.status).toBe(400);
    expect((await body(bad)).errors?.plannedEnd).toMatch(/after the planned start/);
    const ok = await run(stageNew.action, await requestAs(w.manager.user.id, "/x", { form: { name: "Consult", datesNote: "tba" } }), params);
    expect(ok.status).toBe(302);
    expect(getDb().select().from(stages).where(eq(stages.workPackageId, wp.id)).get()).toMatchObject({ name: "Consult", datesNote: "tba", plannedStart: null });
    expect(events("stage.create")).toHaveLength(1);
  });

  it("a stage is only reachable through its own work package", async () => {
    const w = world();
    const [a, b] = write((tx) => [f.createWorkPackage(tx, w.project.id), f.createWorkPackage(tx, w.project.id)]);
    const stage = write((tx) => f.createStage(tx, a!.id));
    const form = { name: "Renamed" };
    const wrong = await run(stageEdit.action, await requestAs(w.manager.user.id, "/x", { form }), { slug: "pilot", wpId: String(b!.id), stageId: String(stage.id) });
    expect(wrong.status).toBe(404);
    const right = await run(stageEdit.action, await requestAs(w.manager.user.id, "/x", { form }), { slug: "pilot", wpId: String(a!.id), stageId: String(stage.id) });
    expect(right.status).toBe(302);
    expect(events("stage.update")).toHaveLength(1);
  });
});

describe("milestones", () => {
  it("sets the baseline from the first target and keeps it when the target moves", async () => {
    const w = world();
    const res = await run(milestoneNew.action, await requestAs(w.manager.user.id, "/x", { form: { name: "Go live", targetDate: "2026-06-01" } }), { slug: "pilot" });
    expect(res.status).toBe(302);
    const m = getDb().select().from(milestones).where(eq(milestones.projectId, w.project.id)).get()!;
    expect(m.baselineDate).toBe("2026-06-01");
    const moved = await run(milestoneEdit.action,
      await requestAs(w.manager.user.id, "/x", { form: { name: "Go live", targetDate: "2026-06-13", baselineDate: "2026-06-13" } }),
      { slug: "pilot", milestoneId: String(m.id) },
    );
    expect(moved.status).toBe(302);
    expect(getDb().select().from(milestones).where(eq(milestones.id, m.id)).get()).toMatchObject({ targetDate: "2026-06-13", baselineDate: "2026-06-01" });
    const overview = await (await run(projectOverview.loader, await requestAs(w.reader.user.id, "/projects/pilot"), { slug: "pilot" })).json();
    expect(overview.milestones[0].slippedDays).toBe(12);
    const empty = await run(milestoneNew.action, await requestAs(w.manager.user.id, "/x", { form: { name: "", targetDate: "2026-02-30" } }), { slug: "pilot" });
    expect((await body(empty)).errors).toMatchObject({ name: "Enter the milestone name", targetDate: expect.stringMatching(/real date/) });
    // A milestone of another project cannot be edited through this one.
    const foreign = write((tx) => f.createMilestone(tx, w.other.id, { targetDate: "2026-01-01" }));
    expect((await run(milestoneEdit.loader, await requestAs(w.manager.user.id, "/x"), { slug: "pilot", milestoneId: String(foreign.id) })).status).toBe(404);
  });
});

describe("milestone dates", () => {
  it("refuses a date achieved in the future, keeping the input, and accepts today", async () => {
    const w = world();
    const today = todayInLondon();
    const save = async (achievedDate: string) =>
      run(milestoneNew.action, await requestAs(w.manager.user.id, "/x", { form: { name: "Go live", targetDate: today, achievedDate } }), { slug: "pilot" });
    const future = await save(addDays(today, 1));
    expect(future.status).toBe(400);
    const b = await body(future);
    expect(b.errors).toEqual({ achievedDate: "Date achieved must be today or in the past" });
    expect(b.values).toMatchObject({ achievedDate: addDays(today, 1) });
    expect(getDb().select().from(milestones).all()).toHaveLength(0);
    expect((await save(today)).status).toBe(302);
    expect(getDb().select().from(milestones).get()!.achievedDate).toBe(today);
  });
});

describe("milestones page", () => {
  it("shows the rules' flags and honest slippage, as of a date", async () => {
    const w = world();
    const ids = write((tx) => {
      const missed = f.createMilestone(tx, w.project.id, { name: "Missed", targetDate: "2026-03-01" });
      const late = f.createMilestone(tx, w.project.id, { name: "Late", targetDate: "2026-03-11", baselineDate: "2026-03-01", achievedDate: "2026-03-11" });
      const moved = f.createMilestone(tx, w.project.id, { name: "Moved", targetDate: "2026-04-08", baselineDate: "2026-04-01" });
      const overdue = f.createAction(tx, w.project.id, { ref: "1.1", dueDate: "2026-03-05", status: "in_progress" });
      f.addDependency(tx, { actionId: overdue.id }, { milestoneId: moved.id });
      return { missed: missed.id, late: late.id, moved: moved.id };
    });
    const load = async (query: string) =>
      (await (await run(milestonesPage.loader, await requestAs(w.reader.user.id, `/projects/pilot/milestones${query}`), { slug: "pilot" })).json()) as {
        asOf: { asOf: string; error: string | null };
        milestones: Array<{ id: number; slip: string; flags: Array<{ kind: string; tag: string; text: string }> }>;
      };
    const data = await load("?asOf=2026-03-11");
    expect(data.asOf.asOf).toBe("2026-03-11");
    const byId = new Map(data.milestones.map((m) => [m.id, m]));
    expect(byId.get(ids.missed)).toMatchObject({ slip: "Baseline date passed", flags: [{ kind: "missed", text: "Missed by 10 days" }] });
    expect(byId.get(ids.late)).toMatchObject({ slip: "Achieved 10 days late", flags: [] });
    const moved = byId.get(ids.moved)!;
    expect(moved.slip).toBe("Moved 7 days later than baseline");
    expect(moved.flags).toEqual([expect.objectContaining({ kind: "at_risk", text: expect.stringMatching(/^At risk: .*1\.1/) })]);
    // Before the missed milestone's target, it is not flagged.
    const earlier = await load("?asOf=2026-02-20");
    expect(earlier.milestones.find((m) => m.id === ids.missed)!.flags).toEqual([]);
    expect((await load("?asOf=nonsense")).asOf.error).toMatch(/real date/);
  });
});

describe("people and roles", () => {
  it("adds a new person without a login, then a role for an existing person; refuses duplicates", async () => {
    const w = world();
    const add = async (form: Record<string, string>) => run(teamAdd.action, await requestAs(w.manager.user.id, "/x", { form }), { slug: "pilot" });
    const created = await add({ intent: "new", name: "Sam Okafor", email: "sam@example.org", initials: "so", newRole: "consultee" });
    expect(created.status).toBe(302);
    const sam = getDb().select().from(people).where(eq(people.email, "sam@example.org")).get()!;
    expect(sam.initials).toBe("SO");
    expect(events("person.create")).toHaveLength(1);
    const again = await add({ intent: "new", name: "Sam again", email: "SAM@example.org", newRole: "reader" });
    expect((await body(again)).errors?.email).toMatch(/already exists/);
    expect(await add({ intent: "existing", personId: String(w.lead.id), role: "contributor" })).toHaveProperty("status", 302);
    const dup = await add({ intent: "existing", personId: String(w.lead.id), role: "contributor" });
    expect(dup.status).toBe(400);
    const missing = await add({ intent: "existing", personId: "", role: "" });
    expect((await body(missing)).errors).toMatchObject({ personId: "Choose a person", role: "Choose a role" });
    expect((await run(teamAdd.action, await requestAs(w.reader.user.id, "/x", { form: { intent: "existing", personId: String(w.lead.id), role: "reader" } }), { slug: "pilot" })).status).toBe(403);
  });

  it("asks before removing, and never removes the last manager", async () => {
    const w = world();
    const managerRole = getDb()
      .select()
      .from(projectRoles)
      .where(and(eq(projectRoles.projectId, w.project.id), eq(projectRoles.role, "manager")))
      .get()!;
    const confirm = await (await run(team.loader, await requestAs(w.manager.user.id, `/projects/pilot/team?remove=${managerRole.id}`), { slug: "pilot" })).json();
    expect(confirm.confirming).toMatchObject({ roleId: managerRole.id, role: "manager" });
    expect(getDb().select().from(projectRoles).where(eq(projectRoles.id, managerRole.id)).get()).toBeTruthy();

    const remove = async (roleId: number) => run(team.action, await requestAs(w.admin.user.id, "/x", { form: { intent: "remove", roleId: String(roleId) } }), { slug: "pilot" });
    const refused = await remove(managerRole.id);
    expect(refused.status).toBe(400);
    expect((await body(refused)).errors?._form).toMatch(/at least one manager/);

    write((tx) => f.addRole(tx, w.project.id, w.lead.id, "manager"));
    expect((await remove(managerRole.id)).status).toBe(302);
    expect(getDb().select().from(projectRoles).where(eq(projectRoles.id, managerRole.id)).get()).toBeUndefined();
    expect(events("project_role.remove")).toHaveLength(1);
    // A role on another project cannot be removed through this one.
    const foreign = write((tx) => f.addRole(tx, w.other.id, w.lead.id, "reader"));
    expect((await remove(foreign.id)).status).toBe(404);
  });

  it("the service gives a newly named project manager the manager role", () => {
    const w = world();
    const p = createProjectService({ actor: systemActor("test"), ...validProject, slug: undefined, status: "active", programmeId: null, managerPersonId: w.lead.id, timeToleranceDays: null, costTolerancePercent: null, dueSoonDays: 14, staleDays: 30, startDate: null, endDate: null });
    expect(getDb().select().from(projectRoles).where(eq(projectRoles.projectId, p.id)).all()).toHaveLength(1);
  });
});
