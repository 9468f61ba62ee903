// Project `home-working-pilot`, after the PID of a benefits home-working pilot (reference 000).
// Dates are the document's, moved so that `today` falls on 25 July 2005: after "first operational
// home-worker" (30 June) and before "all home-workers operational" (31 October).
//
// Flags this project demonstrates as of today (see "Rules that flag work" in DESIGN.md):
// - overdue: 2.7 (appeals process) and 3.9 (arrange equipment), both in progress
// - due soon: 1.6 (policy review, 11 days) and 2.10 (training framework, 8 days)
// - blocked by status, with reason: 2.8 (data protection guidance)
//   and 2.14 (final report) is blocked because 2.8 is
// - blocked by a predecessor, a chain three links long across work packages:
//   3.9 (IT, overdue) -> 2.12 (scheme) -> 2.13 (scheme) -> 4.1 (implementation)
// - stale: 1.7 (in progress, last note more than 30 days ago)
// - unowned: 2.16 (check staff motivation)
// - slipped: 2.10 (once) and 3.9 (twice), with rows in due_date_changes
// - milestone missed: "First operational home-worker"; at risk: "All home-workers operational"
// - done: most Baseline/Scope actions; cancelled: 1.8
import type { Conn } from "~/db.server";
import {
  addDependency,
  addRole,
  createBoard,
  createMilestone,
  createProject,
  createStage,
  createWorkPackage,
  linkWorkPackages,
} from "./factories";
import { buildActions, type ActionSpec, type DemoContext } from "./demo-build";
import { dateShifter } from "./dates";

export const HOME_WORKING_ANCHOR = "2005-07-25";

interface StageSpec {
  name: string;
  start?: string;
  end?: string;
  /** "tba" when the plan has no dates yet. */
  note?: string;
  actions: ActionSpec[];
}

interface WorkPackageSpec {
  ref: string;
  name: string;
  description: string;
  lead: string;
  stages: StageSpec[];
}

