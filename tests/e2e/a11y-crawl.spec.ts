import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";

// Every page passes axe: crawl the app as each kind of signed-in user, following same-origin links,
// and scan each distinct page shape (ids and query strings folded) once.
const MAX_PAGES = 80;
// The crawls are independent (each signs in its own context), so they spread over the workers.
test.describe.configure({ mode: "parallel" });
const PER_SHAPE = 1;

function shape(url: URL) {
  return url.pathname.replace(/\/\d+(?=\/|$)/g, "/:id");
}

async function crawl(page: Page, start: string, visited: Map<string, number>, scanned: string[]) {
  const queue = [start];
  const seen = new Set<string>(queue);
  while (queue.length && scanned.length < MAX_PAGES) {
    const path = queue.shift()!;
    if ((visited.get(shape(new URL(path, "http://x"))) ?? 0) >= PER_SHAPE) continue;
    const response = await page.goto(path);
    expect(response?.status(), `GET ${path}`).toBeLessThan(500);
    const url = new URL(page.url());
    const key = shape(url);
    const count = visited.get(key) ?? 0;
    if (count < PER_SHAPE) {
      visited.set(key, count + 1);
      await expectAccessible(page);
      scanned.push(url.pathname + url.search);
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

// The administrator sees every page a manager sees (and administration); the contributor sees the
// owner's forms; the reader the read-only views. Consultee and board pages are scanned in proposals.spec.ts.
for (const role of ["admin", "contributor", "reader"] as const) {
  test(`every page reachable by the ${role} passes axe`, async ({ as }) => {
    test.setTimeout(240_000);
    const page = await as(role);
    const visited = new Map<string, number>();
    const scanned: string[] = [];
    await crawl(page, "/", visited, scanned);
    expect(scanned.length).toBeGreaterThan(2);
  });
}

test("the sign-in page passes axe, also with errors shown", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expectAccessible(page);
});
