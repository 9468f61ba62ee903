import { and, eq } from "drizzle-orm";
import * as s from "#db/schema";
import { getDb, write } from "~/db.server";
import * as newRoute from "~/routes/projects.$slug.actions.new";
import * as pageRoute from "~/routes/projects.$slug.actions.$actionId._index";
import * as editRoute from "~/routes/projects.$slug.actions.$actionId.edit";
import * as cancelRoute from "~/routes/projects.$slug.actions.$actionId.cancel";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

function world() {
  return write((tx) => {
    const programme = f.createProgramme(tx);
    const project = f.createProject(tx, { programmeId: programme.id, slug: "pilot" });
    const other = f.createProject(tx, { programmeId: programme.id, slug: "other" });
    const manager = f.createUser(tx, { name: "Priya Shah" });
    const manager2 = f.createUser(tx, { name: "Sam Cole" });
    const owner = f.createUser(tx, { name: "Ben Turner" });
    const teamMember = f.createUser(tx, { name: "Tia Member" });
    const reader = f.createUser(tx, { name: "Rita Reader" });
    const outsider = f.createUser(tx, { name: "Olly Outsider" });
    f.addRole(tx, project.id, manager.person.id, "manager");
    f.addRole(tx, project.id, manager2.person.id, "manager");
    f.addRole(tx, project.id, owner.person.id, "contributor");
    f.addRole(tx, project.id, teamMember.person.id, "contributor");
    f.addRole(tx, project.id, reader.person.id, "reader");
    f.addRole(tx, other.id, outsider.person.id, "manager");
    const team = f.createTeam(tx, { name: "CSIP project team" }, [teamMember.person.id]);
    const wp1 = f.createWorkPackage(tx, project.id, { ref: "WP1" });
    const wp2 = f.createWorkPackage(tx, project.id, { ref: "WP2" });
    const stage1 = f.createStage(tx, wp1.id, { name: "Pilot" });
    const stage2 = f.createStage(tx, wp2.id, { name: "Roll-out" });
    const r1 = f.createRecommendation(tx, project.id, { ref: "R1" });
    const otherRec = f.createRecommendation(tx, other.id, { ref: "R1" });
    const action = f.createAction(tx, project.id, { ref: "4.2", title: "Survey customers", dueDate: "2030-03-01", ownerPersonIds: [owner.person.id] });
    const teamAction = f.createAction(tx, project.id, { ref: "4.3", title: "Team action", ownerTeamIds: [team.id] });
    const otherAction = f.createAction(tx, other.id, { ref: "9.9" });
    return { programme, project, other, manager, manager2, owner, teamMember, reader, outsider, team, wp1, wp2, stage1, stage2, r1, otherRec, action, teamAction, otherAction };
  });
}

const params = (actionId?: number) => ({ slug: "pilot", ...(actionId ? { actionId: String(actionId) } : {}) });
const actionRow = (id: number) => getDb().select().from(s.actions).where(eq(s.actions.id, id)).get()!;
const events = (event: string) => getDb().select().from(s.auditEvents).where(eq(s.auditEvents.event, event)).all();

/** The edit form as the page would fill it for this action, with overrides. */
function editForm(id: number, overrides: Record<string, string | string[]> = {}) {
  const a = actionRow(id);
  const owners = getDb().select().from(s.actionOwners).where(eq(s.actionOwners.actionId, id)).all();
  return {
    version: String(a.version),
    ref: a.ref,
    title: a.title,
    description: a.description,
    expectedOutcomes: a.expectedOutcomes,
    workPackageId: a.workPackageId ? String(a.workPackageId) : "",
    stageId: a.stageId ? String(a.stageId) : "",
    ownerPersonIds: owners.flatMap((o) => (o.personId ? [String(o.personId)] : [])),
    ownerTeamIds: owners.flatMap((o) => (o.teamId ? [String(o.teamId)] : [])),
    plannedStart: a.plannedStart ?? "",
    dueDate: a.dueDate ?? "",
    deadlineText: a.deadlineText,
    status: a.status,
    blockedReason: a.blockedReason ?? "",
    percentComplete: String(a.percentComplete),
    ...overrides,
  };
}

