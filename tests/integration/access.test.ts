import { sql } from "drizzle-orm";
import { getDb, write } from "~/db.server";
import { loader as projectLayout } from "~/routes/projects.$slug";
import { loader as projectOverview } from "~/routes/projects.$slug._index";
import { addRole, createProject, createUser } from "../../seeds/factories";
import { call, requestAs } from "../utils";

function refusals() {
  return getDb().all<{ n: number }>(sql`select count(*) as n from audit_events where event = 'access.refused'`)[0]!.n;
}

describe("project access", () => {
  it("gives 404 to a user with no role, records the refusal once per request, and lets a reader in", async () => {
    const { project, outsider, reader } = write((tx) => {
      const project = createProject(tx, { slug: "secret-project" });
      const outsider = createUser(tx);
      const reader = createUser(tx);
      addRole(tx, project.id, reader.person.id, "reader");
      return { project, outsider, reader };
    });
    const request = await requestAs(outsider.user.id, `/projects/${project.slug}`);
    const params = { slug: project.slug };
    // Remix runs the layout's and the page's loaders for the same request.
    const [layout, page] = await Promise.all([call(projectLayout, request, params), call(projectOverview, request, params)]);
    expect([layout.status, page.status]).toEqual([404, 404]);
    expect(refusals()).toBe(1);

    const allowed = await call(projectLayout, await requestAs(reader.user.id, `/projects/${project.slug}`), params);
    expect(allowed.status).toBe(200);
    expect(refusals()).toBe(1);
  });

  it("gives the same 404 for a project that does not exist", async () => {
    const { outsider } = write((tx) => ({ outsider: createUser(tx) }));
    const response = await call(projectLayout, await requestAs(outsider.user.id, "/projects/no-such-project"), { slug: "no-such-project" });
    expect(response.status).toBe(404);
  });
});
