import ical from "node-ical";
import { expect, expectAccessible, signIn, test } from "./fixtures";

// Demo facts (seeds/demo-home-working.ts): in the home-working pilot WP1-WP3 feed into WP4, and the
// chain 3.9 (overdue) -> 2.12 -> 2.13 -> 4.1 is blocked. Priya Shah (manager@) manages the pilot.
const GRAPH = "/projects/home-working-pilot/dependencies";
const CHAIN = /4\.1 waits for 2\.13, which waits for 2\.12, which waits for 3\.9, which is \d+ days? overdue/;

test("the dependency graph draws with JavaScript, and a node click reaches its item", async ({ as }) => {
  const page = await as("manager");
  await page.goto(GRAPH);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Dependencies/);
  const pictures = page.getByTestId("graph-picture");
  await expect(pictures.first().locator("svg")).toBeVisible({ timeout: 15_000 });
  const wp = pictures.first();
  for (const name of ["WP1", "WP2", "WP3", "WP4"]) await expect(wp.locator("svg").getByText(new RegExp(`^${name} `)).first()).toBeVisible();
  await expect(wp.locator("svg").getByText("feeds into").first()).toBeVisible();
  const items = pictures.nth(1).locator("svg");
  await expect(items).toBeVisible({ timeout: 15_000 });
  await expect(items.getByText(/^2\.13 Test the processes/)).toBeVisible();
  await expect(page.getByTestId("blocked-chains")).toContainText(CHAIN);
  await expectAccessible(page);
  await items.locator("a", { hasText: /^2\.13 Test the processes/ }).first().click();
  await expect(page).toHaveURL(/\/projects\/home-working-pilot\/actions\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Test the processes");
});

test("without JavaScript the graph page is its text: chains and what waits for what; focus narrows it", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await signIn(page, "manager");
    await page.goto(GRAPH);
    await expect(page.locator("svg")).toHaveCount(0);
    await expect(page.getByTestId("blocked-chains")).toContainText(CHAIN);
    // The work packages' picture in words: WP1-WP3 feed into WP4.
    const feeds = page.getByTestId("work-package-feeds").getByRole("listitem");
    for (const name of ["WP1", "WP2", "WP3"]) await expect(feeds.filter({ hasText: new RegExp(`^${name} .* feeds into WP4 `) })).toHaveCount(1);
    const text = page.getByTestId("graph-text");
    const row = text.locator(".govuk-summary-list__row", { hasText: "2.13 Test the processes" });
    await expect(row).toContainText("Waits for 2.12");
    await expect(row).toContainText(/4\.1.*wait for it/);
    await page.getByLabel("Focus on one item").selectOption({ label: "3.9 Arrange equipment for the volunteers" });
    await page.getByLabel("Levels up and down").fill("1");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/focus=a%3A\d+&depth=1/);
    await expect(page.getByText(/Showing 3\.9 with 1 level up and down/)).toBeVisible();
    await expect(text.locator(".govuk-summary-list__row", { hasText: "4.1 Receive" })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("the calendar shows month and agenda views with JavaScript, and a month agenda without", async ({ as, browser }) => {
  const page = await as("manager");
  await page.goto("/projects/home-working-pilot/calendar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Calendar/);
  await expect(page.locator(".rbc-month-view")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator(".rbc-header").first()).toHaveText(/Mon/);
  // The demo's dates move with today, so any month holds some of its events, but not always the same ones.
  await expect(page.locator(".rbc-month-view .rbc-event").first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Agenda" }).click();
  await expect(page.locator(".rbc-agenda-view")).toBeVisible();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const off = await context.newPage();
  try {
    await signIn(off, "manager");
    await off.goto("/projects/home-working-pilot/calendar");
    const agenda = off.getByTestId("agenda");
    await expect(agenda.getByRole("link").first()).toBeVisible();
    const month = (await agenda.getByRole("heading", { level: 2 }).innerText()).trim();
    await agenda.getByRole("link", { name: /Next month/ }).click();
    await expect(off).toHaveURL(/month=\d{4}-\d{2}/);
    await expect(off.getByTestId("agenda").getByRole("heading", { level: 2 })).not.toHaveText(month);
    await off.getByLabel("Kind").selectOption({ label: "Milestone" });
    await off.getByRole("button", { name: "Apply filters" }).click();
    await expect(off).toHaveURL(/kind=milestone/);
  } finally {
    await context.close();
  }
});

test("a busy programme calendar's month and week grids pass axe, and an event is a link reached by keyboard", async ({ as }) => {
  const page = await as("admin");
  await page.goto("/programmes/revs-bens/calendar");
  const event = page.locator(".rbc-month-view .rbc-event a").first();
  await expect(event).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page);
  await page.getByRole("button", { name: "Week" }).click();
  await expect(page.locator(".rbc-time-view")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Month" }).click();
  const href = await event.getAttribute("href");
  await event.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${href!.replace(/[.?]/g, "\\$&")}$`));
});

test("the manager makes a calendar link; the ICS it gives parses and holds her items", async ({ as, request }) => {
  const page = await as("manager");
  await page.goto("/my-calendar");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Add this calendar to Outlook" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Calendar subscriptions");
  await expect(page.getByText(/Subscribe from web/)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("My items").check();
  await page.getByLabel("Name for the link").fill("Outlook on my laptop");
  await page.getByRole("button", { name: "Make the link" }).click();
  const url = await page.getByRole("textbox", { name: "Calendar link" }).inputValue();
  expect(url).toMatch(/\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
  await expect(page.getByRole("row", { name: /Outlook on my laptop/ })).toBeVisible();
  await expectAccessible(page);

  // Fetched as Outlook would: no session.
  const path = new URL(url).pathname;
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/calendar");
  const body = await response.text();
  const events = Object.values(ical.sync.parseICS(body)).filter((c) => c?.type === "VEVENT") as ical.VEvent[];
  const summaries = events.map((e) => String(e.summary));
  expect(summaries).toEqual(expect.arrayContaining([expect.stringMatching(/^Milestone: First operational home-worker/), expect.stringMatching(/^Action due: /)]));
  expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  expect(body).not.toContain("rb-partnership");
  const etag = response.headers()["etag"]!;
  expect((await request.get(path, { headers: { "If-None-Match": etag } })).status()).toBe(304);

  await page.getByRole("button", { name: /Turn off Outlook on my laptop/ }).click();
  await expect(page.getByText("That calendar link no longer works.")).toBeVisible();
  expect((await request.get(path)).status()).toBe(404);
});
