import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { people, sessions, signInAttempts, users } from "#db/schema";
import { prepared, write, type Conn } from "~/db.server";
import { getEnv } from "~/env.server";
import { systemActor, type Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { perRequest } from "~/utils/request-scope.server";
import { safeRedirectPath } from "./redirect";

const SESSION_DAYS = 7;

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  const env = getEnv();
  cookie ??= createCookie("waymark_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.APP_URL.startsWith("https:"),
    path: "/",
    secrets: [env.SESSION_SECRET],
    maxAge: SESSION_DAYS * 24 * 3600,
  });
  return cookie;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface SessionUser {
  id: number;
  personId: number;
  email: string;
  name: string;
  initials: string | null;
  isAdmin: boolean;
}

/** Creates a fresh session (a new id at every sign-in) and returns its token for the cookie. */
export function startSession(tx: Conn, userId: number) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86400_000).toISOString();
  tx.insert(sessions).values({ idHash: hashToken(token), userId, expiresAt }).run();
  return token;
}

export function sessionCookieHeader(token: string) {
  return sessionCookie().serialize(token);
}

async function tokenFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

const sessionUserQuery = () =>
  prepared("session user", (db) =>
    db
      .select({
        id: users.id,
        personId: users.personId,
        email: users.email,
        isAdmin: users.isAdmin,
        name: people.name,
        initials: people.initials,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(people, eq(people.id, users.personId))
      .where(
        and(
          eq(sessions.idHash, sql.placeholder("idHash")),
          gt(sessions.expiresAt, sql.placeholder("now")),
          sql`${users.disabledAt} is null`,
        ),
      )
      .prepare(),
  );

/** The signed-in user, looked up once per HTTP request however many loaders ask (~/utils/request-scope.server). */
export function getSessionUser(request: Request): Promise<SessionUser | null> {
  return perRequest(request, "session user", () => lookUpSessionUser(request));
}

async function lookUpSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await tokenFrom(request);
  if (!token) return null;
  return sessionUserQuery().get({ idHash: hashToken(token), now: new Date().toISOString() }) ?? null;
}

/**
 * Signs out: deletes the current session and, when it belonged to a live user, records
 * `auth.sign_out` in the same transaction. Returns the Set-Cookie header that clears the cookie.
 */
export async function signOut(request: Request) {
  const token = await tokenFrom(request);
  const user = token ? await getSessionUser(request) : null;
  if (token) {
    write((tx) => {
      tx.delete(sessions).where(eq(sessions.idHash, hashToken(token))).run();
      if (user) recordAudit(tx, { actor: actorFor(user, request), event: "auth.sign_out", entityType: "user", entityId: user.id });
    });
  }
  return sessionCookie().serialize("", { maxAge: 0 });
}

export function endAllSessionsFor(tx: Conn, userId: number) {
  tx.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function clientIp(request: Request) {
  return request.headers.get("X-Waymark-Client-Ip") ?? "unknown";
}

export function actorFor(user: SessionUser, request: Request): Actor {
  return { userId: user.id, personId: user.personId, label: `${user.name} <${user.email}>`, ip: clientIp(request) };
}

/** Only a path on this site (checked against APP_URL) may be redirected to after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  return safeRedirectPath(to, getEnv().APP_URL, fallback);
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** Housekeeping: removes expired sessions and day-old sign-in attempts (the throttle looks back 15 minutes). */
export function pruneExpiredSessions(now = new Date()) {
  return write((tx) => {
    const sessionsRemoved = tx.delete(sessions).where(lt(sessions.expiresAt, now.toISOString())).run().changes;
    const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
    const attemptsRemoved = tx.delete(signInAttempts).where(lt(signInAttempts.at, dayAgo)).run().changes;
    if (sessionsRemoved || attemptsRemoved) {
      recordAudit(tx, {
        actor: systemActor("housekeeping"),
        event: "session.prune",
        entityType: "session",
        after: { sessionsRemoved, attemptsRemoved },
      });
    }
    return { sessionsRemoved, attemptsRemoved };
  });
}
