import { eq } from "drizzle-orm";
import { auditEvents, organisations, outbox, people, users } from "#db/schema";
import { getDb, getSqlite, write } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { signIn } from "~/modules/auth/service.server";
import { SIGN_IN } from "~/modules/throttle/policy";
import { getSessionUser } from "~/modules/auth/session.server";
import { sendMail } from "~/modules/mail/mailer.server";
import * as adminIndex from "~/routes/admin._index";
import * as adminAudit from "~/routes/admin.audit";
import * as adminOrganisations from "~/routes/admin.organisations";
import * as adminOutbox from "~/routes/admin.outbox._index";
import * as adminOutboxMessage from "~/routes/admin.outbox.$id";
import * as adminUser from "~/routes/admin.users.$id";
import * as adminUsers from "~/routes/admin.users._index";
import * as adminNewUser from "~/routes/admin.users.new";
import { createOrganisation, createUser } from "../../seeds/factories";
import { call, cookieFor, requestAs } from "../utils";
import { cliOutput } from "../support/cli";

function setup() {
  return write((tx) => ({
    admin: createUser(tx, { name: "Alex Morgan", email: "alex@example.org", isAdmin: true }).user,
    manager: createUser(tx, { name: "Priya Shah", email: "priya@example.org" }).user,
    org: createOrganisation(tx, { name: "Dacorum Borough Council", code: "DBC" }),
  }));
}

