// The access matrix: each role x each record type x read/write, through the real route loaders and
// actions. Allowed reads answer 200 and allowed writes 302 (and write something); refusals answer
// 403 (may see the project, may not do this) or 404 (may not see it: the same as a missing record)
// and write nothing but the refusal's own audit event. The last rows are the cross-project leak of
// issue 8: a manager of another project linking his action with this project's items.
import { sql } from "drizzle-orm";
import * as s from "#db/schema";
import { getDb, write } from "~/db.server";
import { systemActor } from "~/modules/audit/actor";
import { createProposal } from "~/modules/proposal/service.server";
import { createRisk } from "~/modules/risk/service.server";
import { todayInLondon } from "~/modules/action/rules";
import * as projectOverview from "~/routes/projects.$slug._index";
import * as projectEdit from "~/routes/projects.$slug.edit";
import * as wpPage from "~/routes/projects.$slug.work-packages.$wpId._index";
import * as wpNew from "~/routes/projects.$slug.work-packages.new";
import * as stageNew from "~/routes/projects.$slug.work-packages.$wpId.stages.new";
import * as milestonesPage from "~/routes/projects.$slug.milestones._index";
import * as milestoneNew from "~/routes/projects.$slug.milestones.new";
import * as actionPage from "~/routes/projects.$slug.actions.$actionId._index";
import * as actionNew from "~/routes/projects.$slug.actions.new";
import * as riskPage from "~/routes/projects.$slug.risks.$riskId";
import * as riskNew from "~/routes/projects.$slug.risks.new";
import * as proposalPage from "~/routes/projects.$slug.proposals.$proposalId._index";
import * as proposalNew from "~/routes/projects.$slug.proposals.new";
import * as decisionsPage from "~/routes/projects.$slug.decisions";
import * as decide from "~/routes/projects.$slug.proposals.$proposalId.decide";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

const ROLES = ["administrator", "programme manager", "project manager", "contributor (action owner)", "board member", "consultee", "reader", "manager of another project"] as const;
type Role = (typeof ROLES)[number];

function world() {
  const made = write((tx) => {
    const programme = f.createProgramme(tx, { slug: "programme" });
    const project = f.createProject(tx, { programmeId: programme.id, slug: "pilot", name: "Pilot" });
    const partnership = f.createProject(tx, { programmeId: programme.id, slug: "partnership", name: "Partnership" });
    const users = Object.fromEntries(ROLES.map((r) => [r, f.createUser(tx, { name: r, isAdmin: r === "administrator" })])) as Record<Role, ReturnType<typeof f.createUser>>;
    f.addProgrammeRole(tx, programme.id, users["programme manager"].person.id, "manager");
    f.addRole(tx, project.id, users["project manager"].person.id, "manager");
    f.addRole(tx, project.id, users["contributor (action owner)"].person.id, "contributor");
    f.addRole(tx, project.id, users["board member"].person.id, "board_member");
    f.addRole(tx, project.id, users.consultee.person.id, "consultee");
    f.addRole(tx, project.id, users.reader.person.id, "reader");
    f.addRole(tx, partnership.id, users["manager of another project"].person.id, "manager");
    const wp = f.createWorkPackage(tx, project.id, { ref: "WP1" });
    f.createStage(tx, wp.id, { name: "Pilot stage" });
    const milestone = f.createMilestone(tx, project.id, { name: "Go live", targetDate: "2030-01-01" });
    const action = f.createAction(tx, project.id, { ref: "4.2", workPackageId: wp.id, ownerPersonIds: [users["contributor (action owner)"].person.id] });
    const other = f.createAction(tx, project.id, { ref: "4.3" });
    const partnerAction = f.createAction(tx, partnership.id, { ref: "1.1" });
    f.addProgressNote(tx, action.id, { noteDate: "2026-01-05", body: "Started" });
    f.addDependency(tx, { actionId: other.id }, { milestoneId: milestone.id });
    return { programme, project, partnership, users, wp, milestone, action, other, partnerAction };
  });
  const risk = createRisk({
    actor: systemActor("test"),
    scope: { projectId: made.project.id },
    today: "2026-01-01",
    input: {
      ref: "R1", title: "Staff resist", category: "", kind: "threat", cause: "", event: "", effect: "", ownerPersonId: null, actioneePersonId: null,
      inherentLikelihood: 2, inherentImpact: 2, residualLikelihood: null, residualImpact: null, proximityDate: null, proximityText: "",
      response: "reduce", strategy: "", actionsOutstanding: "", nextReviewDate: null,
    },
  });
  return { ...made, risk };
}
type World = ReturnType<typeof world>;

