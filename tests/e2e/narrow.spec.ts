import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// WCAG 1.4.10 Reflow: at 320 CSS px no page scrolls sideways; wide tables scroll inside their own
// box. Crawl every page a signed-in user reaches, one page per shape (ids folded, as in
// a11y-crawl.spec.ts), and measure the document's width at 320 px.
const WIDTH = 320;
const MAX_PAGES = 200;

function shape(url: URL) {
  return url.pathname.replace(/\/\d+(?=\/|$)/g, "/:id");
}

async function crawlNarrow(page: Page) {
  const visited = new Set<string>();
  const queue = ["/"];
  const seen = new Set(queue);
  const tooWide: string[] = [];
  let measured = 0;
  while (queue.length && measured < MAX_PAGES) {
    const path = queue.shift()!;
    if (visited.has(shape(new URL(path, "http://x")))) continue;
    const response = await page.goto(path);
    expect(response?.status(), `GET ${path}`).toBeLessThan(500);
    if (!(response?.headers()["content-type"] ?? "").includes("text/html")) continue;
    const url = new URL(page.url());
    if (visited.has(shape(url))) continue;
    visited.add(shape(url));
    measured++;
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > WIDTH) tooWide.push(`${url.pathname}${url.search} is ${width} px wide`);
    // getAttribute, not .href: an SVG <a> (timeline bars, graph nodes) has no string href.
    const hrefs = await page.$$eval("a[href]", (links) => links.map((a) => new URL(a.getAttribute("href") ?? "", document.baseURI).href));
    for (const href of hrefs) {
      const next = new URL(href);
      if (next.origin !== url.origin) continue;
      if (/^\/(sign-out|ballot\/|build\/|styles\/|assets\/)/.test(next.pathname)) continue;
      if (/\.(json|csv|svg|png|css|js|ics|pdf|docx|xlsx|xml|txt)$/.test(next.pathname)) continue;
      const target = next.pathname + next.search;
      if (seen.has(target) || visited.has(shape(next))) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return { measured, tooWide };
}

for (const role of ["manager", "admin"] as const) {
  test(`no page the ${role} reaches scrolls sideways at ${WIDTH} px`, async ({ as }) => {
    test.setTimeout(240_000);
    const page = await as(role);
    await page.setViewportSize({ width: WIDTH, height: 800 });
    const { measured, tooWide } = await crawlNarrow(page);
    test.info().annotations.push({ type: "measured", description: `${measured} page shapes at ${WIDTH} px` });
    expect(measured).toBeGreaterThan(10);
    expect(tooWide, `pages wider than ${WIDTH} px`).toEqual([]);
  });
}
