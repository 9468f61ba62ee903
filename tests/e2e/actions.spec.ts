import type { Browser, Page } from "@playwright/test";
import type { DemoRole } from "../../seeds/demo-users";
import { expect, expectAccessible, signIn, test } from "./fixtures";

// Demo facts (seeds/README.md): Ben Turner (contributor@) owns action 1 of `benefits-improvement`;
// action 9 waits for action 1. Priya Shah (manager@) manages the project.
const PLAN = "/projects/benefits-improvement";
const ACTION_1 = /^1 Build an evidence-based understanding/;
const ACTION_9_TITLE = /Improve the take-up plan/;

async function signedIn(browser: Browser, role: DemoRole, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, role);
  return page;
}

async function openAction9(page: Page) {
  await page.goto(`${PLAN}/actions`);
  await page.getByRole("link", { name: ACTION_9_TITLE }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Improve the take-up plan");
}

for (const javaScriptEnabled of [true, false]) {
  test(`an owner marks an action blocked and the manager sees its successor blocked by it (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    const reason = `Waiting for the neighbourhood data (${javaScriptEnabled ? "JS" : "no JS"} ${Date.now()})`;
    const ben = await signedIn(browser, "contributor", javaScriptEnabled);
    const priya = await signedIn(browser, "manager", javaScriptEnabled);
    try {
      // Before: action 9 is not blocked by 1.
      await openAction9(priya);
      await expect(priya.getByText(reason)).toHaveCount(0);

      // Ben opens his action from "my actions".
      await ben.goto("/my-actions");
      await ben.getByRole("link", { name: ACTION_1 }).click();
      await expect(ben.getByRole("heading", { level: 1 })).toContainText("Build an evidence-based understanding");
      await expect(ben.getByRole("link", { name: "Edit action" })).toHaveCount(0); // owners do not edit dates or owners

      // Marking it blocked without a reason is refused, with his note kept.
      await ben.getByLabel("Progress note").fill("Neighbourhood teams have not sent their data.");
      await ben.getByLabel("Status", { exact: true }).selectOption({ label: "Blocked" });
      await ben.getByRole("button", { name: "Add progress note" }).click();
      await expect(ben.getByRole("heading", { name: "There is a problem" })).toBeVisible();
      await expect(ben.getByRole("link", { name: "Enter why the action is blocked" })).toBeVisible();
      await expect(ben.getByLabel("Progress note")).toHaveValue("Neighbourhood teams have not sent their data.");
      // The form posts to the page's own address: no "?index" left in the address bar.
      expect(new URL(ben.url()).search).toBe("");
      await expect(ben).toHaveTitle(/^Error: Action 1: /);

      await ben.getByLabel("Reason it is blocked").fill(reason);
      await ben.getByLabel("Status", { exact: true }).selectOption({ label: "Blocked" });
      await ben.getByRole("button", { name: "Add progress note" }).click();
      await expect(ben.getByRole("heading", { name: "There is a problem" })).toHaveCount(0);
      // A success banner says so at the top, as an alert that takes focus (when scripts run).
      const banner = ben.getByRole("alert").filter({ hasText: "Progress note added" });
      await expect(banner).toBeVisible();
      expect(new URL(ben.url()).search).toBe("?added=note");
      await expect(ben).toHaveTitle(/^Action 1: /);
      if (javaScriptEnabled) await expect(banner).toBeFocused();
      await expect(ben.getByText("Status changed to Blocked.").first()).toBeVisible();
      await expect(ben.getByText(`Reason: ${reason}`)).toBeVisible();

      // Priya opens the successor and sees why it is blocked.
      await openAction9(priya);
      await expect(priya.getByText(`Blocked by 1, which is blocked (${reason})`)).toBeVisible();
    } finally {
      // Put the demo back as it was: Ben records that the work is moving again.
      await ben.goto("/my-actions");
      await ben.getByRole("link", { name: ACTION_1 }).click();
      await ben.getByLabel("Progress note").fill("Data arrived; work continues.");
      await ben.getByLabel("Status", { exact: true }).selectOption({ label: "In progress" });
      await ben.getByRole("button", { name: "Add progress note" }).click();
      await expect(ben.getByText("Data arrived; work continues.").first()).toBeVisible();
      await ben.context().close();
      await priya.context().close();
    }
  });
}

test("the action page, the new-action form and the edit form are accessible", async ({ as }) => {
  const page = await as("manager");
  await openAction9(page);
  await expectAccessible(page);
  const actionUrl = page.url();

  // Action 1 (which 9 waits for) has a due date; moving it needs a reason.
  await page.getByRole("link", { name: /^1: Build an evidence-based understanding/ }).click();
  await page.getByRole("link", { name: "Edit action" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit action" })).toBeVisible();
  await expectAccessible(page);
  // With errors showing, too: a changed due date with no reason.
  await page.getByLabel("Due date (optional)").fill("2031-12-31");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("link", { name: "Enter why the due date is changing" })).toBeVisible();
  await expect(page.getByLabel("Due date (optional)")).toHaveValue("2031-12-31");
  await expectAccessible(page);

  await page.goto(`${PLAN}/actions/new`);
  await expect(page.getByRole("heading", { level: 1, name: "Add an action" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByRole("link", { name: "Enter the action" })).toBeVisible();
  await expectAccessible(page);

  await page.goto(actionUrl);
  await expect(page.getByRole("heading", { level: 2, name: "Progress notes" })).toBeVisible();
});