const events = (prefix: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .all()
    .filter((e) => e.event.startsWith(prefix));

const body = async (res: Response) => (await res.json()) as Record<string, unknown> & { errors?: Record<string, string>; values?: Record<string, string> };

const newUserForm = (over: Record<string, string> = {}) => ({
  name: "Ben Turner",
  email: "Ben.Turner@Example.org",
  initials: "bt",
  jobTitle: "Benefits team leader",
  password: "a-long-temporary-pass",
  ...over,
});

describe("administration access", () => {
  const loaders: Array<[string, (a: never) => unknown, Record<string, string>]> = [
    ["/admin", adminIndex.loader, {}],
    ["/admin/users", adminUsers.loader, {}],
    ["/admin/users/new", adminNewUser.loader, {}],
    ["/admin/users/1", adminUser.loader, { id: "1" }],
    ["/admin/organisations", adminOrganisations.loader, {}],
    ["/admin/outbox", adminOutbox.loader, {}],
    ["/admin/outbox/1", adminOutboxMessage.loader, { id: "1" }],
    ["/admin/audit", adminAudit.loader, {}],
  ];

  it("answers 404 to a signed-in non-administrator on every admin page, and records the refusal", async () => {
    const { manager, admin } = setup();
    await sendMail({ to: "x@example.org", subject: "s", text: "t", html: "<p>h</p>" });
    for (const [path, loader, params] of loaders) {
      const res = await call(loader as never, await requestAs(manager.id, path), params);
      expect(res.status, path).toBe(404);
      const ok = await call(loader as never, await requestAs(admin.id, path), params);
      expect(ok.status, `${path} as admin`).toBe(200);
    }
    expect(events("access.refused").filter((e) => e.actorUserId === manager.id)).toHaveLength(loaders.length);
  });

  it("sends someone who is not signed in to the sign-in page", async () => {
    const res = await call(adminUsers.loader as never, await requestAs(null, "/admin/users"));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fadmin%2Fusers");
  });

  it("refuses a non-administrator's POSTs with 404 and changes nothing", async () => {
    const { manager, admin } = setup();
    const before = getDb().select().from(users).all().length;
    const create = await call(adminNewUser.action as never, await requestAs(manager.id, "/admin/users/new", { form: newUserForm() }));
    expect(create.status).toBe(404);
    const disable = await call(adminUser.action as never, await requestAs(manager.id, `/admin/users/${admin.id}`, { form: { intent: "disable" } }), {
      id: String(admin.id),
    });
    expect(disable.status).toBe(404);
    const org = await call(adminOrganisations.action as never, await requestAs(manager.id, "/admin/organisations", { form: { name: "X", code: "X" } }));
    expect(org.status).toBe(404);
    expect(getDb().select().from(users).all()).toHaveLength(before);
    expect(getDb().select().from(users).where(eq(users.id, admin.id)).get()?.disabledAt).toBeNull();
    expect(getDb().select().from(organisations).all()).toHaveLength(1);
  });
});

describe("creating a user", () => {
  it("creates the person and login, records audit events, and the new user can sign in", async () => {
    const { admin, org } = setup();
    const res = await call(
      adminNewUser.action as never,
      await requestAs(admin.id, "/admin/users/new", { form: newUserForm({ organisationId: String(org.id), isAdmin: "yes" }) }),
    );
    expect(res.status).toBe(302);
    const created = getDb().select().from(users).where(eq(users.email, "ben.turner@example.org")).get()!;
    expect(res.headers.get("Location")).toBe(`/admin/users/${created.id}?done=created`);
    expect(created.isAdmin).toBe(true);
    const person = getDb().select().from(people).where(eq(people.id, created.personId)).get()!;
    expect(person).toMatchObject({ name: "Ben Turner", initials: "BT", organisationId: org.id, jobTitle: "Benefits team leader" });

    const userEvents = events("user.create");
    expect(userEvents).toHaveLength(1);
    expect(userEvents[0]).toMatchObject({ actorUserId: admin.id, entityId: String(created.id) });
    expect(events("person.create")).toHaveLength(1);
    expect(JSON.stringify(events(""))).not.toContain("a-long-temporary-pass");

    // They are told by email, which never carries the password.
    const mail = getDb().select().from(outbox).where(eq(outbox.to, "ben.turner@example.org")).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ subject: "Your Waymark account", status: "stored" });
    expect(mail[0]!.text).toContain("http://localhost:3999/sign-in");
    expect(mail[0]!.text + mail[0]!.html).not.toContain("a-long-temporary-pass");

    const signedIn = await signIn({ email: "ben.turner@example.org", password: "a-long-temporary-pass", ip: "127.0.0.1" });
    expect(signedIn).toMatchObject({ ok: true, userId: created.id });
  });

  it("refuses a short password and a taken email, keeping the input but never echoing the password", async () => {
    const { admin } = setup();
    const short = await call(adminNewUser.action as never, await requestAs(admin.id, "/admin/users/new", { form: newUserForm({ password: "short-pass" }) }));
    expect(short.status).toBe(400);
    const data = await body(short);
    expect(data.errors?.password).toMatch(/at least 12 characters/);
    expect(data.values?.name).toBe("Ben Turner");
    expect(data.values).not.toHaveProperty("password");

    const taken = await call(adminNewUser.action as never, await requestAs(admin.id, "/admin/users/new", { form: newUserForm({ email: "PRIYA@example.org" }) }));
    expect(taken.status).toBe(400);
    expect((await body(taken)).errors?.email).toMatch(/already exists/);

    const badOrg = await call(adminNewUser.action as never, await requestAs(admin.id, "/admin/users/new", { form: newUserForm({ organisationId: "9999" }) }));
    expect(badOrg.status).toBe(400);
    expect((await body(badOrg)).errors?.organisationId).toBeTruthy();
    expect(getDb().select().from(users).all()).toHaveLength(2);
  });
});

