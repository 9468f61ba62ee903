import type { AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { sessions } from "#db/schema";
import { countStatements, getDb, getSqlite, write } from "~/db.server";
import { clearFlagsCache } from "~/modules/action/flags-cache.server";
import * as root from "~/root";
import * as projectLayout from "~/routes/projects.$slug";
import * as projectOverview from "~/routes/projects.$slug._index";
import { perRequest, withRequestScopes } from "~/utils/request-scope.server";
import { addRole, createProject, createUser } from "../../seeds/factories";
import { requestAs } from "../utils";

// As server.js does: every route's loader tied to the request's load context.
const build = withRequestScopes({
  routes: {
    root: { module: { loader: root.loader } },
    layout: { module: { loader: projectLayout.loader } },
    page: { module: { loader: projectOverview.loader } },
  },
});
const loaders = [build.routes.root.module.loader, build.routes.layout.module.loader, build.routes.page.module.loader];

/** The loaders of one HTTP request as Remix runs them: each with its own copy of the Request, one shared context. */
async function page(request: Request, slug: string, context: object = {}) {
  return Promise.all(
    loaders.map(async (loader) => {
      const copy = new Request(request.url, { headers: request.headers });
      try {
        return (await loader({ request: copy, params: { slug }, context: context as AppLoadContext })) as Response;
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    }),
  );
}

const refusals = () => getDb().all<{ n: number }>(sql`select count(*) as n from audit_events where event = 'access.refused'`)[0]!.n;

describe("one scope per HTTP request, shared by its loaders", () => {
  it("looks up the session and the project's access once per request, not once per loader", async () => {
    const { project, reader } = write((tx) => {
      const project = createProject(tx, { slug: "scoped" });
      const reader = createUser(tx);
      addRole(tx, project.id, reader.person.id, "reader");
      return { project, reader };
    });
    const request = await requestAs(reader.user.id, `/projects/${project.slug}`);
    const unscoped = await countStatements(() =>
      Promise.all(loaders.map((loader) => loader({ request: new Request(request.url, { headers: request.headers }), params: { slug: project.slug }, context: undefined as unknown as AppLoadContext }))),
    );
    // The overview's flags would come from the cache the first pass filled: compare like with like.
    clearFlagsCache(getSqlite());
    const scoped = await countStatements(() => page(request, project.slug));
    for (const res of scoped.result) expect(res.status).toBe(200);
    // Three session look-ups become one (2 statements saved); the layout's and the page's project
    // look-ups (the project, the person's roles on it) become one (2 more).
    expect(unscoped.statements - scoped.statements).toBe(4);
  });

  it("reads afresh in the next request: a session ended between two requests is not remembered", async () => {
    const { project, reader } = write((tx) => {
      const project = createProject(tx, { slug: "scoped-two" });
      const reader = createUser(tx);
      addRole(tx, project.id, reader.person.id, "reader");
      return { project, reader };
    });
    const request = await requestAs(reader.user.id, `/projects/${project.slug}`);
    expect((await page(request, project.slug)).map((r) => r.status)).toEqual([200, 200, 200]);
    write((tx) => tx.delete(sessions).where(eq(sessions.userId, reader.user.id)).run());
    const after = await page(request, project.slug);
    expect(after[1]!.status).toBe(302);
    expect(after[1]!.headers.get("Location")).toMatch(/^\/sign-in\?redirectTo=/);
  });

  it("records a refused request once, though its layout and page loaders both refuse it", async () => {
    const { project, outsider } = write((tx) => ({ project: createProject(tx, { slug: "scoped-secret" }), outsider: createUser(tx) }));
    const request = await requestAs(outsider.user.id, `/projects/${project.slug}`);
    const [, layout, overview] = await page(request, project.slug);
    expect([layout!.status, overview!.status]).toEqual([404, 404]);
    expect(refusals()).toBe(1);
    await page(request, project.slug);
    expect(refusals()).toBe(2);
  });

  it("works a value out at each call for a request outside any scope", () => {
    let calls = 0;
    const request = new Request("http://localhost/x");
    perRequest(request, "k", () => ++calls);
    perRequest(request, "k", () => ++calls);
    expect(calls).toBe(2);
  });
});
