// Across projects (docs/decisions/0008): a person who manages only the partnership project is
// never told the ref, title, status or date of an item of another project, on any surface, while
// the flags stay computed on the whole truth. And the dependency search lists only linkable items.
import { getDb, write } from "~/db.server";
import { main } from "~/cli/main";
import { renderDigestEmail } from "~/modules/digest/email";
import { runDigest } from "~/modules/digest/service.server";
import { HIDDEN_ITEM } from "~/modules/action/rules";
import { createRisk, linkAction } from "~/modules/risk/service.server";
import { systemActor } from "~/modules/audit/actor";
import { loader as actionPage } from "~/routes/projects.$slug.actions.$actionId._index";
import { loader as planPage } from "~/routes/projects.$slug.actions._index";
import { loader as milestonesPage } from "~/routes/projects.$slug.milestones._index";
import { loader as myActionsPage } from "~/routes/my-actions";
import { loader as flaggedPage } from "~/routes/programmes.$slug.flagged";
import { loader as riskPage } from "~/routes/projects.$slug.risks.$riskId";
import * as s from "#db/schema";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

const AS_OF = "2026-03-20";
const SECRET = /Secret alpha work|A7\.1|alpha-project|Alpha project|Alpha go-live/;

function world() {
  return write((tx) => {
    const programme = f.createProgramme(tx, { slug: "prog", name: "Programme" });
    const alpha = f.createProject(tx, { programmeId: programme.id, slug: "alpha-project", name: "Alpha project" });
    const partnership = f.createProject(tx, { programmeId: programme.id, slug: "partnership", name: "Partnership" });
    const admin = f.createUser(tx, { name: "Ada Admin", isAdmin: true });
    const alice = f.createUser(tx, { name: "Alice Alpha", email: "alice@waymark.test" });
    const partner = f.createUser(tx, { name: "Pat Partner", email: "partner@waymark.test" });
    const both = f.createUser(tx, { name: "Bo Both", email: "both@waymark.test" });
    f.addRole(tx, alpha.id, alice.person.id, "manager");
    f.addRole(tx, partnership.id, partner.person.id, "manager");
    f.addProgrammeRole(tx, programme.id, both.person.id, "manager");
    const secret = f.createAction(tx, alpha.id, { ref: "A7.1", title: "Secret alpha work", dueDate: "2026-03-01" });
    const alphaMilestone = f.createMilestone(tx, alpha.id, { name: "Alpha go-live", targetDate: "2026-09-01" });
    const mine = f.createAction(tx, partnership.id, { ref: "1.1", title: "Partner task", plannedStart: "2026-03-01", dueDate: "2026-06-01", ownerPersonIds: [partner.person.id] });
    const other = f.createAction(tx, partnership.id, { ref: "1.2", title: "Partner follow-up", dueDate: "2026-07-01" });
    const launch = f.createMilestone(tx, partnership.id, { name: "Partner launch", targetDate: "2026-06-01" });
    f.addDependency(tx, { actionId: secret.id }, { actionId: mine.id });
    f.addDependency(tx, { actionId: secret.id }, { milestoneId: launch.id });
    return { programme, alpha, partnership, admin, alice, partner, both, secret, alphaMilestone, mine, other, launch };
  });
}
type World = ReturnType<typeof world>;

async function loaderJson(fn: unknown, userId: number, path: string, params: Record<string, string>) {
  const res = await call(fn as never, await requestAs(userId, path), params);
  expect(res.status).toBe(200);
  return res.text();
}

const actionPath = (w: World, q = "") => `/projects/partnership/actions/${w.mine.id}?asOf=${AS_OF}${q}`;

