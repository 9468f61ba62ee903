// The demo: two councils' revenues and benefits programme, built from the reference documents'
// facts (structure, dates, roles, numbers) in our own words, with invented people.
// Every record goes through the shared factories in tests/factories.ts; one audit event
// ("seed.demo") records the whole seed. Which item shows which flag is listed at the top of
// demo-home-working.ts and demo-action-plan.ts.
import type { Conn } from "~/db.server";
import { systemActor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import {
  addProgrammeRole,
  addRole,
  createBoard,
  createMilestone,
  createOrganisation,
  createPerson,
  createProgramme,
  createProject,
  createTeam,
  createUser,
} from "./factories";
import { seedActionPlan } from "./demo-action-plan";
import type { DemoContext } from "./demo-build";
import { seedHomeWorkingPilot } from "./demo-home-working";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-users";
import { seedManagerRisks, seedRisks } from "./risks";
import { seedProposals } from "./proposals";
import { seedBenefits } from "./benefits";
import { dateShifter } from "./dates";

export const PARTNERSHIP_ANCHOR = "2010-06-01";

/** People without a login: [initials, name, job title, organisation code]. */
const OFFICERS: [string, string, string, "SDC" | "DBC"][] = [
  ["RK", "Rachel Kemp", "HR Business Partner", "SDC"],
  ["OP", "Owen Pritchard", "ICT Infrastructure Manager", "SDC"],
  ["CD", "Claire Dunn", "Revenues and Benefits Service Manager", "SDC"],
  ["TA", "Tom Ashby", "Health and Safety Officer", "SDC"],
  ["SM", "Stephen Moss", "Director of Corporate Resources", "SDC"],
  ["LB", "Lorna Baxter", "Head of ICT", "SDC"],
  ["MC", "Marian Clegg", "Benefits Manager", "SDC"],
  ["MH", "Mona Haddad", "Benefits Operations Manager", "SDC"],
  ["KA", "Kate Ashworth", "Performance and Planning Officer", "SDC"],
  ["BF", "Bill Fenwick", "Customer Services Manager", "SDC"],
  ["BP", "Bethan Pryce", "E-services Project Manager", "SDC"],
  ["CS", "Colin Sadler", "Service Improvement Lead", "SDC"],
  ["DM", "Donna Marsh", "Payments Team Leader", "SDC"],
  ["AR", "Anita Rao", "Head of Finance and Human Resources", "SDC"],
  ["GF", "Graham Fielding", "Executive Director", "DBC"],
  ["NH", "Neil Hargreaves", "Revenues and Benefits Manager", "DBC"],
];

/** Demo users: [key in DEMO_USERS, initials, job title, organisation code]. */
const USERS: [keyof typeof DEMO_USERS, string, string, "SDC" | "DBC" | "UNION"][] = [
  ["admin", "AM", "Business Systems Administrator", "SDC"],
  ["manager", "PS", "Transformation Project Manager", "SDC"],
  ["contributor", "BT", "Benefits Team Leader", "SDC"],
  ["board", "HW", "Head of Revenues and Benefits", "SDC"],
  ["consultee", "SO", "Branch Secretary", "UNION"],
  ["reader", "JE", "Councillor, scrutiny committee", "SDC"],
  ["partner", "DP", "Shared Service Project Manager", "DBC"],
];

export interface SeedDemoOptions {
  /** The calendar date (YYYY-MM-DD) the demo's dates are arranged around. */
  today: string;
}

export function seedDemo(tx: Conn, { today }: SeedDemoOptions) {
  const organisations = {
    SDC: createOrganisation(tx, { name: "Stowford District Council", code: "SDC" }),
    DBC: createOrganisation(tx, { name: "Dunmore Borough Council", code: "DBC" }),
    UNION: createOrganisation(tx, { name: "Stowford and Dunmore Public Services Union branch", code: "PSU" }),
  };

  const ctx: DemoContext = { today, people: {}, teams: {} };
  const users: Record<string, { userId: number; personId: number }> = {};
  for (const [key, initials, jobTitle, org] of USERS) {
    const u = DEMO_USERS[key];
    const { person, user } = createUser(tx, {
      name: u.name,
      email: u.email,
      initials,
      jobTitle,
      organisationId: organisations[org].id,
      password: DEMO_PASSWORD,
      isAdmin: key === "admin",
    });
    ctx.people[initials] = person;
    users[key] = { userId: user.id, personId: person.id };
  }
  for (const [initials, name, jobTitle, org] of OFFICERS) {
    const email = `${name.toLowerCase().replace(/\s+/g, ".")}@${org === "SDC" ? "stowford" : "dunmore"}.example`;
    ctx.people[initials] = createPerson(tx, { name, initials, jobTitle, email, organisationId: organisations[org].id });
  }
  const ids = (...initials: string[]) => initials.map((i) => ctx.people[i]!.id);
  const sdc = organisations.SDC.id;
  ctx.teams = {
    "CSIP project team": createTeam(tx, { name: "CSIP project team", organisationId: sdc }, ids("MH", "KA", "BF", "BT")),
    "CSIP project leads": createTeam(tx, { name: "CSIP project leads", organisationId: sdc }, ids("MC", "BF", "CS")),
    "Programme Board": createTeam(tx, { name: "Programme Board", organisationId: sdc }, ids("SM", "HW", "PS")),
    "Customer Service Improvement Programme board": createTeam(
      tx,
      { name: "Customer Service Improvement Programme board", organisationId: sdc },
      ids("SM", "HW", "BF"),
    ),
  };

  const programme = createProgramme(tx, {
    slug: "revs-bens",
    name: "Revenues and Benefits Transformation",
    description:
      "Turning a good revenues and benefits service into an excellent one: home-working, the response to the benefits inspection, and a shared service with a neighbouring council.",
  });
  createBoard(tx, { programmeId: programme.id, name: "Revenues and Benefits Programme Board", decisionRule: "majority" }, ids("SM", "HW", "CD"));

  // The scrutiny committee member reads the programme's progress reports.
  addProgrammeRole(tx, programme.id, ctx.people.JE!.id, "reader");
  const homeWorking = seedHomeWorkingPilot(tx, ctx, programme.id);
  const actionPlan = seedActionPlan(tx, ctx, programme.id);
  const partnership = seedPartnership(tx, ctx, programme.id);
  // Other demo seed modules (risk registers, proposals...) are called here, inside the same transaction.
  seedRisks(tx, { today });
  seedManagerRisks(tx, { today });
  seedProposals(tx, { today });
  seedBenefits(tx, { today });

  recordAudit(tx, {
    actor: systemActor("seed"),
    event: "seed.demo",
    entityType: "database",
    meta: { today, programme: programme.slug, projects: [homeWorking.slug, actionPlan.slug, partnership.slug] },
  });
  return { programme, organisations, projects: { homeWorking, actionPlan, partnership }, users, people: ctx.people, teams: ctx.teams };
}

/** The two-council shared revenues and benefits service (reference 004): purpose, board, roles, route-map milestones. */
function seedPartnership(tx: Conn, ctx: DemoContext, programmeId: number) {
  const shift = dateShifter(PARTNERSHIP_ANCHOR, ctx.today);
  const p = ctx.people;
  const project = createProject(tx, {
    programmeId,
    slug: "rb-partnership",
    name: "Revenues and benefits partnership",
    purpose:
      "Find out whether Stowford and Dunmore can share their revenues and benefits services, and plan the route to doing it. " +
      "The shared service should give cashable savings of at least £200,000 a year for each council (about 13%), more resilience, " +
      "satisfied customers, efficient high-quality service and a model other councils could join. Stowford would host revenues " +
      "and benefits; Dunmore would lead a merged audit and fraud team.",
    status: "active",
    managerPersonId: p.DP!.id,
    startDate: shift("2010-01-04"),
    endDate: shift("2011-04-29"),
  });
  addRole(tx, project.id, p.DP!.id, "manager");
  for (const key of ["HW", "AR", "GF", "NH"]) addRole(tx, project.id, p[key]!.id, "board_member");
  addRole(tx, project.id, p.SO!.id, "consultee");
  // Two officers from each council, one vote each; admitting a new partner needs everyone's agreement.
  createBoard(tx, { projectId: project.id, name: "Officer partnership board", decisionRule: "unanimous" }, [p.HW!.id, p.AR!.id, p.GF!.id, p.NH!.id]);
  for (const [name, target, achieved] of [
    ["Feasibility report to both councils", "2010-05-28", "2010-05-28"],
    ["Audit and fraud team moved to Dunmore", "2010-08-31", null],
    ["Revenues and benefits ICT in place", "2010-10-01", null],
    ["Revenues and benefits team together at Stowford", "2011-01-31", null],
    ["Operational review of the shared service", "2011-04-29", null],
  ] as const) {
    createMilestone(tx, project.id, { name, targetDate: shift(target), achievedDate: achieved ? shift(achieved) : null });
  }
  return project;
}
