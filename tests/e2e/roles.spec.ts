import { expect, test } from "./fixtures";

// Each kind of user sees and may change exactly what their role allows.
const PILOT = "/projects/home-working-pilot";
const PLAN = "/projects/benefits-improvement";
const PARTNERSHIP = "/projects/rb-partnership";

test("a manager sees their projects and may edit them", async ({ as }) => {
  const page = await as("manager");
  await expect(page.getByRole("link", { name: /home-working pilot/i })).toBeVisible();
  await expect(page.getByRole("link", { name: /benefits/i }).first()).toBeVisible();
  await page.goto(`${PILOT}/edit`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/edit/i);
  const response = await page.goto(PARTNERSHIP);
  expect(response?.status()).toBe(404);
});

test("a reader can read a project but not change it", async ({ as }) => {
  const page = await as("reader");
  const read = await page.goto(PILOT);
  expect(read?.status()).toBe(200);
  await expect(page.getByRole("link", { name: /^edit/i })).toHaveCount(0);
  const edit = await page.goto(`${PILOT}/edit`);
  expect(edit?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You cannot do that" })).toBeVisible();
  const newAction = await page.goto(`${PILOT}/actions/new`);
  expect(newAction?.status()).toBe(403);
});

test("a user of one project gets 404 on every page of another", async ({ as }) => {
  const page = await as("partner");
  await expect(page.getByRole("link", { name: /home-working pilot/i })).toHaveCount(0);
  for (const path of [PILOT, `${PILOT}/actions`, `${PILOT}/work-packages`, `${PILOT}/milestones`, `${PILOT}/team`, `${PILOT}/edit`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  const own = await page.goto(PARTNERSHIP);
  expect(own?.status()).toBe(200);
});

test("a consultee sees only the projects they are consulted on", async ({ as }) => {
  const page = await as("consultee");
  expect((await page.goto(PILOT))?.status()).toBe(200);
  expect((await page.goto(PLAN))?.status()).toBe(404);
  expect((await page.goto(`${PILOT}/edit`))?.status()).toBe(403);
});

test("a board member reads the project but cannot edit its structure", async ({ as }) => {
  const page = await as("board");
  expect((await page.goto(PILOT))?.status()).toBe(200);
  expect((await page.goto(`${PILOT}/work-packages/new`))?.status()).toBe(403);
});

test("a contributor reads the plan but cannot change the project's structure", async ({ as }) => {
  const page = await as("contributor");
  expect((await page.goto(PILOT))?.status()).toBe(200);
  expect((await page.goto(`${PILOT}/milestones/new`))?.status()).toBe(403);
  await page.goto("/my-actions");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/my actions/i);
});

test("only administrators reach administration", async ({ as }) => {
  const manager = await as("manager");
  expect((await manager.goto("/admin"))?.status()).toBe(404);
  const admin = await as("admin");
  expect((await admin.goto("/admin"))?.status()).toBe(200);
});

test("signing out ends the session", async ({ as }) => {
  const page = await as("reader");
  await page.getByRole("button", { name: /Sign out/ }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Waymark" })).toBeVisible();
  await page.goto(PILOT);
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/);
});