async function post(route: { action: typeof newRoute.action }, userId: number, path: string, form: Record<string, string | string[]>, p: Record<string, string>) {
  const res = await call(route.action as never, await requestAs(userId, path, { form }), p);
  return { res, body: res.status === 400 ? ((await res.json()) as { errors: Record<string, string>; values: Record<string, string> }) : null };
}

describe("creating an action", () => {
  it("refuses bad input with messages at the fields and everything typed kept", async () => {
    const w = world();
    const form = {
      ref: "4.2", // already used in this project
      title: "",
      workPackageId: String(w.wp1.id),
      stageId: String(w.stage2.id), // belongs to WP2
      status: "blocked",
      blockedReason: "",
      dueDate: "2030-02-30",
      deadlineText: "end of Nov 08",
    };
    const { res, body } = await post(newRoute, w.manager.user.id, "/projects/pilot/actions/new", form, params());
    expect(res.status).toBe(400);
    expect(body!.errors).toMatchObject({ title: "Enter the action", blockedReason: "Enter why the action is blocked" });
    expect(body!.errors.dueDate).toMatch(/real date/);
    expect(body!.values).toMatchObject({ ref: "4.2", deadlineText: "end of Nov 08", stageId: String(w.stage2.id) });

    // Once the form is valid, the business rules speak: duplicate reference, stage in another work package.
    const second = await post(newRoute, w.manager.user.id, "/projects/pilot/actions/new", { ...form, title: "Analyse", blockedReason: "Waiting", dueDate: "" }, params());
    expect(second.res.status).toBe(400);
    expect(second.body!.errors.ref).toMatch(/already has the reference 4.2/);
    expect(second.body!.errors.stageId).toBe("Choose a stage in the chosen work package");
    expect(second.body!.values.title).toBe("Analyse");
  });

  it("refuses another project's recommendation", async () => {
    const w = world();
    const { res, body } = await post(
      newRoute,
      w.manager.user.id,
      "/projects/pilot/actions/new",
      { ref: "7", title: "Something", status: "not_started", recommendationIds: [String(w.otherRec.id)] },
      params(),
    );
    expect(res.status).toBe(400);
    expect(body!.errors.recommendationIds).toBeDefined();
  });

  it("creates it with owners and recommendations, reads the due date from the deadline, sets the baseline and audits", async () => {
    const w = world();
    const { res } = await post(
      newRoute,
      w.manager.user.id,
      "/projects/pilot/actions/new",
      {
        ref: "5.1",
        title: "Scope verification easements",
        stageId: String(w.stage1.id), // work package follows from the stage
        ownerPersonIds: [String(w.owner.person.id)],
        ownerTeamIds: [String(w.team.id)],
        recommendationIds: [String(w.r1.id)],
        deadlineText: "w/c 5 Jan 09",
        status: "in_progress",
        percentComplete: "20",
      },
      params(),
    );
    expect(res.status).toBe(302);
    const created = getDb().select().from(s.actions).where(and(eq(s.actions.projectId, w.project.id), eq(s.actions.ref, "5.1"))).get()!;
    expect(res.headers.get("Location")).toBe(`/projects/pilot/actions/${created.id}`);
    expect(created).toMatchObject({ dueDate: "2009-01-05", baselineDueDate: "2009-01-05", workPackageId: w.wp1.id, stageId: w.stage1.id, percentComplete: 20 });
    const owners = getDb().select().from(s.actionOwners).where(eq(s.actionOwners.actionId, created.id)).all();
    expect(owners).toHaveLength(2);
    const audit = events("action.create");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ ref: "5.1", ownerTeamIds: [w.team.id], recommendationIds: [w.r1.id] });
  });

  it("is for managers only: a contributor gets 403, an outsider 404", async () => {
    const w = world();
    const form = { ref: "8", title: "X", status: "not_started" };
    expect((await post(newRoute, w.owner.user.id, "/projects/pilot/actions/new", form, params())).res.status).toBe(403);
    expect((await post(newRoute, w.outsider.user.id, "/projects/pilot/actions/new", form, params())).res.status).toBe(404);
    expect(getDb().select().from(s.actions).where(eq(s.actions.ref, "8")).all()).toHaveLength(0);
  });
});

