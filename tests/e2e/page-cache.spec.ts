import { expect, test } from "./fixtures";

// Decision 27: a plan page sent once is sent again from its bytes (Server-Timing says "kept") to the
// same viewer while nothing changes, over the real server and its compression; a write, another
// viewer or a hard reload gets a fresh render.
const ALL = "/projects/benefits-improvement/actions/all";
const kept = (headers: Record<string, string>) => (headers["server-timing"] ?? "").includes('page;desc="kept"');

test("the all-rows plan is sent again as it was until a progress note changes it, and never to another viewer", async ({ as }) => {
  const priya = await as("manager");
  const fresh = await priya.request.get(ALL, { headers: { "Cache-Control": "no-cache", "Accept-Encoding": "gzip" } });
  expect(fresh.status()).toBe(200);
  expect(kept(fresh.headers())).toBe(false);
  const again = await priya.request.get(ALL, { headers: { "Accept-Encoding": "gzip" } });
  expect(kept(again.headers())).toBe(true);
  expect(again.headers()["content-encoding"]).toBe("gzip");
  expect(again.headers()["etag"]).toBe(fresh.headers()["etag"]);
  expect(await again.text()).toBe(await fresh.text());

  // Another viewer of the same address gets their own page.
  const jo = await as("reader");
  const theirs = await jo.request.get(ALL, { headers: { "Accept-Encoding": "gzip" } });
  expect(theirs.status()).toBe(200);
  expect(kept(theirs.headers())).toBe(false);

  // A progress note on action 1 shows on the next view.
  const note = `Data sharing agreement signed (${Date.now()})`;
  await priya.goto(ALL);
  await priya.getByRole("link", { name: /Build an evidence-based understanding/ }).first().click();
  await priya.getByLabel("Progress note").fill(note);
  await priya.getByRole("button", { name: "Add progress note" }).click();
  await expect(priya.getByRole("alert").filter({ hasText: "Progress note added" })).toBeVisible();
  const after = await priya.request.get(ALL, { headers: { "Accept-Encoding": "gzip" } });
  expect(kept(after.headers())).toBe(false);
  expect(await after.text()).toContain(note);
  await priya.goto(ALL);
  await expect(priya.getByText(note)).toBeVisible();
});
