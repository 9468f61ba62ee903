import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";

// Every page passes axe and reflows: crawl the app as each kind of signed-in user, following
// same-origin links, and check each distinct page shape (ids and query strings folded) once, with axe
// at desktop width and, for WCAG 1.4.10 Reflow, at 320 CSS px, where no page may scroll sideways
// (wide tables scroll inside their own box).
const NARROW = 320;
// The crawls are independent (each signs in its own context), so they spread over the workers.
test.describe.configure({ mode: "parallel" });
const PER_SHAPE = 1;

// One scan per page template: ids and the project or programme's short name are folded, so the
// three demo projects' plans count as one shape.
function shape(url: URL) {
  return url.pathname.replace(/^\/(projects|programmes)\/(?!new(?:\/|$))[^/]+/, "/$1/:slug").replace(/\/\d+(?=\/|$)/g, "/:id");
}

async function crawl(page: Page, start: string, maxPages: number, visited: Map<string, number>, scanned: string[], tooWide: string[]) {
  const queue = [start];
  const seen = new Set<string>(queue);
  while (queue.length && scanned.length < maxPages) {
    const path = queue.shift()!;
    if ((visited.get(shape(new URL(path, "http://x"))) ?? 0) >= PER_SHAPE) continue;
    const started = Date.now();
    const response = await page.goto(path);
    expect(response?.status(), `GET ${path}`).toBeLessThan(500);
    const url = new URL(page.url());
    const key = shape(url);
    const count = visited.get(key) ?? 0;
    if (count < PER_SHAPE) {
      visited.set(key, count + 1);
      await expectAccessible(page);
      const desktop = page.viewportSize()!;
      await page.setViewportSize({ width: NARROW, height: 800 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > NARROW) {
        // Name the widest culprits (innermost elements past the edge), so a failure says what to fix.
        const culprits = await page.evaluate((edge) => {
          const past = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > edge + 1);
          return past
            .filter((e) => ![...e.children].some((c) => past.includes(c)))
            .slice(0, 3)
            .map((e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === "string" ? `.${e.className.trim().split(/\s+/).join(".")}` : ""} "${(e.textContent ?? "").trim().slice(0, 40)}"`);
        }, NARROW);
        tooWide.push(`${url.pathname}${url.search} is ${width} px wide at ${NARROW} px: ${culprits.join("; ")}`);
      }
      await page.setViewportSize(desktop);
      scanned.push(url.pathname + url.search);
      if (process.env.E2E_CRAWL_TIMES) console.log(`${Date.now() - started} ms ${url.pathname}${url.search}`);
    }
    // getAttribute, not .href: an SVG <a> (timeline bars, graph nodes) has no string href.
    const hrefs = await page.$$eval("a[href]", (links) => links.map((a) => new URL(a.getAttribute("href") ?? "", document.baseURI).href));
    for (const href of hrefs) {
      const next = new URL(href);
      if (next.origin !== url.origin) continue;
      if (/^\/(sign-out|ballot\/|build\/|styles\/)/.test(next.pathname)) continue;
      // axe cannot enter the outbox message's script-free sandboxed iframe; admin.spec.ts checks that page.
      if (/^\/admin\/outbox\/\d+/.test(next.pathname)) continue;
      if (/\.(json|csv|svg|png|css|js|ics|pdf|docx|xlsx|xml|txt)$/.test(next.pathname)) continue;
      const target = next.pathname + next.search;
      const nextShape = shape(next);
      if (seen.has(target) || (visited.get(nextShape) ?? 0) >= PER_SHAPE) continue;
      seen.add(target);
      queue.push(target);
    }
  }
}

// The administrator sees every page a manager sees (and administration), so their crawl covers every
// template; the contributor (the owner's forms) and the reader (read-only views) differ only in what a
// page offers them, so their crawls stop after the first pages they reach, breadth first. Consultee
// and board pages are scanned in proposals.spec.ts.
const CRAWLS = { admin: 120, contributor: 6, reader: 6 } as const;

for (const [role, maxPages] of Object.entries(CRAWLS) as Array<[keyof typeof CRAWLS, number]>) {
  test(`every page reachable by the ${role} passes axe and does not scroll sideways at ${NARROW} px`, async ({ as }) => {
    test.setTimeout(300_000);
    const page = await as(role);
    const visited = new Map<string, number>();
    const scanned: string[] = [];
    const tooWide: string[] = [];
    await crawl(page, "/", maxPages, visited, scanned, tooWide);
    test.info().annotations.push({ type: "scanned", description: `${scanned.length} page shapes` });
    expect(scanned.length).toBeGreaterThan(2);
    expect(tooWide, `pages wider than ${NARROW} px`).toEqual([]);
  });
}

test("the sign-in page passes axe, also with errors shown", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expectAccessible(page);
});
