/// <reference types="vite/client" />
// The project boundary, swept over every page. A partner manages one project of a programme; every
// record of the programme's other project is named with the word "Zebra", and is linked with his
// project's items (dependencies both ways, an action and a work package in it that he owns or
// leads, a board and a team he sits on). Every route module's loader is called as him, with his
// own ids and with the other project's ids guessed under his own project's address: no answer may
// name a Zebra record (pages, JSON, CSV, XLSX, SVG, ICS, Word), guessed ids answer 404 and no
// answer is a 500. So a page added later that forgets the boundary fails here without a new test.
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import * as s from "#db/schema";
import { getDb, write } from "~/db.server";
import { addDays, todayInLondon } from "~/modules/action/rules";
import { systemActor } from "~/modules/audit/actor";
import { systemViewer } from "~/modules/auth/access.server";
import { createBenefit } from "~/modules/benefit/service.server";
import { createFeedToken } from "~/modules/calendar/feeds.server";
import { createProposal } from "~/modules/proposal/service.server";
import { createReportLink } from "~/modules/report/links.server";
import { createReport, publishReport } from "~/modules/report/service.server";
import { createRisk } from "~/modules/risk/service.server";
import { main } from "~/cli/main";
import { DOCUMENTED_PATHS } from "~/modules/api/openapi";
import { createToken } from "~/modules/api/tokens.server";
import { renderDigestEmail } from "~/modules/digest/email";
import { runDigest } from "~/modules/digest/service.server";
import * as api from "~/routes/api.v1.$";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";

type RouteModule = { loader?: unknown; action?: unknown };
const ROUTES = import.meta.glob<RouteModule>("/app/routes/*.{ts,tsx}", { eager: true });
const today = todayInLondon();
const actor = systemActor("test");
const SECRET = /zebra/i;

const riskInput = (ref: string, title: string, ownerPersonId: number | null) => ({
  ref, title, category: "", kind: "threat" as const, cause: "", event: "", effect: "", ownerPersonId, actioneePersonId: null,
  inherentLikelihood: 3, inherentImpact: 3, residualLikelihood: null, residualImpact: null, proximityDate: null, proximityText: "",
  response: "reduce" as const, strategy: "", actionsOutstanding: "", nextReviewDate: addDays(today, -5),
});

