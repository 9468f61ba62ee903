import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getSqlite, write } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { systemActor } from "~/modules/audit/actor";
import { verifyAuditChain } from "~/modules/audit/service.server";
import { addDays, flagLabel } from "~/modules/action/rules";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { exportProject } from "~/modules/portability/export.server";
import { ImportRefusedError, importProject } from "~/modules/portability/import.server";
import * as f from "../../seeds/factories";
import { cliOutput, runCli } from "../support/cli";

const D = "2026-11-22";
const actor = systemActor("test");

function buildProject() {
  write((tx) => {
    const programme = f.createProgramme(tx, { slug: "revs", name: "Revenues" });
    const dbc = f.createOrganisation(tx, { code: "DBC", name: "Dacorum" });
    const manager = f.createPerson(tx, { name: "Mary Manager", email: "mary@example.org", organisationId: dbc.id });
    const lead = f.createPerson(tx, { name: "Len Lead", email: "len@example.org" });
    const noEmail = f.createPerson(tx, { name: "Nora No-Email", email: null });
    const board = f.createTeam(tx, { name: "Programme Board", organisationId: dbc.id }, [manager.id, lead.id]);
    const project = f.createProject(tx, { slug: "pilot", name: "Pilot", programmeId: programme.id, managerPersonId: manager.id, staleDays: 20 });
    f.addRole(tx, project.id, manager.id, "manager");
    f.addRole(tx, project.id, lead.id, "contributor");
    const wp1 = f.createWorkPackage(tx, project.id, { ref: "WP1", name: "Policy", leadPersonId: lead.id });
    const wp2 = f.createWorkPackage(tx, project.id, { ref: "WP2", name: "Kit" });
    f.linkWorkPackages(tx, wp1.id, wp2.id);
    const stage = f.createStage(tx, wp1.id, { name: "Design", plannedStart: addDays(D, -60), datesNote: "" });
    const m = f.createMilestone(tx, project.id, { name: "Go live", targetDate: addDays(D, 10) });
    const r1 = f.createRecommendation(tx, project.id, { ref: "R1", title: "Do better" });
    const a1 = f.createAction(tx, project.id, {
      ref: "1.1",
      workPackageId: wp1.id,
      stageId: stage.id,
      dueDate: addDays(D, -12),
      ownerPersonIds: [lead.id],
      ownerTeamIds: [board.id],
      recommendationIds: [r1.id],
      status: "in_progress",
      createdAt: "2026-08-01T09:00:00.000Z",
    });
    f.addDueDateChange(tx, a1.id, { oldDueDate: addDays(D, -12), newDueDate: addDays(D, -5), reason: "Late kit", changedByPersonId: manager.id });
    f.addProgressNote(tx, a1.id, { noteDate: addDays(D, -25), body: "Started", authorPersonId: noEmail.id });
    const a2 = f.createAction(tx, project.id, { ref: "1.2", workPackageId: wp1.id, plannedStart: addDays(D, -1), dueDate: addDays(D, 5) });
    const a3 = f.createAction(tx, project.id, { ref: "2.1", workPackageId: wp2.id, status: "blocked", blockedReason: "No vendor", ownerPersonIds: [noEmail.id] });
    const a4 = f.createAction(tx, project.id, { ref: "2.2", workPackageId: wp2.id, status: "done", completedDate: addDays(D, -1), dueDate: addDays(D, -2) });
    const a5 = f.createAction(tx, project.id, { ref: "2.3", plannedStart: addDays(D, -1), ownerPersonIds: [lead.id] });
    f.addDependency(tx, { actionId: a1.id }, { actionId: a2.id });
    f.addDependency(tx, { actionId: a3.id }, { milestoneId: m.id });
    f.addDependency(tx, { milestoneId: m.id }, { actionId: a5.id });
    f.addDependency(tx, { actionId: a4.id }, { actionId: a5.id }, 3);
    // Another project of the programme: not part of the export (finished, so flags do not depend on it).
    const other = f.createProject(tx, { slug: "other", programmeId: programme.id });
    const elsewhere = f.createAction(tx, other.id, { ref: "X1", status: "cancelled" });
    f.addDependency(tx, { actionId: elsewhere.id }, { actionId: a2.id });
  });
}

/** Switches the process to a freshly migrated, empty database. */
function emptyDatabase() {
  closeDb();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "waymark-import-")), "empty.db");
  fs.copyFileSync(path.resolve("tests/.cache/template.db"), file);
  process.env.DATABASE_PATH = file;
  resetEnvCache();
  return file;
}

function flagsByRef(slug: string) {
  const project = getSqlite().prepare("select id from projects where slug = ?").get(slug) as { id: number };
  const flags = flagsForProjects({ projectIds: [project.id], asOf: D });
  return {
    actions: Object.fromEntries(flags.actions.map((a) => [a.action.ref, a.flags.map(flagLabel)])),
    milestones: Object.fromEntries(flags.milestones.map((m) => [m.milestone.name, m.flags.map(flagLabel)])),
  };
}

