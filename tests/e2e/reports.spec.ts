import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { workerMailbox } from "./worker-server";

// Demo facts (seeds/demo-reports.ts): the home-working pilot has two published highlight reports;
// the programme revs-bens has a published committee report that the reader (Cllr Jo Evans) may read.
const PROJECT = "/projects/home-working-pilot";
const dir = mkdtempSync(join(tmpdir(), "waymark-reports-"));

async function download(page: Page, name: RegExp) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

test("a manager drafts, edits, publishes and corrects a highlight report; the board gets the link and reads it signed out without JavaScript", async ({ as, browser, baseURL }) => {
  const page = await as("manager");
  await page.goto(PROJECT);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Reports/);
  await page.getByRole("link", { name: "New report" }).click();
  const title = `Pilot highlight report ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create draft" }).click();

  // An override without a reason is refused, with the narrative kept.
  await page.getByLabel("Time status to show").selectOption({ label: "Red" });
  await page.getByLabel("Status summary").fill("Equipment is late; the pilot group starts a week behind.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("alert")).toContainText("Give a reason for changing the time status");
  await expect(page.getByLabel("Status summary")).toHaveValue("Equipment is late; the pilot group starts a week behind.");
  await page.getByLabel("Reason for changing the time status").fill("Supplier confirmed a three-week delay");
  await page.getByRole("button", { name: "Save draft" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(page.getByText("Reason: Supplier confirmed a three-week delay")).toBeVisible();
  await page.getByLabel("Email the link to the board").check();
  await page.getByRole("button", { name: "Publish report" }).click();
  await expect(page.getByText("Published", { exact: true }).first()).toBeVisible();

  // The board's email carries a link that needs no account.
  await expect.poll(() => workerMailbox().filter((m) => m.subject === `Report published: ${title}`).length).toBeGreaterThan(0);
  const mail = workerMailbox().find((m) => m.subject === `Report published: ${title}`)!;
  const link = /\/published\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0];

  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const reader = await context.newPage();
  const response = await reader.goto(link);
  expect(response!.headers()["x-robots-tag"]).toContain("noindex");
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(reader.getByText("Supplier confirmed a three-week delay")).toBeVisible();
  // The timeline frozen with the report, and its table equivalent.
  await expect(reader.getByRole("img", { name: /Timeline of the stages and milestones/ })).toBeVisible();
  await expect(reader.getByRole("table", { name: "Timeline as a table" })).toBeVisible();
  // No way into the app from here: no header link, no navigation, no sign-in prompt.
  await expect(reader.getByRole("link", { name: "Waymark" })).toHaveCount(0);
  await expect(reader.getByRole("navigation")).toHaveCount(0);
  await expect(reader.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  // Print preview: the report alone, sections on their own pages.
  await reader.emulateMedia({ media: "print" });
  await expect(reader.locator(".waymark-header")).toBeHidden();
  await expect(reader.getByRole("link", { name: "Download as PDF" })).toBeHidden();
  await context.close();
  // axe runs in the page, so it needs JavaScript: the same signed-out page with it on.
  const axeContext = await browser.newContext({ baseURL });
  const axePage = await axeContext.newPage();
  await axePage.goto(link);
  await expectAccessible(axePage);
  await axeContext.close();

  // A correction is a new version that says what changed; the same link shows it and keeps the first readable.
  await page.getByRole("button", { name: "Start a correction" }).click();
  await page.getByLabel("What changed in this correction, and why").fill("The pilot group's start date was wrong.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.getByRole("button", { name: "Publish report" }).click();
  await expect(page.getByText("Published", { exact: true }).first()).toBeVisible();
  const again = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const later = await again.newPage();
  await later.goto(link);
  await expect(later.getByText("The pilot group's start date was wrong.").first()).toBeVisible();
  await later.getByRole("link", { name: "Version 1" }).click();
  await expect(later.getByText("This is version 1, which has been corrected.")).toBeVisible();
  await again.close();
});

test("the scrutiny member reads the committee report in the app and downloads it as Word and PDF with the same text", async ({ as }) => {
  const page = await as("reader");
  await page.goto("/programmes/revs-bens");
  await page.getByRole("link", { name: /Progress reports/ }).click();
  await page.getByRole("link", { name: /Revenues and Benefits Transformation: progress report/ }).click();
  await expect(page.getByText("Item for information")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Risk analysis" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Make a link" })).toHaveCount(0);
  await expectAccessible(page);

  const docx = await download(page, /Download as Word document/);
  const xml = execFileSync("unzip", ["-p", docx, "word/document.xml"]).toString();
  const words = xml.replace(/<[^>]+>/g, " ");
  expect(words).toContain("Performance Scrutiny Committee");
  expect(words).toContain("That the Committee notes the progress of the programme and comments on it.");
  const pdfFile = await download(page, /Download as PDF/);
  const pdf = execFileSync("pdftotext", [pdfFile, "-"]).toString();
  expect(execFileSync("pdfinfo", [pdfFile]).toString()).toMatch(/Title:\s+Revenues and Benefits Transformation: progress report/);
  expect(pdf).toContain("Performance Scrutiny Committee");
  expect(pdf).toContain("That the Committee notes the progress of the programme and comments on it.");
});

test("a manager writes the end project report from live data and downloads it as PDF", async ({ as }) => {
  const page = await as("manager");
  await page.goto(`${PROJECT}/reports`);
  await page.getByRole("link", { name: "New end project report" }).click();
  await expect(page.getByLabel(/End project report: what was delivered/)).toBeChecked();
  await page.getByRole("button", { name: "Create draft" }).click();
  await page.getByLabel("Lessons learned").fill("Order equipment before choosing the pilot group.");
  await page.getByRole("button", { name: "Save draft" }).click();
  for (const name of ["Achievements against the objectives", "Performance against the plan", "Follow-on actions", "Lessons learned"]) await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Open actions handed over" })).toBeVisible();
  await page.getByRole("button", { name: "Publish report" }).click();
  await expect(page.getByText("Published", { exact: true }).first()).toBeVisible();
  await expectAccessible(page);
  const pdf = execFileSync("pdftotext", [await download(page, /Download as PDF/), "-"]).toString();
  expect(pdf).toContain("Order equipment before choosing the pilot group.");
  expect(pdf).toContain("Open actions handed over");
});

test("the scrutiny committee's list of the programme's reports opens signed out, without JavaScript, and leads to each frozen report", async ({ as, browser, baseURL }) => {
  const page = await as("admin");
  await page.goto("/programmes/revs-bens/reports");
  await page.getByRole("button", { name: "Make a link to the list" }).click();
  const url = (await page.locator("#index-links code").textContent())!;
  const path = new URL(url).pathname;

  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const reader = await context.newPage();
  const response = await reader.goto(path);
  expect(response!.headers()["x-robots-tag"]).toContain("noindex");
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Published reports");
  await expect(reader.getByRole("navigation")).toHaveCount(0);
  await reader.getByRole("link", { name: "Revenues and Benefits Transformation: progress report" }).click();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Revenues and Benefits Transformation: progress report");
  await expect(reader.getByRole("heading", { name: "Risk analysis" })).toBeVisible();
  await expect(reader.getByRole("table", { name: "Timeline as a table" })).toBeVisible();
  await context.close();

  const axeContext = await browser.newContext({ baseURL });
  const axePage = await axeContext.newPage();
  await axePage.goto(path);
  await expectAccessible(axePage);
  await axePage.getByRole("link", { name: "Revenues and Benefits Transformation: progress report" }).click();
  await expectAccessible(axePage);
  await axeContext.close();
});