describe("what the partnership's manager is told about another project's items", () => {
  it("the action page shows the link and the blocked flag, naming neither the item nor its status or date", async () => {
    const w = world();
    const body = await loaderJson(actionPage, w.partner.user.id, actionPath(w), { slug: "partnership", actionId: String(w.mine.id) });
    expect(body).not.toMatch(SECRET);
    const data = JSON.parse(body);
    expect(data.flags).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "blocked", label: `Blocked by ${HIDDEN_ITEM}` })]));
    expect(data.links.predecessors).toEqual([expect.objectContaining({ label: HIDDEN_ITEM, title: null, status: null, dueDate: null, href: null, canRemove: false })]);
    // Someone who may see both reads the whole truth.
    const full = JSON.parse(await loaderJson(actionPage, w.both.user.id, actionPath(w), { slug: "partnership", actionId: String(w.mine.id) }));
    expect(full.flags.find((x: { kind: string }) => x.kind === "blocked").label).toBe("Blocked by A7.1, which is 19 days overdue");
    expect(full.links.predecessors[0]).toMatchObject({ label: "alpha-project A7.1", title: "Secret alpha work", canRemove: true });
  });

  it("the action plan, My actions, milestones and What needs attention redact the cause", async () => {
    const w = world();
    const pages: Array<[unknown, string, Record<string, string>]> = [
      [planPage, `/projects/partnership/actions?asOf=${AS_OF}`, { slug: "partnership" }],
      [myActionsPage, `/my-actions?asOf=${AS_OF}`, {}],
      [milestonesPage, `/projects/partnership/milestones?asOf=${AS_OF}`, { slug: "partnership" }],
      [flaggedPage, `/programmes/prog/flagged?asOf=${AS_OF}`, { slug: "prog" }],
    ];
    for (const [loader, path, params] of pages) {
      const body = await loaderJson(loader, w.partner.user.id, path, params);
      expect(body, path).not.toMatch(SECRET);
      expect(body, path).toContain(HIDDEN_ITEM);
    }
    // The milestone is still at risk: the flag is computed on the whole truth.
    const milestones = JSON.parse(await loaderJson(milestonesPage, w.partner.user.id, `/projects/partnership/milestones?asOf=${AS_OF}`, { slug: "partnership" }));
    const launch = milestones.milestones.find((m: { name: string }) => m.name === "Partner launch");
    expect(launch.flags).toEqual([expect.objectContaining({ kind: "at_risk", text: `At risk: ${HIDDEN_ITEM}` })]);
    // The other project's manager sees their own overdue action named on What needs attention; the partner does not see it listed.
    const flagged = await loaderJson(flaggedPage, w.alice.user.id, `/programmes/prog/flagged?asOf=${AS_OF}`, { slug: "prog" });
    expect(flagged).toContain("Secret alpha work");
    expect(flagged).not.toContain("Partner task");
  });

  it("a programme risk linked to another project's action shows it as an action in another project", async () => {
    const w = world();
    const risk = createRisk({
      actor: systemActor("test"),
      scope: { programmeId: w.programme.id },
      today: AS_OF,
      input: {
        ref: "1", title: "Partner slips", category: "", kind: "threat", cause: "", event: "", effect: "", ownerPersonId: null, actioneePersonId: null,
        inherentLikelihood: 3, inherentImpact: 3, residualLikelihood: null, residualImpact: null, proximityDate: null, proximityText: "",
        response: "reduce", strategy: "", actionsOutstanding: "", nextReviewDate: null,
      } as never,
    });
    linkAction({ actor: systemActor("test"), scope: { programmeId: w.programme.id }, riskId: risk.id, actionId: w.secret.id });
    const body = await loaderJson(riskPage, w.partner.user.id, `/programmes/prog/risks/${risk.id}`, { slug: "prog", riskId: String(risk.id) });
    expect(body).not.toMatch(SECRET);
    const data = JSON.parse(body);
    expect(data.linked).toEqual([expect.objectContaining({ hidden: true, ref: "", title: "" })]);
    expect(data.linked[0].id).toBeLessThan(0);
    const both = await loaderJson(riskPage, w.both.user.id, `/programmes/prog/risks/${risk.id}`, { slug: "prog", riskId: String(risk.id) });
    expect(both).toContain("Secret alpha work");
  });

  it("the morning digest tells the owner their action is blocked without naming the other project's item", async () => {
    const w = world();
    const result = await runDigest({ asOf: AS_OF, dryRun: true });
    const mine = result.recipients.find((r) => r.personId === w.partner.person.id)!;
    const { text, html } = renderDigestEmail({ name: mine.name, asOf: AS_OF, items: mine.items, appUrl: "http://localhost" });
    expect(text).toContain(`Blocked by ${HIDDEN_ITEM}`);
    expect(text + html).not.toMatch(SECRET);
  });

  it("waymark flags --as EMAIL shows only that person's projects, with causes elsewhere redacted", async () => {
    const w = world();
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
    expect(await main(["flags", "--as-of", AS_OF, "--as", "partner@waymark.test", "--json"], io)).toBe(0);
    const out = lines.join("\n");
    expect(out).not.toMatch(SECRET);
    const report = JSON.parse(out);
    expect(report.projects).toEqual([{ slug: "partnership", name: "Partnership" }]);
    expect(report.items.find((i: { ref: string }) => i.ref === "1.1").flags.find((x: { kind: string }) => x.kind === "blocked").label).toBe(`Blocked by ${HIDDEN_ITEM}`);
    lines.length = 0;
    // A project they may not see answers as one that does not exist.
    expect(await main(["flags", "--as-of", AS_OF, "--as", "partner@waymark.test", "--project", "alpha-project"], io)).toBe(1);
    expect(lines.join("\n")).toContain('No project with the slug "alpha-project"');
    lines.length = 0;
    expect(await main(["flags", "--as-of", AS_OF, "--as", "nobody@waymark.test"], io)).toBe(1);
    lines.length = 0;
    // Without --as, the operator sees everything.
    expect(await main(["flags", "--as-of", AS_OF], io)).toBe(0);
    expect(lines.join("\n")).toContain("Blocked by A7.1, which is 19 days overdue");
    expect(w.secret.id).toBeGreaterThan(0);
  });
});