const count = (table: string) => (getSqlite().prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe("export and import", () => {
  it("round-trips a project into an empty database with the same flags and data", () => {
    buildProject();
    const before = flagsByRef("pilot");
    const exported = JSON.parse(JSON.stringify(exportProject({ slug: "pilot" })));
    expect(exported).toMatchObject({ format: "waymark-project", version: 1, programme: { slug: "revs" } });
    expect(exported.dependencies).toHaveLength(4); // the link from the other project stays behind

    emptyDatabase();
    const summary = importProject({ actor, value: exported });
    expect(summary.counts).toMatchObject({ actions: 5, progressNotes: 1, dependencies: 4, milestones: 1, workPackages: 2 });
    expect(flagsByRef("pilot")).toEqual(before);
    // Sanity: the flags are not trivially empty.
    expect(before.actions["1.2"].join(" ")).toMatch(/Blocked by 1.1, which is 5 days overdue/);
    expect(before.actions["2.3"].join(" ")).toMatch(/lag runs until/);

    const { exportedAt: _a, ...again } = exportProject({ slug: "pilot" });
    const { exportedAt: _b, ...first } = exported;
    expect(again).toEqual(first);

    const events = getSqlite().prepare("select event from audit_events order by id").all() as { event: string }[];
    expect(events.map((e) => e.event)).toContain("project.import");
    expect(events.filter((e) => e.event === "person.create")).toHaveLength(3);
    expect(verifyAuditChain(getSqlite()).ok).toBe(true);
  });

  it("refuses a bad file with the path of each fault and writes nothing", () => {
    buildProject();
    const doc = JSON.parse(JSON.stringify(exportProject({ slug: "pilot" })));
    emptyDatabase();
    doc.project.slug = "fresh";
    doc.actions[1].due = "31/12/2026";
    doc.actions[2].status = "stuck";
    doc.actions[0].owners.people.push("ghost@example.org");
    doc.dependencies[0].predecessor = { action: "9.9" };
    doc.workPackages[0].stages[0].plannedStart = "2026-02-30";
    const tables = ["projects", "people", "actions", "audit_events", "organisations", "teams"];
    const counts = tables.map(count);
    let refused: ImportRefusedError | undefined;
    try {
      importProject({ actor, value: doc });
    } catch (error) {
      refused = error as ImportRefusedError;
    }
    expect(refused).toBeInstanceOf(ImportRefusedError);
    expect(refused!.errors).toEqual(
      expect.arrayContaining([
        "actions[1].due: not a date",
        expect.stringMatching(/^actions\[2\]\.status: not one of not_started/),
        "workPackages[0].stages[0].plannedStart: not a date",
      ]),
    );
    expect(tables.map(count)).toEqual(counts);
  });

  it("reports broken references once the shapes are right", () => {
    buildProject();
    const doc = JSON.parse(JSON.stringify(exportProject({ slug: "pilot" })));
    emptyDatabase();
    doc.actions[0].owners.people.push("ghost@example.org");
    doc.dependencies[0].predecessor = { action: "9.9" };
    doc.actions.push({ ...doc.actions[0], notes: [], dueDateChanges: [] });
    expect(() => importProject({ actor, value: doc })).toThrow(ImportRefusedError);
    try {
      importProject({ actor, value: doc });
    } catch (error) {
      expect((error as ImportRefusedError).errors).toEqual(
        expect.arrayContaining([
          'actions[0].owners.people[1]: no person "ghost@example.org" in people',
          'dependencies[0].predecessor.action: no action "9.9"',
          'actions[5].ref: another action already has "1.1"',
        ]),
      );
    }
    expect(count("projects")).toBe(0);
  });

  it("refuses a file that is not an export at all", () => {
    expect(() => importProject({ actor, value: { format: "something", version: 2 } })).toThrow(/format: not "waymark-project"/);
    expect(() => importProject({ actor, value: [] })).toThrow(ImportRefusedError);
  });

  it("refuses a dependency cycle, naming it", () => {
    buildProject();
    const doc = JSON.parse(JSON.stringify(exportProject({ slug: "pilot" })));
    emptyDatabase();
    doc.dependencies.push({ predecessor: { action: "1.2" }, successor: { action: "1.1" }, lagDays: 0 });
    expect(() => importProject({ actor, value: doc })).toThrow(/dependencies\[4\]: closes a cycle 1\.2 → 1\.1 → 1\.2/);
    expect(count("projects")).toBe(0);
  });

  it("refuses a project whose slug exists, and writes nothing", () => {
    buildProject();
    const doc = JSON.parse(JSON.stringify(exportProject({ slug: "pilot" })));
    const counts = ["projects", "people", "actions", "audit_events"].map(count);
    expect(() => importProject({ actor, value: doc })).toThrow(/project\.slug: a project with the slug "pilot" already exists/);
    expect(["projects", "people", "actions", "audit_events"].map(count)).toEqual(counts);
  });

  it("works from the command line: export, then import into an empty database", async () => {
    buildProject();
    const json = await cliOutput(["export", "--project", "pilot"]);
    const file = path.join(os.tmpdir(), `waymark-export-${process.pid}.json`);
    fs.writeFileSync(file, json);
    const target = emptyDatabase();
    const out = await cliOutput(["import", file], { DATABASE_PATH: target });
    expect(out).toMatch(/Imported project "pilot": 5 actions, 1 progress notes, 4 dependencies/);
    const flags = JSON.parse(
      await cliOutput(["flags", "--project", "pilot", "--as-of", D, "--json"], { DATABASE_PATH: target }),
    );
    expect(flags.items.find((i: { ref: string }) => i.ref === "1.2").flags.map((x: { kind: string }) => x.kind)).toEqual(["due_soon", "blocked", "unowned"]);

    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(json), project: { ...JSON.parse(json).project, slug: "second" }, actions: [{ ref: "1", title: "x", due: "soon" }] }));
    const { code, stderr } = await runCli(["import", file], { DATABASE_PATH: target });
    expect(code).toBe(1);
    expect(stderr).toContain("nothing was written");
    expect(stderr).toContain("actions[0].due: not a date");
  });
});
