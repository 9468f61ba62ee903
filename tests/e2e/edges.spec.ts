// The edges of the HTTP server, in a real Chromium against the built app: the sign-in redirect,
// the Content-Security-Policy, one value per header, compression, and bodies that are not forms.
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS } from "../../seeds/demo-users";
import { expect, signIn, test } from "./fixtures";
import { E2E_TEMPLATE } from "./global-setup";

const EVIL = "http://evil.example";

/** Records any request the browser makes to evil.example, answering it so nothing waits on DNS. */
async function watchEvil(context: BrowserContext) {
  const hits: string[] = [];
  await context.route(`${EVIL}/**`, (route) => {
    hits.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" });
  });
  return hits;
}

async function signInFrom(page: Page, url: string) {
  await page.goto(url);
  await page.getByLabel("Email address").fill(DEMO_USERS.manager.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test(`sign-in never sends the browser to another site (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const hits = await watchEvil(context);
    const page = await context.newPage();
    await signInFrom(page, "/sign-in?redirectTo=%2F%09%2Fevil.example%2F");
    await expect(page.getByRole("button", { name: /Sign out/ })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname).toBe("/");
    expect(hits).toEqual([]);
    await context.close();
  });
}

test("sign-in still returns people to the page they asked for", async ({ page, baseURL }) => {
  await signInFrom(page, "/sign-in?redirectTo=%2Fmy-actions");
  await expect(page).toHaveURL(`${baseURL}/my-actions`);
});

test("a redirectTo with CR LF does not break the sign-in page or the sign-in", async ({ page, baseURL }) => {
  const response = await page.goto("/sign-in?redirectTo=%2Fx%0D%0ASet-Cookie%3A%20a%3Db");
  expect(response?.status()).toBe(200);
  await signInFrom(page, "/sign-in?redirectTo=%2Fx%0D%0ASet-Cookie%3A%20a%3Db");
  await expect(page).toHaveURL(`${baseURL}/`);
});

test("pages run under the Content-Security-Policy with no violation: hydration and client-side navigation work", async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /Content Security Policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));

  const first = await page.goto("/sign-in");
  const csp = first!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "img-src 'self' data:"]) {
    expect(csp).toContain(directive);
  }
  await signIn(page, "manager");
  // Hydrated: Remix's client router is running.
  await expect.poll(() => page.evaluate(() => "__remixRouter" in window)).toBe(true);
  // A client-side navigation keeps the same document (the marker survives) and renders the next page.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await page.getByRole("link", { name: "My actions" }).click();
  await expect(page).toHaveURL(/\/my-actions$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  for (const path of ["/projects/home-working-pilot", "/projects/home-working-pilot/milestones", "/programmes/revs-bens"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect.poll(() => page.evaluate(() => "__remixRouter" in window)).toBe(true);
  }
  // The action plan is a read-only table sent as plain HTML, without scripts (decision 0009).
  await page.goto("/projects/home-working-pilot/actions");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.scripts.length)).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test("one Referrer-Policy everywhere, no-referrer on ballot links; pages are not stored, build assets are", async ({ page, request }) => {
  const ballot = await request.get(`/ballot/${"x".repeat(43)}`);
  expect(ballot.status()).toBe(404);
  expect(ballot.headersArray().filter((h) => h.name.toLowerCase() === "referrer-policy").map((h) => h.value)).toEqual(["no-referrer"]);
  expect(ballot.headers()["cache-control"]).toBe("no-store");

  const signInPage = await request.get("/sign-in");
  expect(signInPage.headersArray().filter((h) => h.name.toLowerCase() === "referrer-policy").map((h) => h.value)).toEqual(["same-origin"]);

  await signIn(page, "manager");
  const signedIn = await page.goto("/projects/home-working-pilot");
  const headers = await signedIn!.headersArray();
  expect(headers.filter((h) => h.name.toLowerCase() === "cache-control").map((h) => h.value)).toEqual(["no-store"]);
  expect(headers.filter((h) => h.name.toLowerCase() === "referrer-policy").map((h) => h.value)).toEqual(["same-origin"]);
  expect(headers.filter((h) => h.name.toLowerCase() === "content-security-policy")).toHaveLength(1);
  // Downloads carry each security header once (the route set nosniff again beside helmet's).
  const download = await page.request.get("/projects/home-working-pilot/actions.xlsx");
  expect(download.status()).toBe(200);
  expect(download.headersArray().filter((h) => h.name.toLowerCase() === "x-content-type-options").map((h) => h.value)).toEqual(["nosniff"]);

  const asset = await page.evaluate(() => document.querySelector("link[rel=modulepreload]")?.getAttribute("href") ?? "");
  expect(asset).toMatch(/^\/build\//);
  const built = await request.get(asset);
  expect(built.headers()["cache-control"]).toMatch(/immutable/);
});

test.describe("compression, negotiated", () => {
  const get = (request: APIRequestContext, url: string, encoding: string) => request.get(url, { headers: { "Accept-Encoding": encoding } });

  test("HTML: brotli, gzip or none, as asked, with Vary: Accept-Encoding", async ({ request }) => {
    for (const [asked, expected] of [
      ["br", "br"],
      ["gzip", "gzip"],
      ["br, gzip", "br"],
      ["identity", undefined],
    ] as const) {
      const res = await get(request, "/sign-in", asked);
      expect(res.status(), asked).toBe(200);
      expect(res.headers()["content-encoding"], asked).toBe(expected);
      expect(res.headers()["vary"], asked).toMatch(/Accept-Encoding/i);
      expect(await res.text()).toContain("Sign in to Waymark");
    }
  });

  test("JavaScript, CSS and JSON are compressed too", async ({ request, page }) => {
    await signIn(page, "manager");
    await page.goto("/projects/home-working-pilot");
    const scripts = await page.evaluate(() => [...document.querySelectorAll("link[rel=modulepreload]")].map((l) => l.getAttribute("href") ?? ""));
    expect(scripts.length).toBeGreaterThan(0);
    let compressed = 0;
    for (const js of scripts) {
      const res = await get(request, js, "br");
      // Below 1 KB compression does not pay (the middleware's threshold).
      if ((await res.body()).length < 1024) continue;
      expect(res.headers()["content-encoding"], js).toBe("br");
      compressed += 1;
    }
    expect(compressed).toBeGreaterThan(0);
    expect((await get(request, "/styles/app.css", "gzip")).headers()["content-encoding"]).toBe("gzip");
    // A page's data as JSON (what a client-side navigation fetches).
    const data = await page.request.get("/projects/home-working-pilot/actions?_data=routes%2Fprojects.%24slug.actions._index", {
      headers: { "Accept-Encoding": "br" },
    });
    expect(data.status()).toBe(200);
    expect(data.headers()["content-type"]).toMatch(/application\/json/);
    expect(data.headers()["content-encoding"]).toBe("br");
  });
});

// ---- any body to any route: 4xx with a message, never a 500

interface BuildRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { action?: unknown };
}

async function routesWithActions() {
  const buildDir = path.resolve(process.env.WAYMARK_BUILD_DIR ?? "build");
  const build = (await import(pathToFileURL(path.join(buildDir, "index.js")).href)) as { routes: Record<string, BuildRoute> };
  const fullPath = (route: BuildRoute): string => {
    const parent = route.parentId ? build.routes[route.parentId] : undefined;
    const own = route.path ?? "";
    const above = parent ? fullPath(parent) : "";
    return [above, own].filter(Boolean).join("/");
  };
  return Object.values(build.routes)
    .filter((r) => typeof r.module.action === "function")
    .map((r) => ({ id: r.id, pattern: `/${fullPath(r)}` }));
}

/** Real ids from the demo database the e2e server runs on. */
function demoIds() {
  const db = new Database(E2E_TEMPLATE, { readonly: true, fileMustExist: true });
  const one = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { id: number } | undefined)?.id ?? 999_999;
  const project = (slug: string) => one("select id from projects where slug = ?", slug);
  const ids = (slug: string) => {
    const projectId = project(slug);
    const wpId = one("select id from work_packages where project_id = ? order by id", projectId);
    return {
      actionId: one("select id from actions where project_id = ? order by id", projectId),
      milestoneId: one("select id from milestones where project_id = ? order by id", projectId),
      proposalId: one("select id from proposals where project_id = ? order by id", projectId),
      wpId,
      stageId: one("select id from stages where work_package_id = ? order by id", wpId),
      riskId: one("select r.id from risks r join risk_registers g on g.id = r.register_id where g.project_id = ? order by r.id", projectId),
      benefitId: one("select id from benefits where project_id = ? order by id", projectId),
      reportId: one("select id from reports where project_id = ? order by id", projectId),
      boardId: one("select id from boards where project_id = ? order by id", projectId),
      teamId: one("select id from teams where project_id = ? order by id", projectId),
      recommendationId: one("select id from recommendations where project_id = ? order by id", projectId),
    };
  };
  const result = {
    pilot: ids("home-working-pilot"),
    partnership: ids("rb-partnership"),
    programmeReportId: one("select id from reports where programme_id is not null order by id"),
    programmeRiskId: one("select r.id from risks r join risk_registers g on g.id = r.register_id where g.programme_id is not null order by r.id"),
    outboxId: one("select id from outbox order by id"),
    userId: one("select id from users where email = ?", DEMO_USERS.manager.email),
  };
  db.close();
  return result;
}

/** The route's pattern with real values: the pilot project (the manager's), or the partnership for its risks. */
function urlFor(pattern: string, ids: ReturnType<typeof demoIds>) {
  const programme = pattern.startsWith("/programmes/");
  const risks = pattern.includes("/risks");
  const projectSlug = risks ? "rb-partnership" : "home-working-pilot";
  const p = risks ? ids.partnership : ids.pilot;
  const values: Record<string, string | number> = {
    slug: programme ? "revs-bens" : projectSlug,
    actionId: p.actionId,
    milestoneId: p.milestoneId,
    proposalId: p.proposalId,
    wpId: p.wpId,
    stageId: p.stageId,
    riskId: programme ? ids.programmeRiskId : p.riskId,
    benefitId: p.benefitId,
    reportId: programme ? ids.programmeReportId : p.reportId,
    boardId: p.boardId,
    teamId: p.teamId,
    recommendationId: p.recommendationId,
    id: pattern.startsWith("/admin/outbox") ? ids.outboxId : ids.userId,
    token: "x".repeat(43),
  };
  return pattern
    .replace(/:(\w+)\??/g, (_m, name: string) => String(values[name] ?? 1))
    .replace(/\/\*$/, "/no-such-page")
    .replace(/\/+$/, "") || "/";
}

const BAD_BODIES: Array<{ name: string; contentType: string; body: string | Buffer }> = [
  { name: "JSON", contentType: "application/json", body: JSON.stringify({ title: "x", intent: "save", status: "done" }) },
  { name: "plain text", contentType: "text/plain", body: "title=x&intent=save" },
  { name: "multipart garbage", contentType: "multipart/form-data; boundary=XYZ", body: "--XYZ\r\nthis is not a part\r\n" },
  { name: "multipart without a boundary", contentType: "multipart/form-data", body: "title=x" },
  { name: "an oversized form", contentType: "application/x-www-form-urlencoded", body: Buffer.alloc(2 * 1024 * 1024, "a") },
];
const FOUR_XX_WITH_REASON = [400, 403, 404, 405, 413, 415, 429];

test("every route with an action answers a body that is not a form with 4xx and a message, never 500", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const routes = await routesWithActions();
  expect(routes.length).toBeGreaterThan(30);
  const ids = demoIds();
  const sessions: Record<"manager" | "admin", BrowserContext> = {
    manager: await browser.newContext(),
    admin: await browser.newContext(),
  };
  for (const [role, context] of Object.entries(sessions)) await signIn(await context.newPage(), role as "manager" | "admin");
  // Signing out ends the session: that route goes last.
  routes.sort((a, b) => Number(a.id === "routes/sign-out") - Number(b.id === "routes/sign-out"));

  const outcomes: string[] = [];
  const guarded = new Set<string>();
  for (const route of routes) {
    const url = urlFor(route.pattern, ids);
    for (const bad of BAD_BODIES) {
      // The manager's session first; where the manager may not act (403/404 before any body is read), the administrator's.
      let status = 0;
      let text = "";
      for (const role of ["manager", "admin"] as const) {
        if (route.id === "routes/sign-out" && role === "admin") break;
        const res = await sessions[role].request.post(url, {
          headers: { "Content-Type": bad.contentType, Origin: baseURL! },
          data: bad.body,
          maxRedirects: 0,
        });
        status = res.status();
        text = await res.text();
        if (status !== 403 && status !== 404) break;
      }
      outcomes.push(`${route.id} ${bad.name} → ${status}`);
      expect(status, `${route.id} (${url}) with ${bad.name}`).not.toBe(500);
      if (route.id !== "routes/sign-out") {
        expect(FOUR_XX_WITH_REASON, `${route.id} (${url}) with ${bad.name}: ${status}`).toContain(status);
        expect(text.trim().length, `${route.id} with ${bad.name} says why`).toBeGreaterThan(0);
      }
      if (status === 415 || status === 400 || status === 413) guarded.add(route.id);
    }
  }
  console.log(outcomes.join("\n"));
  // The bodies reached nearly every action (not just refused by access checks before it).
  expect(guarded.size).toBeGreaterThanOrEqual(Math.floor(routes.length * 0.8));
  for (const context of Object.values(sessions)) await context.close();
});

test("a body sent without a length is refused with 411, not read", async ({ baseURL }) => {
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("email=a%40b.c&password=x"));
      controller.close();
    },
  });
  const res = await fetch(`${baseURL}/sign-in`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL! },
    body,
    duplex: "half",
  } as RequestInit);
  expect(res.status).toBe(411);
  expect(await res.text()).toContain("Content-Length");
});
