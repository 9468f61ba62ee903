import { eq } from "drizzle-orm";
import { sessions, users } from "#db/schema";
import { getDb, write } from "~/db.server";
import { hashPassword, verifyPassword } from "~/modules/auth/password.server";
import { signIn } from "~/modules/auth/service.server";
import { getSessionUser, safeRedirect } from "~/modules/auth/session.server";
import * as signInRoute from "~/routes/sign-in";
import * as signOutRoute from "~/routes/sign-out";
import { createUser, TEST_PASSWORD } from "../../seeds/factories";
import { APP, call } from "../utils";

const cookieOf = (setCookie: string) => setCookie.split(";")[0]!;
const requestWith = (cookie: string, path = "/", init: RequestInit = {}) =>
  new Request(`${APP}${path}`, { ...init, headers: { Cookie: cookie, Origin: APP, ...(init.headers as Record<string, string>) } });

function person() {
  return write((tx) => createUser(tx, { name: "Priya Shah", email: "priya@example.org" }).user);
}

describe("password hashing", () => {
  it("verifies the password it hashed and nothing else", async () => {
    const hash = await hashPassword("a perfectly good passphrase");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain("passphrase");
    expect(await verifyPassword("a perfectly good passphrase", hash)).toBe(true);
    expect(await verifyPassword("a perfectly good passphrasE", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash, so the same password never hashes the same way twice", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", b)).toBe(true);
  });

  it("treats differently composed but equivalent Unicode the same (NFKC)", async () => {
    const hash = await hashPassword("caf\u00e9-au-lait-2026");
    expect(await verifyPassword("cafe\u0301-au-lait-2026", hash)).toBe(true);
  });

  it("rejects a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
  });
});

describe("sessions", () => {
  it("starts a fresh session with a new id at every sign-in", async () => {
    const user = person();
    const first = await signIn({ email: "priya@example.org", password: TEST_PASSWORD, ip: "127.0.0.1" });
    const second = await signIn({ email: "PRIYA@example.org ", password: TEST_PASSWORD, ip: "127.0.0.1" });
    if (!first.ok || !second.ok) throw new Error("sign-in failed");
    expect(cookieOf(first.setCookie)).not.toBe(cookieOf(second.setCookie));
    expect(first.setCookie).toMatch(/HttpOnly/i);
    expect(first.setCookie).toMatch(/SameSite=Lax/i);
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(2);
    // The database holds only a hash of the token, never the token itself.
    const token = decodeURIComponent(cookieOf(first.setCookie).split("=")[1]!);
    expect(JSON.stringify(getDb().select().from(sessions).all())).not.toContain(token.slice(0, 20));
    expect((await getSessionUser(requestWith(cookieOf(first.setCookie))))?.id).toBe(user.id);
    expect((await getSessionUser(requestWith(cookieOf(second.setCookie))))?.id).toBe(user.id);
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()?.lastSignInAt).toBeTruthy();
  });

  it("signing out ends that session only, and clears the cookie", async () => {
    person();
    const here = await signIn({ email: "priya@example.org", password: TEST_PASSWORD, ip: "127.0.0.1" });
    const elsewhere = await signIn({ email: "priya@example.org", password: TEST_PASSWORD, ip: "127.0.0.1" });
    if (!here.ok || !elsewhere.ok) throw new Error("sign-in failed");
    const res = await call(signOutRoute.action as never, requestWith(cookieOf(here.setCookie), "/sign-out", { method: "POST" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/sign-in");
    expect(res.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await getSessionUser(requestWith(cookieOf(here.setCookie)))).toBeNull();
    expect(await getSessionUser(requestWith(cookieOf(elsewhere.setCookie)))).not.toBeNull();
  });

  it("ignores a cookie that was tampered with", async () => {
    person();
    const result = await signIn({ email: "priya@example.org", password: TEST_PASSWORD, ip: "127.0.0.1" });
    if (!result.ok) throw new Error("sign-in failed");
    const cookie = cookieOf(result.setCookie);
    const tampered = cookie.slice(0, -3) + (cookie.endsWith("A") ? "BBB" : "AAA");
    expect(await getSessionUser(requestWith(tampered))).toBeNull();
  });
});

describe("signing in", () => {
  it("gives the same answer for an unknown email and a wrong password", async () => {
    person();
    expect(await signIn({ email: "nobody@example.org", password: TEST_PASSWORD, ip: "127.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn({ email: "priya@example.org", password: "not the password", ip: "127.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("the sign-in page answers 429 with Retry-After once an email is throttled", async () => {
    person();
    const attempt = (password: string) =>
      call(
        signInRoute.action as never,
        new Request(`${APP}/sign-in`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: APP },
          body: new URLSearchParams({ email: "priya@example.org", password, redirectTo: "/" }),
        }),
      );
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong ${i}`)).status).toBe(400);
    const throttled = await attempt(TEST_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(JSON.stringify(await throttled.json())).not.toContain(TEST_PASSWORD);
  });

  it("redirects only to same-site paths after sign-in", () => {
    expect(safeRedirect("/projects/x?tab=1")).toBe("/projects/x?tab=1");
    expect(safeRedirect("//evil.example/")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example/")).toBe("/");
    expect(safeRedirect(null)).toBe("/");
  });
});

describe("session housekeeping", () => {
  it("removes expired sessions and old sign-in attempts, keeps live ones, and audits the clean-up", async () => {
    const { pruneExpiredSessions, getSessionUser } = await import("~/modules/auth/session.server");
    const { getSqlite, write } = await import("~/db.server");
    const { createUser } = await import("../../seeds/factories");
    const { cookieFor } = await import("../utils");
    const { user } = write((tx) => createUser(tx));
    const live = await cookieFor(user.id);
    await cookieFor(user.id);
    const sqlite = getSqlite();
    // Expire the second session; add a sign-in attempt from two days ago.
    sqlite.prepare("update sessions set expires_at = '2000-01-01T00:00:00.000Z' where rowid = (select max(rowid) from sessions)").run();
    sqlite.prepare("insert into sign_in_attempts (email, ip, succeeded, at) values ('x@example.org', '127.0.0.1', 0, '2000-01-01T00:00:00.000Z')").run();
    expect(pruneExpiredSessions()).toEqual({ sessionsRemoved: 1, attemptsRemoved: 1 });
    const request = new Request("http://localhost:3999/", { headers: { Cookie: live } });
    expect((await getSessionUser(request))?.id).toBe(user.id);
    const events = sqlite.prepare("select count(*) as n from audit_events where event = 'session.prune'").get() as { n: number };
    expect(events.n).toBe(1);
    expect(pruneExpiredSessions()).toEqual({ sessionsRemoved: 0, attemptsRemoved: 0 });
  });
});
