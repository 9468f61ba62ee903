import { and, asc, eq, gt, sql } from "drizzle-orm";
import { organisations, people, sessions, signInAttempts, users } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import { recordAudit, type Actor } from "~/modules/audit/service.server";
import { dummyHash, hashPassword, verifyPassword } from "./password.server";
import { endAllSessionsFor, sessionCookieHeader, startSession } from "./session.server";
import { recordSignInFailure, recordSignInSuccess, signInWait } from "~/modules/throttle/service.server";
import { UserInputError } from "~/utils/errors";

export { UserInputError };

export type SignInResult =
  | { ok: true; setCookie: string; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks a password, slowing down guessing (app/modules/throttle): an address that has failed too
 * often, for this account or for any, must wait; an address that has not failed never does.
 */
export async function signIn({ email, password, ip }: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase();
  const actor: Actor = { userId: null, personId: null, label: normalised, ip };
  const wait = await signInWait(normalised, ip);
  if (wait > 0) {
    write((tx) =>
      recordAudit(tx, { actor, event: "auth.sign_in_throttled", entityType: "user", meta: { email: normalised, waitSeconds: wait } }),
    );
    return { ok: false, reason: "throttled", retryAfterSeconds: wait };
  }
  const user = getDb().select().from(users).where(eq(users.email, normalised)).get();
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !valid || user.disabledAt) {
    const { accountFailures } = await recordSignInFailure(normalised, ip);
    write((tx) => {
      tx.insert(signInAttempts).values({ email: normalised, ip, succeeded: false }).run();
      recordAudit(tx, {
        actor,
        event: "auth.sign_in_failed",
        entityType: "user",
        entityId: user?.id,
        meta: { email: normalised, why: !user ? "unknown email" : user.disabledAt ? "disabled" : "wrong password", accountFailures },
      });
    });
    return { ok: false, reason: "invalid" };
  }
  await recordSignInSuccess(normalised, ip);
  const token = write((tx) => {
    tx.insert(signInAttempts).values({ email: normalised, ip, succeeded: true }).run();
    tx.update(users).set({ lastSignInAt: new Date().toISOString() }).where(eq(users.id, user.id)).run();
    recordAudit(tx, {
      actor: { ...actor, userId: user.id, personId: user.personId },
      event: "auth.sign_in",
      entityType: "user",
      entityId: user.id,
    });
    return startSession(tx, user.id);
  });
  return { ok: true, setCookie: await sessionCookieHeader(token), userId: user.id };
}

export interface NewUser {
  name: string;
  email: string;
  password: string;
  initials?: string | null;
  organisationId?: number | null;
  jobTitle?: string | null;
  isAdmin?: boolean;
}

/** Gives a login to a person (creating the person if none has that email). */
export async function createUser(actor: Actor, input: NewUser) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return write((tx) => createUserWithHash(tx, actor, { ...input, email }, passwordHash));
}

export function createUserWithHash(tx: Conn, actor: Actor, input: Omit<NewUser, "password">, passwordHash: string) {
  const email = input.email.trim().toLowerCase();
  if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
    throw new UserInputError({ email: "A user with this email already exists" });
  }
  let person = tx.select().from(people).where(eq(people.email, email)).get();
  if (!person) {
    person = tx
      .insert(people)
      .values({
        name: input.name,
        email,
        initials: input.initials ?? initialsOf(input.name),
        organisationId: input.organisationId ?? null,
        jobTitle: input.jobTitle ?? null,
      })
      .returning()
      .get();
    recordAudit(tx, { actor, event: "person.create", entityType: "person", entityId: person.id, after: person });
  }
  const user = tx
    .insert(users)
    .values({ personId: person.id, email, passwordHash, isAdmin: input.isAdmin ?? false })
    .returning({ id: users.id, personId: users.personId, email: users.email, isAdmin: users.isAdmin })
    .get();
  recordAudit(tx, { actor, event: "user.create", entityType: "user", entityId: user.id, after: user });
  return user;
}

export function setUserDisabled(actor: Actor, userId: number, disabled: boolean) {
  return write((tx) => {
    const before = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!before) throw new UserInputError({ user: "No such user" });
    // An administrator who disabled themselves could lock everyone out of administration.
    if (disabled && actor.userId === userId) throw new UserInputError({ user: "You cannot disable your own account" });
    const disabledAt = disabled ? new Date().toISOString() : null;
    tx.update(users).set({ disabledAt }).where(eq(users.id, userId)).run();
    if (disabled) endAllSessionsFor(tx, userId);
    recordAudit(tx, {
      actor,
      event: disabled ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: userId,
      before: { disabledAt: before.disabledAt },
      after: { disabledAt },
    });
  });
}

export async function setPassword(actor: Actor, userId: number, password: string) {
  const passwordHash = await hashPassword(password);
  write((tx) => {
    if (!tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) {
      throw new UserInputError({ user: "No such user" });
    }
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    endAllSessionsFor(tx, userId);
    recordAudit(tx, { actor, event: "user.password_set", entityType: "user", entityId: userId });
  });
}

export function initialsOf(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join("")
    .slice(0, 4);
}


const userColumns = {
  id: users.id,
  email: users.email,
  isAdmin: users.isAdmin,
  disabledAt: users.disabledAt,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
  personId: people.id,
  name: people.name,
  initials: people.initials,
  jobTitle: people.jobTitle,
  organisationId: organisations.id,
  organisationName: organisations.name,
  organisationCode: organisations.code,
};

/** Every login with its person and organisation, by name (for administrators and the CLI). */
export function listUsers() {
  return getDb()
    .select(userColumns)
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .orderBy(asc(people.name), asc(users.email))
    .all();
}

/** One login with its person, organisation and how many sessions it has open now. */
export function getUserForAdmin(userId: number) {
  const user = getDb()
    .select(userColumns)
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(users.id, userId))
    .get();
  if (!user) return undefined;
  const openSessions =
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date().toISOString())))
      .get()?.n ?? 0;
  return { ...user, openSessions };
}

export function findUserByEmail(email: string) {
  return getDb().select({ id: users.id, email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}
