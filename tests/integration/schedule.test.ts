import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import * as schema from "#db/schema";
import { getSqlite, write } from "~/db.server";
import { addDays } from "~/modules/action/rules";
import { flagsForActions, flagsForProjects, loadSchedule } from "~/modules/action/schedule.server";
import { main } from "~/cli/main";
import * as f from "../../seeds/factories";

const D = "2026-11-22";

function build() {
  return write((tx) => {
    const programme = f.createProgramme(tx);
    const other = f.createProgramme(tx);
    const project = f.createProject(tx, { programmeId: programme.id, staleDays: 10, dueSoonDays: 7 });
    const sibling = f.createProject(tx, { programmeId: programme.id });
    const stranger = f.createProject(tx, { programmeId: other.id });
    const alice = f.createPerson(tx);
    const team = f.createTeam(tx);
    const upstream = f.createAction(tx, sibling.id, { ref: "S1", dueDate: addDays(D, -12), ownerPersonIds: [alice.id] });
    const a = f.createAction(tx, project.id, {
      ref: "1",
      status: "in_progress",
      dueDate: addDays(D, 5),
      ownerPersonIds: [alice.id],
      ownerTeamIds: [team.id],
    });
    const b = f.createAction(tx, project.id, { ref: "2", dueDate: addDays(D, 30) });
    f.addDueDateChange(tx, b.id, { oldDueDate: addDays(D, 10), newDueDate: addDays(D, 20) });
    f.addDueDateChange(tx, b.id, { oldDueDate: addDays(D, 20), newDueDate: addDays(D, 30) });
    tx.update(schema.actions).set({ baselineDueDate: addDays(D, 10) }).where(eq(schema.actions.id, b.id)).run();
    f.addProgressNote(tx, a.id, { noteDate: addDays(D, -20), body: "old" });
    f.addProgressNote(tx, a.id, { noteDate: addDays(D, -11), body: "newer" });
    f.addProgressNote(tx, a.id, { noteDate: addDays(D, 3), body: "written after D" });
    const m = f.createMilestone(tx, project.id, { name: "Go live", targetDate: addDays(D, -1) });
    f.addDependency(tx, { actionId: upstream.id }, { actionId: b.id });
    f.addDependency(tx, { actionId: b.id }, { milestoneId: m.id }, 2);
    f.createAction(tx, stranger.id, { ref: "X", dueDate: addDays(D, -1) });
    // In the same programme but nothing depends on it: not loaded.
    f.createAction(tx, sibling.id, { ref: "S2", dueDate: addDays(D, -1) });
    return { project, sibling, stranger, a, b, upstream, m };
  });
}

describe("loadSchedule", () => {
  it("loads actions with owner counts, last note dates (as of D), move counts, milestones and links", () => {
    const { project, sibling, a, b, upstream, m } = build();
    const schedule = loadSchedule({ projectIds: [project.id], asOf: D });
    expect(schedule.projectIds).toEqual([project.id]);
    // Items the project depends on come too, from whichever project holds them; nothing else does.
    expect(schedule.projects.map((p) => p.id).sort()).toEqual([project.id, sibling.id].sort());
    expect(schedule.settings[project.id]).toEqual({ dueSoonDays: 7, staleDays: 10 });
    const byId = new Map(schedule.actions.map((x) => [x.id, x]));
    expect(byId.get(a.id)).toMatchObject({ ref: "1", ownerCount: 2, lastNoteDate: addDays(D, -11), dueDateMoves: 0 });
    expect(byId.get(b.id)).toMatchObject({ ownerCount: 0, lastNoteDate: null, dueDateMoves: 2, baselineDueDate: addDays(D, 10) });
    expect(byId.has(upstream.id)).toBe(true);
    expect(schedule.actions).toHaveLength(3);
    expect(schedule.milestones).toEqual([{ id: m.id, projectId: project.id, name: "Go live", targetDate: addDays(D, -1), achievedDate: null }]);
    expect(schedule.dependencies).toEqual([
      { predecessor: { kind: "action", id: upstream.id }, successor: { kind: "action", id: b.id }, lagDays: 0 },
      { predecessor: { kind: "action", id: b.id }, successor: { kind: "milestone", id: m.id }, lagDays: 2 },
    ]);
    // Without an as-of date every note counts.
    expect(loadSchedule({ projectIds: [project.id] }).actions.find((x) => x.id === a.id)!.lastNoteDate).toBe(addDays(D, 3));
  });

  it("runs the same fixed number of queries however many notes there are", () => {
    const { project, a } = build();
    const executed: string[] = [];
    const conn = new Database(process.env.DATABASE_PATH!, { verbose: (sql) => executed.push(String(sql)) });
    try {
      loadSchedule({ projectIds: [project.id], asOf: D }, conn);
      const few = executed.length;
      write((tx) => {
        for (let k = 0; k < 200; k++) f.addProgressNote(tx, a.id, { noteDate: addDays(D, -k), body: `n${k}` });
        for (let k = 0; k < 50; k++) f.createAction(tx, project.id, { ownerPersonIds: [] });
      });
      executed.length = 0;
      loadSchedule({ projectIds: [project.id], asOf: D }, conn);
      expect(few).toBe(5);
      expect(executed).toHaveLength(5);
    } finally {
      conn.close();
    }
  });
});

