// Project `benefits-improvement`: an inspection's five recommendations (R1-R5) and the numbered
// action plan that answers them (reference 001), re-worded. Dates are the document's, moved so that
// `today` falls on 8 January 2009, among the plan's December 08 / January 09 entries.
// Deadline texts are written the way the plan writes them, from the shifted dates.
//
// Flags this project demonstrates as of today:
// - overdue: 15 (39 days), 15b (20 days, after a slip), 19 (3 days, after two slips)
// - due soon: 4 (implement easements, 11 days)
// - blocked by status, with reason: 10 (procurement hitch)
// - blocked by a predecessor: 13 (after 10, which is blocked) and 14 (after 13, planned start passed)
// - stale: 8 and 18 (in progress, no note for more than 30 days)
// - unowned: 15 (the plan names no lead)
// - slipped: 10 (once), 15b (once), 19 (twice), each with due_date_changes rows
// - done: 3, 5, 6, 11, 16, 20
import type { Conn } from "~/db.server";
import { addDependency, addRole, createProject, createRecommendation } from "./factories";
import { buildActions, type ActionSpec, type DemoContext } from "./demo-build";
import { dateShifter, fmt, type Shift } from "./dates";

export const ACTION_PLAN_ANCHOR = "2009-01-08";

const RECOMMENDATIONS = [
  {
    ref: "R1",
    title: "Agree a shared vision of an excellent benefits service",
    body: "Councillors and staff should define and own a vision of excellence for the benefits service, as part of the customer services improvement programme. It should rest on evidence of what diverse, hard-to-reach and vulnerable communities need, with resourced plans that name actions, measures, timetables and people.",
  },
  {
    ref: "R2",
    title: "Put customers first and process claims faster",
    body: "Find out why customers are slow to send information; design processes in which staff contact customers early and customers contact the service early; use visiting officers for a quicker, fairer service; join up front and back office so a claim is handled once; understand why customers contact the service and refresh the customer service strategy.",
  },
  {
    ref: "R3",
    title: "Increase take-up of benefits",
    body: "Find out which groups under-claim housing benefit and where they live, use demographic information to target them, and link the work to the council's anti-poverty strategy.",
  },
  {
    ref: "R4",
    title: "Build the capacity of the benefits service",
    body: "Give every member of staff who needs them access to procedures and training material; refresh the training policy so benefits are administered consistently; improve workforce planning, with policies that help recruitment, retention, development and smarter working.",
  },
  {
    ref: "R5",
    title: "Understand and deliver value for money",
    body: "Assess how local factors drive costs, choose indicators of efficiency and productivity, benchmark against organisations that work in different ways, act on what this shows, and agree the value-for-money measures needed.",
  },
];

