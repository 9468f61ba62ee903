// A proposal from draft to the decisions register, with real email over loopback SMTP: the
// consultee and each board member follow the links in their emails as a person would.
import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, signIn, test } from "./fixtures";
import { workerMailbox } from "./worker-server";

interface Mail {
  to: string;
  subject: string;
  text: string;
}

async function mailbox(): Promise<Mail[]> {
  return workerMailbox();
}

/** Waits for the message to this address with this subject, and gives the first link in it. */
async function linkIn(to: string, subject: string) {
  let found: Mail | undefined;
  await expect
    .poll(async () => {
      found = (await mailbox()).find((m) => m.to.includes(to) && m.subject === subject);
      return Boolean(found);
    }, { message: `email "${subject}" to ${to}`, timeout: 15_000 })
    .toBe(true);
  return /https?:\/\/\S+/.exec(found!.text)![0];
}

const inDays = (n: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + n * 86_400_000));

async function freshPage(browser: Browser, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  return context.newPage();
}

async function ballotsStillEmpty(manager: Page, requestUrl: string) {
  await manager.goto(requestUrl);
  const rows = manager.getByRole("table", { name: "Ballots" }).first().getByRole("row");
  await expect(rows).toHaveCount(4);
  await expect(manager.getByText("Not voted yet")).toHaveCount(3);
}

