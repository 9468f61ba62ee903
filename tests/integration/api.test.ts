import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditEvents, benefitSeries, reports } from "#db/schema";
import { createBenefit, recordActual, setTarget } from "~/modules/benefit/service.server";
import { getDb, write } from "~/db.server";
import { DOCUMENTED_PATHS } from "~/modules/api/openapi";
import { createToken, revokeToken } from "~/modules/api/tokens.server";
import * as accountTokens from "~/routes/account.tokens";
import * as api from "~/routes/api.v1.$";
import * as openapi from "~/routes/api.v1.openapi[.]json";
import * as f from "../../seeds/factories";
import { APP, call, requestAs } from "../utils";

const TODAY = new Date().toISOString().slice(0, 10);
const LATER = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);

function world() {
  const w = write((tx) => {
    const programme = f.createProgramme(tx, { slug: "revs", name: "Revenues" });
    const pilot = f.createProject(tx, { programmeId: programme.id, slug: "pilot", name: "Pilot" });
    const secret = f.createProject(tx, { slug: "secret", name: "Secret" });
    const partner = f.createUser(tx, { name: "Pat Partner" });
    const manager = f.createUser(tx, { name: "Mo Manager" });
    f.addRole(tx, pilot.id, partner.person.id, "reader");
    f.addRole(tx, secret.id, manager.person.id, "manager");
    f.addRole(tx, pilot.id, manager.person.id, "manager");
    const wp = f.createWorkPackage(tx, pilot.id, { ref: "WP1", name: "Insight" });
    const acts = Array.from({ length: 5 }, (_, i) =>
      f.createAction(tx, pilot.id, { ref: String(i + 1), title: `Pilot action ${i + 1}`, workPackageId: wp.id, dueDate: i === 0 ? "2020-01-01" : "2099-01-01" }),
    );
    f.addProgressNote(tx, acts[1]!.id, { noteDate: "2020-01-01", body: "Started" });
    const hidden = f.createAction(tx, secret.id, { ref: "S1", title: "Secret merger talks", dueDate: "2020-01-01" });
    f.addDependency(tx, { actionId: hidden.id }, { actionId: acts[2]!.id });
    f.createMilestone(tx, pilot.id, { name: "Go live", targetDate: "2099-01-01" });
    return { pilot, secret, partner, manager, acts };
  });
  const actor = (u: typeof w.partner) => ({ userId: u.user.id, personId: u.person.id, label: "test" });
  const partnerToken = createToken({ actor: actor(w.partner), userId: w.partner.user.id, name: "Power BI", expiresOn: LATER, today: TODAY });
  const managerToken = createToken({ actor: actor(w.manager), userId: w.manager.user.id, name: "Script", expiresOn: LATER, today: TODAY });
  return { ...w, actor, partnerToken, managerToken };
}

async function get(path: string, token: string | null, headers: Record<string, string> = {}) {
  const url = path.startsWith("http") ? path : `${APP}/api/v1${path}`;
  const splat = new URL(url).pathname.replace(/^\/api\/v1\//, "");
  const request = new Request(url, { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers } });
  return call(api.loader as never, request, { "*": splat });
}

