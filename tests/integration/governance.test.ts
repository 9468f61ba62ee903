import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import * as s from "#db/schema";
import { main } from "~/cli/main";
import { getDb, write } from "~/db.server";
import { systemActor } from "~/modules/audit/actor";
import { evaluateRule } from "~/modules/approval/decision-rule";
import { addBoardMember, boardHistory, createBoard, getBoard, listBoards, removeBoardMember, updateBoard } from "~/modules/board/service.server";
import { sendToBoard } from "~/modules/approval/service.server";
import { exportProject } from "~/modules/portability/export.server";
import { createProposal } from "~/modules/proposal/service.server";
import { ImportRefusedError, importProject } from "~/modules/portability/import.server";
import { createRecommendation, listRecommendations, recommendationPage, updateRecommendation } from "~/modules/recommendation/service.server";
import { addTeamMember, createTeam, getTeam, listTeams, teamsAvailableTo } from "~/modules/team/service.server";
import { action as newBoardAction } from "~/routes/projects.$slug.boards.new";
import * as projectBoard from "~/routes/projects.$slug.boards.$boardId";
import * as programmeBoards from "~/routes/programmes.$slug.boards._index";
import * as programmeNewBoard from "~/routes/programmes.$slug.boards.new";
import * as programmeBoard from "~/routes/programmes.$slug.boards.$boardId";
import { loader as recommendationLoader } from "~/routes/projects.$slug.recommendations.$recommendationId._index";
import { UserInputError } from "~/utils/errors";
import { seedDemo } from "../../seeds/demo";
import * as f from "../../seeds/factories";
import { cliOutput, runCli } from "../support/cli";
import { call, requestAs } from "../utils";

const actor = systemActor("test");
const D = "2026-11-22";

function setup() {
  return write((tx) => {
    const programme = f.createProgramme(tx, { slug: "prog", name: "Programme" });
    const a = f.createProject(tx, { slug: "alpha", name: "Alpha", programmeId: programme.id });
    const b = f.createProject(tx, { slug: "beta", name: "Beta" });
    const ann = f.createPerson(tx, { name: "Ann Chair", email: "ann@example.org", initials: "AC" });
    const bob = f.createPerson(tx, { name: "Bob Member", email: "bob@example.org", initials: "BM" });
    const cat = f.createPerson(tx, { name: "Cat Member", email: "cat@example.org", initials: "CM" });
    const manager = f.createUser(tx, { name: "Mo Manager", email: "mo@example.org" }).user;
    const reader = f.createUser(tx, { name: "Rae Reader", email: "rae@example.org" }).user;
    f.addRole(tx, a.id, manager.personId, "manager");
    f.addRole(tx, a.id, reader.personId, "reader");
    return { programme, a, b, ann, bob, cat, manager, reader };
  });
}

