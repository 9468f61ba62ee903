import { expect, signIn, test } from "./fixtures";

// Dates are typed the GOV.UK way into one text field (27/3/2027, 27 March 2027 or ISO): never a
// browser picker that shows mm/dd/yyyy. With and without JavaScript.
const stamp = Date.now().toString(36);

test("a milestone's date typed as 27/3/2027 is kept, shown and edited as 27 March 2027", async ({ as }) => {
  const page = await as("manager");
  await page.goto("/projects/home-working-pilot/milestones/new");
  const target = page.getByLabel("Target date");
  expect(await target.getAttribute("type")).toBe("text");
  await expect(page.locator("#field-targetDate-hint")).toContainText("For example, 27 3 2027");

  const name = `Dates typed by hand ${stamp}`;
  await page.getByLabel("Milestone name").fill(name);
  await target.fill("29/2/2027");
  await page.getByRole("button", { name: "Add milestone" }).click();
  await expect(page.getByRole("link", { name: "The target date must be a real date, for example 27 3 2027" })).toBeVisible();
  await expect(target).toHaveValue("29/2/2027");
  await expect(page.getByLabel("Milestone name")).toHaveValue(name);

  await target.fill(" 27/3/2027 ");
  await page.getByRole("button", { name: "Add milestone" }).click();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("27 Mar 2027");
  await row.getByRole("link", { name: /Edit/ }).click();
  // The list's scroll region is labelled "Milestones by target date": wait for the edit form itself.
  await expect(page).toHaveURL(/\/milestones\/\d+\/edit$/);
  await expect(page.getByRole("textbox", { name: "Target date", exact: true })).toHaveValue("27 March 2027");
});

test("with JavaScript off, an action's due date typed as 27 Mar 2027 is saved", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "manager");
  await page.goto("/projects/benefits-improvement/actions/new");
  await page.getByLabel("Reference").fill(`D${stamp}`.slice(0, 12));
  await page.getByLabel("Action", { exact: true }).fill("Check dates work without JavaScript");
  await page.getByLabel("Due date (optional)").fill("31/4/2027");
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByRole("link", { name: "Due date must be a real date, for example 27 3 2027" })).toBeVisible();
  await expect(page.getByLabel("Due date (optional)")).toHaveValue("31/4/2027");

  await page.getByLabel("Due date (optional)").fill("27 Mar 2027");
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Check dates work without JavaScript/ })).toBeVisible();
  await expect(page.getByText(/27 Mar(ch)? 2027/).first()).toBeVisible();
  await context.close();
});

test("the action plan's 'View as of' is a text field that takes 27 March 2027, and says so when the date is not one", async ({ as }) => {
  const page = await as("manager");
  await page.goto("/projects/home-working-pilot/actions");
  const asOf = page.getByLabel("View as of");
  expect(await asOf.getAttribute("type")).toBe("text");
  await asOf.fill("31/4/2027");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("link", { name: "The view date must be a real date, for example 27 3 2027" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Action plan/);
  await expect(page.getByLabel("View as of")).toHaveValue("31/4/2027");

  await page.getByLabel("View as of").fill("27 March 2027");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("region", { name: "Viewing another date" })).toContainText("as of 27 March 2027");
  await expect(page.getByLabel("View as of")).toHaveValue("27 March 2027");
  await expect(page).toHaveTitle(/^Action plan/);
});