function actionSpecs(s: Shift): ActionSpec[] {
  const { monYY, dMonYY, monthYY, monthYYYY, dMonthYYYY } = fmt;
  return [
    {
      ref: "1",
      title: "Build an evidence-based understanding of what communities need",
      description: "Work with the research and strategy team and the area neighbourhood teams to build a knowledge framework, then use it to shape take-up work and customer service, linked to the anti-poverty strategy.",
      expectedOutcomes: "Better benefit take-up\nBetter council tax collection and debt recovery\nMore satisfied customers",
      owners: ["MC", "BT"],
      status: "in_progress",
      percent: 40,
      due: "2009-04-30",
      deadlineText: `Knowledge framework built ${monYY(s("2009-04-30"))}`,
      recommendations: ["R1", "R3"],
      notes: [
        ["2008-07-14", "Met the research and strategy team: we are sending benefits caseload data to be matched against socio-economic data."],
        ["2008-09-22", "BT to contact the area neighbourhood teams to start the knowledge framework."],
        ["2008-11-03", "The customer-perspective work in customer services will feed take-up planning."],
        ["2008-12-05", `Visited the seniors forum on ${dMonYY(s("2008-12-04"))}.`],
        ["2008-12-19", `Meeting with neighbourhood senior managers booked for ${dMonYY(s("2009-01-12"))}.`],
      ],
    },
    {
      ref: "2",
      title: "Get the customer's view of the service before processes are redesigned, and before and after each pilot",
      expectedOutcomes: "More satisfied customers",
      owners: ["BT"],
      status: "in_progress",
      percent: 70,
      due: "2009-01-31",
      deadlineText: `${monthYYYY(s("2008-05-31"))} 1st survey; focus groups ${monthYYYY(s("2008-08-31"))}; ${monthYYYY(s("2009-01-31"))} 2nd survey`,
      recommendations: ["R1", "R2"],
      notes: [
        ["2008-06-02", "First customer survey done; results fed into improvement programme planning."],
        ["2008-08-20", "Linked to the demographic work under action 1. BT leads customer consultation for the programme."],
        ["2008-10-13", "Survey under way in the pilot area."],
        ["2008-12-15", "Pilot-area survey complete; BT attending the focus groups."],
      ],
    },
    {
      ref: "3",
      title: "Develop a vision for the customer services improvement programme that staff and councillors own",
      expectedOutcomes: "Staff and councillors clearly understand the programme's vision",
      owners: ["Customer Service Improvement Programme board"],
      status: "done",
      completed: "2008-11-28",
      recommendations: ["R1"],
      notes: [
        ["2008-07-07", "Staff workshops held; volunteers are helping to design the new processes."],
        ["2008-10-06", "Vision for the service agreed."],
        ["2008-11-28", "Vision to be built into individual performance meetings. Complete."],
      ],
    },
    {
      ref: "4",
      title: "Ask benefit customers why they are slow to send information",
      expectedOutcomes: "Claims processed faster\nFewer defective claims\nFewer disputes about benefit decisions",
      owners: ["MH"],
      status: "in_progress",
      percent: 60,
      due: "2009-01-19",
      deadlineText: `Analysis by end of ${monYY(s("2008-11-30"))}. Scope and put in place verification easements for vulnerable claimants by w/c ${dMonYY(s("2008-12-05"))}. Implement verification easements ${dMonYY(s("2009-01-19"))}`,
      recommendations: ["R2"],
      notes: [
        ["2008-09-15", "Part of the improvement programme, done through focus groups; findings will shape the changes service."],
        ["2008-10-20", "Benefits team analysing defective revisions."],
        ["2008-11-28", "Analysis complete."],
        ["2008-12-15", "Easements scoped; the specification is with the system supplier."],
      ],
    },
    {
      ref: "5",
      title: "Design processes in which staff contact customers early",
      expectedOutcomes: "Fewer defective claims\nClaims processed faster",
      owners: ["CSIP project team"],
      status: "done",
      due: "2008-09-29",
      deadlineText: `Process design delivered. 1st pilot starts ${dMonthYYYY(s("2008-09-29"))}`,
      recommendations: ["R2"],
      notes: [
        ["2008-09-29", "Delivered: redesigned processes include early contact with customers."],
        ["2008-11-10", "Claims now checked at 10 and 20 days."],
      ],
    },
    {
      ref: "6",
      title: "Use visiting officers for a quicker and fairer service",
      expectedOutcomes: "Fewer defective claims\nClaims processed faster",
      owners: ["CSIP project team"],
      status: "done",
      due: "2008-09-29",
      deadlineText: `Process design delivered. 1st pilot starts ${dMonthYYYY(s("2008-09-29"))}`,
      recommendations: ["R2"],
      notes: [
        ["2008-08-04", "Visiting officer role mapped into the new claim process."],
        ["2008-09-29", "Redesigned processes include steps and rules for using visiting officers (see 5)."],
      ],
    },
    {
      ref: "7",
      title: "Join up front and back office so that each claim is handled once",
      expectedOutcomes: "More satisfied customers\nClaims processed faster\nFewer hand-offs\nBetter value for money",
      owners: ["CSIP project team"],
      status: "in_progress",
      percent: 50,
      due: "2009-02-28",
      deadlineText: `Process design delivered. 1st pilot starts ${dMonYY(s("2008-09-29"))}. Scope 2nd pilot and report to the project board ${dMonYY(s("2008-12-17"))}. Implement the programme board's decision ${monYY(s("2009-01-01"))} to ${monYY(s("2009-02-01"))}`,
      recommendations: ["R2"],
      notes: [
        ["2008-09-29", "A core principle of the redesigned processes."],
        ["2008-11-03", "The first pilot works this way; management information backs it up. Second pilot being planned."],
        ["2008-12-17", "Second pilot (change events) scoped; paper to the programme board."],
      ],
    },
    {
      ref: "8",
      title: "Understand why customers contact the service and refresh the customer service strategy",
      expectedOutcomes: "More satisfied customers\nFewer calls to Stowford Direct chasing progress",
      owners: ["KA", "BF", "MH"],
      status: "in_progress",
      percent: 30,
      deadlineText: "Ongoing",
      recommendations: ["R2"],
      notes: [
        ["2008-06-16", "Treated as core business."],
        ["2008-10-27", "Weekly planning meetings review why customers are contacting us; work priorities are adjusted to match."],
      ],
    },
    {
      ref: "9",
      title: "Improve the take-up plan: find under-claiming groups, target them using demographic data, link to the anti-poverty strategy",
      expectedOutcomes: "Better benefit take-up\nBetter council tax collection and debt recovery",
      owners: ["MC"],
      status: "in_progress",
      percent: 50,
      recommendations: ["R3"],
      notes: [
        ["2008-08-11", "See 1: some work done to understand the demographics."],
        ["2008-10-20", "Take-up plan written."],
        ["2008-12-12", "Agreeing the work with key stakeholders. Quarterly review meetings to follow, then a briefing for councillors."],
      ],
    },
    {
      ref: "10",
      title: "Give staff electronic access to training material",
      expectedOutcomes: "More capable and flexible staff\nBetter staff development\nMore accurate benefit processing\nGood-value training",
      owners: ["CSIP project team"],
      status: "blocked",
      blockedReason: "Procurement hitch: the online training contract has had to go out to tender again",
      due: "2008-12-31",
      slips: [["2008-12-12", "2009-04-30", "Customer services is buying an online training product; contract out to tender"]],
      deadlineText: `Work packages completed by ${dMonYY(s("2008-10-06"))}. On the staff intranet end of ${monthYYYY(s("2008-12-31"))}. Implement training courseware – ${monYY(s("2009-04-30"))}`,
      recommendations: ["R4"],
      notes: [
        ["2008-09-01", "In the programme plan: training material and rules to go on the staff intranet."],
        ["2008-11-17", "Overtaken: customer services is investing in an online training product."],
        ["2008-12-12", "Procurement hitch; contract out to tender."],
      ],
    },
    {
      ref: "11",
      title: "Redesign processes for service delivery",
      expectedOutcomes: "More satisfied customers\nClaims processed faster\nFewer hand-offs\nBetter debt recovery\nMore accurate benefit processing",
      owners: ["CSIP project leads"],
      status: "done",
      due: "2008-10-06",
      deadlineText: dMonthYYYY(s("2008-10-06")),
      recommendations: ["R2", "R4"],
      notes: [
        ["2008-08-18", "Process-mapping workshops held with front and back office staff."],
        ["2008-10-06", "Work packages written for the new processes."],
      ],
    },
    {
      ref: "12",
      title: "Develop assisted electronic claims",
      expectedOutcomes: "More satisfied customers\nClaims processed faster\nFewer hand-offs\nMore accurate benefit processing",
      owners: ["BP", "Customer Service Improvement Programme board"],
      status: "in_progress",
      percent: 65,
      due: "2009-01-31",
      deadlineText: `Procurement ${monthYYYY(s("2008-08-31"))} to ${monthYYYY(s("2008-09-30"))}. Implementation ${dMonYY(s("2009-01-31"))}`,
      recommendations: ["R2"],
      notes: [
        ["2008-09-30", "Supplier chosen; e-claims project run within the improvement programme."],
        ["2008-12-22", "Testing with two advice agencies before go-live."],
      ],
    },
    {
      ref: "13",
      title: "Redesign the training plan and how training is delivered",
      expectedOutcomes: "More accurate benefit processing\nMore satisfied customers\nStaff who can work across services\nMore satisfied staff",
      owners: ["MC", "CSIP project leads"],
      status: "in_progress",
      percent: 45,
      start: "2008-09-01",
      due: "2009-03-31",
      deadlineText: `Start ${monYY(s("2008-09-01"))} for 1st pilot. End ${monYY(s("2009-03-31"))}`,
      recommendations: ["R4"],
      notes: [
        ["2008-09-05", "Skills audit done for the first pilot; training runs this month."],
        ["2008-10-15", "Modular training strategy agreed for customer services. Skills audit of current levels under way."],
        ["2008-12-18", "Designing a modular package for team leaders; the training courseware is still to be bought (see 10)."],
      ],
    },
    {
      ref: "14",
      title: "Improve workforce planning",
      expectedOutcomes: "Staff who can work across services\nMore satisfied staff\nMore satisfied customers",
      owners: ["Programme Board", "BF"],
      status: "in_progress",
      percent: 10,
      start: "2009-01-05",
      due: "2009-04-30",
      deadlineText: monYY(s("2009-04-30")),
      recommendations: ["R4"],
      notes: [
        ["2008-10-27", "Programme board asked BF to lead the workforce planning strand."],
        ["2008-12-17", "Approach to agree: job descriptions for the new processes, recruitment linked to vocational qualifications, reward and recognition, career and technical pathways."],
      ],
    },
    {
      ref: "15",
      title: "a) Assess how local factors and context affect costs",
      expectedOutcomes: "Better value for money",
      owners: [],
      status: "in_progress",
      percent: 75,
      due: "2008-11-30",
      deadlineText: `${monthYYYY(s("2008-07-31"))}; ${monthYYYY(s("2008-09-30"))}; mainstreamed ${monthYYYY(s("2008-11-30"))}`,
      recommendations: ["R5"],
      notes: [
        ["2008-07-28", "Existing processes costed for each customer group."],
        ["2008-09-26", "Interventions agreed to move customers between groups (text, email, phone)."],
        ["2008-11-03", "Piloted; to become normal practice this month."],
        ["2008-12-15", "Not yet mainstreamed: nobody has picked it up since the pilot ended."],
      ],
    },
    {
      ref: "15b",
      title: "b) Choose indicators that measure efficiency and productivity",
      expectedOutcomes: "Better value for money\nClaims processed faster\nFewer hand-offs",
      owners: ["KA"],
      status: "in_progress",
      percent: 60,
      due: "2008-09-30",
      slips: [["2008-10-06", "2008-12-19", "The cross-service model needs access to the shared workspace first"]],
      deadlineText: `${monthYYYY(s("2008-08-31"))}; ${monYY(s("2008-09-30"))}`,
      recommendations: ["R5"],
      notes: [
        ["2008-08-29", "Building a model of demand, capacity and productivity for the contact centre, benefits and council tax."],
        ["2008-11-14", "Cross-service model under way."],
        ["2008-12-19", "Agreeing daily use of the model with the operations group and staff planning."],
      ],
    },
    {
      ref: "16",
      title: "Benchmark against a range of organisations",
      expectedOutcomes: "Smarter processes for service delivery",
      owners: ["CS"],
      status: "done",
      due: "2008-09-30",
      deadlineText: "Delivered for the improvement programme",
      recommendations: ["R5"],
      notes: [
        ["2008-07-14", "Visits arranged with a bank, DWP and two councils."],
        ["2008-09-30", "Benchmarked with banks, DWP and other councils on direct debit, recovery and payment methods."],
      ],
    },
    {
      ref: "17",
      title: "Act on the areas found to improve efficiency",
      expectedOutcomes: "More satisfied customers\nClaims processed faster\nBetter debt recovery\nMore accurate benefit processing",
      owners: ["Programme Board"],
      status: "in_progress",
      percent: 40,
      deadlineText: "Ongoing",
      recommendations: ["R5"],
      notes: [
        ["2008-09-29", `Pilot on disagreements with decisions started ${dMonYY(s("2008-09-29"))}.`],
        ["2008-11-17", `E-claims under way; multiple direct debit dates start ${dMonYY(s("2008-11-15"))}.`],
        ["2008-12-22", "Changes over the phone being designed."],
      ],
    },
    {
      ref: "18",
      title: "Agree the value-for-money measures needed",
      expectedOutcomes: "The cost of service delivery can be monitored",
      owners: ["Programme Board"],
      status: "in_progress",
      percent: 50,
      deadlineText: "Ongoing",
      recommendations: ["R5"],
      notes: [
        ["2008-07-21", "Consulted customers on what value for money means to them."],
        ["2008-09-08", "Current process costs identified."],
        ["2008-11-24", "Monitoring why customers call, to design out failure demand."],
      ],
    },
    {
      ref: "19",
      title: "Run benefit payments more often",
      expectedOutcomes: "More satisfied customers\nCustomers are paid sooner",
      owners: ["MH", "DM"],
      status: "in_progress",
      percent: 80,
      due: "2008-09-30",
      slips: [
        ["2008-09-26", "2008-10-27", "Technical problems with the payment software"],
        ["2008-11-14", "2009-01-05", "Supplier fixing the software; second run moved back seven weeks"],
      ],
      deadlineText: `${monthYY(s("2008-09-30"))}; week commencing ${dMonYY(s("2009-01-05"))}`,
      recommendations: ["R2"],
      notes: [
        ["2008-10-20", `Last stage should be live w/c ${dMonYY(s("2008-10-27"))} after technical problems with the payment software.`],
        ["2008-12-19", `Supplier has fixed the software; second run goes live w/c ${dMonYY(s("2009-01-05"))}.`],
      ],
    },
    {
      ref: "20",
      title: "Start overpayment recovery only after the appeal time limit has passed",
      expectedOutcomes: "More satisfied customers",
      owners: ["MH"],
      status: "done",
      due: "2008-06-30",
      deadlineText: monthYY(s("2008-06-30")),
      recommendations: ["R2"],
      notes: [
        ["2008-05-12", "Recovery letters redrafted to wait for the one-month appeal period."],
        ["2008-06-27", "Delivered."],
      ],
    },
  ];
}