/** Every row of every table but the audit trail and sessions: what "nothing written" means. */
function counts() {
  const db = getDb();
  const tables = db
    .all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name not in ('audit_events', 'sessions', 'sign_in_attempts')`)
    .map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, JSON.stringify(db.all(sql.raw(`select * from "${t}"`)))]));
}

const READERS: Role[] = ["administrator", "programme manager", "project manager", "contributor (action owner)", "board member", "consultee", "reader"];
const MANAGERS: Role[] = ["administrator", "programme manager", "project manager"];

interface Case {
  record: string;
  op: "read" | "write";
  allowed: Role[];
  route: { loader?: unknown; action?: unknown };
  path: (w: World) => string;
  params: (w: World) => Record<string, string>;
  form?: (w: World) => Record<string, string>;
}

const p = (extra: Record<string, string> = {}) => () => ({ slug: "pilot", ...extra });
const today = todayInLondon();

const CASES: Case[] = [
  { record: "project", op: "read", allowed: READERS, route: projectOverview, path: () => "/projects/pilot", params: p() },
  { record: "project", op: "write", allowed: MANAGERS, route: projectEdit, path: () => "/projects/pilot/edit", params: p(), form: (w) => ({ programmeId: String(w.programme.id), name: "Pilot renamed", slug: "pilot", status: "active" }) },
  { record: "work package", op: "read", allowed: READERS, route: wpPage, path: (w) => `/projects/pilot/work-packages/${w.wp.id}`, params: (w) => ({ slug: "pilot", wpId: String(w.wp.id) }) },
  { record: "work package", op: "write", allowed: MANAGERS, route: wpNew, path: () => "/projects/pilot/work-packages/new", params: p(), form: () => ({ ref: "WP9", name: "New work package" }) },
  { record: "stage", op: "read", allowed: READERS, route: wpPage, path: (w) => `/projects/pilot/work-packages/${w.wp.id}`, params: (w) => ({ slug: "pilot", wpId: String(w.wp.id) }) },
  { record: "stage", op: "write", allowed: MANAGERS, route: stageNew, path: (w) => `/projects/pilot/work-packages/${w.wp.id}/stages/new`, params: (w) => ({ slug: "pilot", wpId: String(w.wp.id) }), form: () => ({ name: "Roll-out" }) },
  { record: "milestone", op: "read", allowed: READERS, route: milestonesPage, path: () => "/projects/pilot/milestones", params: p() },
  { record: "milestone", op: "write", allowed: MANAGERS, route: milestoneNew, path: () => "/projects/pilot/milestones/new", params: p(), form: () => ({ name: "Review", targetDate: "2030-06-01" }) },
  { record: "action", op: "read", allowed: READERS, route: actionPage, path: (w) => `/projects/pilot/actions/${w.action.id}`, params: (w) => ({ slug: "pilot", actionId: String(w.action.id) }) },
  { record: "action", op: "write", allowed: MANAGERS, route: actionNew, path: () => "/projects/pilot/actions/new", params: p(), form: () => ({ ref: "9.9", title: "New action", status: "not_started" }) },
  { record: "progress note", op: "read", allowed: READERS, route: actionPage, path: (w) => `/projects/pilot/actions/${w.action.id}`, params: (w) => ({ slug: "pilot", actionId: String(w.action.id) }) },
  {
    record: "progress note",
    op: "write",
    allowed: [...MANAGERS, "contributor (action owner)"],
    route: actionPage,
    path: (w) => `/projects/pilot/actions/${w.action.id}`,
    params: (w) => ({ slug: "pilot", actionId: String(w.action.id) }),
    form: () => ({ intent: "addNote", body: "Progress", noteDate: today }),
  },
  { record: "dependency", op: "read", allowed: READERS, route: actionPage, path: (w) => `/projects/pilot/actions/${w.other.id}`, params: (w) => ({ slug: "pilot", actionId: String(w.other.id) }) },
  {
    record: "dependency",
    op: "write",
    allowed: MANAGERS,
    route: actionPage,
    path: (w) => `/projects/pilot/actions/${w.action.id}`,
    params: (w) => ({ slug: "pilot", actionId: String(w.action.id) }),
    form: (w) => ({ intent: "addDependency", direction: "predecessor", item: `a:${w.other.id}` }),
  },
  { record: "risk", op: "read", allowed: READERS, route: riskPage, path: (w) => `/projects/pilot/risks/${w.risk.id}`, params: (w) => ({ slug: "pilot", riskId: String(w.risk.id) }) },
  {
    record: "risk",
    op: "write",
    allowed: MANAGERS,
    route: riskNew,
    path: () => "/projects/pilot/risks/new",
    params: p(),
    form: () => ({ ref: "R2", title: "Budget cut", kind: "threat", inherentLikelihood: "2", inherentImpact: "2", residualLikelihood: "", residualImpact: "", response: "reduce" }),
  },
  { record: "proposal", op: "read", allowed: READERS, route: proposalPage, path: () => "/projects/pilot/proposals/PROPOSAL", params: p({ proposalId: "PROPOSAL" }) },
  { record: "proposal", op: "write", allowed: MANAGERS, route: proposalNew, path: () => "/projects/pilot/proposals/new", params: p(), form: () => ({ title: "Close the office", recommendation: "Close it" }) },
  { record: "decision register", op: "read", allowed: READERS, route: decisionsPage, path: () => "/projects/pilot/decisions", params: p() },
  {
    record: "decision register",
    op: "write",
    allowed: MANAGERS,
    route: decide,
    path: () => "/projects/pilot/proposals/PROPOSAL/decide",
    params: p({ proposalId: "PROPOSAL" }),
    form: () => ({ outcome: "approved", decidedOn: today, reasons: "Agreed at the meeting" }),
  },
];

/** A proposal in consultation (a consultee reads it from then on), made through the service. */
function proposalOf(w: World) {
  const proposal = createProposal({ actor: systemActor("test"), projectId: w.project.id, title: "Share a service desk", workPackageId: null, body: "", optionsConsidered: "", recommendation: "Share it" });
  write((tx) => tx.update(s.proposals).set({ status: "in_consultation" }).where(sql`id = ${proposal.id}`).run());
  return proposal.id;
}

async function run(role: Role, w: World, c: Case, proposalId: number) {
  const fill = (v: string) => v.replace("PROPOSAL", String(proposalId));
  const path = fill(c.path(w));
  const params = Object.fromEntries(Object.entries(c.params(w)).map(([k, v]) => [k, fill(v)]));
  const userId = w.users[role].user.id;
  const request = await requestAs(userId, path, c.op === "write" ? { form: c.form!(w) } : {});
  const fn = (c.op === "write" ? c.route.action : c.route.loader) as never;
  return call(fn, request, params);
}

describe.each(ROLES)("the access matrix for a %s", (role) => {
  it("reads and writes each record type only as the role allows, and a refusal writes nothing", async () => {
    const w = world();
    const proposalId = proposalOf(w);
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const c of CASES) {
      const before = counts();
      const res = await run(role, w, c, proposalId);
      const after = counts();
      const allowed = c.allowed.includes(role);
      const refusal = role === "manager of another project" ? 404 : 403;
      expected.push(`${c.record} ${c.op}: ${allowed ? (c.op === "read" ? 200 : 302) : refusal}${allowed && c.op === "write" ? " wrote" : ""}`);
      const wrote = JSON.stringify(before) !== JSON.stringify(after);
      outcomes.push(`${c.record} ${c.op}: ${res.status}${wrote ? " wrote" : ""}`);
    }
    expect(outcomes).toEqual(expected);
  });
});

describe("a manager of another project in the programme", () => {
  it("cannot link his action with this project's items in either direction: 404, nothing written", async () => {
    const w = world();
    const partner = w.users["manager of another project"].user.id;
    const on = `/projects/partnership/actions/${w.partnerAction.id}`;
    const params = { slug: "partnership", actionId: String(w.partnerAction.id) };
    const before = counts();
    for (const form of [
      { intent: "addDependency", direction: "predecessor", item: `a:${w.action.id}` },
      { intent: "addDependency", direction: "successor", item: `m:${w.milestone.id}` },
      { intent: "addDependency", direction: "successor", item: "a:99999" },
    ]) {
      const res = await call(actionPage.action as never, await requestAs(partner, on, { form }), params);
      expect(res.status, form.item).toBe(404);
    }
    expect(counts()).toEqual(before);
    const refusals = getDb().all<{ n: number }>(sql`select count(*) as n from audit_events where event = 'access.refused'`)[0]!.n;
    expect(refusals).toBe(3);
  });

  it("cannot remove a link between his action and another project's item, though he sees it as 'an item in another project'", async () => {
    const w = world();
    const dep = write((tx) => f.addDependency(tx, { actionId: w.action.id }, { actionId: w.partnerAction.id }));
    const partner = w.users["manager of another project"].user.id;
    const on = `/projects/partnership/actions/${w.partnerAction.id}`;
    const params = { slug: "partnership", actionId: String(w.partnerAction.id) };
    const res = await call(actionPage.action as never, await requestAs(partner, on, { form: { intent: "removeDependency", dependencyId: String(dep.id) } }), params);
    expect(res.status).toBe(403);
    expect(getDb().select().from(s.dependencies).all()).toHaveLength(2);
    // The programme's manager manages both ends, and may.
    const manager = w.users["programme manager"].user.id;
    const ok = await call(actionPage.action as never, await requestAs(manager, on, { form: { intent: "removeDependency", dependencyId: String(dep.id) } }), params);
    expect(ok.status).toBe(302);
    expect(getDb().select().from(s.dependencies).all()).toHaveLength(1);
  });
});
