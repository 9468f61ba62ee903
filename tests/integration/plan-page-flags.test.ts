import { getSqlite } from "~/db.server";
import { loadPlan, type Plan } from "~/modules/action/plan.server";
import { readPlanQuery } from "~/modules/action/plan-view";
import { systemViewer } from "~/modules/auth/access.server";
import { generateBenchData } from "../../scripts/bench/generate";

const TODAY = "2026-11-30";
const rowsOf = (plan: Plan) => plan.groups.flatMap((g) => g.sections.flatMap((s) => s.rows));

describe("a plan page works out flags for its own rows only, and they are the flags of the whole plan", () => {
  it("gives every row of every page of the programme plan the flags the all-rows view gives it", () => {
    const data = generateBenchData(getSqlite(), { today: TODAY, passwordHash: "not-used", users: 2 });
    const projects = getSqlite().prepare("select id, slug, name from projects order by id").all() as { id: number; slug: string; name: string }[];
    const viewer = systemViewer();
    const query = readPlanQuery(new URLSearchParams());
    const all = new Map(rowsOf(loadPlan({ viewer, projects, asOf: TODAY, query, page: "all" })).map((r) => [r.id, r.flags]));
    expect(all.size).toBe(data.counts.actions);
    let seen = 0;
    let blocked = 0;
    for (let page = 1; page <= 10; page++) {
      for (const row of rowsOf(loadPlan({ viewer, projects, asOf: TODAY, query, page }))) {
        expect(row.flags, `flags of action ${row.ref}`).toEqual(all.get(row.id));
        seen++;
        if (row.flags.some((f) => f.kind === "blocked")) blocked++;
      }
    }
    expect(seen).toBe(data.counts.actions);
    // Chains across projects are part of what is compared.
    expect(blocked).toBeGreaterThan(10);
  });
});
