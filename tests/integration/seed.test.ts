import { and, eq, inArray } from "drizzle-orm";
import * as s from "#db/schema";
import { main } from "~/cli/main";
import { getDb, getSqlite, write } from "~/db.server";
import { flagLabel, type ActionFlag } from "~/modules/action/rules";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { verifyAuditChain } from "~/modules/audit/service.server";
import { signIn } from "~/modules/auth/service.server";
import { seedDemo } from "../../seeds/demo";
import { DEMO_PASSWORD, DEMO_USERS } from "../../seeds/demo-users";

const TODAY = "2026-11-22";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function seed(today = TODAY) {
  return write((tx) => seedDemo(tx, { today }));
}

const db = () => getDb();
const projectBySlug = (slug: string) => db().select().from(s.projects).where(eq(s.projects.slug, slug)).get()!;

function rolesOf(email: string) {
  return db()
    .select({ slug: s.projects.slug, role: s.projectRoles.role })
    .from(s.projectRoles)
    .innerJoin(s.people, eq(s.people.id, s.projectRoles.personId))
    .innerJoin(s.projects, eq(s.projects.id, s.projectRoles.projectId))
    .where(eq(s.people.email, email))
    .all()
    .map((r) => `${r.slug}:${r.role}`)
    .sort();
}

