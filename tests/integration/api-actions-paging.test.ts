// The actions list is paged in SQL (app/modules/api/actions.server.ts): paging through it must give
// exactly what one big page gives, and what the whole-plan computation (every row's flags from
// flagsForProjects, grouped by loadActionPlan) gives, with and without filters, flag filters included.
import { describe, expect, it } from "vitest";
import { readPlanQuery } from "~/modules/action/plan-view";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { loadActionPlan } from "~/modules/action/views.server";
import { createToken } from "~/modules/api/tokens.server";
import { serialiseFlag } from "~/modules/api/serialise";
import { viewerFor } from "~/modules/auth/access.server";
import { write } from "~/db.server";
import * as api from "~/routes/api.v1.$";
import * as f from "../../seeds/factories";
import { APP, call } from "../utils";

const TODAY = new Date().toISOString().slice(0, 10);
const LATER = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);

function world() {
  const w = write((tx) => {
    const pilot = f.createProject(tx, { slug: "pilot", name: "Pilot" });
    const secret = f.createProject(tx, { slug: "secret", name: "Secret" });
    const reader = f.createUser(tx, { name: "Rita Reader" });
    f.addRole(tx, pilot.id, reader.person.id, "reader");
    const people = Array.from({ length: 3 }, (_, i) => f.createPerson(tx, { name: `Officer ${i}`, initials: `O${i}` }));
    const team = f.createTeam(tx, { name: "Data team" });
    const wp1 = f.createWorkPackage(tx, pilot.id, { ref: "WP1", name: "Insight" });
    const wp2 = f.createWorkPackage(tx, pilot.id, { ref: "WP2", name: "Delivery" });
    const stage = f.createStage(tx, wp2.id, { name: "Discovery" });
    const recs = ["R10", "R2", "R1"].map((ref) => f.createRecommendation(tx, pilot.id, { ref, title: `Recommendation ${ref}` }));
    const hidden = f.createAction(tx, secret.id, { ref: "S1", title: "Secret merger talks", dueDate: "2020-01-01" });
    const acts = Array.from({ length: 40 }, (_, i) =>
      f.createAction(tx, pilot.id, {
        ref: `${(i % 3) + 1}.${i + 1}`,
        title: `Pilot action ${i}`,
        workPackageId: i % 4 === 3 ? null : i % 2 ? wp1.id : wp2.id,
        stageId: i % 8 === 2 ? stage.id : null,
        dueDate: i % 5 === 0 ? "2020-01-01" : i % 7 === 0 ? null : "2099-01-01",
        status: i % 6 === 5 ? "done" : i % 3 ? "in_progress" : "not_started",
        ownerPersonIds: i % 9 === 4 ? [] : [people[i % 3]!.id, ...(i % 4 === 0 ? [people[(i + 1) % 3]!.id] : [])],
        ownerTeamIds: i % 5 === 1 ? [team.id] : [],
        recommendationIds: i % 6 === 0 ? recs.map((r) => r.id) : i % 6 === 1 ? [recs[0]!.id] : [],
      }),
    );
    for (const [i, a] of acts.entries()) if (i % 3 === 0) f.addProgressNote(tx, a.id, { noteDate: "2020-01-01", body: `Note on ${i}` });
    // Blocked flags, one behind an action the reader may not see.
    f.addDependency(tx, { actionId: hidden.id }, { actionId: acts[13]!.id });
    f.addDependency(tx, { actionId: acts[0]!.id }, { actionId: acts[22]!.id });
    f.addDependency(tx, { actionId: acts[22]!.id }, { actionId: acts[37]!.id });
    return { pilot, reader, people, team, wp1 };
  });
  const token = createToken({ actor: { userId: w.reader.user.id, personId: w.reader.person.id, label: "test" }, userId: w.reader.user.id, name: "t", expiresOn: LATER, today: TODAY }).token;
  return { ...w, token };
}

type Item = { id: number; ref: string; flags: Array<{ kind: string }> };

