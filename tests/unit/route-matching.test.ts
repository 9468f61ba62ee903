// patches/@remix-run+router: the server (which loads the CommonJS build) flattens and ranks a route
// tree once and compiles each route path once, instead of at every match (three matches over
// ~140 routes per page were a third of a small page's server time). Decision 0024.
import { createRequire } from "node:module";
import type * as RemixRouter from "@remix-run/router";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof RemixRouter;

const routes = [
  { id: "root", path: "", children: [
    { id: "home", index: true },
    { id: "project", path: "projects/:slug", children: [
      { id: "overview", index: true },
      { id: "actions", path: "actions" },
      { id: "action", path: "actions/:actionId" },
      { id: "timeline", path: "timeline" },
    ] },
    { id: "programme", path: "programmes/:slug/*" },
  ] },
];
const ids = (pathname: string) => router.matchRoutes(routes, pathname)?.map((m) => m.route.id) ?? null;

describe("route matching on the server", () => {
  it("matches as React Router does", () => {
    expect(ids("/")).toEqual(["root", "home"]);
    expect(ids("/projects/leisure")).toEqual(["root", "project", "overview"]);
    expect(ids("/projects/leisure/actions/12")).toEqual(["root", "project", "action"]);
    expect(router.matchRoutes(routes, "/projects/leisure/actions/12")?.at(-1)?.params).toEqual({ slug: "leisure", actionId: "12" });
    expect(ids("/PROJECTS/leisure/TIMELINE")).toEqual(["root", "project", "timeline"]);
    expect(ids("/programmes/all/anything/else")).toEqual(["root", "programme"]);
    expect(ids("/nowhere")).toBeNull();
    // Another tree is matched on its own terms, not from the first tree's cache.
    expect(router.matchRoutes([{ id: "only", path: "nowhere" }], "/nowhere")?.map((m) => m.route.id)).toEqual(["only"]);
  });

  it("gives each caller its own matches, however often a path is matched", () => {
    const first = router.matchRoutes(routes, "/projects/leisure/actions/12")!;
    (first.at(-1)!.params as Record<string, string>).slug = "changed";
    first.pop();
    const again = router.matchRoutes(routes, "/projects/leisure/actions/12")!;
    expect(again.map((m) => m.route.id)).toEqual(["root", "project", "action"]);
    expect(again.at(-1)!.params).toEqual({ slug: "leisure", actionId: "12" });
    // One params object for the whole match, as React Router gives it.
    expect(again[0]!.params).toBe(again[2]!.params);
  });

  it("compiles no route pattern again once a tree has been matched", () => {
    const Original = globalThis.RegExp;
    let compiled = 0;
    globalThis.RegExp = new Proxy(Original, {
      construct(target, args) {
        compiled++;
        return Reflect.construct(target, args);
      },
    });
    try {
      ids("/projects/leisure/timeline");
      const first = compiled;
      for (let i = 0; i < 50; i++) {
        ids("/projects/leisure/timeline");
        ids("/programmes/all/x");
        ids("/");
      }
      expect(compiled).toBe(first);
    } finally {
      globalThis.RegExp = Original;
    }
  });
});