describe("flagsForProjects", () => {
  it("evaluates with the project's settings and cross-project predecessors", () => {
    const { project, a, b, m } = build();
    const flags = flagsForProjects({ projectIds: [project.id], asOf: D });
    expect(flags.actions.map((x) => x.action.id)).toEqual([a.id, b.id]);
    const of = (id: number) => flags.actions.find((x) => x.action.id === id)!.flags;
    // due in 5 days with a 7-day window; last note (as of D) 11 days ago with a 10-day window.
    expect(of(a.id)).toEqual([
      { kind: "due_soon", days: 5 },
      { kind: "stale", daysSinceNote: 11, lastNoteDate: addDays(D, -11) },
    ]);
    expect(of(b.id).map((x) => x.kind)).toEqual(["blocked", "unowned", "slipped"]);
    const blocked = of(b.id)[0];
    expect(blocked).toMatchObject({ causes: [{ item: { ref: "S1" }, why: [{ kind: "overdue", days: 12 }] }] });
    expect(flags.milestones).toEqual([
      {
        milestone: expect.objectContaining({ id: m.id }),
        flags: [
          { kind: "missed", days: 1 },
          // Missed wins over at risk (decision 0011); the late predecessor is a schedule conflict.
          expect.objectContaining({ kind: "schedule_conflict" }),
        ],
      },
    ]);
  });
});

describe("flagsForActions", () => {
  it("gives the same flags as flagsForProjects, loading only the actions and their ancestors", () => {
    const { project, a, b, upstream } = build();
    const all = flagsForProjects({ projectIds: [project.id], asOf: D });
    const some = flagsForActions({ actionIds: [b.id], asOf: D });
    expect(some.actions).toEqual(all.actions.filter((x) => x.action.id === b.id));
    expect(some.schedule.actions.map((x) => x.id).sort()).toEqual([b.id, upstream.id].sort());
    expect(some.schedule.actions.some((x) => x.id === a.id)).toBe(false);
  });
});

describe("waymark flags", () => {
  async function run(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["flags", ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  it("prints flagged items with their causes as a table, and as JSON", async () => {
    const { project } = build();
    const slug = getSqlite().prepare("select slug from projects where id = ?").pluck().get(project.id) as string;
    const table = await run("--project", slug, "--as-of", D);
    expect(table.code).toBe(0);
    expect(table.out).toContain(`Flagged items as of ${D}:`);
    expect(table.out).toMatch(/2 .*blocked\s+Blocked by S1, which is 12 days overdue/);
    expect(table.out).toMatch(/Milestone: Go live\s+missed\s+Missed by 1 day/);
    expect(table.out).not.toContain(" X "); // another programme's action
    const json = JSON.parse((await run("--project", slug, "--as-of", D, "--json")).out);
    expect(json.asOf).toBe(D);
    expect(json.items.map((i: { kind: string; ref: string | null; title: string }) => i.ref ?? i.title)).toEqual(["1", "2", "Go live"]);
    const blocked = json.items[1].flags.find((x: { kind: string }) => x.kind === "blocked");
    expect(blocked.causes[0]).toMatchObject({ item: { ref: "S1" }, why: [{ kind: "overdue", days: 12 }] });
    expect(blocked.label).toBe("Blocked by S1, which is 12 days overdue");
  });

  it("refuses a bad date or an unknown project", async () => {
    build();
    expect(await run("--as-of", "22/11/2026")).toMatchObject({ code: 2, err: expect.stringMatching(/YYYY-MM-DD/) });
    expect(await run("--project", "nope")).toMatchObject({ code: 1, err: 'No project with the slug "nope".' });
  });
});