describe("disabling, enabling and resetting a user", () => {
  it("ends the user's sessions at once and stops them signing in; enabling lets them back", async () => {
    const { admin, manager } = setup();
    const cookie = await cookieFor(manager.id);
    const asManager = () => new Request("http://localhost:3999/", { headers: { Cookie: cookie } });
    expect((await getSessionUser(asManager()))?.id).toBe(manager.id);

    const res = await call(adminUser.action as never, await requestAs(admin.id, `/admin/users/${manager.id}`, { form: { intent: "disable" } }), {
      id: String(manager.id),
    });
    expect(res.status).toBe(302);
    expect(await getSessionUser(asManager())).toBeNull();
    expect(await signIn({ email: "priya@example.org", password: "correct horse battery", ip: "127.0.0.2" })).toEqual({ ok: false, reason: "invalid" });
    expect(events("user.disable")).toHaveLength(1);

    await call(adminUser.action as never, await requestAs(admin.id, `/admin/users/${manager.id}`, { form: { intent: "enable" } }), { id: String(manager.id) });
    expect(await signIn({ email: "priya@example.org", password: "correct horse battery", ip: "127.0.0.2" })).toMatchObject({ ok: true });
  });

  it("will not let an administrator disable their own account", async () => {
    const { admin } = setup();
    const res = await call(adminUser.action as never, await requestAs(admin.id, `/admin/users/${admin.id}`, { form: { intent: "disable" } }), {
      id: String(admin.id),
    });
    expect(res.status).toBe(400);
    expect((await body(res)).errors?._form).toMatch(/your own account/);
    expect(getDb().select().from(users).where(eq(users.id, admin.id)).get()?.disabledAt).toBeNull();
  });

  it("resets a password: old sessions end, the new password works and the old does not", async () => {
    const { admin, manager } = setup();
    const cookie = await cookieFor(manager.id);
    const res = await call(
      adminUser.action as never,
      await requestAs(admin.id, `/admin/users/${manager.id}`, { form: { intent: "password", password: "brand-new-password-42" } }),
      { id: String(manager.id) },
    );
    expect(res.status).toBe(302);
    expect(await getSessionUser(new Request("http://localhost:3999/", { headers: { Cookie: cookie } }))).toBeNull();
    expect(await signIn({ email: "priya@example.org", password: "correct horse battery", ip: "127.0.0.3" })).toMatchObject({ ok: false });
    expect(await signIn({ email: "priya@example.org", password: "brand-new-password-42", ip: "127.0.0.3" })).toMatchObject({ ok: true });
    expect(events("user.password_set")).toHaveLength(1);
    const mail = getDb().select().from(outbox).where(eq(outbox.to, "priya@example.org")).all();
    expect(mail.map((m) => m.subject)).toEqual(["Your Waymark password was reset"]);
    expect(mail[0]!.text + mail[0]!.html).not.toContain("brand-new-password-42");
  });

  it("answers 404 for a user that does not exist", async () => {
    const { admin } = setup();
    const res = await call(adminUser.loader as never, await requestAs(admin.id, "/admin/users/999"), { id: "999" });
    expect(res.status).toBe(404);
  });
});

