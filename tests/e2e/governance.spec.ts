import { expect, expectAccessible, test } from "./fixtures";

const stamp = Date.now().toString(36);
const SLUG = `governance-${stamp}`;

test("an administrator sets up a board, a team and recommendations in the browser, sends a proposal to the board, and sees the actions answering R2", async ({ as }) => {
  test.slow(); // many pages and axe scans on a shared two-core machine
  const page = await as("admin");

  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(`Governance ${stamp}`);
  await page.getByLabel("Short name for the web address").fill(SLUG);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Governance ${stamp}`);
  const base = `/projects/${SLUG}`;

  // A board with a quorum rule; a missing quorum is refused with the input kept.
  await page.goto(`${base}/boards`);
  await page.getByRole("link", { name: "Set up a board" }).click();
  await page.getByLabel("Name").fill("Project Board");
  await page.getByLabel("Quorum of a number of votes").check();
  await page.getByRole("group", { name: "Does the chair have a casting vote?" }).getByLabel("No").check();
  const members = page.getByRole("group", { name: "Members" }).getByRole("checkbox");
  await members.nth(0).check();
  await members.nth(1).check();
  await page.getByRole("button", { name: "Set up board" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter how many votes make a quorum");
  await expect(page.getByLabel("Name")).toHaveValue("Project Board");
  await page.getByLabel(/Quorum \(votes needed\)/).fill("2");
  await page.getByRole("button", { name: "Set up board" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Project Board" })).toBeVisible();
  await expect(page.getByText("Quorum of 2", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "History of changes" })).toBeVisible();
  await expectAccessible(page);

  // A team.
  await page.goto(`${base}/teams/new`);
  await page.getByLabel("Name").fill(`Project team ${stamp}`);
  await page.getByRole("group", { name: "Members" }).getByRole("checkbox").nth(0).check();
  await page.getByRole("button", { name: "Add team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Project team ${stamp}` })).toBeVisible();
  await expectAccessible(page);

  // Recommendations R1-R3.
  for (const [ref, title] of [
    ["R1", "Publish service standards"],
    ["R2", "Cut processing times"],
    ["R3", "Train staff"],
  ]) {
    await page.goto(`${base}/recommendations/new`);
    await page.getByLabel("Reference").fill(ref);
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Source").fill("Audit Commission inspection 2008");
    await page.getByRole("button", { name: "Add recommendation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  }

  // An action answering R2, owned by the team.
  await page.goto(`${base}/actions/new`);
  await page.getByLabel("Reference").fill("1");
  await page.getByLabel("Action", { exact: true }).fill("Map the claims process");
  await page.getByLabel(`Project team ${stamp}`).check();
  await page.getByLabel("R2: Cut processing times").check();
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Map the claims process");

  // A proposal sent to the board set up above.
  await page.goto(`${base}/proposals/new`);
  await page.getByLabel("Title").fill("Adopt the new claims process");
  await page.getByLabel("The proposal").fill("We propose a new process.");
  await page.getByLabel("Recommendation").fill("Agree the new process.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.getByRole("link", { name: "Send to the board" }).click();
  await page.getByLabel("Board").selectOption({ label: "Project Board – Quorum of 2, 2 members" });
  await page.getByLabel("Deadline for votes").fill("2030-01-31");
  await page.getByRole("button", { name: "Send to the board" }).click();
  await expect(page.getByText("Project Board").first()).toBeVisible();

  // The recommendation's page lists the action answering it.
  await page.goto(`${base}/recommendations`);
  await page.getByRole("link", { name: "Cut processing times" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cut processing times" })).toBeVisible();
  await expect(page.getByRole("link", { name: "1 Map the claims process" })).toBeVisible();
  await expect(page.getByText("0 of 1 actions done")).toBeVisible();
  await expectAccessible(page);
});
