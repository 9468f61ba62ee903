import { expect, expectAccessible, signIn, test } from "./fixtures";

// Demo facts (seeds/README.md; dates move with today): Ben Turner (contributor@) owns 2.7 in the
// home-working pilot, which is overdue, and 2.8, which is blocked; 2.12 is blocked by 3.9.
// Priya Shah (manager@) manages the pilot. The programme `revs-bens` holds all three projects.
const PLAN = "/projects/home-working-pilot/actions";

test("the contributor sees their flagged actions on My actions, flagged first", async ({ as }) => {
  const ben = await as("contributor");
  await ben.getByRole("link", { name: "My actions" }).click();
  await expect(ben.getByRole("heading", { level: 1 })).toHaveText(/My actions/);
  const table = ben.getByRole("table", { name: "Your open actions" });
  const overdue = table.getByRole("row", { name: /2\.7 Set up an appeals process/ });
  await expect(overdue.getByText(/^Overdue \d+ days?$/)).toBeVisible();
  await expect(overdue.getByRole("link", { name: /Add a progress note/ })).toHaveAttribute(
    "href",
    /\/projects\/home-working-pilot\/actions\/\d+#progress-note$/
  );
  await expect(table.getByRole("row", { name: /2\.8 Resolve data protection issues/ }).locator(".govuk-tag", { hasText: /^Blocked$/ })).toBeVisible();
  // Flagged first: once a row has no flags, no later row has any.
  const flagCells = await table.locator("tbody tr td:nth-child(5)").allInnerTexts();
  const firstCalm = flagCells.findIndex((t) => t.trim() === "None");
  expect(firstCalm).toBeGreaterThan(0);
  expect(flagCells.slice(firstCalm).every((t) => t.trim() === "None")).toBe(true);
  await expectAccessible(ben);
});

test("the manager filters the plan by flag 'Blocked' with JavaScript off, and sorts it", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await signIn(page, "manager");
    await page.goto(PLAN);
    await expect(page.getByRole("link", { name: "Add an action" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Set up an appeals process/ })).toBeVisible();
    await page.getByLabel("Flag").selectOption({ label: "Blocked" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]flag=blocked/);
    await expect(page.getByText(/^Showing \d+ of \d+ actions$/)).toBeVisible();
    await expect(page.getByLabel("Flag")).toHaveValue("blocked");
    await expect(page.getByRole("link", { name: /Set up an appeals process/ })).toHaveCount(0);
    const rows = page.locator("table tbody tr");
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);
    for (let i = 0; i < count; i++) await expect(rows.nth(i).getByText("Blocked", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("row", { name: /Approve each volunteer's home working environment/ })).toContainText(
      /Blocked by 3\.9, which is \d+ days? overdue/
    );

    // Sorting keeps the filter, and says which way it sorts.
    const refHeader = page.getByRole("columnheader", { name: /^Ref/ }).first();
    await expect(refHeader).toHaveAttribute("aria-sort", "ascending");
    await refHeader.getByRole("link").click();
    await expect(page).toHaveURL(/flag=blocked/);
    await expect(page.getByRole("columnheader", { name: /^Ref/ }).first()).toHaveAttribute("aria-sort", "descending");
  } finally {
    await context.close();
  }
});

test("the plan can be viewed as of another date, with a banner saying so", async ({ as }) => {
  const priya = await as("manager");
  await priya.goto(PLAN);
  await priya.getByLabel("View as of").fill("2020-01-01");
  await priya.getByRole("button", { name: "Apply filters" }).click();
  await expect(priya.getByRole("region", { name: "Viewing another date" })).toContainText("as of 1 January 2020");
  // Years before anything was due, nothing is overdue.
  await expect(priya.getByText(/^Overdue \d+ days?$/)).toHaveCount(0);
  await priya.getByRole("link", { name: "View as of today" }).click();
  await expect(priya.getByRole("region", { name: "Viewing another date" })).toHaveCount(0);
});

// The plain plan, My actions and flagged list are scanned by the crawl (a11y-crawl.spec.ts); here,
// the states a crawl does not reach: a filtered, re-sorted plan and a refused view date.
test("axe passes on a filtered plan and on the flagged list with a refused view date", async ({ as }) => {
  test.setTimeout(90_000); // the demo plan is a long page, and axe reads all of it
  const priya = await as("manager");
  for (const path of [`${PLAN}?flag=blocked&sort=due&dir=desc`, "/programmes/revs-bens/flagged?asOf=2026-99-01"]) {
    await priya.goto(path);
    await expect(priya.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(priya);
  }
  await expect(priya.getByRole("link", { name: /The view date must be a real date/ })).toBeVisible();
  await priya.goto("/programmes/revs-bens/flagged");
  await expect(priya.getByRole("heading", { name: /^Flagged actions and milestones \(\d+\)$/ })).toBeVisible();
  await priya.getByRole("navigation", { name: "Flags" }).getByRole("link", { name: /^Blocked \(\d+\)$/ }).click();
  await expect(priya.getByRole("heading", { name: /^Blocked \(\d+\)$/ })).toBeVisible();
  // Another date keeps the chosen flag.
  await priya.getByLabel("View as of another date").fill("2026-06-01");
  await priya.getByRole("button", { name: "Show" }).click();
  await expect(priya.getByRole("heading", { name: /^Blocked \(\d+\)$/ })).toBeVisible();
  expect(new URL(priya.url()).searchParams.get("flag")).toBe("blocked");
});