describe("boards", () => {
  it("sets up a board with a quorum rule and a casting vote, audits each change and shows its history", () => {
    const t = setup();
    const scope = { projectId: t.a.id };
    const board = createBoard({ actor, scope, name: "Project Board", decisionRule: "quorum", quorum: 2, castingVote: true, chairPersonId: t.ann.id, memberIds: [t.ann.id, t.bob.id] });
    addBoardMember({ actor, scope, boardId: board.id, personId: t.cat.id });
    updateBoard({ actor, scope, boardId: board.id, name: "Project Board", decisionRule: "majority", quorum: null, castingVote: true, chairPersonId: t.ann.id });
    removeBoardMember({ actor, scope, boardId: board.id, personId: t.ann.id });

    const read = getBoard({ scope, boardId: board.id });
    expect(read.members.map((m) => m.name)).toEqual(["Bob Member", "Cat Member"]);
    expect(read).toMatchObject({ decisionRule: "majority", quorum: null, chairPersonId: null, castingVote: false });
    const history = boardHistory({ scope, boardId: board.id }).map((h) => h.text);
    expect(history).toEqual([
      "Board “Project Board” set up: Quorum of 2, chair has a casting vote; chair Ann Chair; members: Ann Chair, Bob Member.",
      "Cat Member joined the board.",
      "Rule changed from Quorum of 2 to Majority of members.",
      "Ann Chair left the board, and with them the chair and its casting vote.",
    ]);
    const events = getDb().select().from(s.auditEvents).where(and(eq(s.auditEvents.entityType, "board"), eq(s.auditEvents.entityId, String(board.id)))).all();
    expect(events.map((e) => e.event)).toEqual(["board.create", "board.add_member", "board.update", "board.remove_member"]);
  });

  it("refuses a chair who is not a member, and keeps another project's board out of reach", () => {
    const t = setup();
    expect(() => createBoard({ actor, scope: { projectId: t.a.id }, name: "X", decisionRule: "majority", quorum: null, castingVote: true, chairPersonId: t.cat.id, memberIds: [t.bob.id] })).toThrow(UserInputError);
    const other = createBoard({ actor, scope: { projectId: t.b.id }, name: "Beta Board", decisionRule: "unanimous", quorum: null, castingVote: false, chairPersonId: null, memberIds: [] });
    expect(() => getBoard({ scope: { projectId: t.a.id }, boardId: other.id })).toThrow(Response);
    expect(() => addBoardMember({ actor, scope: { projectId: t.a.id }, boardId: other.id, personId: t.bob.id })).toThrow(Response);
  });

  it("lets a project read its programme's board but not change it", () => {
    const t = setup();
    const board = createBoard({ actor, scope: { programmeId: t.programme.id }, name: "Programme Board", decisionRule: "majority", quorum: null, castingVote: false, chairPersonId: null, memberIds: [t.bob.id] });
    expect(listBoards({ scope: { projectId: t.a.id } })).toEqual([expect.objectContaining({ id: board.id, ownBoard: false })]);
    expect(listBoards({ scope: { projectId: t.b.id } })).toEqual([]);
    expect(() => addBoardMember({ actor, scope: { projectId: t.a.id }, boardId: board.id, personId: t.cat.id })).toThrow(UserInputError);
  });

  it("the new-board form: 400 with messages and input kept, 403 for a reader, redirect for the manager", async () => {
    const t = setup();
    const bad = await call(newBoardAction, await requestAs(t.manager.id, "/projects/alpha/boards/new", { form: { name: "Board", decisionRule: "quorum", quorum: "", castingVote: "no" } }), { slug: "alpha" });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.quorum).toBe("Enter how many votes make a quorum");
    expect(body.values.name).toBe("Board");
    const refused = await call(newBoardAction, await requestAs(t.reader.id, "/projects/alpha/boards/new", { form: { name: "Board", decisionRule: "majority", castingVote: "no" } }), { slug: "alpha" });
    expect(refused.status).toBe(403);
    const ok = await call(newBoardAction, await requestAs(t.manager.id, "/projects/alpha/boards/new", { form: { name: "Board", decisionRule: "quorum", quorum: "2", castingVote: "no", memberIds: [String(t.bob.id), String(t.cat.id)] } }), { slug: "alpha" });
    expect(ok.status).toBe(302);
    expect(listBoards({ scope: { projectId: t.a.id } })).toEqual([expect.objectContaining({ name: "Board", decisionRule: "quorum", quorum: 2, members: 2 })]);
  });
});

