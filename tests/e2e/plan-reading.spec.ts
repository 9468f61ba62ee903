import { expect, expectAccessible, test } from "./fixtures";

// Issue 15: the action plan reads easily. Outcomes are lists, an empty cell says nothing rather than
// "None written" on every row, owners' initials have a key with full names, and the date the flags
// use is set apart from the deadline as written. Its many scroll regions each have their own name.
test("the action plan: outcomes as lists, the deadline as written apart from the date, a key to initials, unique regions", async ({ as }) => {
  const page = await as("manager");
  await page.goto("/projects/benefits-improvement/actions");
  const row = page.getByRole("row", { name: /^1 Build an evidence-based understanding/ });
  await expect(row.getByRole("listitem")).toHaveText(["Better benefit take-up", "Better council tax collection and debt recovery", "More satisfied customers"]);
  await expect(row.locator("strong", { hasText: /^Due \d/ })).toBeVisible();
  await expect(row.getByText(/^Written: Knowledge framework built/)).toBeVisible();
  // An action with no outcomes says so to screen readers only.
  const shown = await page.getByText("None written", { exact: true }).evaluateAll((els) => els.filter((e) => !e.classList.contains("govuk-visually-hidden")).length);
  expect(shown).toBe(0);

  await page.getByText("Owners’ initials").click();
  await expect(page.locator(".govuk-details__text dt", { hasText: /^BT$/ })).toBeVisible();
  await expect(page.locator(".govuk-details__text dd", { hasText: "Ben Turner" })).toBeVisible();

  const regions = await page
    .getByRole("region")
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? document.getElementById(e.getAttribute("aria-labelledby") ?? "")?.textContent));
  expect(regions.length).toBeGreaterThan(1);
  expect(new Set(regions).size).toBe(regions.length);
  await expectAccessible(page);
});
