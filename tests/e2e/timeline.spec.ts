import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, signIn, test } from "./fixtures";

// Demo facts (seeds/README.md; dates move with today): in the home-working pilot 2.7 "Set up an
// appeals process" is overdue and 2.12 is blocked; the programme `revs-bens` holds three projects,
// of which the partner (Dev Patel) may see only the partnership project.
const PROJECT = "/projects/home-working-pilot";
const PROGRAMME = "/programmes/revs-bens";

/** The form sits in a GOV.UK details component: open it unless it is open already. */
async function openChoices(page: Page) {
  if (!(await page.getByLabel("Zoom").isVisible())) await page.getByText("Change what the timeline shows").click();
}

test("the manager opens the timeline from the project, zooms, filters to flagged and follows a bar by keyboard", async ({ as }) => {
  const page = await as("manager");
  await page.goto(PROJECT);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Timeline" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Timeline/);
  // Followed from a hydrated page, the link loads the timeline as a document: no scripts (its clientLoader).
  await expect(page.locator("script")).toHaveCount(0);
  const chart = page.getByRole("region", { name: "Timeline chart" });
  await expect(chart.getByRole("link", { name: /^Action 2\.7, Set up an appeals process.*, overdue by \d+ days?/ })).toBeVisible();
  await expectAccessible(page);

  await openChoices(page);
  await page.getByLabel("Zoom").selectOption({ label: "Weeks" });
  await page.getByRole("button", { name: "Update timeline" }).click();
  await expect(page).toHaveURL(/zoom=week/);
  await expect(page.getByText(/week zoom/)).toBeVisible();

  await openChoices(page);
  await page.getByLabel("Flag", { exact: true }).selectOption({ label: "Any flag" });
  await page.getByLabel("Critical path and float").check();
  await page.getByRole("button", { name: "Update timeline" }).click();
  await expect(page).toHaveURL(/flag=any/);
  const bars = chart.getByRole("link");
  const names = await bars.evaluateAll((links) => links.map((a) => a.querySelector("title")?.textContent ?? ""));
  expect(names.length).toBeGreaterThan(0);
  // Done items are never flagged, so none is left after the filter but as something a flagged item depends on.
  expect(names.some((n) => /^Action 2\.7, /.test(n))).toBe(true);
  expect(names.every((n) => /float|critical path/.test(n))).toBe(true);

  // Keyboard: from the chart region, Tab moves bar by bar in row order; Enter follows the link.
  await chart.focus();
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate(() => (document.activeElement?.querySelector("title")?.textContent ?? "").startsWith("Action 2.7,"));
  }
  expect(found).toBe(true);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Set up an appeals process");
});

test("the reader sees the programme timeline and its table; the partner sees only their project", async ({ as }) => {
  const reader = await as("reader");
  await reader.goto(PROGRAMME);
  await reader.getByRole("link", { name: /Programme timeline/ }).click();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(/Timeline/);
  await expect(reader.getByRole("region", { name: "Timeline chart" }).getByRole("link", { name: /^Action 2\.7, / })).toBeVisible();
  await reader.getByRole("link", { name: "The same timeline as a table" }).click();
  const table = reader.getByRole("table");
  await expect(table.getByRole("row", { name: /2\.7 Set up an appeals process/ })).toContainText(/Overdue \d+ days?/);
  await expectAccessible(reader);

  const partner = await as("partner");
  await partner.goto(`${PROGRAMME}/timeline?view=table`);
  const projects = await partner.getByRole("table").locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(projects.length).toBeGreaterThan(0);
  expect(projects.every((p) => p.startsWith(projects[0].split(":")[0]))).toBe(true);
  await expect(partner.getByText("Set up an appeals process")).toHaveCount(0);
});

test("with JavaScript off the form, the table link and the downloads work; PNG and PDF open", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await signIn(page, "manager");
    await page.goto(`${PROJECT}/timeline`);
    await openChoices(page);
    await page.getByLabel("Zoom").selectOption({ label: "Quarters" });
    await page.getByLabel("Baselines and slip").check();
    await page.getByRole("button", { name: "Update timeline" }).click();
    await expect(page).toHaveURL(/zoom=quarter/);
    await expect(page).toHaveURL(/baseline=1/);
    await expect(page.getByText(/quarter zoom · baselines/)).toBeVisible();
    await page.getByRole("link", { name: "The same timeline as a table" }).click();
    await expect(page.getByRole("table")).toBeVisible();

    const svg = await (await page.request.get(`${PROJECT}/timeline.svg?zoom=quarter`)).text();
    const [, width, height] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!;
    const png = await page.request.get(`${PROJECT}/timeline.png?zoom=quarter`);
    expect(png.headers()["content-type"]).toBe("image/png");
    const bytes = await png.body();
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([Number(width), Number(height)]);

    const pdf = await page.request.get(`${PROJECT}/timeline.pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const text = execFileSync("pdftotext", ["-", "-"], { input: await pdf.body() }).toString();
    expect(text).toContain("Benefits home-working pilot");
  } finally {
    await context.close();
  }
});

test("a wrong date comes back with the message and what was typed", async ({ as }) => {
  const page = await as("manager");
  const res = await page.goto(`${PROJECT}/timeline?asOf=2026-02-30`);
  expect(res?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("The view date must be a real date");
  // A text field, not a date picker: what was typed comes back as it was typed.
  await expect(page.getByLabel("Flags as of")).toHaveValue("2026-02-30");
  await expect(page).toHaveTitle(/^Error: /);
});

test("printed on A4 landscape the programme timeline runs over pages that each repeat the time header beside their rows' labels", async ({ as }, testInfo) => {
  const page = await as("board");
  await page.goto(`${PROGRAMME}/timeline?paper=a4`);
  const frame = page.locator(".waymark-timeline__frame");
  // The header's month (or quarter) labels, and each chunk of rows' labels, as the page draws them.
  const months = await frame.locator("thead th:nth-child(2) text").allTextContents();
  const chunks = await frame.locator("tbody td.waymark-timeline__labels svg").evaluateAll((svgs) => svgs.map((s) => [...s.querySelectorAll("text")].map((t) => t.textContent ?? "")));
  expect(months.length).toBeGreaterThan(2);
  // page.pdf() lays the page out for print, as the print preview does.
  const pdf = await page.pdf({ landscape: true, format: "A4" });
  fs.writeFileSync(testInfo.outputPath("timeline-a4.pdf"), pdf);
  const info = execFileSync("pdfinfo", ["-"], { input: pdf }).toString();
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  expect(Number(w)).toBeGreaterThan(Number(h)); // landscape
  const pages = execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString().split("\f");
  const squash = (s: string) => s.replace(/\s+/g, " ");
  // Pages holding rows of the chart: each has the header (the corner's "Item" and every unit)
  // and the labels of the rows it holds; together they hold every row's label.
  const chartPages = pages.filter((p) => chunks.some((labels) => labels.some((l) => squash(p).includes(squash(l)))));
  expect(chartPages.length).toBeGreaterThan(1);
  for (const text of chartPages) {
    expect(text).toContain("Item");
    for (const m of months) expect(text).toContain(m);
  }
  const printed = squash(chartPages.join(" "));
  for (const label of chunks.flat()) expect(printed).toContain(squash(label));
});