describe("a programme's boards in the browser", () => {
  it("the programme's managers set one up and change its members; a project's manager sees it read-only and cannot change it", async () => {
    const t = setup();
    const pm = write((tx) => {
      const u = f.createUser(tx, { name: "Pat Programme", email: "pat@example.org" }).user;
      f.addProgrammeRole(tx, t.programme.id, u.personId, "manager");
      return u;
    });
    const form = { name: "Programme Board", decisionRule: "quorum", quorum: "2", castingVote: "no", memberIds: [String(t.ann.id), String(t.bob.id)] };
    // The project's manager is not the programme's: 403, nothing made.
    expect((await call(programmeNewBoard.action, await requestAs(t.manager.id, "/programmes/prog/boards/new", { form }), { slug: "prog" })).status).toBe(403);
    const made = await call(programmeNewBoard.action, await requestAs(pm.id, "/programmes/prog/boards/new", { form }), { slug: "prog" });
    expect(made.status).toBe(302);
    const boardId = Number(made.headers.get("Location")!.match(/\/programmes\/prog\/boards\/(\d+)$/)![1]);

    const list = await (await call(programmeBoards.loader, await requestAs(pm.id, "/programmes/prog/boards"), { slug: "prog" })).json();
    expect(list.boards).toEqual([expect.objectContaining({ id: boardId, name: "Programme Board", quorum: 2, members: 2, ownBoard: true })]);
    const added = await call(programmeBoard.action, await requestAs(pm.id, `/programmes/prog/boards/${boardId}`, { form: { intent: "add-member", personId: String(t.cat.id) } }), { slug: "prog", boardId: String(boardId) });
    expect(added.status).toBe(302);
    expect(getBoard({ scope: { programmeId: t.programme.id }, boardId }).members.map((m) => m.name).sort()).toEqual(["Ann Chair", "Bob Member", "Cat Member"]);

    // From the project: listed as the programme's, shown without the forms, and refused on a post.
    const seen = await (await call(projectBoard.loader, await requestAs(t.manager.id, `/projects/alpha/boards/${boardId}`), { slug: "alpha", boardId: String(boardId) })).json();
    expect(seen).toMatchObject({ canChange: false, board: { ownBoard: false } });
    const refused = await call(projectBoard.action, await requestAs(t.manager.id, `/projects/alpha/boards/${boardId}`, { form: { intent: "remove-member", personId: String(t.cat.id) } }), { slug: "alpha", boardId: String(boardId) });
    // Refused as forbidden (they may read it, not change it), and the refusal is on the record.
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("its programme managers change it");
    expect(getBoard({ scope: { programmeId: t.programme.id }, boardId }).members).toHaveLength(3);
    const refusal = getDb()
      .select()
      .from(s.auditEvents)
      .where(eq(s.auditEvents.event, "access.refused"))
      .all()
      .at(-1);
    expect(refusal).toMatchObject({ entityId: `/projects/alpha/boards/${boardId}` });
    expect(JSON.parse(refusal!.meta ?? "{}")).toMatchObject({ what: `change board ${boardId}`, status: 403 });
  });
});

describe("casting vote", () => {
  it("settles a tie once every member has voted, by the chair's vote", () => {
    const rule = { kind: "majority" as const, members: 4 };
    expect(evaluateRule({ ...rule, castingVote: "approve" }, ["approve", "approve", "reject", "reject"]).status).toBe("approved");
    expect(evaluateRule({ ...rule, castingVote: "reject" }, ["approve", "approve", "reject", "reject"]).status).toBe("rejected");
    expect(evaluateRule({ ...rule, castingVote: undefined }, ["approve", "approve", "reject", "reject"]).status).toBe("deferred");
    expect(evaluateRule({ ...rule, castingVote: "approve" }, ["approve", "approve", "reject", null]).status).toBe("open");
    expect(evaluateRule({ kind: "quorum", quorum: 4, members: 4, castingVote: "approve" }, ["approve", "approve", "reject", "reject"]).status).toBe("approved");
  });
});

