import { eq } from "drizzle-orm";
import { auditEvents, rateLimits } from "#db/schema";
import { getDb, write } from "~/db.server";
import { signIn } from "~/modules/auth/service.server";
import { SIGN_IN, spreadFailureWaitSeconds } from "~/modules/throttle/policy";
import { pruneExpiredLimits } from "~/modules/throttle/service.server";
import * as signInRoute from "~/routes/sign-in";
import { createUser, TEST_PASSWORD } from "../../seeds/factories";
import { APP, call } from "../utils";

const OWNER = "owner@example.org";

function owner() {
  return write((tx) => createUser(tx, { name: "Olu Owner", email: OWNER }).user);
}

const attempt = (password: string, ip: string, email = OWNER) => signIn({ email, password, ip });

/** The sign-in form posted from a browser at `ip`, as server.js hands it to the app. */
const postSignIn = (form: Record<string, string>, ip: string) =>
  call(
    signInRoute.action as never,
    new Request(`${APP}/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: APP, "X-Waymark-Client-Ip": ip },
      body: new URLSearchParams(form),
    }),
  );

describe("sign-in throttling never locks out the owner", () => {
  it("five wrong passwords from address A: the correct password from address B signs in", async () => {
    owner();
    for (let i = 0; i < 5; i++) expect((await postSignIn({ email: OWNER, password: `guess ${i}` }, "203.0.113.1")).status).toBe(400);
    const fromB = await postSignIn({ email: OWNER, password: TEST_PASSWORD, redirectTo: "/my-actions" }, "198.51.100.7");
    expect(fromB.status).toBe(302);
    expect(fromB.headers.get("Location")).toBe("/my-actions");
    expect(fromB.headers.get("Set-Cookie")).toContain("waymark_session=");
  });

  it("from A after those failures: 429 with Retry-After and a page saying how long to wait", async () => {
    owner();
    for (let i = 0; i < 5; i++) await postSignIn({ email: OWNER, password: `guess ${i}` }, "203.0.113.1");
    const res = await postSignIn({ email: OWNER, password: TEST_PASSWORD }, "203.0.113.1");
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(SIGN_IN.pair.waitSeconds);
    const body = (await res.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors._form).toMatch(/^Too many failed attempts to sign in from your network\. Wait 15 minutes, then try again\.$/);
    expect(body.values.email).toBe(OWNER);
    expect(JSON.stringify(body)).not.toContain(TEST_PASSWORD);
    const throttled = getDb().select().from(auditEvents).where(eq(auditEvents.event, "auth.sign_in_throttled")).all();
    expect(throttled).toHaveLength(1);
  });

  it("failures spread over many addresses make each failing address wait longer, bounded, and the owner still gets in", async () => {
    owner();
    const waits: number[] = [];
    for (let i = 1; i <= 14; i++) {
      const ip = `192.0.2.${i}`;
      expect(await attempt(`spray ${i}`, ip)).toEqual({ ok: false, reason: "invalid" });
      const again = await attempt(`spray ${i} again`, ip);
      waits.push(again.ok === false && again.reason === "throttled" ? again.retryAfterSeconds : 0);
    }
    // No wait while the account has few failures, then a wait that grows with each one...
    expect(waits[0]).toBe(0);
    const growing = waits.filter((w) => w > 0);
    expect(growing.length).toBeGreaterThan(3);
    for (let i = 1; i < growing.length; i++) expect(growing[i]!).toBeGreaterThanOrEqual(growing[i - 1]!);
    expect(growing.at(-1)!).toBeGreaterThan(growing[0]!);
    // ...never beyond the bound...
    expect(Math.max(...waits)).toBeLessThanOrEqual(SIGN_IN.account.maxWaitSeconds);
    // ...and never a lock: the owner at an address that has not failed signs in at once.
    expect(await attempt(TEST_PASSWORD, "198.51.100.7")).toMatchObject({ ok: true });
  });

  it("an address trying many accounts is slowed for every account; other addresses are not", async () => {
    owner();
    for (let i = 0; i < SIGN_IN.address.limit; i++) await attempt("guess", "203.0.113.9", `someone${i}@example.org`);
    expect(await attempt(TEST_PASSWORD, "203.0.113.9")).toMatchObject({ ok: false, reason: "throttled" });
    expect(await attempt(TEST_PASSWORD, "203.0.113.10")).toMatchObject({ ok: true });
  });

  it("a successful sign-in clears that address's failures for the account (not the account's count)", async () => {
    owner();
    for (let i = 0; i < SIGN_IN.pair.limit - 1; i++) await attempt(`typo ${i}`, "203.0.113.1");
    expect(await attempt(TEST_PASSWORD, "203.0.113.1")).toMatchObject({ ok: true });
    const keys = getDb().select().from(rateLimits).all().map((r) => r.key);
    expect(keys).not.toContain(`sign-in-pair:${OWNER}|203.0.113.1`);
    expect(keys).toContain(`sign-in-account:${OWNER}`);
    expect(await attempt("one more typo", "203.0.113.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(TEST_PASSWORD, "203.0.113.1")).toMatchObject({ ok: true });
  });

  it("keeps its counters in the database, and housekeeping removes expired ones", async () => {
    owner();
    await attempt("guess", "203.0.113.1");
    expect(getDb().select().from(rateLimits).all().map((r) => r.key).sort()).toEqual([
      `sign-in-account:${OWNER}`,
      "sign-in-address:203.0.113.1",
      `sign-in-pair:${OWNER}|203.0.113.1`,
    ]);
    expect(pruneExpiredLimits(Date.now())).toBe(0);
    expect(pruneExpiredLimits(Date.now() + 2 * 3600_000)).toBe(3);
  });

  it("the wait for spread failures doubles and stops at its bound", () => {
    expect(spreadFailureWaitSeconds(0)).toBe(0);
    expect(spreadFailureWaitSeconds(SIGN_IN.account.freeFailures)).toBe(0);
    expect(spreadFailureWaitSeconds(SIGN_IN.account.freeFailures + 1)).toBe(2);
    expect(spreadFailureWaitSeconds(SIGN_IN.account.freeFailures + 2)).toBe(4);
    expect(spreadFailureWaitSeconds(10_000)).toBe(SIGN_IN.account.maxWaitSeconds);
  });
});

describe("sign-in redirect", () => {
  it.each([
    ["%2F%09%2Fevil.example%2F", "/"],
    ["/\r\nSet-Cookie: x=1", "/"],
    ["//evil.example", "/"],
    ["/projects/pilot?tab=risks", "/projects/pilot?tab=risks"],
  ])("redirectTo %j goes to %j after a correct password, never a 500", async (redirectTo, expected) => {
    owner();
    const value = redirectTo.includes("%") ? decodeURIComponent(redirectTo) : redirectTo;
    const res = await postSignIn({ email: OWNER, password: TEST_PASSWORD, redirectTo: value }, "127.0.0.1");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(expected);
  });

  it("the sign-in page puts only a safe path in its form", async () => {
    const res = await call(signInRoute.loader as never, new Request(`${APP}/sign-in?redirectTo=%2F%09%2Fevil.example%2F`));
    expect(await res.json()).toEqual({ redirectTo: "/" });
  });
});
