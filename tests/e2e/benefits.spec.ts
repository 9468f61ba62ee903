import { expect, expectAccessible, signIn, test } from "./fixtures";


const BENEFITS = "/projects/rb-partnership/benefits";

test("with JavaScript off, the partnership manager records an actual, the flags clear, and the chart has a table equivalent", async ({ browser, as }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "partner");
  await page.goto(BENEFITS);
  await expect(page.getByRole("heading", { level: 1, name: "Benefits" })).toBeVisible();

  await page.getByRole("link", { name: "Days to process new benefit claims" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Days to process new benefit claims" })).toBeVisible();
  const flags = page.getByTestId("benefit-flags");
  await expect(flags).toContainText("Measurement due");
  await expect(flags).toContainText("Off target");
  // The chart's accessible name states the latest value against its target; the table gives every figure.
  await expect(page.getByRole("img", { name: /Dunmore Borough Council: latest 24\.1 days against a target of 22 days/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Days to process new benefit claims: Dunmore Borough Council\. Baseline 25\.76 days/ })).toContainText("24.4 days");

  // A refused entry keeps what was typed.
  await page.getByLabel("Organisation", { exact: true }).first().selectOption({ label: "Dunmore Borough Council" });
  await page.getByLabel("Value", { exact: true }).fill("about twenty");
  await page.getByRole("button", { name: "Record actual" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByLabel("Value", { exact: true })).toHaveValue("about twenty");

  const now = new Date();
  await page.getByLabel("Organisation", { exact: true }).first().selectOption({ label: "Dunmore Borough Council" });
  await page.getByLabel("Date the figure is for").fill(`${now.getDate()}/${now.getMonth() + 1}/${now.getFullYear()}`);
  await page.getByLabel("Value", { exact: true }).fill("21.5");
  await page.getByLabel("Comment (optional)").fill("New claims team at full strength");
  await page.getByRole("button", { name: "Record actual" }).click();
  await expect(page.getByText("No flags: measured on time and on target.")).toBeVisible();
  await expect(page.getByRole("img", { name: /Dunmore Borough Council: latest 21\.5 days against a target of 22 days/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "History of figures entered, newest first" })).toContainText("New claims team at full strength");
  const benefitUrl = page.url();
  await context.close();

  // axe runs in the page, so these checks use a browser with JavaScript on.
  const js = await as("partner");
  await js.goto(BENEFITS);
  await expectAccessible(js);
  await js.goto(benefitUrl);
  await expect(js.getByText("No flags: measured on time and on target.")).toBeVisible();
  await expectAccessible(js);
  await js.goto("/projects/rb-partnership/business-case");
  await expect(js.getByText("1.67 years (one-off costs divided by the first year's net saving)")).toBeVisible();
  await expect(js.getByText("£834,000").first()).toBeVisible();
  await expectAccessible(js);
});