describe("editing an action", () => {
  it("keeps the baseline, records each due-date move with its reason, and asks for the reason", async () => {
    const w = world();
    const path = `/projects/pilot/actions/${w.action.id}/edit`;
    const noReason = await post(editRoute, w.manager.user.id, path, editForm(w.action.id, { dueDate: "2030-04-01" }), params(w.action.id));
    expect(noReason.res.status).toBe(400);
    expect(noReason.body!.errors.dueDateReason).toBe("Enter why the due date is changing");
    expect(noReason.body!.values.dueDate).toBe("2030-04-01");
    expect(noReason.body!.values.version).toBe("1"); // not a stale refusal: the form keeps its version
    expect(actionRow(w.action.id).dueDate).toBe("2030-03-01");

    const ok = await post(editRoute, w.manager.user.id, path, editForm(w.action.id, { dueDate: "2030-04-01", dueDateReason: "Supplier late" }), params(w.action.id));
    expect(ok.res.status).toBe(302);
    await post(editRoute, w.manager.user.id, path, editForm(w.action.id, { dueDate: "2030-05-01", dueDateReason: "Board asked for more" }), params(w.action.id));
    const row = actionRow(w.action.id);
    expect(row).toMatchObject({ dueDate: "2030-05-01", baselineDueDate: "2030-03-01", version: 3 });
    const history = getDb().select().from(s.dueDateChanges).where(eq(s.dueDateChanges.actionId, w.action.id)).orderBy(s.dueDateChanges.id).all();
    expect(history.map((h) => [h.oldDueDate, h.newDueDate, h.reason, h.changedByPersonId])).toEqual([
      ["2030-03-01", "2030-04-01", "Supplier late", w.manager.person.id],
      ["2030-04-01", "2030-05-01", "Board asked for more", w.manager.person.id],
    ]);
    const audit = events("action.update");
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.before!)).toEqual({ dueDate: "2030-03-01" });
    expect(JSON.parse(audit[0]!.after!)).toEqual({ dueDate: "2030-04-01" });

    // The page shows the history.
    const page = await call(pageRoute.loader as never, await requestAs(w.reader.user.id, `/projects/pilot/actions/${w.action.id}`), params(w.action.id));
    const data = (await page.json()) as { dueDateHistory: unknown[]; action: { baselineDueDate: string } };
    expect(data.dueDateHistory).toHaveLength(2);
  });

  it("commits the first due date as the baseline without counting it as a move", async () => {
    const w = world();
    const path = `/projects/pilot/actions/${w.teamAction.id}/edit`;
    const { res } = await post(editRoute, w.manager.user.id, path, editForm(w.teamAction.id, { deadlineText: "end of Nov 30" }), params(w.teamAction.id));
    expect(res.status).toBe(302);
    expect(actionRow(w.teamAction.id)).toMatchObject({ dueDate: "2030-11-30", baselineDueDate: "2030-11-30" });
    expect(getDb().select().from(s.dueDateChanges).all()).toHaveLength(0);
  });

  it("needs a reason for blocked, and sets the completed date when done", async () => {
    const w = world();
    const path = `/projects/pilot/actions/${w.action.id}/edit`;
    const blocked = await post(editRoute, w.manager.user.id, path, editForm(w.action.id, { status: "blocked" }), params(w.action.id));
    expect(blocked.res.status).toBe(400);
    expect(blocked.body!.errors.blockedReason).toBe("Enter why the action is blocked");
    await post(editRoute, w.manager.user.id, path, editForm(w.action.id, { status: "done" }), params(w.action.id));
    const row = actionRow(w.action.id);
    expect(row.status).toBe("done");
    expect(row.completedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.percentComplete).toBe(100);
  });

  it("refuses a stale save, says what changed and by whom, keeps the input and overwrites nothing", async () => {
    const w = world();
    const path = `/projects/pilot/actions/${w.action.id}/edit`;
    const loadedByPriya = editForm(w.action.id); // Priya opens the form at version 1
    // Sam saves first: a new due date and title.
    const sam = await post(editRoute, w.manager2.user.id, path, editForm(w.action.id, { title: "Survey all customers", dueDate: "2030-06-30", dueDateReason: "Scope grew" }), params(w.action.id));
    expect(sam.res.status).toBe(302);
    // Priya saves her stale form with her own change.
    const priya = await post(editRoute, w.manager.user.id, path, { ...loadedByPriya, title: "Survey benefit customers", expectedOutcomes: "Quicker claims" }, params(w.action.id));
    expect(priya.res.status).toBe(400);
    expect(priya.body!.errors._form).toMatch(/Someone else saved this action/);
    expect(priya.body!.errors.title).toBe("Action: Sam Cole changed this to “Survey all customers” since you opened the form; you entered “Survey benefit customers”");
    expect(priya.body!.errors.dueDate).toBe("Due date: Sam Cole changed this to “30 Jun 2030” since you opened the form; you entered “1 Mar 2030”");
    expect(priya.body!.values).toMatchObject({ title: "Survey benefit customers", expectedOutcomes: "Quicker claims", version: "2" });
    expect(actionRow(w.action.id)).toMatchObject({ title: "Survey all customers", expectedOutcomes: "", dueDate: "2030-06-30", version: 2 });

    // Saving again from the returned form (now at the current version) is a deliberate overwrite.
    const again = await post(editRoute, w.manager.user.id, path, { ...priya.body!.values, ownerPersonIds: [String(w.owner.person.id)], dueDate: "2030-06-30" }, params(w.action.id));
    expect(again.res.status).toBe(302);
    expect(actionRow(w.action.id)).toMatchObject({ title: "Survey benefit customers", expectedOutcomes: "Quicker claims", version: 3 });
  });
});