test("a proposal goes through consultation and an email ballot into the decisions register", async ({ as, browser }) => {
  test.setTimeout(240_000);
  const title = `Flexible start times ${Date.now()}`;
  const manager = await as("manager");

  // The manager drafts the proposal.
  await manager.goto("/projects/home-working-pilot/proposals");
  await expectAccessible(manager);
  await manager.getByRole("link", { name: "Draft a proposal" }).click();
  await manager.getByRole("button", { name: "Save draft" }).click();
  await expect(manager.getByRole("alert")).toContainText("Enter a title");
  await expectAccessible(manager);
  await manager.getByLabel("Title").fill(title);
  await manager.getByLabel("Work package it comes from").selectOption({ index: 1 });
  await manager.getByLabel("The proposal").fill("## Proposal\nAssessors may start between 7am and 10am.\n\n## Why\n- Fewer peak-time calls missed\n- Better work/life balance");
  await manager.getByLabel("Options considered").fill("Fixed 9am start: rejected, as it keeps the morning queue.");
  await manager.getByLabel("Recommendation").fill("Allow start times between 7am and 10am for the pilot team.");
  await manager.getByRole("button", { name: "Save draft" }).click();
  await expect(manager.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(manager.getByRole("heading", { name: "Why" })).toBeVisible();
  await expectAccessible(manager);
  const proposalUrl = manager.url();

  // Consultation: the consultee gets an email, follows it and records concerns (with JavaScript off).
  await manager.getByRole("link", { name: "Consultation" }).click();
  await manager.getByRole("button", { name: "Open consultation and email the consultees" }).click();
  await expect(manager.getByText("Consultation is open on version 1.")).toBeVisible();
  const consultationLink = await linkIn("consultee@waymark.test", `Consultation open: ${title}`);
  const consultee = await freshPage(browser, false);
  await signIn(consultee, "consultee");
  await consultee.goto(consultationLink);
  await consultee.getByLabel("Has concerns").check();
  await consultee.getByLabel("Comment").fill("Staff starting at 7am need the building open and a first-aider on site.");
  await consultee.getByRole("button", { name: "Record my position" }).click();
  await expect(consultee.getByRole("heading", { name: /Sam Okafor/ })).toContainText("Has concerns");
  // axe needs scripts, so the pages visited with JavaScript off are checked in the manager's browser.
  await manager.reload();
  await expectAccessible(manager);

  // A reader cannot see the comments.
  const reader = await as("reader");
  const refused = await reader.goto(`${proposalUrl}/consultation`);
  expect(refused?.status()).toBe(403);

  // The manager sends it to the three-member home-working board.
  await manager.goto(proposalUrl);
  await manager.getByRole("link", { name: "Send to the board" }).click();
  await expect(manager.getByText("Supports: 0. Has concerns: 1. Objects: 0.")).toBeVisible();
  await expectAccessible(manager);
  await manager.getByLabel("Board").selectOption({ label: "Home-working pilot project board – Majority of members, 3 members" });
  await manager.getByLabel("Deadline for votes").fill(inDays(3));
  await manager.getByRole("button", { name: "Send to the board" }).click();
  await expect(manager.getByRole("heading", { name: "Board request and ballots" })).toBeVisible();
  await expectAccessible(manager);
  const requestUrl = manager.url();

  const subject = `Board decision needed: ${title}`;
  const links = {
    helen: await linkIn("board@waymark.test", subject),
    stephen: await linkIn("stephen.moss@stowford.example", subject),
    lorna: await linkIn("lorna.baxter@stowford.example", subject),
  };

  // Opening a link in Chromium, with its scripts running, records nothing (as a mail scanner would).
  for (const link of Object.values(links)) {
    const scanner = await freshPage(browser);
    const response = await scanner.goto(link);
    expect(response?.headers()["referrer-policy"]).toContain("no-referrer");
    await scanner.waitForLoadState("networkidle");
    await expect(scanner.getByRole("button", { name: "Submit my vote" })).toBeVisible();
    await scanner.context().close();
  }
  await ballotsStillEmpty(manager, requestUrl);

  // Helen approves, declaring a conflict of interest.
  const helen = await freshPage(browser);
  await helen.goto(links.helen);
  await expect(helen.getByText("Opening this page has not recorded anything")).toBeVisible();
  await expectAccessible(helen);
  await helen.getByLabel("Approve").check();
  await helen.getByRole("group", { name: /conflict of interest/ }).getByLabel("Yes").check();
  await helen.getByLabel("If yes, describe the conflict of interest").fill("My team would be in the pilot");
  await helen.getByRole("button", { name: "Submit my vote" }).click();
  await expect(helen.getByText("Helen Wright voted approve")).toBeVisible();
  await expectAccessible(helen);

  // Stephen rejects with JavaScript off; a rejection needs a reason.
  const stephen = await freshPage(browser, false);
  await stephen.goto(links.stephen);
  await stephen.getByLabel("Reject").check();
  await stephen.getByRole("group", { name: /conflict of interest/ }).getByLabel("No").check();
  await stephen.getByRole("button", { name: "Submit my vote" }).click();
  await expect(stephen.getByRole("link", { name: "Enter a comment saying why you reject the proposal" })).toBeVisible();
  await expect(stephen.getByLabel("Reject")).toBeChecked();
  await stephen.getByLabel("Comment").fill("The building is not staffed before 8am.");
  await stephen.getByRole("button", { name: "Submit my vote" }).click();
  await expect(stephen.getByText("Stephen Moss voted reject")).toBeVisible();

  // Lorna approves, by keyboard: the majority (2 of 3) is reached and the request closes.
  const lorna = await freshPage(browser);
  await lorna.goto(links.lorna);
  await lorna.getByRole("button", { name: "Submit my vote" }).click();
  await expect(lorna.getByRole("link", { name: "Choose approve, reject or abstain" })).toBeVisible();
  await expectAccessible(lorna);
  await lorna.getByLabel("Approve").focus();
  await lorna.keyboard.press("Space");
  await lorna.getByRole("group", { name: /conflict of interest/ }).getByLabel("No").check();
  await lorna.getByRole("button", { name: "Submit my vote" }).focus();
  await lorna.keyboard.press("Enter");
  await expect(lorna.getByText("Lorna Baxter voted approve")).toBeVisible();
  await expect(lorna.getByRole("heading", { name: "What was decided" })).toBeVisible();

  // A used link says so, and records nothing more.
  await helen.goto(links.helen);
  await expect(helen.getByTestId("link-state")).toContainText("cannot be used again");
  await expect(helen.getByRole("button", { name: "Submit my vote" })).toHaveCount(0);

  // Everyone is told the outcome.
  for (const to of ["manager@waymark.test", "board@waymark.test", "consultee@waymark.test"]) await linkIn(to, `Decision: ${title} was approved`);

  // The decision is in the register with its record.
  await manager.goto("/projects/home-working-pilot/decisions");
  const entry = manager.getByRole("region", { name: new RegExp(title) });
  await expect(entry).toContainText("Approved");
  await expect(entry).toContainText("Email ballot");
  await expect(entry).toContainText("Fixed 9am start: rejected");
  await expect(entry).toContainText("Helen Wright: My team would be in the pilot");
  await expect(entry).toContainText("Stephen Moss (rejected): The building is not staffed before 8am.");
  await expect(entry.getByRole("row", { name: /Lorna Baxter Approve/ })).toBeVisible();
  await expectAccessible(manager);
  await manager.goto("/programmes/revs-bens/decisions");
  await expect(manager.getByRole("region", { name: new RegExp(title) })).toBeVisible();
  await expectAccessible(manager);
});

test("a signed-in board member votes in the app, and a reader is refused", async ({ as }) => {
  const board = await as("board");
  await board.goto("/projects/home-working-pilot/proposals");
  await board.getByRole("link", { name: "Home-working policy and equipment standard" }).click();
  await board.getByRole("link", { name: "Vote on this proposal" }).click();
  // Scan the vote page, not the proposal page mid-navigation (its just-clicked link shows the focus style).
  await expect(board.getByRole("heading", { level: 1, name: /Vote on version/ })).toBeVisible();
  await expectAccessible(board);
  await board.getByLabel("Abstain").check();
  await board.getByRole("group", { name: /conflict of interest/ }).getByLabel("No").check();
  await board.getByRole("button", { name: "Submit my vote" }).click();
  await expect(board.getByRole("row", { name: /Helen Wright Voted/ })).toBeVisible();

  const reader = await as("reader");
  const res = await reader.goto("/projects/home-working-pilot/proposals/2/vote");
  expect(res?.status()).toBe(403);
});

test("every other proposal page passes axe, and a bad voting link explains itself", async ({ as, page }) => {
  const manager = await as("manager");
  const base = "/projects/home-working-pilot/proposals";
  for (const path of [`${base}/2/compare?from=1&to=2`, `${base}/2/edit`, `${base}/2/decide`, `${base}/1/implement`, `${base}/3/consultation`, "/projects/home-working-pilot/decisions"]) {
    const res = await manager.goto(path);
    expect(res?.status(), path).toBe(200);
    await expectAccessible(manager);
  }
  await manager.goto(`${base}/2/compare?from=1&to=2`);
  await expect(manager.getByText(/^Added: - A contribution to broadband and heating costs$/)).toBeVisible();

  const res = await page.goto(`/ballot/${"A".repeat(43)}`);
  expect(res?.status()).toBe(404);
  expect(res?.headers()["referrer-policy"]).toContain("no-referrer");
  await expect(page.getByRole("heading", { name: "This voting link does not work" })).toBeVisible();
  await expectAccessible(page);
});
