import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible as axeCheck, signIn, test } from "./fixtures";

// Everything here must work without JavaScript: forms post and the server answers with a page.
test.use({ javaScriptEnabled: false });

// axe runs inside the page, which needs JavaScript: a page is checked again in a JavaScript-enabled
// twin signed in as the same user (for an error state, by repeating the submit). Plain forms and
// pages are scanned once per template by the crawl in a11y-crawl.spec.ts; here, only what a crawl
// cannot reach: error states, an empty new programme, a confirmation page.
let twin: Page | null = null;
async function openTwin(browser: Browser, page: Page) {
  const context = await browser.newContext({ javaScriptEnabled: true, storageState: await page.context().storageState() });
  twin = await context.newPage();
}
async function expectAccessible(page: Page, submit?: string) {
  await twin!.goto(page.url());
  if (submit) {
    await twin!.getByRole("button", { name: submit }).click();
    await expect(twin!.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
    await expect(twin!).toHaveTitle(/^Error: .+ – Waymark$/); // GOV.UK: the title says so first, with JavaScript too
  }
  await axeCheck(twin!);
}
test.afterEach(async () => {
  await twin?.context().close();
  twin = null;
});

async function choose(page: Page, label: string, optionText: string) {
  const select = page.getByLabel(label, { exact: true });
  const value = await select.locator("option", { hasText: optionText }).first().getAttribute("value");
  await select.selectOption(value!);
}

async function expectErrors(page: Page, submit: string, ...messages: string[]) {
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeVisible();
  for (const m of messages) await expect(summary.getByRole("link", { name: m })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: .+ – Waymark$/);
  await expectAccessible(page, submit);
}

test("an administrator sets up a project in revs-bens: work package with a lead, stage, milestone and team", async ({ page, browser }) => {
  test.setTimeout(120_000); // a long journey
  const stamp = Date.now().toString(36);
  const name = `Customer contact review ${stamp}`;
  await signIn(page, "admin");
  await openTwin(browser, page);

  // Programme overview, then the project form.
  await page.goto("/programmes/revs-bens");
  await page.getByRole("link", { name: "Create a project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Create a project/ })).toBeVisible();

  // An empty submit is refused with an error summary; what was typed stays.
  await page.getByLabel("Start date").fill("2026-09-01");
  await page.getByLabel("End date").fill("2026-08-01");
  await page.getByRole("button", { name: "Create project" }).click();
  await expectErrors(page, "Create project", "Enter the project name", "The end date must be the same as or after the start date");
  await expect(page.getByLabel("Start date")).toHaveValue("2026-09-01");

  await page.getByLabel("Project name").fill(name);
  await page.getByLabel("Purpose").fill("Review how residents contact the service.");
  await choose(page, "Project manager", "Priya Shah");
  await page.getByLabel("End date").fill("2027-03-31");
  await page.getByRole("button", { name: "Create project" }).click();

  // The overview, at the address made from the name.
  await expect(page).toHaveURL(new RegExp(`/projects/customer-contact-review-${stamp}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByText("Priya Shah")).toBeVisible();
  const base = new URL(page.url()).pathname;

  // Edit the project.
  await page.getByRole("link", { name: "Edit project details" }).click();
  await page.getByLabel("On hold").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("On hold", { exact: true })).toBeVisible();

  // Work packages: list, new (with a refused empty submit), detail, edit.
  await page.goto(`${base}/work-packages`);
  await page.getByRole("link", { name: "Add a work package" }).click();
  await page.getByRole("button", { name: "Add work package" }).click();
  await expectErrors(page, "Add work package", "Enter a reference, like WP1", "Enter the work package name");
  await page.getByLabel("Reference").fill("WP1");
  await page.getByLabel("Name", { exact: true }).fill("Channel shift");
  await choose(page, "Lead officer", "Ben Turner");
  await page.getByRole("button", { name: "Add work package" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Channel shift" })).toBeVisible();
  await expect(page.getByText("Ben Turner")).toBeVisible();
  await page.getByRole("link", { name: /Edit work package/ }).click();
  await page.getByLabel("Description").fill("Move simple requests online.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Move simple requests online.")).toBeVisible();

  // A stage with dates still to be agreed.
  await page.getByRole("link", { name: /Add a stage/ }).click();
  await page.getByRole("button", { name: "Add stage" }).click();
  await expectErrors(page, "Add stage", "Enter the stage name");
  await page.getByLabel("Stage name").fill("Discovery");
  await page.getByLabel("Dates note (optional)").fill("tba");
  await page.getByRole("button", { name: "Add stage" }).click();
  const stageRow = page.getByRole("row", { name: /Discovery/ });
  await expect(stageRow).toContainText("tba");
  await stageRow.getByRole("link", { name: /Edit/ }).click();
  await page.getByLabel("Planned start").fill("2026-10-01");
  await page.getByLabel("Planned end").fill("2026-11-30");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("row", { name: /Discovery/ })).toContainText("1 Oct 2026 to 30 Nov 2026");

  // Milestones: the baseline stays when the target moves, and the slippage is shown in words.
  await page.goto(`${base}/milestones`);
  await page.getByRole("link", { name: "Add a milestone" }).click();
  await page.getByRole("button", { name: "Add milestone" }).click();
  await expectErrors(page, "Add milestone", "Enter the milestone name", "Enter the target date");
  await page.getByLabel("Milestone name").fill("Online form live");
  await page.getByLabel("Target date").fill("2027-01-04");
  await page.getByRole("button", { name: "Add milestone" }).click();
  await page.getByRole("row", { name: /Online form live/ }).getByRole("link", { name: /Edit/ }).click();
  await page.getByLabel("Target date").fill("2027-01-11");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("row", { name: /Online form live/ })).toContainText("7 days later than baseline");

  // People and roles: Priya is manager because she was named manager; add Ben, then ask to remove him.
  await page.goto(`${base}/team`);
  await expect(page.getByRole("row", { name: /Priya Shah/ })).toContainText("Project manager");
  await page.getByRole("link", { name: "Add a person or role" }).click();
  await choose(page, "Person", "Ben Turner");
  await page.getByRole("group", { name: "Role on this project" }).first().getByLabel("Reader").check();
  await page.getByRole("button", { name: "Add role" }).click();
  const ben = page.getByRole("row", { name: /Ben Turner/ });
  await expect(ben).toContainText("Reader");
  await ben.getByRole("link", { name: /Remove/ }).click();
  await expect(page.getByRole("heading", { name: "Remove Ben Turner as reader?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, remove this role" }).click();
  await expect(page.getByRole("row", { name: /Ben Turner/ })).toHaveCount(0);
});

test("the milestones page shows the demo's missed and at-risk milestones as flags in words", async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: true })).newPage(); // axe needs scripts
  await signIn(page, "reader");
  await page.goto("/projects/home-working-pilot/milestones");
  await expect(page.getByRole("row", { name: /First operational home-worker/ })).toContainText(/Missed \d+ days?/);
  await expect(page.getByRole("row", { name: /All home-workers operational/ })).toContainText("At risk");
  await axeCheck(page);
  await page.goto("/projects/home-working-pilot/milestones?asOf=not-a-date");
  await expect(page.getByRole("link", { name: /The view date must be a real date/ })).toBeVisible();
  await page.context().close();
});

test("an error summary link for a radios group moves focus to its first option", async ({ as }) => {
  const page = await as("manager");
  await page.goto("/projects/home-working-pilot/team/add");
  await page.getByRole("button", { name: "Add role" }).click();
  const link = page.getByRole("link", { name: "Choose a role" });
  await expect(link).toBeVisible();
  await link.click();
  const group = page.getByRole("group", { name: "Role on this project" }).first();
  await expect(group.getByRole("radio").first()).toBeFocused();
});

test("a reader sees the project structure but no editing links, and cannot open an edit page", async ({ page, browser }) => {
  await signIn(page, "reader");
  await openTwin(browser, page);
  await page.goto("/projects/home-working-pilot");
  await expect(page.getByRole("heading", { level: 2, name: "Work packages" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit project details" })).toHaveCount(0);
  await expectAccessible(page);
  const response = await page.goto("/projects/home-working-pilot/edit");
  expect(response?.status()).toBe(403);
  // The demo's reader reads the whole programme (its scrutiny committee member): other projects'
  // edit pages are refused too. The 404 boundary between projects is in roles.spec.ts.
  const other = await page.goto("/projects/rb-partnership/edit");
  expect(other?.status()).toBe(403);
});

test("an administrator creates and edits a programme and gives someone a programme role", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  await signIn(page, "admin");
  await openTwin(browser, page);
  await page.goto("/programmes/new");
  await page.getByRole("button", { name: "Create programme" }).click();
  await expectErrors(page, "Create programme", "Enter the programme name");
  await page.getByLabel("Programme name").fill(`Digital services ${stamp}`);
  await page.getByRole("button", { name: "Create programme" }).click();
  await expect(page).toHaveURL(new RegExp(`/programmes/digital-services-${stamp}$`));
  await expect(page.getByText("There are no projects in this programme that you can see.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: /Edit programme/ }).click();
  await page.getByLabel("Description").fill("Online services for residents.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Online services for residents.")).toBeVisible();

  await page.getByRole("link", { name: "Programme managers and readers" }).click();
  await choose(page, "Person", "Dev Patel");
  await page.getByLabel("Programme reader").check();
  await page.getByRole("button", { name: "Add role" }).click();
  const dev = page.getByRole("row", { name: /Dev Patel/ });
  await expect(dev).toContainText("Programme reader");
  await dev.getByRole("link", { name: /Remove/ }).click();
  await expect(page.getByRole("heading", { name: "Remove Dev Patel as programme reader?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, remove this role" }).click();
  await expect(page.getByRole("row", { name: /Dev Patel/ })).toHaveCount(0);
});

test("with JavaScript, the short name is suggested from the name as it is typed", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  await signIn(page, "admin");
  await page.goto("/projects/new", { waitUntil: "networkidle" }); // hydrated
  await page.getByLabel("Project name").pressSequentially("Council Tax Review");
  await expect(page.getByLabel("Short name for the web address")).toHaveValue("council-tax-review");
  await context.close();
});