describe("stale edits after an owner's note", () => {
  it("names the owner's status change when a manager saves a form loaded before it", async () => {
    const w = world();
    const loaded = editForm(w.action.id);
    const note = await post(pageRoute, w.owner.user.id, `/projects/pilot/actions/${w.action.id}`, { intent: "addNote", body: "Stuck", noteDate: "2026-01-10", status: "blocked", blockedReason: "No data" }, params(w.action.id));
    expect(note.res.status).toBe(302);
    const { res, body } = await post(editRoute, w.manager.user.id, `/projects/pilot/actions/${w.action.id}/edit`, { ...loaded, percentComplete: "30" }, params(w.action.id));
    expect(res.status).toBe(400);
    expect(body!.errors.status).toBe("Status: Ben Turner changed this to “Blocked” since you opened the form; you entered “Not started”");
    expect(body!.errors.blockedReason).toMatch(/changed this to “No data”/);
    expect(actionRow(w.action.id)).toMatchObject({ status: "blocked", percentComplete: 0 });
  });
});

describe("flags on the action page", () => {
  it("are evaluated as of the date asked for", async () => {
    const w = world();
    const path = `/projects/pilot/actions/${w.action.id}`;
    const flagsOn = async (query: string) => {
      const res = await call(pageRoute.loader as never, await requestAs(w.reader.user.id, `${path}${query}`), params(w.action.id));
      return ((await res.json()) as { flags: Array<{ kind: string; label: string }>; asOf: string });
    };
    const later = await flagsOn("?asOf=2030-03-13");
    expect(later.asOf).toBe("2030-03-13");
    expect(later.flags.find((fl) => fl.kind === "overdue")?.label).toBe("Overdue by 12 days");
    const before = await flagsOn("?asOf=2030-02-20");
    expect(before.flags.map((fl) => fl.kind)).toEqual(["due_soon"]);
    const nonsense = await flagsOn("?asOf=2030-02-31");
    expect(nonsense.asOf).not.toBe("2030-02-31");
  });
});

