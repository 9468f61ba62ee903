// A draft stays with its managers until consultation; a rewrite compares as two full versions.
import { expect, expectAccessible, test } from "./fixtures";

const lines = (word: string) => Array.from({ length: 1100 }, (_, i) => `${word} ${i}`).join("\n");

test("a consultee cannot see a draft until consultation opens, and a rewrite compares as two full versions", async ({ as }) => {
  test.setTimeout(120_000);
  const title = `Desk booking ${Date.now()}`;
  const manager = await as("manager");
  await manager.goto("/projects/home-working-pilot/proposals/new");
  await manager.getByLabel("Title").fill(title);
  await manager.getByLabel("The proposal").fill(lines("Desk"));
  await manager.getByLabel("Recommendation").fill("Book desks a week ahead.");
  await manager.getByRole("button", { name: "Save draft" }).click();
  await expect(manager.getByRole("heading", { level: 1 })).toContainText(title);
  const proposalUrl = manager.url();

  const consultee = await as("consultee");
  for (const path of [proposalUrl, `${proposalUrl}/compare?from=1&to=1`, `${proposalUrl}/consultation`]) {
    const res = await consultee.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(consultee.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  }
  await consultee.goto("/projects/home-working-pilot/proposals");
  await expect(consultee.getByRole("link", { name: title })).toHaveCount(0);

  await manager.getByRole("link", { name: "Consultation" }).click();
  await manager.getByRole("button", { name: "Open consultation and email the consultees" }).click();
  await expect(manager.getByText("Consultation is open on version 1.")).toBeVisible();
  await manager.goto(`${proposalUrl}/edit`);
  await manager.getByLabel("The proposal").fill(lines("Room"));
  await manager.getByRole("button", { name: "Save as a new version" }).click();
  await expect(manager.getByRole("heading", { level: 1 })).toContainText(title);

  await consultee.goto("/projects/home-working-pilot/proposals");
  await consultee.getByRole("link", { name: title }).click();
  await expect(consultee.getByRole("heading", { level: 1 })).toContainText(title);
  const res = await consultee.goto(`${proposalUrl}/compare?from=1&to=2`);
  expect(res?.status()).toBe(200);
  const body = consultee.getByRole("region", { name: "The proposal" });
  await expect(body.getByText("There are too many changes to compare line by line. Both versions are shown in full.")).toBeVisible();
  await expect(body.getByRole("heading", { name: "Version 1" })).toBeVisible();
  await expect(body.getByText(/Desk 0\s+Desk 1\s+Desk 2/)).toBeVisible();
  await expect(body.getByText(/Room 0\s+Room 1\s+Room 2/)).toBeVisible();
  // The short sections still compare line by line.
  await expect(consultee.getByRole("region", { name: "Recommendation" }).getByText("No change.")).toBeVisible();
  await expectAccessible(consultee);
});