describe("sign-in throttling", () => {
  it(`slows the address that failed ${SIGN_IN.pair.limit} times, not the account's owner elsewhere`, async () => {
    setup();
    for (let i = 0; i < SIGN_IN.pair.limit; i++) {
      expect(await signIn({ email: "priya@example.org", password: `wrong-${i}`, ip: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn({ email: "priya@example.org", password: "correct horse battery", ip: "10.0.0.1" })).toMatchObject({ ok: false, reason: "throttled" });
    expect(events("auth.sign_in_throttled")).toHaveLength(1);
    expect(await signIn({ email: "priya@example.org", password: "correct horse battery", ip: "10.0.0.2" })).toMatchObject({ ok: true });
    // Another person's account is unaffected.
    expect(await signIn({ email: "alex@example.org", password: "correct horse battery", ip: "10.0.0.2" })).toMatchObject({ ok: true });
  });
});
describe("organisations", () => {
  it("creates an organisation with an audit event and refuses a short code already in use", async () => {
    const { admin } = setup();
    const ok = await call(
      adminOrganisations.action as never,
      await requestAs(admin.id, "/admin/organisations", { form: { name: "St Albans City and District Council", code: "sadc" } }),
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/admin/organisations?added=SADC");
    const created = getDb().select().from(organisations).where(eq(organisations.code, "SADC")).get();
    expect(created?.name).toBe("St Albans City and District Council");
    expect(events("organisation.create")).toMatchObject([{ actorUserId: admin.id, entityId: String(created!.id) }]);

    const clash = await call(adminOrganisations.action as never, await requestAs(admin.id, "/admin/organisations", { form: { name: "Another", code: "dbc" } }));
    expect(clash.status).toBe(400);
    const data = await body(clash);
    expect(data.errors?.code).toMatch(/already used by Dacorum Borough Council/);
    expect(data.values).toMatchObject({ name: "Another", code: "dbc" });

    const empty = await call(adminOrganisations.action as never, await requestAs(admin.id, "/admin/organisations", { form: { name: "", code: "D-B" } }));
    expect(empty.status).toBe(400);
    expect(Object.keys((await body(empty)).errors ?? {}).sort()).toEqual(["code", "name"]);
  });
});

describe("outbox and audit pages", () => {
  it("lists stored mail newest first and shows one message", async () => {
    const { admin } = setup();
    delete process.env.SMTP_URL;
    resetEnvCache();
    const first = await sendMail({ to: "a@example.org", subject: "First", text: "one", html: "<p>one</p>" });
    await sendMail({ to: "b@example.org", subject: "Second", text: "two", html: "<p>two</p>" });
    const list = await body(await call(adminOutbox.loader as never, await requestAs(admin.id, "/admin/outbox")));
    expect((list.messages as Array<{ subject: string }>).map((m) => m.subject)).toEqual(["Second", "First"]);
    const one = await body(await call(adminOutboxMessage.loader as never, await requestAs(admin.id, `/admin/outbox/${first.id}`), { id: String(first.id) }));
    expect(one.message).toMatchObject({ subject: "First", text: "one", html: "<p>one</p>", status: "stored" });
    const missing = await call(adminOutboxMessage.loader as never, await requestAs(admin.id, "/admin/outbox/999"), { id: "999" });
    expect(missing.status).toBe(404);
  });

  it("filters the audit trail, pages back through older events and reports the chain's state", async () => {
    const { admin } = setup();
    const { createOrganisation: createOrg } = await import("~/modules/people/organisations.server");
    const actor = { userId: admin.id, personId: admin.personId, label: "Alex Morgan <alex@example.org>" };
    for (let i = 0; i < 55; i++) createOrg(actor, { name: `Council ${i}`, code: `C${i}X` });
    const page1 = await body(await call(adminAudit.loader as never, await requestAs(admin.id, "/admin/audit?event=organisation.")));
    const list1 = page1.events as Array<{ id: number; event: string }>;
    expect(list1).toHaveLength(50);
    expect(list1.every((e) => e.event === "organisation.create")).toBe(true);
    expect(list1[0]!.id).toBeGreaterThan(list1[1]!.id);
    expect(page1.hasMore).toBe(true);
    expect(page1.verification).toMatchObject({ ok: true });

    const page2 = await body(
      await call(adminAudit.loader as never, await requestAs(admin.id, `/admin/audit?event=organisation.&before=${list1[49]!.id}`)),
    );
    expect((page2.events as unknown[]).length).toBe(5);
    expect(page2.hasMore).toBe(false);

    const byActor = await body(await call(adminAudit.loader as never, await requestAs(admin.id, "/admin/audit?actor=nobody-like-this")));
    expect(byActor.events).toEqual([]);

    getSqlite().exec("drop trigger if exists audit_events_no_update");
    getSqlite().prepare("update audit_events set actor = 'mallory' where id = ?").run(list1[10]!.id);
    const broken = await body(await call(adminAudit.loader as never, await requestAs(admin.id, "/admin/audit")));
    expect(broken.verification).toMatchObject({ ok: false, brokenId: list1[10]!.id });
  });
});

describe("command line", () => {
  it("lists users, disables one (ending their sessions) and lists the outbox", async () => {
    const { manager } = setup();
    await sendMail({ to: "priya@example.org", subject: "Your actions", text: "t", html: "<p>h</p>" });
    const cookie = await cookieFor(manager.id);
    const run = (...args: string[]) => cliOutput(args);
    const list = await run("user", "list");
    expect(list).toMatch(/priya@example\.org\s+Priya Shah/);
    expect(list).toMatch(/alex@example\.org\s+Alex Morgan.*administrator/);
    expect(await run("user", "disable", "--email", "PRIYA@example.org")).toMatch(/Disabled priya@example\.org/);
    expect(await getSessionUser(new Request("http://localhost:3999/", { headers: { Cookie: cookie } }))).toBeNull();
    expect(await run("user", "list")).toMatch(/priya@example\.org\s+Priya Shah \(disabled\)/);
    expect(await run("outbox")).toMatch(/stored\s+priya@example\.org\s+Your actions/);
  });
});
