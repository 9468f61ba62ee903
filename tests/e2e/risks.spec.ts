import type { Page } from "@playwright/test";
import { expect, expectAccessible, signIn, test } from "./fixtures";

const REGISTER = "/projects/rb-partnership/risks";

async function cellCount(page: Page, l: number, i: number) {
  return Number(await page.locator(`[data-testid=heatmap] td[data-likelihood="${l}"][data-impact="${i}"]`).getAttribute("data-count"));
}

test("the partnership manager raises, scores, links, reviews, and sees the heat map and trend change", async ({ as }) => {
  const page = await as("partner");
  await page.goto(REGISTER);
  await expect(page.getByRole("heading", { level: 1, name: "Risk register" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Raise a risk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Raise a risk" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Reference").fill("E1");
  await page.getByLabel("Risk", { exact: true }).fill("The shared ICT contract is signed late");
  await page.getByLabel("Category (optional)").fill("Technology");
  await page.getByLabel("Likelihood before the response").selectOption("3");
  await page.getByLabel("Impact before the response").selectOption("3");
  await page.getByLabel("Likelihood after the response").selectOption("2");
  await page.getByLabel("Impact after the response").selectOption("3");
  await page.getByLabel("Response (optional)").selectOption("reduce");
  await page.getByRole("button", { name: "Raise risk" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "The shared ICT contract is signed late" })).toBeVisible();
  await expect(page.getByText("High, no open action")).toBeVisible();
  await expectAccessible(page);
  const riskUrl = page.url();

  // Heat map before the review: residual 2 x 3 on both counts.
  await page.goto(`${REGISTER}/heatmap?view=residual`);
  await expect(page.locator("[data-testid=heatmap] td[data-likelihood='2'][data-impact='3']")).toContainText("E1");
  const before = { l2i3: await cellCount(page, 2, 3), l1i2: await cellCount(page, 1, 2) };
  await expectAccessible(page);

  await page.goto(riskUrl);
  await page.getByLabel("Link a mitigation action").selectOption({ label: "P3.2: Agree with HR how to harmonise terms and conditions" });
  await page.getByRole("button", { name: "Link action" }).click();
  await expect(page.getByTestId("linked-actions")).toContainText("P3.2");
  await expect(page.getByText("High, no open action")).toHaveCount(0);

  await page.getByLabel("Likelihood after the response").selectOption("1");
  await page.getByLabel("Impact after the response").selectOption("2");
  await page.getByLabel("Next review date").fill("2099-01-31");
  await page.getByLabel("Review note").fill("Contract timetable agreed with both ICT managers");
  await page.getByRole("button", { name: "Record review" }).click();
  await expect(page.getByText("Falling from 6 to 2")).toBeVisible();
  await expect(page.getByTestId("history")).toContainText("Contract timetable agreed");
  await expect(page.getByTestId("history").getByRole("row")).toHaveCount(3);

  await page.goto(`${REGISTER}/heatmap?view=residual`);
  expect(await cellCount(page, 2, 3)).toBe(before.l2i3 - 1);
  expect(await cellCount(page, 1, 2)).toBe(before.l1i2 + 1);
  await expect(page.locator("[data-testid=heatmap] td[data-likelihood='1'][data-impact='2']")).toContainText("E1");
  await page.getByRole("link", { name: "Show inherent scores instead" }).click();
  await expect(page.locator("[data-testid=heatmap] td[data-likelihood='3'][data-impact='3']")).toContainText("E1");

  await page.goto(REGISTER);
  await expect(page.locator("tr[data-ref='E1']")).toContainText("Falling from 6 to 2");
});

test("a board member can read the register and a risk but not change them", async ({ as }) => {
  const page = await as("board");
  await page.goto(REGISTER);
  await expect(page.getByRole("heading", { level: 1, name: "Risk register" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Raise a risk" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Register settings" })).toHaveCount(0);
  await page.locator("tr[data-ref='16'] a").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("terms and conditions");
  await expect(page.getByTestId("history")).toBeVisible();
  await expect(page.getByRole("button", { name: "Record review" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit risk" })).toHaveCount(0);
  await expectAccessible(page);
  for (const path of [`${REGISTER}/new`, `${REGISTER}/settings`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "You cannot do that" })).toBeVisible();
  }
});

test("with JavaScript off, refused input is kept and a risk can be raised and closed", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "partner");
  await page.goto(`${REGISTER}/new`);
  await page.getByLabel("Reference").fill("J1");
  await page.getByLabel("Risk", { exact: true }).fill("Key staff leave before the move");
  await page.getByRole("radio", { name: "Opportunity" }).check();
  await page.getByLabel("Response (optional)").selectOption("avoid");
  await page.getByRole("button", { name: "Raise risk" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: /An opportunity's response/ })).toBeVisible();
  await expect(page.getByLabel("Risk", { exact: true })).toHaveValue("Key staff leave before the move");

  await page.getByRole("radio", { name: "Threat" }).check();
  await page.getByRole("button", { name: "Raise risk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Key staff leave before the move" })).toBeVisible();

  await page.getByRole("link", { name: "Close risk" }).click();
  await page.getByRole("button", { name: "Close risk" }).click();
  await expect(page.getByRole("link", { name: "Enter a closing note saying why the risk is closed" })).toBeVisible();
  await page.getByLabel("Closing note").fill("Retention payments agreed");
  await page.getByRole("button", { name: "Close risk" }).click();
  await expect(page.getByText("Retention payments agreed")).toBeVisible();
  await context.close();
});

test("the edit, close and settings pages and an error state pass axe", async ({ as }) => {
  const page = await as("partner");
  await page.goto(`${REGISTER}/new`);
  await page.getByLabel("Reference").fill("");
  await page.getByRole("button", { name: "Raise risk" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(REGISTER);
  await page.locator("tr[data-ref='16'] a").click();
  await page.getByRole("link", { name: "Edit risk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit risk" })).toBeVisible();
  await expectAccessible(page);
  await page.goBack();
  await page.getByRole("link", { name: "Close risk" }).click();
  await expect(page.getByLabel("Closing note")).toBeVisible();
  await expectAccessible(page);
  await page.goto(`${REGISTER}/settings`);
  await expect(page.getByRole("heading", { level: 1, name: "Risk register settings" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`${REGISTER}?status=all&sort=severity&dir=desc`);
  await expect(page.locator("[data-testid=risk-table] tbody tr").first()).toContainText("6");
  await expectAccessible(page);
});

test("the heat map counts for the demo register match the register table, on both views", async ({ as }) => {
  const page = await as("partner");
  for (const status of ["open", "all"]) {
    await page.goto(`${REGISTER}?status=${status}`);
    const rows = page.locator("[data-testid=risk-table] tbody tr");
    const total = await rows.count();
    expect(total).toBeGreaterThanOrEqual(status === "open" ? 17 : 19);
    for (const view of ["inherent", "residual"] as const) {
      const expected = new Map<string, number>();
      let unscored = 0;
      for (const cell of await page.locator(`[data-testid=risk-table] tbody td[data-col=${view}]`).all()) {
        const [l, i] = [await cell.getAttribute("data-l"), await cell.getAttribute("data-i")];
        if (!l || !i) unscored++;
        else expected.set(`${l}x${i}`, (expected.get(`${l}x${i}`) ?? 0) + 1);
      }
      const map = await page.context().newPage();
      await map.goto(`${REGISTER}/heatmap?view=${view}&status=${status}`);
      const actual = new Map<string, number>();
      for (const td of await map.locator("[data-testid=heatmap] td[data-count]").all()) {
        const n = Number(await td.getAttribute("data-count"));
        if (n) actual.set(`${await td.getAttribute("data-likelihood")}x${await td.getAttribute("data-impact")}`, n);
      }
      expect(actual, `${view} view, ${status} risks`).toEqual(expected);
      if (unscored) await expect(map.getByTestId("unscored")).toContainText(String(unscored));
      await map.close();
    }
  }
});

test("a programme's own register: an administrator raises a risk, a board member reads it", async ({ as }) => {
  const admin = await as("admin");
  await admin.goto("/programmes/revs-bens/risks");
  await expect(admin.getByRole("heading", { level: 1, name: "Risk register" })).toBeVisible();
  await expect(admin.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Revenues and Benefits Transformation");
  await admin.getByRole("link", { name: "Raise a risk" }).click();
  await admin.getByLabel("Reference").fill("PG1");
  await admin.getByLabel("Risk", { exact: true }).fill("The two councils' budgets are cut at the same time");
  await admin.getByLabel("Likelihood after the response").selectOption("2");
  await admin.getByLabel("Impact after the response").selectOption("3");
  await admin.getByRole("button", { name: "Raise risk" }).click();
  await expect(admin).toHaveURL(/\/programmes\/revs-bens\/risks\/\d+$/);
  await admin.getByLabel("Link a mitigation action").selectOption({ label: "P3.2: Agree with HR how to harmonise terms and conditions (Revenues and benefits partnership)" });
  await admin.getByRole("button", { name: "Link action" }).click();
  await expect(admin.getByTestId("linked-actions")).toContainText("P3.2");
  await expectAccessible(admin);

  const board = await as("board");
  await board.goto("/programmes/revs-bens/risks");
  await expect(board.locator("tr[data-ref='PG1']")).toContainText("budgets are cut");
  await expect(board.getByRole("link", { name: "Raise a risk" })).toHaveCount(0);
  await board.goto("/projects/rb-partnership/risks");
  await expect(board.locator("tr[data-ref='PG1']")).toHaveCount(0);
});
