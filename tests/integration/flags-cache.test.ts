import Database from "better-sqlite3";
import { countStatements, getSqlite, write } from "~/db.server";
import { flagsForActions, flagsForProjects } from "~/modules/action/schedule.server";
import { addDependency, addProgressNote, createAction, createProject, createUser } from "../../seeds/factories";

const TODAY = "2026-11-30";
const kindsOf = (flags: ReturnType<typeof flagsForProjects>, actionId: number) => (flags.result.actions.get(actionId) ?? []).map((f) => f.kind);

function scenario() {
  return write((tx) => {
    const owner = createUser(tx);
    const project = createProject(tx, { slug: "cached", staleDays: 30 });
    // Late, and its successor is blocked by it.
    const late = createAction(tx, project.id, { ref: "1", dueDate: "2026-11-01", status: "in_progress", ownerPersonIds: [owner.person.id] });
    const waiting = createAction(tx, project.id, { ref: "2", dueDate: "2027-01-31", ownerPersonIds: [owner.person.id] });
    addDependency(tx, { actionId: late.id }, { actionId: waiting.id });
    addProgressNote(tx, late.id, { noteDate: "2026-11-20", body: "Chasing the supplier." });
    return { project, late, waiting };
  });
}

describe("flags are kept while what the rules read is unchanged", () => {
  it("answers the same question again from the cache, with one statement and the same result", async () => {
    const { project, late } = scenario();
    const first = await countStatements(() => flagsForProjects({ projectIds: [project.id], asOf: TODAY }));
    const again = await countStatements(() => flagsForProjects({ projectIds: [project.id], asOf: TODAY }));
    expect(first.statements).toBeGreaterThan(3);
    // Only the version of the rules' inputs is read.
    expect(again.statements).toBe(1);
    expect(again.result).toBe(first.result);
    expect(kindsOf(again.result, late.id)).toContain("overdue");
    // Another date is another question.
    const later = flagsForProjects({ projectIds: [project.id], asOf: "2026-10-01" });
    expect(later).not.toBe(first.result);
    expect(kindsOf(later, late.id)).not.toContain("overdue");
  });

  it("works them out afresh after any write to what the rules read", () => {
    const { project, late, waiting } = scenario();
    const before = flagsForProjects({ projectIds: [project.id], asOf: TODAY });
    expect(kindsOf(before, waiting.id)).toContain("blocked");
    expect(flagsForActions({ actionIds: [waiting.id], asOf: TODAY }).result.actions.get(waiting.id)?.map((f) => f.kind)).toContain("blocked");

    // The predecessor is finished: nothing is blocked any more.
    getSqlite().prepare("update actions set status = 'done', completed_date = '2026-11-25' where id = ?").run(late.id);
    const after = flagsForProjects({ projectIds: [project.id], asOf: TODAY });
    expect(after).not.toBe(before);
    expect(kindsOf(after, waiting.id)).not.toContain("blocked");
    expect(kindsOf(after, late.id)).not.toContain("overdue");
    expect(flagsForActions({ actionIds: [waiting.id], asOf: TODAY }).result.actions.get(waiting.id) ?? []).toEqual([]);

    // Deleting the dependency, a note or an owner moves the version too.
    for (const statement of [
      "delete from dependencies",
      "delete from progress_notes",
      "delete from action_owners",
      "update projects set stale_days = 5",
      "insert into due_date_changes (action_id, old_due_date, new_due_date, reason) values (" + waiting.id + ", '2027-01-31', '2027-02-28', 'moved')",
    ]) {
      const version = () => getSqlite().prepare("select version from flag_inputs_version").pluck().get() as number;
      const v = version();
      getSqlite().exec(statement);
      expect(version(), statement).toBeGreaterThan(v);
    }
  });

  it("sees a write committed by another process (another connection to the same file)", () => {
    const { project, late } = scenario();
    expect(kindsOf(flagsForProjects({ projectIds: [project.id], asOf: TODAY }), late.id)).toContain("overdue");
    const other = new Database(getSqlite().name);
    try {
      other.prepare("update actions set due_date = '2026-12-20' where id = ?").run(late.id);
    } finally {
      other.close();
    }
    expect(kindsOf(flagsForProjects({ projectIds: [project.id], asOf: TODAY }), late.id)).not.toContain("overdue");
  });

  it("keeps nothing worked out inside a transaction that is then rolled back", () => {
    const { project, late } = scenario();
    const committed = flagsForProjects({ projectIds: [project.id], asOf: TODAY });
    expect(() =>
      write((tx) => {
        tx.run(`update actions set due_date = '2027-06-30' where id = ${late.id}`);
        // Inside the transaction the rules see the change…
        expect(kindsOf(flagsForProjects({ projectIds: [project.id], asOf: TODAY }), late.id)).not.toContain("overdue");
        throw new Error("roll back");
      }),
    ).toThrow("roll back");
    // …and after the rollback they see the committed data again, not what the transaction saw.
    const after = flagsForProjects({ projectIds: [project.id], asOf: TODAY });
    expect(kindsOf(after, late.id)).toContain("overdue");
    expect(after).toBe(committed);
    // The next committed write takes the version the rolled-back one had: still the committed data.
    write((tx) => addProgressNote(tx, late.id, { noteDate: "2026-11-29", body: "Supplier replied." }));
    expect(kindsOf(flagsForProjects({ projectIds: [project.id], asOf: TODAY }), late.id)).toContain("overdue");
  });

  it("shares a frozen result, so no reader can change what the next one reads", () => {
    const { project, late } = scenario();
    const flags = flagsForProjects({ projectIds: [project.id], asOf: TODAY });
    expect(() => (flags.actions as unknown[]).push({})).toThrow(TypeError);
    const list = flags.result.actions.get(late.id)!;
    expect(() => (list as unknown[]).push({})).toThrow(TypeError);
  });
});