describe("the dependency search", () => {
  type Search = { q: string; items: Array<{ key: string; label: string; title: string | null; own: boolean }>; total: number } | null;
  const search = async (w: World, userId: number, q: string, actionId = w.mine.id, slug = "partnership") => {
    const res = await call(actionPage as never, await requestAs(userId, `/projects/${slug}/actions/${actionId}?q=${encodeURIComponent(q)}`), { slug, actionId: String(actionId) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { search: Search }).search;
  };

  it("lists, without JavaScript, only items of projects the person manages, by ref or title, never the action itself", async () => {
    const w = world();
    expect((await search(w, w.partner.user.id, ""))!.items).toEqual([]);
    const partner = (await search(w, w.partner.user.id, "a"))!;
    expect(partner.items.map((i) => i.label)).toEqual(["1.2", "milestone “Partner launch”"]);
    expect(JSON.stringify(partner)).not.toMatch(SECRET);
    expect((await search(w, w.partner.user.id, "A7.1"))!.items).toEqual([]);
    expect((await search(w, w.partner.user.id, "Secret"))!.items).toEqual([]);
    // Someone who manages both finds the other project's items, this project's first, already-linked ones left out.
    const both = (await search(w, w.both.user.id, "p"))!;
    expect(both.items.map((i) => i.label)).toEqual(["1.2", "milestone “Partner launch”", "alpha-project milestone “Alpha go-live”"]);
    // % and _ are matched as themselves.
    expect((await search(w, w.both.user.id, "%"))!.items).toEqual([]);
    // A reader of the project gets no search at all.
    write((tx) => f.addRole(tx, w.partnership.id, w.alice.person.id, "reader"));
    expect(await search(w, w.alice.user.id, "1")).toBeNull();
  });

  it("caps the list at 20 and says how many match", async () => {
    const w = world();
    write((tx) => {
      for (let i = 0; i < 30; i++) f.createAction(tx, w.partnership.id, { ref: `9.${i}`, title: `Bulk ${i}` });
    });
    const found = (await search(w, w.partner.user.id, "Bulk"))!;
    expect(found.total).toBe(30);
    expect(found.items).toHaveLength(20);
    expect(found.items.slice(0, 3).map((i) => i.label)).toEqual(["9.0", "9.1", "9.2"]);
    expect(getDb().select().from(s.dependencies).all()).toHaveLength(2);
  });
});