describe("waymark seed --demo", () => {
  it("loads an empty database quickly: three projects in programme revs-bens, its reports, an intact chain", async () => {
    const started = Date.now();
    const result = await cli("seed", "--demo", "--today", TODAY);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.code).toBe(0);
    expect(result.out).toContain("Demo loaded");
    const programme = db().select().from(s.programmes).where(eq(s.programmes.slug, "revs-bens")).get()!;
    expect(programme.name).toBe("Revenues and Benefits Transformation");
    const projects = db().select().from(s.projects).all();
    expect(projects.map((p) => p.slug).sort()).toEqual(["benefits-improvement", "home-working-pilot", "rb-partnership"]);
    expect(projects.every((p) => p.programmeId === programme.id)).toBe(true);
    const events = db().select().from(s.auditEvents).all();
    // The demo's reports are made through the report services, each audited.
    expect(events[0]!.event).toBe("seed.demo");
    expect(events[0]!.actor).toBe("seed");
    expect(events.filter((e) => e.event === "report.publish")).toHaveLength(3);
    expect(result.out).toMatch(/\/published\/[A-Za-z0-9_-]{43}/);
    expect(verifyAuditChain(getSqlite())).toEqual({ ok: true, count: events.length });
    expect((await cli("audit", "verify")).code).toBe(0);
  });

  it("refuses to seed a database that has projects, or skips with --if-empty", async () => {
    seed();
    const refused = await cli("seed", "--demo");
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Refused: the database already has 3 project/);
    const skipped = await cli("seed", "--demo", "--if-empty");
    expect(skipped.code).toBe(0);
    expect(skipped.out).toMatch(/Skipped/);
    expect(db().select().from(s.projects).all()).toHaveLength(3);
    expect(db().select().from(s.auditEvents).all()).toHaveLength(1);
    expect((await cli("seed", "--demo", "--today", "22/11/2026")).code).toBe(2);
  });

  it("lets every demo user sign in with the demo password", async () => {
    seed();
    for (const { email } of Object.values(DEMO_USERS)) {
      const result = await signIn({ email, password: DEMO_PASSWORD, ip: "127.0.0.1" });
      expect(result.ok, email).toBe(true);
    }
    expect((await signIn({ email: DEMO_USERS.manager.email, password: "wrong password", ip: "127.0.0.1" })).ok).toBe(false);
  });

  it("gives each demo user exactly the roles the demo promises", () => {
    seed();
    const admin = db().select().from(s.users).where(eq(s.users.email, DEMO_USERS.admin.email)).get()!;
    expect(admin.isAdmin).toBe(true);
    const admins = db().select().from(s.users).where(eq(s.users.isAdmin, true)).all();
    expect(admins).toHaveLength(1);
    expect(rolesOf(DEMO_USERS.admin.email)).toEqual([]);
    expect(rolesOf(DEMO_USERS.manager.email)).toEqual(["benefits-improvement:manager", "home-working-pilot:manager"]);
    expect(rolesOf(DEMO_USERS.contributor.email)).toEqual(["benefits-improvement:contributor", "home-working-pilot:contributor"]);
    expect(rolesOf(DEMO_USERS.board.email)).toEqual([
      "benefits-improvement:board_member",
      "home-working-pilot:board_member",
      "rb-partnership:board_member",
    ]);
    expect(rolesOf(DEMO_USERS.consultee.email)).toEqual(["home-working-pilot:consultee", "rb-partnership:consultee"]);
    expect(rolesOf(DEMO_USERS.reader.email)).toEqual(["benefits-improvement:reader", "home-working-pilot:reader"]);
    expect(rolesOf(DEMO_USERS.partner.email)).toEqual(["rb-partnership:manager"]);
    // The scrutiny committee member reads the programme's reports.
    expect(db().select({ role: s.programmeRoles.role }).from(s.programmeRoles).all()).toEqual([{ role: "reader" }]);

    // Project managers recorded on the projects too.
    const person = (email: string) => db().select().from(s.people).where(eq(s.people.email, email)).get()!;
    expect(projectBySlug("home-working-pilot").managerPersonId).toBe(person(DEMO_USERS.manager.email).id);
    expect(projectBySlug("rb-partnership").managerPersonId).toBe(person(DEMO_USERS.partner.email).id);

    // Boards: the pilot's decides by majority with 3+ members including board@; the partnership's is unanimous.
    const boardOf = (slug: string) => db().select().from(s.boards).where(eq(s.boards.projectId, projectBySlug(slug).id)).get()!;
    const members = (boardId: number) =>
      db().select({ email: s.people.email }).from(s.boardMembers).innerJoin(s.people, eq(s.people.id, s.boardMembers.personId)).where(eq(s.boardMembers.boardId, boardId)).all().map((m) => m.email);
    const pilotBoard = boardOf("home-working-pilot");
    expect(pilotBoard.decisionRule).toBe("majority");
    expect(members(pilotBoard.id).length).toBeGreaterThanOrEqual(3);
    expect(members(pilotBoard.id)).toContain(DEMO_USERS.board.email);
    const partnershipBoard = boardOf("rb-partnership");
    expect(partnershipBoard.decisionRule).toBe("unanimous");
    expect(members(partnershipBoard.id)).toContain(DEMO_USERS.board.email);
  });

  it("builds the pilot's four work packages, three feeding into implementation, with stages and a contributor-led package", () => {
    seed();
    const pilot = projectBySlug("home-working-pilot");
    const wps = db().select().from(s.workPackages).where(eq(s.workPackages.projectId, pilot.id)).all();
    expect(wps).toHaveLength(4);
    const implementation = wps.find((w) => w.name === "Home-working implementation")!;
    const links = db().select().from(s.workPackageLinks).where(eq(s.workPackageLinks.toWorkPackageId, implementation.id)).all();
    expect(links.map((l) => l.fromWorkPackageId).sort()).toEqual(wps.filter((w) => w !== implementation).map((w) => w.id).sort());
    const ben = db().select().from(s.people).where(eq(s.people.email, DEMO_USERS.contributor.email)).get()!;
    expect(wps.filter((w) => w.leadPersonId === ben.id)).toHaveLength(1);
    expect(wps.every((w) => w.leadPersonId)).toBe(true);
    const stages = db().select().from(s.stages).where(inArray(s.stages.workPackageId, wps.map((w) => w.id))).all();
    expect(stages.map((st) => st.name)).toEqual(expect.arrayContaining(["Baseline", "Review", "Pilot", "Measure success"]));
    expect(stages.some((st) => st.datesNote === "tba" && st.plannedStart === null)).toBe(true);
  });

  it("shifts each document's dates around today, keeping their spacing", () => {
    seed();
    const pilot = projectBySlug("home-working-pilot");
    const milestones = db().select().from(s.milestones).where(eq(s.milestones.projectId, pilot.id)).all();
    expect(milestones).toHaveLength(5);
    const byName = (name: string) => milestones.find((m) => m.name === name)!;
    expect(byName("IT proof of concept").achievedDate! < TODAY).toBe(true);
    expect(byName("First operational home-worker").targetDate < TODAY).toBe(true);
    expect(byName("All home-workers operational").targetDate > TODAY).toBe(true);
    // 30 June to 31 October is 123 days in the plan, and still is.
    const gap = (Date.parse(byName("All home-workers operational").targetDate) - Date.parse(byName("First operational home-worker").targetDate)) / 86_400_000;
    expect(gap).toBe(123);

    expect(byName("Decision on funding application").achievedDate! < TODAY).toBe(true);

    // The action plan's December/January entries sit either side of today.
    const plan = projectBySlug("benefits-improvement");
    const due = (ref: string) => db().select().from(s.actions).where(and(eq(s.actions.projectId, plan.id), eq(s.actions.ref, ref))).get()!.dueDate!;
    expect(due("15b") < TODAY && TODAY < due("4")).toBe(true);
    expect(due("2") > TODAY).toBe(true);
  });

  it("holds R1-R5 and the numbered action plan, with the split row, written deadlines, owners and notes", () => {
    seed();
    const plan = projectBySlug("benefits-improvement");
    const recs = db().select().from(s.recommendations).where(eq(s.recommendations.projectId, plan.id)).all();
    expect(recs.map((r) => r.ref)).toEqual(["R1", "R2", "R3", "R4", "R5"]);
    const actions = db().select().from(s.actions).where(eq(s.actions.projectId, plan.id)).all();
    const refs = actions.map((a) => a.ref);
    expect(refs).toEqual(expect.arrayContaining(["1", "15", "15b", "20"]));
    expect(actions).toHaveLength(21);
    const byRef = (ref: string) => actions.find((a) => a.ref === ref)!;
    expect(byRef("8").deadlineText).toBe("Ongoing");
    expect(byRef("8").dueDate).toBeNull();
    expect(byRef("4").deadlineText).toMatch(/^Analysis by end of \w{3} \d\d\. .+w\/c \d{1,2} \w{3} \d\d\. .+ \d{1,2} \w{3} \d\d$/);
    expect(byRef("4").dueDate! > TODAY).toBe(true);
    // Every action answers at least one recommendation.
    const linked = db().select().from(s.actionRecommendations).where(inArray(s.actionRecommendations.actionId, actions.map((a) => a.id))).all();
    expect(new Set(linked.map((l) => l.actionId)).size).toBe(actions.length);
    // Owners are people (by initials) or teams.
    const owners = db()
      .select({ initials: s.people.initials, team: s.teams.name })
      .from(s.actionOwners)
      .leftJoin(s.people, eq(s.people.id, s.actionOwners.personId))
      .leftJoin(s.teams, eq(s.teams.id, s.actionOwners.teamId))
      .where(eq(s.actionOwners.actionId, byRef("12").id))
      .all();
    expect(owners).toEqual(
      expect.arrayContaining([
        { initials: "BP", team: null },
        { initials: null, team: "Customer Service Improvement Programme board" },
      ]),
    );
    // Notes accumulate over months.
    const notes = db().select().from(s.progressNotes).where(eq(s.progressNotes.actionId, byRef("1").id)).all();
    expect(notes.length).toBeGreaterThanOrEqual(4);
    const spanDays = (Date.parse(notes.at(-1)!.noteDate) - Date.parse(notes[0]!.noteDate)) / 86_400_000;
    expect(spanDays).toBeGreaterThan(90);
    expect(notes.every((n) => n.noteDate <= TODAY)).toBe(true);
    const allNotes = db().select().from(s.progressNotes).where(inArray(s.progressNotes.actionId, actions.map((x) => x.id))).all();
    for (const action of actions) expect(allNotes.filter((n) => n.actionId === action.id).length, action.ref).toBeGreaterThanOrEqual(2);
    expect(db().select().from(s.progressNotes).all().every((n) => n.noteDate <= TODAY)).toBe(true);
  });

  it.each([TODAY, "2028-02-29"])("exercises every flag rule as of today (%s)", (today) => {
    seed(today);
    const ids = db().select({ id: s.projects.id }).from(s.projects).all().map((p) => p.id);
    const flags = flagsForProjects({ projectIds: ids, asOf: today });
    const actionKinds = new Set(flags.actions.flatMap((a) => a.flags.map((f) => f.kind)));
    expect([...actionKinds].sort()).toEqual(["blocked", "due_soon", "overdue", "schedule_conflict", "slipped", "stale", "unowned"]);
    const milestoneKinds = new Set(flags.milestones.flatMap((m) => m.flags.map((f) => f.kind)));
    expect([...milestoneKinds].sort()).toEqual(["at_risk", "missed", "schedule_conflict"]);

    const pilot = projectBySlug("home-working-pilot");
    const flagOf = (projectId: number, ref: string, kind: string) =>
      flags.actions.find((a) => a.action.projectId === projectId && a.action.ref === ref)!.flags.find((f) => f.kind === kind);
    // Blocked by status, with its reason; blocked by a predecessor chain three links long across work packages.
    expect(flagOf(pilot.id, "2.8", "blocked")).toMatchObject({ reason: expect.stringContaining("data protection") });
    const chain = flagOf(pilot.id, "4.1", "blocked") as { roots: { item: { ref?: string }; path: { ref?: string }[] }[] };
    expect(chain.roots.some((r) => r.path.map((p) => p.ref).join(">") === "2.13>2.12>3.9")).toBe(true);

    // The demo's schedule conflict, with its cause: 4.2 is due before 1.10, which it waits for.
    const conflict = flagOf(pilot.id, "4.2", "schedule_conflict") as ActionFlag | undefined;
    expect(conflict).toBeDefined();
    expect(flagLabel(conflict!)).toMatch(/^Schedule conflict: due \d+ \w+ \d{4}, before 1\.10 is due \d+ \w+ \d{4}$/);

    // Slips are recorded as due-date changes.
    const plan = projectBySlug("benefits-improvement");
    const a19 = db().select().from(s.actions).where(and(eq(s.actions.projectId, plan.id), eq(s.actions.ref, "19"))).get()!;
    const changes = db().select().from(s.dueDateChanges).where(eq(s.dueDateChanges.actionId, a19.id)).all();
    expect(changes).toHaveLength(2);
    expect(changes[1]!.newDueDate).toBe(a19.dueDate);
    expect(changes[0]!.oldDueDate).toBe(a19.baselineDueDate);
    expect(flagOf(plan.id, "19", "slipped")).toMatchObject({ moves: 2 });

    const statuses = new Set(db().select({ status: s.actions.status }).from(s.actions).all().map((a) => a.status));
    expect(statuses).toEqual(new Set(["not_started", "in_progress", "blocked", "done", "cancelled"]));
  });
  it("gives the manager's own projects a risk register with open risks", () => {
    seed();
    for (const slug of ["home-working-pilot", "benefits-improvement"]) {
      const rows = db()
        .select({ status: s.risks.status })
        .from(s.risks)
        .innerJoin(s.riskRegisters, eq(s.riskRegisters.id, s.risks.registerId))
        .where(eq(s.riskRegisters.projectId, projectBySlug(slug).id))
        .all();
      expect(rows.filter((r) => r.status === "open").length, slug).toBeGreaterThanOrEqual(3);
    }
  });

  it.each([TODAY, "2027-03-15"])("writes no month into a note or slip reason that disagrees with its shifted date (today %s)", (today) => {
    const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    // "may" is left out: in a note it is nearly always the verb.
    const names = "january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec";
    const named = (text: string) => [...text.toLowerCase().matchAll(new RegExp(`\\b(${names})\\b`, "g"))].map((m) => MONTHS.indexOf(m[1]!.slice(0, 3)));
    seed(today);
    const texts = [
      ...db().select({ date: s.progressNotes.noteDate, text: s.progressNotes.body }).from(s.progressNotes).all(),
      ...db().select({ date: s.dueDateChanges.newDueDate, text: s.dueDateChanges.reason }).from(s.dueDateChanges).all(),
    ];
    expect(texts.length).toBeGreaterThan(10);
    for (const { date, text } of texts) {
      const month = Number(date!.slice(5, 7)) - 1;
      for (const m of named(text)) {
        // A month named must be the date's own or the one either side of it.
        expect(Math.min((m - month + 12) % 12, (month - m + 12) % 12), `${date}: ${text}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it.each(["2026-11-03", "2026-11-29"])("writes the demo reports' and baselines' dated words from the shifted dates (today %s)", async (today) => {
    expect((await cli("seed", "--demo", "--today", today)).code).toBe(0);
    const long = (iso: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T12:00:00Z`));
    const pilot = projectBySlug("home-working-pilot");
    const action = (ref: string) => db().select().from(s.actions).where(and(eq(s.actions.projectId, pilot.id), eq(s.actions.ref, ref))).get()!;
    const confirmed = action("2.11").completedDate!;
    const reports = db().select().from(s.reports).where(and(eq(s.reports.projectId, pilot.id), eq(s.reports.kind, "highlight"))).all();
    expect(reports).toHaveLength(2);
    for (const r of reports) {
      const summary = (JSON.parse(r.edits) as { narrative: { summary: string } }).narrative.summary;
      // The outlook names the pilot stage's end as the plan shows it; an event is told only in the month it happened.
      expect(summary).toContain(`The pilot stage runs to ${long(action("2.14").dueDate!)}`);
      const inPeriod = r.periodFrom <= confirmed && confirmed <= r.periodTo;
      expect(summary.includes("The volunteers for the pilot are confirmed."), `${r.periodFrom}..${r.periodTo}: ${summary}`).toBe(inPeriod);
    }
    const series = db()
      .select({ label: s.benefitSeries.baselineLabel, date: s.benefitSeries.baselineDate })
      .from(s.benefitSeries)
      .innerJoin(s.benefits, eq(s.benefits.id, s.benefitSeries.benefitId))
      .where(eq(s.benefits.projectId, pilot.id))
      .all();
    expect(series.length).toBeGreaterThan(0);
    for (const { label, date } of series) expect(label).toMatch(new RegExp(`^(Year|Month) to ${long(date!)}$`));
  });

  it("records votes cast signed in only for members who have a login", () => {
    seed();
    const inApp = db()
      .select({ personId: s.ballots.personId, userId: s.users.id })
      .from(s.ballots)
      .leftJoin(s.users, eq(s.users.personId, s.ballots.personId))
      .where(eq(s.ballots.channel, "app"))
      .all();
    expect(inApp.length).toBeGreaterThan(0);
    expect(inApp.filter((b) => b.userId === null)).toEqual([]);
  });
});