const WORK_PACKAGES: WorkPackageSpec[] = [
  {
    ref: "WP1",
    name: "People policies, terms and conditions",
    description: "Make sure personnel, health and safety policies and contracts fit staff who work from home. Trade union representatives take part.",
    lead: "RK",
    stages: [
      {
        name: "Baseline",
        start: "2005-04-18",
        end: "2005-05-27",
        actions: [
          { ref: "1.1", title: "Gather the current personnel and health and safety policies", owners: ["RK"], status: "done", due: "2005-04-29", completed: "2005-04-28" },
          { ref: "1.2", title: "List the terms and conditions that need a contract variation", owners: ["RK"], status: "done", due: "2005-05-06" },
          { ref: "1.3", title: "Set out the health and safety requirements for a home workstation", owners: ["TA"], status: "done", due: "2005-05-13", completed: "2005-05-16" },
          { ref: "1.4", title: "Agree links with other policies and work packages", owners: ["RK"], status: "done", due: "2005-05-20" },
          { ref: "1.5", title: "Consult stakeholders, including the union branch, and write the work-package plan", owners: ["RK", "SO"], status: "done", due: "2005-05-27" },
        ],
      },
      {
        name: "Review",
        note: "tba",
        actions: [
          {
            ref: "1.6",
            title: "Review current policies and recommend changes or new ones",
            owners: ["RK"],
            status: "in_progress",
            percent: 60,
            start: "2005-06-01",
            due: "2005-08-05",
            notes: [
              ["2005-06-13", "Lone-working and expenses policies reviewed; draft changes shared with the union branch."],
              ["2005-07-18", "Draft home-working policy written. Going to the board by email for approval so it can apply before the next meeting."],
            ],
          },
          {
            ref: "1.7",
            title: "Review terms and conditions and recommend contract variations",
            owners: ["RK"],
            status: "in_progress",
            percent: 20,
            start: "2005-06-01",
            due: "2005-09-16",
            notes: [["2005-06-10", "Started with allowances for broadband and heating; legal advice requested."]],
          },
          { ref: "1.8", title: "Review existing guidance on flexible working", owners: ["RK"], status: "cancelled", due: "2005-08-26", notes: [["2005-06-20", "Folded into 1.6: the guidance is part of the policies being reviewed."]] },
          { ref: "1.9", title: "Review best practice and consult stakeholders, including the health and safety officer", owners: ["TA", "SO"], due: "2005-09-09" },
          { ref: "1.10", title: "Produce proposals for implementation", owners: ["RK"], due: "2005-09-30" },
        ],
      },
    ],
  },
  {
    ref: "WP2",
    name: "Home-working scheme",
    description: "Design the scheme itself, run the pilot with volunteers and measure whether it succeeds.",
    lead: "BT",
    stages: [
      {
        name: "Determine home-working scheme",
        start: "2005-04-01",
        end: "2005-05-13",
        actions: [
          { ref: "2.1", title: "Look at schemes running in other councils", owners: ["BT"], status: "done", due: "2005-04-15" },
          { ref: "2.2", title: "Recommend a scheme and consult on it", owners: ["BT"], status: "done", due: "2005-04-29" },
          { ref: "2.3", title: "Submit the scheme for approval and set its parameters", owners: ["BT", "PS"], status: "done", due: "2005-05-13" },
        ],
      },
      {
        name: "Establish framework",
        start: "2005-05-16",
        end: "2005-07-15",
        actions: [
          { ref: "2.4", title: "Agree working conventions for home-based staff", owners: ["BT"], status: "done", due: "2005-05-27" },
          { ref: "2.5", title: "Decide how volunteers are selected and approved", owners: ["BT"], status: "done", due: "2005-06-03" },
          { ref: "2.6", title: "Carry out risk assessments of the volunteers' homes", owners: ["TA"], status: "done", due: "2005-06-24" },
          {
            ref: "2.7",
            title: "Set up an appeals process for staff who are not selected",
            owners: ["BT"],
            status: "in_progress",
            percent: 50,
            due: "2005-07-08",
            notes: [
              ["2005-06-20", "Draft appeals route written, based on the grievance procedure."],
              ["2005-07-14", "Union asked for an independent second stage; redrafting."],
            ],
          },
          {
            ref: "2.8",
            title: "Resolve data protection issues for claim papers held at home",
            owners: ["BT"],
            status: "blocked",
            blockedReason: "Waiting for the data protection officer's ruling on keeping claim papers at home",
            due: "2005-08-12",
            notes: [["2005-07-11", "Question put to the data protection officer; no answer yet."]],
          },
          {
            ref: "2.9",
            title: "Agree performance monitoring arrangements for home-workers",
            owners: ["BT", "CD"],
            status: "in_progress",
            percent: 70,
            due: "2005-08-26",
            notes: [["2005-07-20", "Daily output counts agreed with team leaders; quality checks at 10% of cases."]],
          },
          {
            ref: "2.10",
            title: "Set the training framework for volunteers and their managers",
            owners: ["BT"],
            status: "in_progress",
            percent: 40,
            due: "2005-07-01",
            slips: [["2005-06-27", "2005-08-02", "Trainer unavailable for the next five weeks"]],
            notes: [
              ["2005-06-27", "Course outline agreed; dates moved because the trainer is away."],
              ["2005-07-19", "Two sessions booked for the week of the new due date."],
            ],
          },
        ],
      },
      {
        name: "Pilot",
        start: "2005-06-27",
        end: "2005-10-14",
        actions: [
          { ref: "2.11", title: "Confirm the volunteers for the pilot", owners: ["BT"], status: "done", due: "2005-06-30", completed: "2005-06-29" },
          { ref: "2.12", title: "Approve each volunteer's home working environment", owners: ["BT", "TA"], start: "2005-07-18", due: "2005-08-19" },
          { ref: "2.13", title: "Test the processes and procedures with live caseload", owners: ["BT"], start: "2005-08-22", due: "2005-09-30" },
          { ref: "2.14", title: "Write the pilot's final report and recommendations", owners: ["BT"], due: "2005-10-14" },
        ],
      },
      {
        name: "Measure success",
        note: "tba",
        actions: [
          { ref: "2.15", title: "Assess productivity gains against the 15% target", owners: ["BT", "CD"], description: "Compare home-based assessors' output with the office baseline, keeping quality standards." },
          { ref: "2.16", title: "Check staff motivation and sickness absence against the baseline", description: "Use the staff survey baseline and absence records." },
        ],
      },
    ],
  },
  {
    ref: "WP3",
    name: "IT strategy",
    description: "Prove that mobile connections can give reliable, fast access to the benefits system at the volumes needed, then equip the volunteers.",
    lead: "OP",
    stages: [
      {
        name: "Scope home-working scheme",
        start: "2005-03-14",
        end: "2005-04-29",
        actions: [
          { ref: "3.1", title: "Set out the IT strategy for home-working", owners: ["OP"], status: "done", due: "2005-03-31" },
          { ref: "3.2", title: "Identify hardware, software and support requirements", owners: ["OP"], status: "done", due: "2005-04-15" },
          { ref: "3.3", title: "Check contractual obligations with current suppliers", owners: ["OP"], status: "done", due: "2005-04-29" },
        ],
      },
      {
        name: "Review",
        start: "2005-05-02",
        end: "2005-06-17",
        actions: [
          { ref: "3.4", title: "Establish a baseline of response times in the office", owners: ["OP"], status: "done", due: "2005-05-13" },
          { ref: "3.5", title: "Produce a summary options appraisal (GPRS, 3G, Wi-Fi)", owners: ["OP"], status: "done", due: "2005-05-20" },
          { ref: "3.6", title: "Test the proof of concept", owners: ["OP"], status: "done", due: "2005-05-31", completed: "2005-06-10", notes: [["2005-06-10", "3G link held up under a full day's caseload; proof of concept signed off ten days late."]] },
          { ref: "3.7", title: "Survey volunteers' homes for signal and space", owners: ["OP", "TA"], status: "done", due: "2005-06-17" },
        ],
      },
      {
        name: "Pilot",
        start: "2005-06-20",
        end: "2005-09-09",
        actions: [
          { ref: "3.8", title: "Produce the full options appraisal report", owners: ["OP"], status: "done", due: "2005-07-01" },
          {
            ref: "3.9",
            title: "Arrange equipment for the volunteers",
            owners: ["OP"],
            status: "in_progress",
            percent: 30,
            due: "2005-06-24",
            slips: [
              ["2005-06-20", "2005-07-01", "Laptop order held for the proof of concept to be signed off"],
              ["2005-06-30", "2005-07-08", "Supplier short of 3G data cards"],
            ],
            notes: [
              ["2005-06-20", "Order raised for eight laptops; waiting for proof of concept sign-off."],
              ["2005-07-15", "Laptops delivered; data cards still on back order with the supplier."],
            ],
          },
          { ref: "3.10", title: "Arrange contracts for staff and suppliers", owners: ["OP", "RK"], due: "2005-08-19" },
          { ref: "3.11", title: "Put the service level agreement for home-worker support in place", owners: ["OP"], due: "2005-09-09" },
        ],
      },
    ],
  },
  {
    ref: "WP4",
    name: "Home-working implementation",
    description: "Bring the other work packages' recommendations together into a plan the council can afford.",
    lead: "CD",
    stages: [
      {
        name: "Consider recommendations and options appraisal",
        start: "2005-08-01",
        end: "2005-09-16",
        actions: [
          { ref: "4.1", title: "Receive the recommendations from the other work packages", owners: ["CD"], start: "2005-07-25", due: "2005-08-12" },
          { ref: "4.2", title: "Assess resource requirements and prepare costed options", owners: ["CD", "PS"], due: "2005-09-02" },
          { ref: "4.3", title: "Consult stakeholders and customers on the options", owners: ["CD", "SO"], due: "2005-09-16" },
        ],
      },
      {
        name: "Formulate implementation plans",
        start: "2005-09-19",
        end: "2005-10-21",
        actions: [
          { ref: "4.4", title: "Identify cashable and non-cashable savings, including accommodation", owners: ["CD"], due: "2005-10-07" },
          { ref: "4.5", title: "Draft a recruitment and selection strategy for home-based posts", owners: ["RK"], due: "2005-10-14" },
          { ref: "4.6", title: "Develop the implementation action plan and post-project recommendations", owners: ["CD"], due: "2005-10-21" },
          { ref: "4.7", title: "Test whether customer satisfaction has improved", owners: ["CD"], due: "2005-10-21" },
        ],
      },
      {
        name: "Implement",
        note: "tba",
        actions: [{ ref: "4.8", title: "Implement the approved recommendations", owners: ["CD"] }],
      },
    ],
  },
];

