import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { DEMO_USERS } from "../../seeds/demo-users";
import { expect, expectAccessible, test } from "./fixtures";

const stamp = Date.now().toString(36);
const NEW_USER = { name: "Morgan Ellis", email: `morgan.ellis.${stamp}@example.org`, password: "temporary-pass-2026" };

async function signInAs(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: /Sign out/ })).toBeVisible();
  return page;
}

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const serious = (r: Awaited<ReturnType<AxeBuilder["analyze"]>>) =>
  r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);

/**
 * axe cannot run inside the email's iframe (its empty sandbox forbids script, which is the point),
 * so the page is checked around it and the email's own HTML is checked on a page of its own.
 */
async function expectOutboxMessageAccessible(page: Page, emailHtml: string) {
  expect(serious(await new AxeBuilder({ page }).withTags(WCAG).exclude("iframe").analyze()), "outbox message page").toEqual([]);
  const email = await page.context().newPage();
  await email.setContent(emailHtml);
  expect(serious(await new AxeBuilder({ page: email }).withTags(WCAG).analyze()), "the email's HTML").toEqual([]);
  await email.close();
}

test("an administrator creates a user, who signs in, and disabling them signs them out", async ({ as, browser }) => {
  test.slow(); // several axe scans on a shared two-core machine
  const admin = await as("admin");
  await admin.getByRole("link", { name: "Administration" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
  await expectAccessible(admin);

  await admin.getByRole("link", { name: "Users", exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(admin.getByRole("link", { name: DEMO_USERS.manager.name })).toBeVisible();
  await expectAccessible(admin);

  await admin.getByRole("link", { name: "Create a user" }).click();
  await expect(admin.getByLabel("Full name")).toBeVisible(); // the new page, not the list mid-navigation
  await expectAccessible(admin);
  await admin.getByLabel("Full name").fill(NEW_USER.name);
  await admin.getByLabel("Email address").fill(NEW_USER.email);
  await admin.getByLabel("Organisation (optional)").selectOption({ index: 1 });
  await admin.getByLabel("Temporary password").fill("too-short");
  await admin.getByRole("button", { name: "Create user" }).click();
  // Refused: the error summary names the problem and everything else typed is kept.
  await expect(admin.getByRole("alert")).toContainText("at least 12 characters");
  await expect(admin.getByLabel("Full name")).toHaveValue(NEW_USER.name);
  await expectAccessible(admin);
  await admin.getByLabel("Temporary password").fill(NEW_USER.password);
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByText("User created.")).toBeVisible();
  await expect(admin.getByRole("heading", { level: 1, name: NEW_USER.name })).toBeVisible();
  await expectAccessible(admin);

  const newcomer = await signInAs(browser, NEW_USER.email, NEW_USER.password);
  await expect(newcomer.getByText(`Signed in as ${NEW_USER.name}`)).toBeVisible();

  await admin.getByRole("button", { name: "Disable user" }).click();
  await expect(admin.getByText("User disabled.")).toBeVisible();
  await expect(admin.getByText("Disabled", { exact: true })).toBeVisible();

  // Their open session ends at their very next request.
  await newcomer.reload();
  await expect(newcomer.getByRole("heading", { level: 1, name: "Sign in to Waymark" })).toBeVisible();
  await expect(newcomer.getByRole("button", { name: /Sign out/ })).toHaveCount(0);
});

test("an administrator reads the email sent to a new user in the outbox", async ({ as }) => {
  test.slow(); // several axe scans on a shared two-core machine
  const admin = await as("admin");
  // Creating a user sends them an email, so the outbox has something of ours to show.
  const email = `outbox.${stamp}@example.org`;
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Full name").fill("Robin Hale");
  await admin.getByLabel("Email address").fill(email);
  await admin.getByLabel("Temporary password").fill("another-temporary-pass");
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByText("User created.")).toBeVisible();

  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Outbox" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await expectAccessible(admin);
  const row = admin.getByRole("row").filter({ hasText: email });
  await row.getByRole("link", { name: "Your Waymark account" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Your Waymark account" })).toBeVisible();
  await expect(admin.getByRole("region", { name: "Text version" })).toContainText("Dear Robin Hale");
  await expect(admin.getByRole("region", { name: "Text version" })).not.toContainText("another-temporary-pass");
  const html = admin.frameLocator('iframe[title^="HTML version of the email"]');
  await expect(html.getByRole("heading", { level: 1, name: "You have a Waymark account" })).toBeVisible();
  await expect(html.getByRole("link", { name: "Sign in to Waymark" })).toBeVisible();
  const srcdoc = await admin.locator('iframe[title^="HTML version of the email"]').getAttribute("srcdoc");
  await expectOutboxMessageAccessible(admin, srcdoc ?? "");
});

test("an administrator adds an organisation and finds it in the audit trail", async ({ as }) => {
  test.slow(); // several axe scans on a shared two-core machine
  const admin = await as("admin");
  const code = `T${stamp.slice(-6).toUpperCase()}`;
  await admin.goto("/admin/organisations");
  await expect(admin.getByRole("heading", { level: 1, name: "Organisations" })).toBeVisible();
  await admin.getByLabel("Name").fill(`Three Rivers District Council ${code}`);
  await admin.getByLabel("Short code").fill(code.toLowerCase());
  await admin.getByRole("button", { name: "Add organisation" }).click();
  await expect(admin.getByText(`Organisation ${code} added.`)).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: `Three Rivers District Council ${code}` })).toContainText(code);
  await expectAccessible(admin);

  await admin.getByRole("link", { name: "Administration" }).first().click();
  await admin.getByRole("link", { name: "Audit trail" }).click();
  await expect(admin.getByText(/The audit trail is intact/)).toBeVisible();
  await expectAccessible(admin);
  await admin.getByLabel("Event type starts with").fill("organisation.");
  await admin.getByRole("button", { name: "Filter events" }).click();
  await expect(admin).toHaveURL(/event=organisation\./);
  const created = admin.getByRole("row").filter({ hasText: "organisation.create" }).filter({ hasText: code });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText(DEMO_USERS.admin.email);
  await expect(admin.getByRole("row").filter({ hasText: "auth.sign_in" })).toHaveCount(0);
  await expectAccessible(admin);
});

test("the users list keeps each name apart from its job title", async ({ as }) => {
  const admin = await as("admin");
  await admin.goto("/admin/users");
  const cell = admin.getByRole("cell").filter({ has: admin.getByRole("link", { name: DEMO_USERS.admin.name, exact: true }) });
  // Read out (and copied) as "Alex Morgan, Business Systems Administrator", shown on two lines.
  await expect(cell).toHaveText(`${DEMO_USERS.admin.name}, Business Systems Administrator`);
  const [linkBox, titleBox] = await Promise.all([cell.getByRole("link").boundingBox(), cell.getByText("Business Systems Administrator").boundingBox()]);
  expect(titleBox!.y).toBeGreaterThan(linkBox!.y);
});

test("a manager gets Page not found at the administration pages", async ({ as }) => {
  const manager = await as("manager");
  await expect(manager.getByRole("link", { name: "Administration" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users", "/admin/audit", "/admin/outbox"]) {
    const response = await manager.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(manager.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  }
});

test("a cross-origin POST with a valid administrator session is refused and changes nothing", async ({ as }) => {
  const admin = await as("admin");
  await admin.goto("/admin/users");
  const href = await admin.getByRole("link", { name: DEMO_USERS.manager.name }).getAttribute("href");
  expect(href).toMatch(/^\/admin\/users\/\d+$/);

  // page.request shares the signed-in context's cookies: only the Origin gives the forgery away.
  const disable = await admin.request.post(href!, { headers: { Origin: "http://evil.example" }, form: { intent: "disable" } });
  expect(disable.status()).toBe(403);
  expect(await disable.text()).toMatch(/did not come from a Waymark page/);
  const org = await admin.request.post("/admin/organisations", {
    headers: { Origin: "http://evil.example" },
    form: { name: "Evil Borough Council", code: "EVL" },
  });
  expect(org.status()).toBe(403);

  await admin.goto(href!);
  await expect(admin.getByText("Active", { exact: true })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Disable user" })).toBeVisible();
  await admin.goto("/admin/organisations");
  await expect(admin.getByRole("cell", { name: "Evil Borough Council" })).toHaveCount(0);

  // The refusal is on the record.
  await admin.goto("/admin/audit?event=access.refused");
  await expect(admin.getByRole("row").filter({ hasText: "cross-origin POST" }).first()).toBeVisible();
});
