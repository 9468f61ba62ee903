import { eq } from "drizzle-orm";
import { people, users } from "#db/schema";
import { getDb, write } from "~/db.server";
import { loader as actionPlan } from "~/routes/projects.$slug.actions._index";
import { seedDemo } from "../../seeds/demo";
import { DEMO_USERS } from "../../seeds/demo-users";
import { call, requestAs } from "../utils";
import { cliOutput } from "../support/cli";

// `waymark flags --json` and the action plan page must give the same answers for one as-of date.
const TODAY = "2026-11-22";

function managerUserId() {
  const row = getDb()
    .select({ id: users.id })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(eq(users.email, DEMO_USERS.manager.email))
    .get();
  return row!.id;
}

describe("flags on the page and from the CLI", () => {
  for (const asOf of [TODAY, "2027-01-15"]) {
    it(`agree for every action of the demo plans as of ${asOf}`, async () => {
      write((tx) => seedDemo(tx, { today: TODAY }));
      for (const slug of ["home-working-pilot", "benefits-improvement"]) {
        const cli = JSON.parse(
          await cliOutput(["flags", "--project", slug, "--as-of", asOf, "--json"]),
        ) as { items: Array<{ kind: string; ref: string | null; flags: Array<{ kind: string; label: string }> }> };
        const fromCli = Object.fromEntries(
          cli.items.filter((i) => i.kind === "action").map((i) => [i.ref, i.flags.map((f) => f.label)]),
        );

        const response = await call(actionPlan, await requestAs(managerUserId(), `/projects/${slug}/actions?asOf=${asOf}`), { slug });
        const data = (await response.json()) as {
          plan: { groups: Array<{ sections: Array<{ rows: Array<{ ref: string; flags: Array<{ text: string }> }> }> }> };
        };
        const fromPage = Object.fromEntries(
          data.plan.groups
            .flatMap((g) => g.sections.flatMap((s) => s.rows))
            .filter((r) => r.flags.length > 0)
            .map((r) => [r.ref, r.flags.map((f) => f.text)]),
        );
        expect(Object.keys(fromPage).length).toBeGreaterThan(3);
        expect(fromPage).toEqual(fromCli);
      }
    });
  }
});