describe("teams", () => {
  it("creates a team with members, refuses a duplicate name, and offers only teams the project may use", () => {
    const t = setup();
    const team = createTeam({ actor, scope: { projectId: t.a.id }, name: "CSIP project team", memberIds: [t.bob.id] });
    addTeamMember({ actor, scope: { projectId: t.a.id }, teamId: team.id, personId: t.cat.id });
    expect(getTeam({ scope: { projectId: t.a.id }, teamId: team.id }).members.map((m) => m.name)).toEqual(["Bob Member", "Cat Member"]);
    expect(() => createTeam({ actor, scope: { projectId: t.b.id }, name: "csip PROJECT team", memberIds: [] })).toThrow(UserInputError);
    const betaTeam = createTeam({ actor, scope: { projectId: t.b.id }, name: "Beta team", memberIds: [] });
    expect(teamsAvailableTo({ projectId: t.a.id }).map((x) => x.name)).toEqual(["CSIP project team"]);
    expect(listTeams({ scope: { projectId: t.b.id } }).map((x) => x.id)).toEqual([betaTeam.id]);
    expect(() => getTeam({ scope: { projectId: t.a.id }, teamId: betaTeam.id })).toThrow(Response);
    const events = getDb().select().from(s.auditEvents).where(eq(s.auditEvents.entityType, "team")).all();
    expect(events.map((e) => e.event)).toEqual(["team.create", "team.add_member", "team.create"]);
  });
});

describe("recommendations", () => {
  it("lists the actions answering one with their flags and progress, scoped to the project", async () => {
    const t = setup();
    const r2 = createRecommendation({ actor, projectId: t.a.id, ref: "R2", title: "Improve processing times", body: "Text", source: "Audit Commission inspection 2008" });
    expect(() => createRecommendation({ actor, projectId: t.a.id, ref: "R2", title: "Again", body: "", source: "" })).toThrow(UserInputError);
    write((tx) => {
      const owner = f.createPerson(tx, { name: "Olly Owner" });
      const done = f.createAction(tx, t.a.id, { ref: "1", status: "done", completedDate: D, ownerPersonIds: [owner.id] });
      const late = f.createAction(tx, t.a.id, { ref: "2", dueDate: "2026-11-01", ownerPersonIds: [owner.id] });
      f.createAction(tx, t.a.id, { ref: "3", status: "cancelled", ownerPersonIds: [owner.id] });
      for (const a of [done, late]) tx.insert(s.actionRecommendations).values({ actionId: a.id, recommendationId: r2.id }).run();
    });
    const page = recommendationPage({ projectId: t.a.id, recommendationId: r2.id, asOf: D });
    expect(page.progress).toMatchObject({ done: 1, total: 2, text: "1 of 2 actions done" });
    expect(page.actions.map((a) => [a.ref, a.flags.map((x) => x.tag)])).toEqual([
      ["1", []],
      ["2", ["Overdue 21 days"]],
    ]);
    expect(listRecommendations({ projectId: t.a.id })[0]).toMatchObject({ ref: "R2", progress: { done: 1, total: 2 } });
    updateRecommendation({ actor, projectId: t.a.id, recommendationId: r2.id, ref: "R2", title: "Improve times", body: "Text", source: "Audit Commission inspection 2008" });
    expect(() => recommendationPage({ projectId: t.b.id, recommendationId: r2.id, asOf: D })).toThrow(Response);

    const asReader = await call(recommendationLoader, await requestAs(t.reader.id, `/projects/alpha/recommendations/${r2.id}`), { slug: "alpha", recommendationId: String(r2.id) });
    expect(asReader.status).toBe(200);
    const outsider = write((tx) => f.createUser(tx, { name: "Out Sider", email: "out@example.org" }).user);
    const hidden = await call(recommendationLoader, await requestAs(outsider.id, `/projects/alpha/recommendations/${r2.id}`), { slug: "alpha", recommendationId: String(r2.id) });
    expect(hidden.status).toBe(404);
  });
});