describe("permissions", () => {
  it("lets an owner add a note that changes status and percent, but not edit dates (403)", async () => {
    const w = world();
    const pagePath = `/projects/pilot/actions/${w.action.id}`;
    const note = await post(pageRoute, w.owner.user.id, pagePath, { intent: "addNote", body: "Surveys sent", noteDate: "2026-01-10", status: "in_progress", percentComplete: "40" }, params(w.action.id));
    expect(note.res.status).toBe(302);
    expect(note.res.headers.get("Location")).toBe(`${pagePath}?added=note`);
    expect(actionRow(w.action.id)).toMatchObject({ status: "in_progress", percentComplete: 40 });

    const edit = await post(editRoute, w.owner.user.id, `${pagePath}/edit`, editForm(w.action.id, { dueDate: "2031-01-01", dueDateReason: "Want more time" }), params(w.action.id));
    expect(edit.res.status).toBe(403);
    expect(actionRow(w.action.id).dueDate).toBe("2030-03-01");
    const editPage = await call(editRoute.loader as never, await requestAs(w.owner.user.id, `${pagePath}/edit`), params(w.action.id));
    expect(editPage.status).toBe(403);
    const link = await post(pageRoute, w.owner.user.id, pagePath, { intent: "addDependency", direction: "predecessor", item: `a:${w.teamAction.id}` }, params(w.action.id));
    expect(link.res.status).toBe(403);
    expect(events("access.refused").length).toBeGreaterThanOrEqual(2);
  });

  it("counts members of an owning team as owners, and nobody else", async () => {
    const w = world();
    const ok = await post(pageRoute, w.teamMember.user.id, `/projects/pilot/actions/${w.teamAction.id}`, { intent: "addNote", body: "Started", noteDate: "2026-01-10" }, params(w.teamAction.id));
    expect(ok.res.status).toBe(302);
    // Ben owns 4.2, not 4.3.
    const not = await post(pageRoute, w.owner.user.id, `/projects/pilot/actions/${w.teamAction.id}`, { intent: "addNote", body: "Me too", noteDate: "2026-01-10" }, params(w.teamAction.id));
    expect(not.res.status).toBe(403);
  });

  it("lets a work-package lead update progress on any action in their work package, not others, and not edit dates", async () => {
    const w = world();
    const { led, elsewhere } = write((tx) => {
      tx.update(s.workPackages).set({ leadPersonId: w.teamMember.person.id }).where(eq(s.workPackages.id, w.wp1.id)).run();
      return {
        led: f.createAction(tx, w.project.id, { ref: "6.1", workPackageId: w.wp1.id, dueDate: "2030-05-01", ownerPersonIds: [w.owner.person.id] }),
        elsewhere: f.createAction(tx, w.project.id, { ref: "6.2", workPackageId: w.wp2.id, ownerPersonIds: [w.owner.person.id] }),
      };
    });
    const path = (id: number) => `/projects/pilot/actions/${id}`;
    const page = await call(pageRoute.loader as never, await requestAs(w.teamMember.user.id, path(led.id)), params(led.id));
    expect(((await page.json()) as { permissions: unknown }).permissions).toEqual({ canManage: false, canUpdateProgress: true });
    const note = await post(pageRoute, w.teamMember.user.id, path(led.id), { intent: "addNote", body: "Chased the supplier", noteDate: "2026-01-10", status: "done", percentComplete: "100" }, params(led.id));
    expect(note.res.status).toBe(302);
    expect(actionRow(led.id)).toMatchObject({ status: "done", percentComplete: 100 });
    expect(events("action.progress_note")).toHaveLength(1);

    const edit = await post(editRoute, w.teamMember.user.id, `${path(led.id)}/edit`, editForm(led.id, { dueDate: "2031-01-01", dueDateReason: "More time" }), params(led.id));
    expect(edit.res.status).toBe(403);
    expect(actionRow(led.id).dueDate).toBe("2030-05-01");

    const other = await post(pageRoute, w.teamMember.user.id, path(elsewhere.id), { intent: "addNote", body: "Not mine", noteDate: "2026-01-10" }, params(elsewhere.id));
    expect(other.res.status).toBe(403);
    const otherPage = await call(pageRoute.loader as never, await requestAs(w.teamMember.user.id, path(elsewhere.id)), params(elsewhere.id));
    expect(((await otherPage.json()) as { permissions: unknown }).permissions).toEqual({ canManage: false, canUpdateProgress: false });
    expect(getDb().select().from(s.progressNotes).where(eq(s.progressNotes.actionId, elsewhere.id)).all()).toHaveLength(0);
  });

  it("lets a reader read but not write (403), and hides the action from outsiders and other projects (404)", async () => {
    const w = world();
    const pagePath = `/projects/pilot/actions/${w.action.id}`;
    const page = await call(pageRoute.loader as never, await requestAs(w.reader.user.id, pagePath), params(w.action.id));
    expect(page.status).toBe(200);
    const data = (await page.json()) as { permissions: { canManage: boolean; canUpdateProgress: boolean } };
    expect(data.permissions).toEqual({ canManage: false, canUpdateProgress: false });
    const note = await post(pageRoute, w.reader.user.id, pagePath, { intent: "addNote", body: "Hello", noteDate: "2026-01-10" }, params(w.action.id));
    expect(note.res.status).toBe(403);
    expect(getDb().select().from(s.progressNotes).all()).toHaveLength(0);
    const cancel = await post(cancelRoute, w.reader.user.id, `${pagePath}/cancel`, { version: "1" }, params(w.action.id));
    expect(cancel.res.status).toBe(403);

    const outsider = await call(pageRoute.loader as never, await requestAs(w.outsider.user.id, pagePath), params(w.action.id));
    expect(outsider.status).toBe(404);
    // Another project's action under this project's address is not found, even for a manager.
    const wrong = await call(pageRoute.loader as never, await requestAs(w.manager.user.id, `/projects/pilot/actions/${w.otherAction.id}`), params(w.otherAction.id));
    expect(wrong.status).toBe(404);
  });
});