const MILESTONES = [
  { name: "Decision on funding application", target: "2005-04-15", achieved: "2005-04-15" },
  { name: "Project plan approved", target: "2005-05-15", achieved: "2005-05-13" },
  { name: "IT proof of concept", target: "2005-05-31", achieved: "2005-06-10" },
  { name: "First operational home-worker", target: "2005-06-30" },
  { name: "All home-workers operational", target: "2005-10-31" },
] as const;

export function seedHomeWorkingPilot(tx: Conn, ctx: DemoContext, programmeId: number) {
  const shift = dateShifter(HOME_WORKING_ANCHOR, ctx.today);
  const p = ctx.people;
  const project = createProject(tx, {
    programmeId,
    slug: "home-working-pilot",
    name: "Benefits home-working pilot",
    purpose:
      "Test whether benefits staff who work from home can have a better work/life balance while the council gains productivity. " +
      "Targets: at least 15% more output from home-based assessors at the same quality, better retention and recruitment, " +
      "lower sickness absence, less office space, and proof that mobile connections are fast and reliable enough. " +
      "If it works, the service adopts a wider home-working strategy.",
    status: "active",
    managerPersonId: p.PS!.id,
    startDate: shift("2005-03-14"),
    endDate: shift("2005-12-16"),
    timeToleranceDays: 30,
    costTolerancePercent: 10,
  });
  addRole(tx, project.id, p.PS!.id, "manager");
  for (const key of ["BT", "RK", "OP", "CD", "TA"]) addRole(tx, project.id, p[key]!.id, "contributor");
  for (const key of ["HW", "SM", "LB"]) addRole(tx, project.id, p[key]!.id, "board_member");
  addRole(tx, project.id, p.SO!.id, "consultee");
  addRole(tx, project.id, p.JE!.id, "reader");
  createBoard(tx, { projectId: project.id, name: "Home-working pilot project board", decisionRule: "majority" }, [p.SM!.id, p.HW!.id, p.LB!.id]);

  const actions: Record<string, { id: number }> = {};
  const wps: Record<string, { id: number }> = {};
  WORK_PACKAGES.forEach((wp, i) => {
    const workPackage = createWorkPackage(tx, project.id, { ref: wp.ref, name: wp.name, description: wp.description, leadPersonId: p[wp.lead]!.id, position: i + 1 });
    wps[wp.ref] = workPackage;
    wp.stages.forEach((st, j) => {
      const stage = createStage(tx, workPackage.id, {
        name: st.name,
        position: j + 1,
        plannedStart: st.start ? shift(st.start) : null,
        plannedEnd: st.end ? shift(st.end) : null,
        datesNote: st.note ?? "",
      });
      Object.assign(
        actions,
        buildActions(tx, ctx, shift, { projectId: project.id, workPackageId: workPackage.id, stageId: stage.id, fallbackAuthorId: p.PS!.id }, st.actions),
      );
    });
  });
  // Three work packages feed into the fourth.
  for (const from of ["WP1", "WP2", "WP3"]) linkWorkPackages(tx, wps[from]!.id, wps.WP4!.id);

  const milestones: Record<string, { id: number }> = {};
  for (const m of MILESTONES) {
    milestones[m.name] = createMilestone(tx, project.id, {
      name: m.name,
      targetDate: shift(m.target),
      achievedDate: "achieved" in m ? shift(m.achieved) : null,
    });
  }

  const dep = (pred: string, succ: string) => addDependency(tx, { actionId: actions[pred]!.id }, { actionId: actions[succ]!.id });
  dep("3.6", "3.8");
  dep("3.9", "2.12"); // the three-link chain across work packages: 3.9 -> 2.12 -> 2.13 -> 4.1
  dep("2.12", "2.13");
  dep("2.13", "4.1");
  dep("2.8", "2.14");
  dep("1.10", "4.2");
  addDependency(tx, { actionId: actions["3.6"]!.id }, { milestoneId: milestones["IT proof of concept"]!.id });
  addDependency(tx, { actionId: actions["3.9"]!.id }, { milestoneId: milestones["First operational home-worker"]!.id });
  addDependency(tx, { actionId: actions["2.13"]!.id }, { milestoneId: milestones["All home-workers operational"]!.id });
  return project;
}
