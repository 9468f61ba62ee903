import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, type DemoRole } from "../../seeds/demo-users";
import { startWorkerServer, type WorkerServer } from "./worker-server";

export { expect };

export async function signIn(page: Page, role: DemoRole) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(DEMO_USERS[role].email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: /Sign out/ })).toBeVisible();
}

/**
 * Fails on any serious or critical WCAG 2.2 A/AA violation on the page as it is now, and on two
 * landmarks of one kind sharing a name (axe's `landmark-unique`, a best-practice rule of moderate
 * impact: two scroll regions both called "Actions" cannot be told apart in a screen reader's list).
 */
export async function expectAccessible(page: Page, { exclude = [] }: { exclude?: string[] } = {}) {
  // axe.run in the page itself (legacy mode): the default runs each frame apart and then finishes in
  // a new blank page, which doubles the time of every check. Only violations are gathered, so axe
  // skips collecting every passing node. `options` before `withTags`: AxeBuilder's options() replaces
  // the run options, so called after withTags it dropped the tags and every rule ran.
  let builder = new AxeBuilder({ page })
    .options({ resultTypes: ["violations"], rules: { "landmark-unique": { enabled: true } } })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .setLegacyMode(true);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical" || v.id === "landmark-unique");
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`),
    `axe violations on ${page.url()}`,
  ).toEqual([]);
}

/**
 * Every test runs against its worker's own server (`server`, started once per worker on a copy of the
 * seeded demo) and may use `as(role)`, which signs in a fresh context as that demo user.
 */
export const test = base.extend<{ as: (role: DemoRole) => Promise<Page> }, { server: WorkerServer }>({
  server: [
    // Playwright reads a fixture's dependencies from its first parameter: this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const server = await startWorkerServer(workerInfo.parallelIndex);
      await use(server);
      await server.stop();
    },
    { scope: "worker", auto: true, timeout: 90_000 },
  ],
  baseURL: async ({ server }, use) => use(server.baseURL),
  as: async ({ browser }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (role) => {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, role);
      return page;
    });
    for (const c of contexts) await c.close();
  },
});