describe("progress notes", () => {
  it("needs a reason to mark blocked, keeps the input, and then shows the blocked flag on successors", async () => {
    const w = world();
    const successor = write((tx) => {
      const a = f.createAction(tx, w.project.id, { ref: "5.1", title: "Successor", dueDate: "2030-06-01", ownerPersonIds: [w.manager.person.id] });
      f.addDependency(tx, { actionId: w.action.id }, { actionId: a.id });
      return a;
    });
    const pagePath = `/projects/pilot/actions/${w.action.id}`;
    const noReason = await post(pageRoute, w.owner.user.id, pagePath, { intent: "addNote", body: "Stuck", noteDate: "2026-01-10", status: "blocked" }, params(w.action.id));
    expect(noReason.res.status).toBe(400);
    expect(noReason.body!.errors.blockedReason).toBe("Enter why the action is blocked");
    expect(noReason.body!.values).toMatchObject({ intent: "addNote", body: "Stuck" });

    const ok = await post(pageRoute, w.owner.user.id, pagePath, { intent: "addNote", body: "Stuck", noteDate: "2026-01-10", status: "blocked", blockedReason: "Supplier contract not signed" }, params(w.action.id));
    expect(ok.res.status).toBe(302);
    expect(actionRow(w.action.id)).toMatchObject({ status: "blocked", blockedReason: "Supplier contract not signed", version: 2 });
    const [note] = getDb().select().from(s.progressNotes).all();
    expect(note).toMatchObject({ statusChange: "blocked", authorPersonId: w.owner.person.id, body: "Stuck" });
    expect(events("action.progress_note")).toHaveLength(1);

    const page = await call(pageRoute.loader as never, await requestAs(w.manager.user.id, `/projects/pilot/actions/${successor.id}`), params(successor.id));
    const data = (await page.json()) as { flags: Array<{ kind: string; label: string }> };
    const blocked = data.flags.find((fl) => fl.kind === "blocked");
    expect(blocked?.label).toMatch(/Blocked by 4\.2/);
  });

  it("shows the timeline newest first and refuses an empty note", async () => {
    const w = world();
    const pagePath = `/projects/pilot/actions/${w.action.id}`;
    const empty = await post(pageRoute, w.owner.user.id, pagePath, { intent: "addNote", body: "", noteDate: "2026-01-10" }, params(w.action.id));
    expect(empty.res.status).toBe(400);
    await post(pageRoute, w.owner.user.id, pagePath, { intent: "addNote", body: "First", noteDate: "2026-01-05" }, params(w.action.id));
    await post(pageRoute, w.owner.user.id, pagePath, { intent: "addNote", body: "Second", noteDate: "2026-01-09" }, params(w.action.id));
    const page = await call(pageRoute.loader as never, await requestAs(w.reader.user.id, pagePath), params(w.action.id));
    const data = (await page.json()) as { notes: Array<{ body: string; author: string }> };
    expect(data.notes.map((n) => [n.body, n.author])).toEqual([
      ["Second", "Ben Turner"],
      ["First", "Ben Turner"],
    ]);
  });
});