/** Two projects of one programme; the partner manages "partnership" and has no role in the Zebra project. */
function world() {
  const made = write((tx) => {
    const programme = f.createProgramme(tx, { slug: "prog", name: "Revenues programme" });
    const zebra = f.createProject(tx, { programmeId: programme.id, slug: "zebra-pilot", name: "Zebra pilot" });
    const ours = f.createProject(tx, { programmeId: programme.id, slug: "partnership", name: "Partnership" });
    const partner = f.createUser(tx, { name: "Pat Partner" });
    const zebraManager = f.createUser(tx, { name: "Kim Keeper" });
    f.addRole(tx, ours.id, partner.person.id, "manager");
    f.addRole(tx, zebra.id, zebraManager.person.id, "manager");
    // Ours.
    const wp = f.createWorkPackage(tx, ours.id, { ref: "WP1", name: "Shared service" });
    const stage = f.createStage(tx, wp.id, { name: "Design" });
    const ownMilestone = f.createMilestone(tx, ours.id, { name: "Go live", targetDate: addDays(today, 20) });
    const waits = f.createAction(tx, ours.id, { ref: "1.1", title: "Agree the shared desk", workPackageId: wp.id, dueDate: addDays(today, 5), plannedStart: addDays(today, -1), ownerPersonIds: [partner.person.id] });
    const feeds = f.createAction(tx, ours.id, { ref: "1.2", title: "Train the desk staff", workPackageId: wp.id, dueDate: addDays(today, -2), ownerPersonIds: [partner.person.id] });
    f.addProgressNote(tx, waits.id, { noteDate: addDays(today, -3), body: "Under way" });
    const ownRec = f.createRecommendation(tx, ours.id, { ref: "R1", title: "Share the desk" });
    const ownTeam = f.createTeam(tx, { name: "Desk team", projectId: ours.id }, [partner.person.id]);
    const ownBoard = f.createBoard(tx, { projectId: ours.id, name: "Partnership board" }, [partner.person.id]);
    // Zebra's, tied to ours and to the partner every way a careless query could follow.
    const zWp = f.createWorkPackage(tx, zebra.id, { ref: "ZEBRA-WP", name: "Zebra work package", leadPersonId: partner.person.id });
    const zStage = f.createStage(tx, zWp.id, { name: "Zebra stage" });
    const zTeam = f.createTeam(tx, { name: "Zebra team", projectId: zebra.id }, [partner.person.id]);
    const zOverdue = f.createAction(tx, zebra.id, { ref: "ZEBRA1", title: "Zebra overdue action", workPackageId: zWp.id, dueDate: addDays(today, -12), ownerPersonIds: [partner.person.id], ownerTeamIds: [zTeam.id] });
    const zLater = f.createAction(tx, zebra.id, { ref: "ZEBRA2", title: "Zebra later action", dueDate: addDays(today, 3), deadlineText: "Zebra deadline" });
    f.addProgressNote(tx, zOverdue.id, { noteDate: addDays(today, -1), body: "Zebra note" });
    const zMilestone = f.createMilestone(tx, zebra.id, { name: "Zebra milestone", targetDate: addDays(today, 1) });
    const zRec = f.createRecommendation(tx, zebra.id, { ref: "ZEBRA-R", title: "Zebra recommendation" });
    const zBoard = f.createBoard(tx, { projectId: zebra.id, name: "Zebra board" }, [partner.person.id]);
    f.addDependency(tx, { actionId: zOverdue.id }, { actionId: waits.id });
    f.addDependency(tx, { actionId: feeds.id }, { milestoneId: zMilestone.id });
    f.addDependency(tx, { actionId: zLater.id }, { milestoneId: ownMilestone.id });
    return { programme, zebra, ours, partner, zebraManager, wp, stage, ownMilestone, waits, feeds, ownRec, ownTeam, ownBoard, zWp, zStage, zTeam, zOverdue, zLater, zMilestone, zRec, zBoard };
  });
  const risk = createRisk({ actor, scope: { projectId: made.ours.id }, today, input: riskInput("R1", "Desk staff leave", made.partner.person.id) });
  const zRisk = createRisk({ actor, scope: { projectId: made.zebra.id }, today, input: riskInput("ZEBRA-R1", "Zebra risk", made.partner.person.id) });
  const benefitInput = (name: string) => ({ name, description: "", unit: "percent" as const, direction: "higher" as const, frequency: "quarterly" as const, ownerPersonId: made.partner.person.id, source: "", tolerance: 0, series: [] });
  const benefit = createBenefit({ actor, projectId: made.ours.id, input: benefitInput("Calls answered") });
  const zBenefit = createBenefit({ actor, projectId: made.zebra.id, input: benefitInput("Zebra benefit") });
  const proposal = createProposal({ actor, projectId: made.ours.id, title: "Share the desk", workPackageId: null, body: "", optionsConsidered: "", recommendation: "Share it" });
  const zProposal = createProposal({ actor, projectId: made.zebra.id, title: "Zebra proposal", workPackageId: null, body: "Zebra body", optionsConsidered: "", recommendation: "Zebra" });
  const period = { from: addDays(today, -30), to: today };
  const report = createReport({ actor, scope: { projectId: made.ours.id }, kind: "highlight", title: "Partnership highlight", period });
  publishReport({ actor, scope: { projectId: made.ours.id }, reportId: report.id, viewer: systemViewer(), asOf: today });
  const zReport = createReport({ actor, scope: { projectId: made.zebra.id }, kind: "highlight", title: "Zebra highlight", period });
  publishReport({ actor, scope: { projectId: made.zebra.id }, reportId: zReport.id, viewer: systemViewer(), asOf: today });
  const zLink = createReportLink({ actor, scope: { projectId: made.zebra.id }, reportId: zReport.id });
  const programmeReport = createReport({ actor, scope: { programmeId: made.programme.id }, kind: "programme", title: "Programme report", period });
  publishReport({ actor, scope: { programmeId: made.programme.id }, reportId: programmeReport.id, viewer: systemViewer(), asOf: today });
  const partnerUser = { id: made.partner.user.id, personId: made.partner.person.id, email: made.partner.user.email, name: made.partner.person.name, initials: made.partner.person.initials, isAdmin: false };
  const feed = createFeedToken({ actor, user: partnerUser, target: { kind: "personal" }, name: "Outlook" });
  const projectFeed = createFeedToken({ actor, user: partnerUser, target: { kind: "project", projectId: made.ours.id }, name: "Project" });
  return { ...made, risk, zRisk, benefit, zBenefit, proposal, zProposal, report, zReport, zLink, programmeReport, feed, projectFeed };
}
type World = ReturnType<typeof world>;