async function getJson(url: string, token: string) {
  const splat = new URL(url).pathname.replace(/^\/api\/v1\//, "");
  const res = await call(api.loader as never, new Request(url, { headers: { Authorization: `Bearer ${token}` } }), { "*": splat });
  expect(res.status, url).toBe(200);
  return (await res.json()) as { data: Item[]; next: string | null };
}

/** Every item, following `next` from the first page. */
async function allPages(query: string, token: string) {
  const items: Item[] = [];
  let url: string | null = `${APP}/api/v1/projects/pilot/actions?${query}`;
  let pages = 0;
  while (url) {
    const body = await getJson(url, token);
    items.push(...body.data);
    url = body.next;
    pages++;
  }
  return { items, pages };
}

/** What the list was before paging moved into SQL: the whole plan, every row's flags, paged in memory. */
function wholePlan(w: ReturnType<typeof world>, params: Record<string, string>) {
  const asOf = TODAY;
  const query = readPlanQuery(new URLSearchParams({ flag: params.flag ?? "", status: params.status ?? "", workPackage: params.wp ?? "", owner: params.owner ?? "" }));
  const plan = loadActionPlan({ viewer: viewerFor({ personId: w.reader.person.id, isAdmin: false }), projectId: w.pilot.id, asOf, query });
  const raw = flagsForProjects({ projectIds: [w.pilot.id], asOf }).result.actions;
  const canSee = (id: number) => id === w.pilot.id;
  return plan.groups
    .flatMap((g) =>
      g.sections.flatMap((s) =>
        s.rows.map((r) => ({
          id: r.id,
          ref: r.ref,
          title: r.title,
          expectedOutcomes: r.expectedOutcomes,
          workPackage: g.workPackage,
          stage: s.stage,
          owners: r.owners.map((o) => ({ kind: o.kind, id: Number(o.key.slice(1)), name: o.name })),
          recommendations: r.recommendationRefs,
          deadlineText: r.deadlineText,
          dueDate: r.dueDate,
          status: r.status,
          percentComplete: r.percentComplete,
          latestNote: r.latestNote,
          asOf,
          flags: (raw.get(r.id) ?? []).map((fl) => serialiseFlag(fl, canSee)),
        })),
      ),
    )
    .sort((a, b) => a.id - b.id);
}

describe("API actions paged in SQL", () => {
  it("pages of 7 give exactly the items of one big page, and of the whole plan", async () => {
    const w = world();
    const big = await getJson(`${APP}/api/v1/projects/pilot/actions?limit=200`, w.token);
    expect(big.next).toBeNull();
    expect(big.data).toHaveLength(40);
    const { items, pages } = await allPages("limit=7", w.token);
    expect(pages).toBe(6);
    expect(items.map((i) => i.id)).toEqual(big.data.map((i) => i.id));
    expect(items).toEqual(big.data);
    expect(big.data).toEqual(wholePlan(w, {}));
    // The data exercises what matters: flags of several kinds (one redacted), stages, teams, recommendations in ref order.
    const kinds = new Set(items.flatMap((i) => i.flags.map((fl) => fl.kind)));
    expect(kinds).toContain("overdue");
    expect(kinds).toContain("blocked");
    expect(JSON.stringify(items)).toContain("an item in another project");
    expect(JSON.stringify(items)).not.toContain("Secret");
    expect(JSON.stringify(items)).toContain('"recommendations":["R1","R2","R10"]');
    expect(JSON.stringify(items)).toContain('"stage":{"id"');
  });

  it("a flag filter pages correctly: the same items as the whole plan filtered, over several pages", async () => {
    const w = world();
    for (const flag of ["overdue", "blocked", "any"]) {
      const expected = wholePlan(w, { flag });
      expect(expected.length, flag).toBeGreaterThan(1);
      const { items, pages } = await allPages(`flag=${flag}&limit=2`, w.token);
      expect(items, flag).toEqual(expected);
      expect(pages, flag).toBe(Math.ceil(expected.length / 2));
      expect(items.every((i) => flag === "any" ? i.flags.length > 0 : i.flags.some((fl) => fl.kind === flag)), flag).toBe(true);
    }
  });

  it("the filters SQL applies page the same as the whole plan filtered", async () => {
    const w = world();
    const cases: Array<[string, Record<string, string>]> = [
      ["status=open&limit=4", { status: "open" }],
      ["status=done&limit=4", { status: "done" }],
      [`wp=${w.wp1.id}&limit=4`, { wp: String(w.wp1.id) }],
      ["wp=none&limit=4", { wp: "none" }],
      [`owner=${w.people[1]!.id}&limit=4`, { owner: `p${w.people[1]!.id}` }],
      [`owner=t${w.team.id}&limit=4`, { owner: `t${w.team.id}` }],
      [`owner=${w.people[0]!.id}&flag=overdue&status=open&limit=1`, { owner: `p${w.people[0]!.id}`, flag: "overdue", status: "open" }],
    ];
    for (const [query, params] of cases) {
      const expected = wholePlan(w, params);
      expect(expected.length, query).toBeGreaterThan(0);
      expect((await allPages(query, w.token)).items, query).toEqual(expected);
    }
    expect((await allPages("updatedSince=2000-01-01&limit=9", w.token)).items).toEqual(wholePlan(w, {}));
    expect((await allPages("updatedSince=2999-01-01&limit=9", w.token)).items).toEqual([]);
  });
});