describe("the governance CLI, in process", () => {
  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  it("sets up a board, a team and recommendations, and lists them", async () => {
    const t = setup();
    let r = await run("board", "create", "--project", "alpha", "--name", "Project Board", "--rule", "quorum", "--quorum", "2", "--casting-vote", "--chair", "ann@example.org", "--member", "bob@example.org");
    expect(r).toMatchObject({ code: 0, out: expect.stringMatching(/^Set up board \d+ "Project Board" \(Quorum of 2, chair has a casting vote\) with 2 members\.$/) });
    const boardId = listBoards({ scope: { projectId: t.a.id } })[0]!.id;
    r = await run("board", "add-member", "--project", "alpha", "--board", String(boardId), "--email", "cat@example.org");
    expect(r.code).toBe(0);
    r = await run("board", "list", "--project", "alpha");
    expect(r.out).toContain("Project Board  Quorum of 2, chair has a casting vote, 3 members");

    r = await run("team", "create", "--project", "alpha", "--name", "CSIP team", "--member", "bob@example.org");
    expect(r.code).toBe(0);
    r = await run("team", "list", "--project", "alpha");
    expect(r.out).toContain("CSIP team  1 members");

    for (const ref of ["R1", "R2", "R3"]) expect((await run("recommendation", "add", "--project", "alpha", "--ref", ref, "--title", `Title ${ref}`, "--source", "Audit Commission inspection 2008")).code).toBe(0);
    r = await run("recommendation", "list", "--project", "alpha");
    expect(r.out.split("\n")).toEqual([
      "R1      Title R1  (No actions answer it yet)  [Audit Commission inspection 2008]",
      "R2      Title R2  (No actions answer it yet)  [Audit Commission inspection 2008]",
      "R3      Title R3  (No actions answer it yet)  [Audit Commission inspection 2008]",
      "3 recommendations.",
    ]);
  });

  it("refuses bad input with a message naming the option, and exit code 1", async () => {
    setup();
    let r = await run("board", "create", "--project", "alpha", "--name", "B", "--rule", "quorum");
    expect(r).toMatchObject({ code: 1, err: "--quorum: Enter how many votes make a quorum" });
    r = await run("board", "create", "--project", "nope", "--name", "B", "--rule", "majority");
    expect(r).toMatchObject({ code: 1, err: 'No project has the short name "nope".' });
    r = await run("team", "create", "--project", "alpha", "--name", "T", "--member", "nobody@example.org");
    expect(r).toMatchObject({ code: 1, err: "Nobody has the email nobody@example.org." });
    await run("recommendation", "add", "--project", "alpha", "--ref", "R1", "--title", "One");
    r = await run("recommendation", "add", "--project", "alpha", "--ref", "R1", "--title", "Again");
    expect(r).toMatchObject({ code: 1, err: "This project already has a recommendation R1" });
  });
});

