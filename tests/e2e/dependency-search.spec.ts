// The dependency search on an action's page: without JavaScript a GET form lists matching items,
// each with buttons that link it; with JavaScript typing re-runs the search in place, and the whole
// thing works from the keyboard. A manager of another project never sees this programme's items.
import type { Page } from "@playwright/test";
import { expect, expectAccessible, signIn, test } from "./fixtures";

const PLAN = "/projects/home-working-pilot/actions";

async function openFirstAction(page: Page) {
  await page.goto(PLAN);
  await page.locator("table a[href*='/actions/']").first().click();
  await expect(page.getByRole("heading", { level: 2, name: "Dependencies" })).toBeVisible();
  return page.url();
}

async function unlink(page: Page, name: string) {
  const table = page.getByRole("table", { name: "This action waits for" });
  await table.getByRole("row").filter({ hasText: name }).getByRole("button", { name: /^Remove/ }).click();
  await expect(page.getByRole("table", { name: "This action waits for" }).getByText(name, { exact: false })).toHaveCount(0);
}

test("a manager finds and links a dependency with JavaScript off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "manager");
  const url = await openFirstAction(page);
  await expect(page.locator("select[name=item]")).toHaveCount(0);
  await page.getByText("Add a dependency").click();
  await page.getByLabel("Find an action or milestone").fill("review");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=review/);
  await expect(page.getByRole("status")).toContainText("“review”");
  const results = page.getByRole("list", { name: "Items you can link" });
  const first = results.getByRole("listitem").first();
  const name = (await first.locator("strong").textContent())!;
  // (axe needs JavaScript in the page: the JavaScript test below checks this same page.)
  await first.getByRole("button", { name: /^This action waits for it/ }).click();
  await expect(page.getByText("Dependency added")).toBeVisible();
  await expect(page.getByRole("table", { name: "This action waits for" })).toContainText(name.split(": ")[0]!);
  await unlink(page, name.split(": ")[0]!);
  expect(page.url().split("#")[0]!.split("?")[0]).toBe(url.split("?")[0]);
  await context.close();
});

test("a manager finds and links a dependency with JavaScript, by keyboard, without a page load", async ({ as }) => {
  const page = await as("manager");
  await openFirstAction(page);
  // The plan has no scripts, so the action page is a fresh document: typing before React has
  // hydrated it goes into the plain field and starts no search (the Search button still works).
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  await page.locator("summary", { hasText: "Add a dependency" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Find an action or milestone")).toBeVisible();
  const field = page.getByLabel("Find an action or milestone");
  await field.focus();
  await page.keyboard.type("review");
  await expect(page.getByRole("status")).toContainText("“review”");
  await expect(field).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  const first = page.getByRole("list", { name: "Items you can link" }).getByRole("listitem").first();
  const name = (await first.locator("strong").textContent())!;
  await expectAccessible(page);
  // Tab past the lag field and the Search button to the first result's first button.
  const button = first.getByRole("button", { name: /^This action waits for it/ });
  for (let i = 0; i < 6 && !(await button.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Dependency added")).toBeVisible();
  await expect(page.getByRole("table", { name: "This action waits for" })).toContainText(name.split(": ")[0]!);
  await unlink(page, name.split(": ")[0]!);
});

test("the partnership's manager never sees another project's items in the search", async ({ as }) => {
  const page = await as("partner");
  await page.goto("/projects/rb-partnership/actions/new");
  await page.getByLabel("Reference").fill("E2E.1");
  await page.getByLabel("Action", { exact: true }).fill("Agree the shared service's review plan");
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Dependencies" })).toBeVisible();
  for (const q of ["review", "a", "1"]) {
    await page.goto(`${page.url().split("?")[0]}?q=${q}`);
    await expect(page.getByRole("status")).toContainText(`“${q}”`);
    // Items of his own project carry no project name; any other project's would.
    await expect(page.locator("main")).not.toContainText(/Home-working|home-working|benefits improvement|Benefits improvement|\(Revenues/);
    const results = page.getByRole("list", { name: "Items you can link" });
    if (await results.count()) await expect(results.locator(".govuk-body-s")).toHaveCount(0);
  }
  await expectAccessible(page);
});