/** The URL path and params of a route file name, filled with the partner's ids ("own") or the Zebra project's ("guessed"). */
function place(file: string, w: World, ids: "own" | "guessed") {
  const name = file.replace(/^.*\//, "").replace(/\.tsx?$/, "");
  const own = ids === "own";
  const values: Record<string, string> = {
    slug: name.startsWith("programmes.") ? w.programme.slug : w.ours.slug,
    actionId: String(own ? w.waits.id : w.zOverdue.id),
    milestoneId: String(own ? w.ownMilestone.id : w.zMilestone.id),
    wpId: String(own ? w.wp.id : w.zWp.id),
    stageId: String(own ? w.stage.id : w.zStage.id),
    riskId: String(own ? w.risk.id : w.zRisk.id),
    proposalId: String(own ? w.proposal.id : w.zProposal.id),
    benefitId: String(own ? w.benefit.id : w.zBenefit.id),
    reportId: String(name.startsWith("programmes.") ? w.programmeReport.id : own ? w.report.id : w.zReport.id),
    boardId: String(own ? w.ownBoard.id : w.zBoard.id),
    teamId: String(own ? w.ownTeam.id : w.zTeam.id),
    recommendationId: String(own ? w.ownRec.id : w.zRec.id),
    id: "1",
    token: name.startsWith("feeds.") ? `${own ? w.feed.token : w.projectFeed.token}.ics` : "x".repeat(43),
  };
  const params: Record<string, string> = {};
  const segments = name
    .split(/\.(?![^[]*\])/)
    .filter((seg) => seg !== "_index")
    .map((seg) => {
      const bare = seg.replace(/_$/, "").replace(/\[\.\]/g, ".");
      if (bare === "$") {
        params["*"] = "no-such-page";
        return "no-such-page";
      }
      return bare.replace(/\$(\w+)/g, (_m, key: string) => (params[key] = values[key] ?? "1"));
    });
  // "q" is the dependency search's query ("ebra", in every Zebra title; harmless elsewhere): it must find nothing of the other project.
  return { path: `${`/${segments.join("/")}`.replace(/^\/_index$/, "/")}?q=ebra`, params };
}

/** Everything a response says, as text: HTML, JSON, CSV, SVG and ICS as they are; XLSX cells and Word text unpacked. */
async function textOf(res: Response) {
  const type = res.headers.get("Content-Type") ?? "";
  const bytes = Buffer.from(await res.arrayBuffer());
  const disposition = res.headers.get("Content-Disposition") ?? "";
  if (type.includes("spreadsheetml")) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    return `${disposition}\n${cells.join("\n")}`;
  }
  if (type.includes("wordprocessingml")) {
    const zip = await JSZip.loadAsync(bytes);
    return `${disposition}\n${await zip.file("word/document.xml")!.async("string")}`;
  }
  if (type.startsWith("image/png") || type.startsWith("application/pdf")) return disposition;
  return `${disposition}\n${res.headers.get("Location") ?? ""}\n${bytes.toString("utf8")}`;
}

async function sweep(w: World, ids: "own" | "guessed") {
  const found: Array<{ route: string; status: number; leak: string | null }> = [];
  for (const [file, mod] of Object.entries(ROUTES)) {
    if (typeof mod.loader !== "function") continue;
    // Public links (ballots, published reports) carry their own credential; the API has its own sweep below.
    if (/\/(ballot|published|api)\./.test(file)) continue;
    const { path, params } = place(file, w, ids);
    const res = await call(mod.loader as never, await requestAs(w.partner.user.id, path), params);
    const text = await textOf(res);
    const at = text.search(SECRET);
    found.push({ route: file.replace("/app/routes/", ""), status: res.status, leak: at >= 0 ? text.slice(Math.max(0, at - 120), at + 60) : null });
  }
  return found;
}