export function seedActionPlan(tx: Conn, ctx: DemoContext, programmeId: number) {
  const shift = dateShifter(ACTION_PLAN_ANCHOR, ctx.today);
  const p = ctx.people;
  const project = createProject(tx, {
    programmeId,
    slug: "benefits-improvement",
    name: "Benefits service improvement plan",
    purpose:
      "Answer the inspectors' five recommendations for the benefits service (R1-R5) with a numbered action plan, " +
      "and track each action's progress until the service is rated excellent.",
    status: "active",
    managerPersonId: p.PS!.id,
    startDate: shift("2008-05-01"),
    endDate: shift("2009-04-30"),
  });
  addRole(tx, project.id, p.PS!.id, "manager");
  for (const key of ["BT", "MC", "MH", "KA", "BF", "BP", "CS", "DM"]) addRole(tx, project.id, p[key]!.id, "contributor");
  addRole(tx, project.id, p.HW!.id, "board_member");
  addRole(tx, project.id, p.JE!.id, "reader");

  const recommendationIds: Record<string, number> = {};
  for (const r of RECOMMENDATIONS) {
    recommendationIds[r.ref] = createRecommendation(tx, project.id, { ...r, source: "Audit Commission inspection of the benefits service" }).id;
  }
  const actions = buildActions(tx, ctx, shift, { projectId: project.id, recommendationIds, fallbackAuthorId: p.PS!.id }, actionSpecs(shift));
  const dep = (pred: string, succ: string) => addDependency(tx, { actionId: actions[pred]!.id }, { actionId: actions[succ]!.id });
  dep("1", "9");
  dep("10", "13");
  dep("13", "14");
  dep("11", "12");
  return project;
}
