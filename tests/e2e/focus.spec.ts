import { expect, test } from "./fixtures";

// GOV.UK services move focus to the new page's heading after a client-side navigation, so a
// screen reader announces the page; the skip link moves focus, not only the address; and every
// page's title names its project, so the tabs of two projects' risk registers differ.
const PILOT = "/projects/home-working-pilot";

test("titles name the project or programme", async ({ as }) => {
  const page = await as("manager");
  await page.goto(`${PILOT}/risks`);
  await expect(page).toHaveTitle("Risk register – Benefits home-working pilot – Waymark");
  await page.goto("/projects/benefits-improvement/risks");
  await expect(page).toHaveTitle("Risk register – Benefits service improvement plan – Waymark");
  await page.goto(PILOT);
  await expect(page).toHaveTitle("Benefits home-working pilot – Waymark");
  await page.goto("/programmes/revs-bens/risks");
  await expect(page).toHaveTitle(/^Risk register – Revenues and Benefits Transformation.* – Waymark$/);
});

test("the newer pages' titles name their project or programme too", async ({ as }) => {
  const page = await as("manager");
  const pages = ["timeline", "dependencies", "calendar", "reports", "benefits", "business-case", "import", "actions", "recommendations", "teams", "boards"];
  for (const p of pages) {
    await page.goto(`${PILOT}/${p}`);
    await expect(page, p).toHaveTitle(/ – Benefits home-working pilot – Waymark$|^[^–]*Benefits home-working pilot[^–]* – Waymark$/);
  }
  await page.goto("/programmes/revs-bens/actions");
  await expect(page).toHaveTitle(/Revenues and Benefits Transformation.* – Waymark$/);
  await page.goto(PILOT + "/actions");
  await page.locator("table a[href*='/actions/']").first().click();
  await expect(page).toHaveTitle(/^Action .* – Benefits home-working pilot – Waymark$/);
});

test("after a client-side navigation focus is on the new page's heading, not on the first load", async ({ as }) => {
  const page = await as("manager");
  await page.goto(PILOT);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BODY");

  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Risks" }).click();
  const heading = page.getByRole("heading", { level: 1, name: /Risk register/ });
  await expect(heading).toBeFocused();
  await expect(heading).toHaveAttribute("tabindex", "-1");

  // The next Tab starts from the heading, not from the link that was clicked.
  await page.keyboard.press("Tab");
  const next = await page.evaluate(() => {
    const h1 = document.querySelector("main h1")!;
    return Boolean(h1.compareDocumentPosition(document.activeElement!) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(next).toBe(true);

  // Back, too.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Benefits home-working pilot" })).toBeFocused();
});

test("a form's errors keep focus on the error summary, not the heading", async ({ as }) => {
  const page = await as("manager");
  await page.goto(PILOT);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Milestones" }).click();
  await page.getByRole("link", { name: /Add a milestone/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Add a milestone/ })).toBeFocused();
  await page.getByLabel("Target date").fill("31/4/2027");
  await page.getByRole("button", { name: /Add milestone|Save|Add/ }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.locator(".govuk-error-summary")).toBeFocused();
  await expect(page.getByRole("link", { name: "The target date must be a real date, for example 27 3 2027" })).toBeVisible();
  await expect(page.getByLabel("Target date")).toHaveValue("31/4/2027");
});

test("the skip link moves focus to the main content", async ({ as }) => {
  const page = await as("manager");
  await page.goto(`${PILOT}/actions`);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main-content")).toBeFocused();
  // The next Tab goes to the first link inside the main content, past the header.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
});

test("the skip link moves focus without JavaScript too", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main-content")).toBeFocused();
  await context.close();
});