/** Every row of every table but the audit trail, sessions and throttling counters. */
function counts() {
  const db = getDb();
  const tables = db
    .all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name not in ('audit_events', 'sessions', 'sign_in_attempts', 'rate_limits')`)
    .map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, JSON.stringify(db.all(sql.raw(`select * from "${t}"`)))]));
}

describe("the project boundary on every page", () => {
  it("no page, export, picture or feed of the partner's project names an item of a project he cannot see", async () => {
    const w = world();
    const results = await sweep(w, "own");
    expect(results.length).toBeGreaterThan(80);
    expect(results.filter((r) => r.leak).map((r) => `${r.route}: …${r.leak}…`)).toEqual([]);
    expect(results.filter((r) => r.status >= 500).map((r) => r.route)).toEqual([]);
    // The sweep reached the pages (not just refusals): the partner's own pages answer 200.
    const reached = results.filter((r) => r.status === 200).map((r) => r.route);
    for (const route of ["projects.$slug.actions.$actionId._index.tsx", "projects.$slug.timeline[.]svg.tsx", "projects.$slug.actions[.]xlsx.tsx", "programmes.$slug.timeline.tsx", "programmes.$slug.flagged.tsx", "programmes.$slug.dependencies.tsx", "my-actions.tsx", "feeds.$token.ts", "projects.$slug.reports.$reportId[.]docx.tsx", "_index.tsx"]) {
      expect(reached, route).toContain(route);
    }
  });

  it("another project's ids guessed under his own project's address answer 404, naming nothing, writing nothing", async () => {
    const w = world();
    const before = counts();
    const results = await sweep(w, "guessed");
    expect(results.filter((r) => r.leak).map((r) => `${r.route}: …${r.leak}…`)).toEqual([]);
    expect(counts()).toEqual(before);
    // Each route that takes a record id of a project answers 404 for the other project's record.
    const byId = results.filter((r) => /^projects\.\$slug\..*\$(action|milestone|wp|stage|risk|proposal|benefit|report|board|team|recommendation)Id/.test(r.route));
    expect(byId.length).toBeGreaterThan(25);
    expect(byId.filter((r) => r.status !== 404).map((r) => `${r.route}: ${r.status}`)).toEqual([]);
  });

  it("the other project's own address answers 404 on every project page", async () => {
    const w = world();
    const results: string[] = [];
    for (const [file, mod] of Object.entries(ROUTES)) {
      if (typeof mod.loader !== "function" || !file.includes("/projects.$slug")) continue;
      const { path, params } = place(file, w, "guessed");
      const res = await call(mod.loader as never, await requestAs(w.partner.user.id, path.replace(`/projects/${w.ours.slug}`, `/projects/${w.zebra.slug}`)), { ...params, slug: w.zebra.slug });
      if (res.status !== 404 || SECRET.test(await textOf(res))) results.push(`${file}: ${res.status}`);
    }
    expect(results).toEqual([]);
  });

  it("nor does the API with his token, his morning digest, or `waymark flags --as` him", async () => {
    const w = world();
    const by = { userId: w.partner.user.id, personId: w.partner.person.id, label: "Pat Partner" };
    const { token } = createToken({ actor: by, userId: w.partner.user.id, name: "Power BI", expiresOn: addDays(today, 30), today });
    const get = (path: string) => call(api.loader as never, new Request(`http://localhost:3999/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } }), { "*": path.slice(1) });
    for (const p of DOCUMENTED_PATHS) {
      const own = await get(p.path.replace("{slug}", w.ours.slug));
      expect(own.status, p.path).toBe(200);
      expect(await own.text(), p.path).not.toMatch(SECRET);
      if (p.path.includes("{slug}")) expect((await get(p.path.replace("{slug}", w.zebra.slug))).status, p.path).toBe(404);
    }
    // He owns an overdue action of the Zebra project (named as an owner, without a role there): the digest leaves it out.
    const digest = await runDigest({ asOf: today, dryRun: true });
    const his = digest.recipients.find((r) => r.personId === w.partner.person.id)!;
    const mail = renderDigestEmail({ name: his.name, asOf: today, items: his.items, appUrl: "http://localhost" });
    expect(his.items.length).toBeGreaterThan(0);
    expect(mail.text + mail.html).not.toMatch(SECRET);
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await main(["flags", "--as-of", today, "--as", w.partner.user.email], io)).toBe(0);
    expect(lines.join("\n")).toContain("1.1");
    expect(lines.join("\n")).not.toMatch(SECRET);
  });
});

/** The route module of a file name, e.g. "projects.$slug.risks.$riskId". */
const route = (name: string) => {
  const mod = Object.entries(ROUTES).find(([file]) => file === `/app/routes/${name}.tsx` || file === `/app/routes/${name}.ts`)?.[1];
  if (!mod) throw new Error(`no route ${name}`);
  return mod;
};
const refusals = () => getDb().all<{ n: number }>(sql`select count(*) as n from audit_events where event = 'access.refused'`)[0]!.n;