describe("dependencies", () => {
  it("refuses a link that closes a cycle, naming it, and audits links made and removed", async () => {
    const w = world();
    const [a51, a33] = write((tx) => [
      f.createAction(tx, w.project.id, { ref: "5.1" }),
      f.createAction(tx, w.project.id, { ref: "3.3" }),
    ]);
    const on = (id: number) => `/projects/pilot/actions/${id}`;
    // 5.1 waits for 4.2 is what we will try last; first 3.3 waits for 5.1, and 4.2 waits for 3.3.
    expect((await post(pageRoute, w.manager.user.id, on(a33!.id), { intent: "addDependency", direction: "predecessor", item: `a:${a51!.id}` }, params(a33!.id))).res.status).toBe(302);
    expect((await post(pageRoute, w.manager.user.id, on(a33!.id), { intent: "addDependency", direction: "successor", item: `a:${w.action.id}`, lagDays: "2" }, params(a33!.id))).res.status).toBe(302);
    const cycle = await post(pageRoute, w.manager.user.id, on(a51!.id), { intent: "addDependency", direction: "predecessor", item: `a:${w.action.id}` }, params(a51!.id));
    expect(cycle.res.status).toBe(400);
    expect(cycle.body!.errors.item).toBe("That link would make a loop, so it cannot be added: 4.2 → 5.1 → 3.3 → 4.2");
    expect(getDb().select().from(s.dependencies).all()).toHaveLength(2);
    expect(events("dependency.create")).toHaveLength(2);

    const links = getDb().select().from(s.dependencies).where(eq(s.dependencies.successorActionId, w.action.id)).get()!;
    expect(links.lagDays).toBe(2);
    const removed = await post(pageRoute, w.manager.user.id, on(w.action.id), { intent: "removeDependency", dependencyId: String(links.id) }, params(w.action.id));
    expect(removed.res.status).toBe(302);
    expect(events("dependency.delete")).toHaveLength(1);
    expect(getDb().select().from(s.dependencies).all()).toHaveLength(1);
  });

  it("links actions with milestones and names a milestone in a cycle", async () => {
    const w = world();
    const goLive = write((tx) => f.createMilestone(tx, w.project.id, { name: "Go live", targetDate: "2030-04-01" }));
    const on = `/projects/pilot/actions/${w.action.id}`;
    // Go live waits for 4.2; 4.3 waits for Go live.
    expect((await post(pageRoute, w.manager.user.id, on, { intent: "addDependency", direction: "successor", item: `m:${goLive.id}` }, params(w.action.id))).res.status).toBe(302);
    write((tx) => f.addDependency(tx, { milestoneId: goLive.id }, { actionId: w.teamAction.id }));
    const cycle = await post(pageRoute, w.manager.user.id, on, { intent: "addDependency", direction: "predecessor", item: `a:${w.teamAction.id}` }, params(w.action.id));
    expect(cycle.body!.errors.item).toBe("That link would make a loop, so it cannot be added: 4.3 → 4.2 → milestone “Go live” → 4.3");
    const page = await call(pageRoute.loader as never, await requestAs(w.reader.user.id, on), params(w.action.id));
    const data = (await page.json()) as { links: { successors: Array<{ label: string; href: string }> } };
    expect(data.links.successors).toEqual([expect.objectContaining({ label: "milestone “Go live”", href: "/projects/pilot/milestones" })]);
  });

  it("links across projects of the programme only for someone who manages both; a guessed item answers 404 and writes nothing", async () => {
    const w = world();
    const elsewhere = write((tx) => f.createAction(tx, f.createProject(tx).id, { ref: "1" }));
    const on = `/projects/pilot/actions/${w.action.id}`;
    const link = (userId: number, item: string) => post(pageRoute, userId, on, { intent: "addDependency", direction: "predecessor", item }, params(w.action.id));
    // The pilot's manager may not see the other project: its action is as unknown as a missing one.
    expect((await link(w.manager.user.id, `a:${w.otherAction.id}`)).res.status).toBe(404);
    expect((await link(w.manager.user.id, "a:999999")).res.status).toBe(404);
    // Seeing it is not enough: a reader of the other project is refused with 403.
    write((tx) => f.addRole(tx, w.other.id, w.manager.person.id, "reader"));
    expect((await link(w.manager.user.id, `a:${w.otherAction.id}`)).res.status).toBe(403);
    expect(getDb().select().from(s.dependencies).all()).toHaveLength(0);
    // Managing both, the link is made; outside the programme it never is.
    write((tx) => f.addRole(tx, w.other.id, w.manager.person.id, "manager"));
    expect((await link(w.manager.user.id, `a:${w.otherAction.id}`)).res.status).toBe(302);
    write((tx) => f.addRole(tx, elsewhere.projectId, w.manager.person.id, "manager"));
    expect((await link(w.manager.user.id, `a:${elsewhere.id}`)).res.status).toBe(404);
    expect(getDb().select().from(s.dependencies).all()).toHaveLength(1);
  });
});

describe("cancelling", () => {
  it("marks the action cancelled, keeps it and its history, and notes the reason", async () => {
    const w = world();
    const path = `/projects/pilot/actions/${w.action.id}/cancel`;
    const page = await call(cancelRoute.loader as never, await requestAs(w.manager.user.id, path), params(w.action.id));
    expect(page.status).toBe(200);
    const { res } = await post(cancelRoute, w.manager.user.id, path, { version: "1", reason: "Superseded by the e-claims project" }, params(w.action.id));
    expect(res.status).toBe(302);
    expect(actionRow(w.action.id)).toMatchObject({ status: "cancelled", version: 2 });
    const [note] = getDb().select().from(s.progressNotes).all();
    expect(note).toMatchObject({ statusChange: "cancelled", body: "Cancelled: Superseded by the e-claims project" });
    expect(events("action.cancel")).toHaveLength(1);
  });
});
