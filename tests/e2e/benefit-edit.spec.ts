import { expect, expectAccessible, signIn, test } from "./fixtures";

const BENEFITS = "/projects/rb-partnership/benefits";

test("with JavaScript off, the partnership manager edits a benefit's definition (a refused edit keeps the input), and downloads the benefits as XLSX", async ({ browser, as }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "partner");
  await page.goto(BENEFITS);
  await page.getByRole("link", { name: "Council tax payers on direct debit" }).first().click();
  await page.getByRole("link", { name: /Edit the benefit/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit Council tax payers on direct debit" })).toBeVisible();

  await page.getByLabel("Tolerance (optional)").fill("-2");
  await page.getByLabel("Source of the figures (optional)").fill("Revenues system – monthly direct-debit report");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: "The tolerance cannot be negative" })).toBeVisible();
  await expect(page.getByLabel("Source of the figures (optional)")).toHaveValue("Revenues system – monthly direct-debit report");

  await page.getByLabel("Tolerance (optional)").fill("0.75");
  await page.getByRole("group", { name: "How often is it measured?" }).getByLabel("Monthly").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Council tax payers on direct debit" })).toBeVisible();
  await expect(page.getByText("Revenues system – monthly direct-debit report")).toBeVisible();
  await expect(page.getByText("Monthly", { exact: true })).toBeVisible();
  await context.close();

  const js = await as("partner");
  await js.goto(BENEFITS);
  const download = js.waitForEvent("download");
  await js.getByRole("link", { name: /Excel \(XLSX\)/ }).click();
  expect((await download).suggestedFilename()).toMatch(/^rb-partnership-benefits-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await js.getByRole("link", { name: "Council tax payers on direct debit" }).first().click();
  await js.getByRole("link", { name: /Edit the benefit/ }).click();
  await expectAccessible(js);
});