describe("governance set up from the CLI, exported and imported", () => {
  it("a quorum board, a team, R1-R3, an action answering R2 and a proposal sent to the board survive `waymark export` and `waymark import` into an empty database", async () => {
    const t = setup();
    const ok = async (...argv: string[]) => expect((await runCli(argv)).code, argv.join(" ")).toBe(0);
    await ok("board", "create", "--project", "alpha", "--name", "Alpha Board", "--rule", "quorum", "--quorum", "2", "--casting-vote", "--chair", "ann@example.org", "--member", "bob@example.org");
    await ok("team", "create", "--project", "alpha", "--name", "CSIP team", "--member", "bob@example.org", "--member", "cat@example.org");
    for (const ref of ["R1", "R2", "R3"]) await ok("recommendation", "add", "--project", "alpha", "--ref", ref, "--title", `Title ${ref}`, "--source", "Audit Commission inspection 2008");
    const r2 = listRecommendations({ projectId: t.a.id }).find((r) => r.ref === "R2")!;
    const team = listTeams({ scope: { projectId: t.a.id } }).find((x) => x.name === "CSIP team")!;
    write((tx) => {
      f.createAction(tx, t.a.id, { ref: "4.2", title: "Answer R2", dueDate: "2027-01-08", recommendationIds: [r2.id], ownerTeamIds: [team.id] });
      f.createAction(tx, t.a.id, { ref: "4.3", title: "Also answers R2", status: "done", recommendationIds: [r2.id] });
    });
    const board = listBoards({ scope: { projectId: t.a.id } })[0]!;
    const proposal = createProposal({ actor, projectId: t.a.id, title: "Adopt the new claim form", workPackageId: null, body: "Adopt it.", optionsConsidered: "", recommendation: "Approve" });
    await sendToBoard({ actor, projectId: t.a.id, proposalId: proposal.id, boardId: board.id, deadline: "2099-01-31" });
    const lists = async (env: Record<string, string> = {}) =>
      Promise.all(["board", "team", "recommendation"].map(async (what) => (await cliOutput([what, "list", "--project", "alpha"], env)).trim()));
    const before = await lists();
    expect(before[0]).toContain("Alpha Board  Quorum of 2, chair has a casting vote, 2 members");
    expect(before[2]).toContain("R2      Title R2");

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "waymark-governance-")), "alpha.json");
    fs.writeFileSync(file, await cliOutput(["export", "--project", "alpha"]));
    const target = path.join(path.dirname(file), "empty.db");
    fs.copyFileSync(path.resolve("tests/.cache/template.db"), target);
    expect((await runCli(["import", file], { DATABASE_PATH: target })).code).toBe(0);
    expect(await lists({ DATABASE_PATH: target })).toEqual(before);
    // The proposal's request still names the board, with its rule as it was when sent.
    const copy = JSON.parse(await cliOutput(["export", "--project", "alpha"], { DATABASE_PATH: target }));
    const request = copy.proposals.find((p: { title: string }) => p.title === "Adopt the new claim form").requests[0];
    expect(request).toMatchObject({ board: "Alpha Board", deadline: "2099-01-31" });
    expect(copy.actions.filter((a: { recommendations?: string[] }) => a.recommendations?.includes("R2")).map((a: { ref: string }) => a.ref).sort()).toEqual(["4.2", "4.3"]);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});

describe("export and import of boards, proposals, ballots and decisions", () => {
  it("round-trips the demo's proposals with their ballots and decisions", () => {
    write((tx) => seedDemo(tx, { today: D }));
    const first = exportProject({ slug: "home-working-pilot" });
    expect(first.proposals.length).toBeGreaterThan(0);
    expect(first.proposals.flatMap((p) => p.requests.flatMap((r) => r.ballots)).length).toBeGreaterThan(0);
    expect(first.proposals.flatMap((p) => p.decisions).length).toBeGreaterThan(0);
    expect(first.boards.length).toBeGreaterThan(0);

    const copy = { ...first, project: { ...first.project, slug: "pilot-copy" } };
    const summary = importProject({ actor, value: JSON.parse(JSON.stringify(copy)) });
    expect(summary.counts).toMatchObject({ proposals: first.proposals.length, boards: first.boards.length });
    const second = exportProject({ slug: "pilot-copy" });
    const strip = (doc: typeof first) => ({ ...doc, exportedAt: undefined, project: { ...doc.project, slug: "x" } });
    expect(strip(second)).toEqual(strip(first));
    // Imported ballot links do not work here: no token was carried.
    const hashes = getDb().select({ h: s.ballots.tokenHash }).from(s.ballots).all().map((b) => b.h);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("refuses a request to a board the file does not define, naming the path", () => {
    write((tx) => seedDemo(tx, { today: D }));
    const doc = exportProject({ slug: "home-working-pilot" });
    const withRequest = doc.proposals.findIndex((p) => p.requests.length > 0);
    const bad = JSON.parse(JSON.stringify({ ...doc, project: { ...doc.project, slug: "bad-copy" } }));
    bad.proposals[withRequest].requests[0].board = "No such board";
    try {
      importProject({ actor, value: bad });
      throw new Error("imported");
    } catch (error) {
      expect(error).toBeInstanceOf(ImportRefusedError);
      expect((error as ImportRefusedError).errors).toContain(`proposals[${withRequest}].requests[0].board: no board "No such board" in boards`);
    }
  });
});