describe("writes across the boundary", () => {
  it("a reader posting to every project action answers 403 or 404, writes nothing and each refusal is audited", async () => {
    const w = world();
    const reader = write((tx) => {
      const r = f.createUser(tx, { name: "Rae Reader" });
      f.addRole(tx, w.ours.id, r.person.id, "reader");
      return r;
    });
    const outcomes: string[] = [];
    let posts = 0;
    for (const [file, mod] of Object.entries(ROUTES)) {
      if (typeof mod.action !== "function" || !file.includes("/projects.$slug.")) continue;
      const { path, params } = place(file, w, "own");
      const source = await import("node:fs").then((fs) => fs.readFileSync(`.${file}`, "utf8"));
      // One post per intent the page's forms use (or one without), each with fields a real form would send.
      const intents = [...new Set([...source.matchAll(/intent[^"\n]{0,20}"([a-zA-Z-]+)"/g)].map((m) => m[1]!))].filter((i) => i !== "intent");
      for (const intent of intents.length ? intents : [""]) {
        posts += 1;
        const before = counts();
        const audited = refusals();
        const form = { intent, title: "Written by a reader", ref: "9.9", name: "Reader", body: "Reader", status: "done", version: "1", noteDate: today };
        const res = await call(mod.action as never, await requestAs(reader.user.id, path, { form }), params);
        const wrote = JSON.stringify(counts()) !== JSON.stringify(before);
        if (![403, 404].includes(res.status) || wrote || refusals() !== audited + 1) outcomes.push(`${file.replace("/app/routes/", "")} ${intent}: ${res.status}${wrote ? " wrote" : ""}, ${refusals() - audited} refusals audited`);
      }
    }
    expect(outcomes).toEqual([]);
    expect(posts).toBeGreaterThan(50);
  });

  it("ids of the other project's records sent in a form of his own project are refused, and nothing is written", async () => {
    const w = world();
    const zWrite = write((tx) => {
      const role = tx.select().from(s.projectRoles).where(sql`project_id = ${w.zebra.id}`).get()!;
      const series = tx.select().from(s.benefitSeries).where(sql`benefit_id = ${w.zBenefit.id}`).get()!;
      return { role, series };
    });
    const zLinkRow = getDb().select().from(s.reportLinks).get()!;
    const cases: Array<{ route: string; params: Record<string, string>; form: Record<string, string | string[]> }> = [
      { route: "projects.$slug.actions.new", params: {}, form: { ref: "7.1", title: "T", status: "not_started", workPackageId: String(w.zWp.id) } },
      { route: "projects.$slug.actions.new", params: {}, form: { ref: "7.2", title: "T", status: "not_started", stageId: String(w.zStage.id) } },
      { route: "projects.$slug.actions.new", params: {}, form: { ref: "7.3", title: "T", status: "not_started", recommendationIds: String(w.zRec.id) } },
      { route: "projects.$slug.actions.new", params: {}, form: { ref: "7.4", title: "T", status: "not_started", ownerTeamIds: String(w.zTeam.id) } },
      { route: "projects.$slug.risks.$riskId", params: { riskId: String(w.risk.id) }, form: { intent: "link", actionId: String(w.zOverdue.id) } },
      { route: "projects.$slug.proposals.$proposalId.send", params: { proposalId: String(w.proposal.id) }, form: { boardId: String(w.zBoard.id), deadline: addDays(today, 7) } },
      { route: "projects.$slug.proposals.$proposalId.implement", params: { proposalId: String(w.proposal.id) }, form: { workPackageId: String(w.zWp.id), titles: "Do it" } },
      { route: "projects.$slug.team._index", params: {}, form: { intent: "remove", roleId: String(zWrite.role.id) } },
      { route: "projects.$slug.reports.$reportId._index", params: { reportId: String(w.report.id) }, form: { intent: "link-revoke", linkId: String(zLinkRow.id) } },
      { route: "projects.$slug.benefits.$benefitId", params: { benefitId: String(w.benefit.id) }, form: { intent: "actual", seriesId: String(zWrite.series.id), measuredOn: today, value: "5" } },
      { route: "projects.$slug.benefits.$benefitId", params: { benefitId: String(w.benefit.id) }, form: { intent: "target", targetSeriesId: String(zWrite.series.id), period: "2026/27", targetValue: "5" } },
      { route: "projects.$slug.benefits.$benefitId", params: { benefitId: String(w.benefit.id) }, form: { intent: "baseline", baselineSeriesId: String(zWrite.series.id), baselineValue: "5" } },
    ];
    const outcomes: string[] = [];
    for (const c of cases) {
      const before = counts();
      const path = `/${c.route.replace(/\._index$/, "").replace(/\$slug/, w.ours.slug).replace(/\$(\w+)/g, (_m, k: string) => c.params[k]!).split(".").join("/")}`;
      const res = await call(route(c.route).action as never, await requestAs(w.partner.user.id, path, { form: c.form }), { slug: w.ours.slug, ...c.params });
      const wrote = JSON.stringify(counts()) !== JSON.stringify(before);
      if (![400, 403, 404].includes(res.status) || wrote) outcomes.push(`${c.route} ${JSON.stringify(c.form)}: ${res.status}${wrote ? " wrote" : ""}`);
    }
    expect(outcomes).toEqual([]);
  });
});