describe("read-only API", () => {
  it("answers 401 with the error shape without a token or with a wrong one", async () => {
    world();
    const none = await get("/projects", null);
    expect(none.status).toBe(401);
    expect(none.headers.get("WWW-Authenticate")).toContain("Bearer");
    expect(await none.json()).toEqual({ error: { code: "unauthorised", message: expect.any(String) } });
    expect((await get("/projects", "wmk_nonsense")).status).toBe(401);
  });

  it("a partner's token sees its own project and never another", async () => {
    const w = world();
    const list = await get("/projects", w.partnerToken.token);
    expect(list.status).toBe(200);
    expect(list.headers.get("Cache-Control")).toBe("no-store");
    const body = (await list.json()) as { data: Array<{ slug: string }>; next: string | null };
    expect(body.data.map((p) => p.slug)).toEqual(["pilot"]);
    expect(body.next).toBeNull();
    for (const path of ["/projects/secret", "/projects/secret/actions", "/projects/secret/risks", "/projects/secret/dependencies"]) {
      const res = await get(path, w.partnerToken.token);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    // The dependency from the secret project is there, but its end is redacted.
    const deps = (await (await get("/projects/pilot/dependencies", w.partnerToken.token)).json()) as { data: Array<{ predecessor: { label: string; id: number | null } }> };
    expect(deps.data[0]!.predecessor).toEqual({ kind: "action", id: null, projectId: null, label: "an item in another project" });
    const actions = await (await get("/projects/pilot/actions?limit=200", w.partnerToken.token)).text();
    expect(actions).toContain("an item in another project");
    expect(actions).not.toContain("S1");
    expect(actions).not.toContain("Secret");
    // The manager of both sees the secret end named.
    const managerDeps = await (await get("/projects/pilot/dependencies", w.managerToken.token)).text();
    expect(managerDeps).toContain("S1 Secret merger talks");
  });

  it("pages with limit, an opaque cursor and a Link header", async () => {
    const w = world();
    const first = await get("/projects/pilot/actions?limit=2", w.partnerToken.token);
    const one = (await first.json()) as { data: Array<{ ref: string }>; next: string };
    expect(one.data.map((a) => a.ref)).toEqual(["1", "2"]);
    expect(first.headers.get("Link")).toBe(`<${one.next}>; rel="next"`);
    const two = (await (await get(one.next, w.partnerToken.token)).json()) as { data: Array<{ ref: string }>; next: string };
    expect(two.data.map((a) => a.ref)).toEqual(["3", "4"]);
    const three = await get(two.next, w.partnerToken.token);
    const last = (await three.json()) as { data: Array<{ ref: string }>; next: string | null };
    expect(last.data.map((a) => a.ref)).toEqual(["5"]);
    expect(last.next).toBeNull();
    expect(three.headers.get("Link")).toBeNull();
    expect((await get("/projects/pilot/actions?cursor=garbage", w.partnerToken.token)).status).toBe(400);
    expect((await get("/projects/pilot/actions?limit=0", w.partnerToken.token)).status).toBe(400);
  });

  it("filters actions and gives flags with words", async () => {
    const w = world();
    const res = (await (await get("/projects/pilot/actions?flag=overdue", w.partnerToken.token)).json()) as { data: Array<{ ref: string; flags: Array<{ kind: string; tag: string }> }> };
    expect(res.data.map((a) => a.ref)).toEqual(["1"]);
    expect(res.data[0]!.flags[0]).toMatchObject({ kind: "overdue" });
    expect((await get("/projects/pilot/actions?asOf=2026-02-31", w.partnerToken.token)).status).toBe(400);
    const since = (await (await get("/projects/pilot/actions?updatedSince=2999-01-01", w.partnerToken.token)).json()) as { data: unknown[] };
    expect(since.data).toEqual([]);
  });

  it("answers 304 when If-None-Match matches the ETag", async () => {
    const w = world();
    const first = await get("/projects/pilot/milestones", w.partnerToken.token);
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^W\/"/);
    const again = await get("/projects/pilot/milestones", w.partnerToken.token, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("a revoked or expired token is refused; creation and revocation are audited; last use is shown", async () => {
    const w = world();
    expect((await get("/projects", w.partnerToken.token)).status).toBe(200);
    expect(getDb().select().from(apiTokens).where(eq(apiTokens.id, w.partnerToken.id)).get()!.lastUsedAt).not.toBeNull();
    revokeToken({ actor: w.actor(w.partner), userId: w.partner.user.id, tokenId: w.partnerToken.id });
    expect((await get("/projects", w.partnerToken.token)).status).toBe(401);
    write((tx) => tx.update(apiTokens).set({ expiresOn: "2020-01-01" }).where(eq(apiTokens.id, w.managerToken.id)).run());
    expect((await get("/projects", w.managerToken.token)).status).toBe(401);
    const events = getDb().select().from(auditEvents).all().filter((e) => e.event.startsWith("api_token."));
    expect(events.map((e) => e.event)).toEqual(["api_token.create", "api_token.create", "api_token.revoke"]);
    expect(JSON.stringify(events)).not.toContain(w.partnerToken.token);
    const stored = getDb().select().from(apiTokens).all();
    expect(JSON.stringify(stored)).not.toContain(w.partnerToken.token);
  });

  it("makes a token on the account page, shows it once, and refuses a bad expiry with the input kept", async () => {
    const w = world();
    const made = await call(accountTokens.action as never, await requestAs(w.partner.user.id, "/account/tokens", { form: { intent: "create", name: "Excel", expiresOn: LATER } }));
    const body = (await made.json()) as { token: string };
    expect(body.token).toMatch(/^wmk_[A-Za-z0-9_-]{43}$/);
    expect((await get("/projects", body.token)).status).toBe(200);
    const bad = await call(accountTokens.action as never, await requestAs(w.partner.user.id, "/account/tokens", { form: { intent: "create", name: "Excel", expiresOn: "2020-01-01" } }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: { expiresOn: expect.any(String) }, values: { name: "Excel" } });
    // Someone else's token cannot be revoked from your page.
    const other = await call(accountTokens.action as never, await requestAs(w.partner.user.id, "/account/tokens", { form: { intent: "revoke", tokenId: String(w.managerToken.id) } }));
    expect(other.status).toBe(404);
  });

  it("every documented path answers as documented", async () => {
    const w = world();
    const doc = (await (await call(openapi.loader as never, new Request(`${APP}/api/v1/openapi.json`))).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(DOCUMENTED_PATHS.map((p) => p.path).sort());
    for (const p of DOCUMENTED_PATHS) {
      const res = await get(p.path.replace("{slug}", "pilot"), w.partnerToken.token);
      expect(res.status, p.path).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      if (p.shape === "list") {
        expect(Object.keys(body).sort(), p.path).toEqual(["data", "next"]);
        expect(Array.isArray(body.data), p.path).toBe(true);
      } else {
        expect(Object.keys(body), p.path).toEqual(["data"]);
        expect(typeof body.data, p.path).toBe("object");
      }
      expect((await get(p.path.replace("{slug}", "secret"), null)).status, p.path).toBe(401);
    }
    expect((await get("/nothing-here", w.partnerToken.token)).status).toBe(404);
  });

  it("lists a project's benefits with targets, actuals, RAG and flags, and its published reports only, within the token's projects", async () => {
    const w = world();
    const by = w.actor(w.manager);
    const b = createBenefit({ actor: by, projectId: w.pilot.id, input: { name: "Calls answered", description: "", unit: "percent", direction: "higher", frequency: "annually", ownerPersonId: w.manager.person.id, source: "", tolerance: 0, series: [] } });
    const series = getDb().select().from(benefitSeries).where(eq(benefitSeries.benefitId, b.id)).get()!; // the joint series
    setTarget({ actor: by, projectId: w.pilot.id, benefitId: b.id, input: { seriesId: series.id, period: "2019/20", value: 90 } });
    recordActual({ actor: by, projectId: w.pilot.id, benefitId: b.id, input: { seriesId: series.id, measuredOn: "2020-03-31", value: 85, comment: "", correctsId: null } });
    createBenefit({ actor: by, projectId: w.secret.id, input: { name: "Secret saving", description: "", unit: "gbp", direction: "higher", frequency: "annually", ownerPersonId: null, source: "", tolerance: 0, series: [] } });
    write((tx) => {
      const row = { kind: "highlight" as const, projectId: w.pilot.id, periodFrom: "2020-01-01", periodTo: "2020-01-31" };
      tx.insert(reports).values({ ...row, title: "January highlight report", status: "published", publishedAt: "2020-02-03T09:00:00.000Z" }).run();
      tx.insert(reports).values({ ...row, title: "February draft", status: "draft" }).run();
    });

    const res = await get("/projects/pilot/benefits?asOf=2020-06-30", w.partnerToken.token);
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      name: "Calls answered", unit: "percent", ownerName: "Mo Manager", asOf: "2020-06-30", rag: "red",
      series: [{ organisation: null, targets: [{ period: "2019/20", start: "2019-04-01", end: "2020-03-31", value: 90 }], actuals: [{ measuredOn: "2020-03-31", value: 85, corrected: false }], rag: "red" }],
    });
    expect(data[0].flags).toContainEqual({ kind: "off_target", text: expect.stringContaining("85% against 90% (2019/20)") });
    expect((await get("/projects/secret/benefits", w.partnerToken.token)).status).toBe(404);
    expect(JSON.stringify(await (await get("/projects/secret/benefits", w.managerToken.token)).json())).toContain("Secret saving");

    const list = await (await get("/projects/pilot/reports", w.partnerToken.token)).json();
    expect(list.data.map((r: { title: string }) => r.title)).toEqual(["January highlight report"]);
    expect(list.data[0]).toMatchObject({ kind: "highlight", status: "published", periodFrom: "2020-01-01", html: expect.stringMatching(/\/projects\/pilot\/reports\/\d+$/), pdf: expect.stringMatching(/\.pdf$/) });
    expect((await get("/projects/secret/reports", w.partnerToken.token)).status).toBe(404);
  });
});
