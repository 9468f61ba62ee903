// The partnership's risk register (reference 004, section 13.1): its 19 risks on the document's
// 1-3 scale, in our own words. The document's L and I are the residual scores (after the
// strategy); inherent scores are our estimate of the position before it. Dates move with the
// partnership's shift (1 Jun 2010 becomes today). As of today:
// - reviews due (next review passed): 1, 8, 12, 16
// - closed with a date and note: 5, 7
// - high band (6) with no open linked action: 12, 13, 14, 17, 19; 16 has an open linked action
// - linked action overdue: 1 (communications plan, action P3.1)
// - unscored: 18 (the document gives no scores)
// - score history with reviews: 1, 12, 16 (trend falling)
import { eq } from "drizzle-orm";
import { people, projects, riskActions, riskRegisters, riskScoreChanges, risks } from "#db/schema";
import type { Conn } from "~/db.server";
import { DEFAULT_SETTINGS } from "~/modules/risk/scoring";
import { createAction } from "./factories";
import { dateShifter } from "./dates";

const ANCHOR = "2010-06-01";

type Row = {
  ref: string;
  title: string;
  category: string;
  owner: string;
  /** Inherent [L, I], residual [L, I]; null when not scored. */
  inherent: [number, number] | null;
  residual: [number, number] | null;
  response: "reduce" | "accept" | "avoid" | "fallback";
  strategy: string;
  outstanding: string;
  nextReview: string;
};

const HW = "board@waymark.test";
const DP = "partner@waymark.test";
const AR = "anita.rao@stowford.example";
const GF = "graham.fielding@dunmore.example";
const NH = "neil.hargreaves@dunmore.example";
const RK = "rachel.kemp@stowford.example";
const LB = "lorna.baxter@stowford.example";

const ROWS: Row[] = [
  { ref: "1", title: "No clear vision or big picture for the partnership", category: "Leadership", owner: HW, inherent: [3, 2], residual: [2, 2], response: "reduce", strategy: "Senior managers who can build a persuasive vision lead the change; stakeholder interests were mapped in phase one; proposals stay flexible for changes in national policy.", outstanding: "Write and use a communications plan so the big picture reaches everyone; plan for the partnership growing to four councils (ICT, HR, legal, finance).", nextReview: "2010-05-21" },
  { ref: "2", title: "Damage to either council's reputation", category: "Reputation", owner: GF, inherent: [2, 3], residual: [2, 2], response: "reduce", strategy: "Baseline costs and performance were agreed by the managers who run the services; the board challenges regularly and problems are tackled quickly, backed by regular communication.", outstanding: "Phase three to cover change management; consider apprentices; money set aside for backfilling roles; business continuity planning.", nextReview: "2010-06-25" },
  { ref: "3", title: "Savings are overestimated and promised too early", category: "Finance", owner: AR, inherent: [2, 3], residual: [1, 2], response: "reduce", strategy: "Savings were worked out by senior finance officers with independent scrutiny, paying particular attention to staff transfer costs.", outstanding: "Refine the costings during implementation; consider one accountant owning the joint accounts.", nextReview: "2010-07-02" },
  { ref: "4", title: "Top management stops backing the project", category: "Leadership", owner: HW, inherent: [2, 3], residual: [1, 3], response: "reduce", strategy: "Chief executives and directors have been involved from the start and share the partners' outlook and values.", outstanding: "Keep chief executives involved and review as the project goes on.", nextReview: "2010-06-25" },
  { ref: "5", title: "Those governing the change pull in different directions", category: "Governance", owner: DP, inherent: [3, 2], residual: [2, 2], response: "reduce", strategy: "Open consultation with every stakeholder group at the outset; concerns fed into the proposal; a communications plan to keep trust high.", outstanding: "Communications plan created and in use.", nextReview: "2010-06-25" },
  { ref: "6", title: "The councils fail to collaborate across departments", category: "Governance", owner: NH, inherent: [2, 2], residual: [1, 2], response: "reduce", strategy: "Service managers design the shared arrangements together; clear standards, targets and ways of raising concerns come with implementation.", outstanding: "Refine targets and standards further.", nextReview: "2010-07-02" },
  { ref: "7", title: "The extra complexity of shared services is not understood", category: "Governance", owner: GF, inherent: [2, 2], residual: [1, 2], response: "reduce", strategy: "Early engagement set out what each council wants from the partnership; phase two listed the constraints the governance arrangements must handle.", outstanding: "Finalise and approve the governance agreement.", nextReview: "2010-06-25" },
  { ref: "8", title: "Poor communication between the partners", category: "Communication", owner: DP, inherent: [3, 2], residual: [2, 2], response: "reduce", strategy: "A board of senior officers from both councils, and a full communications plan drawn up with both councils' communications advisers.", outstanding: "Keep senior relationships close; consider bringing the two leaders together.", nextReview: "2010-05-28" },
  { ref: "9", title: "Customers expect different things from each council's service", category: "Customers", owner: NH, inherent: [3, 2], residual: [2, 2], response: "reduce", strategy: "Phase two set out the shared service's standards; customers will get one consistent message about what changes.", outstanding: "Create an external communications plan.", nextReview: "2010-06-25" },
  { ref: "10", title: "The skills and experience to make the change are not available", category: "People", owner: HW, inherent: [2, 3], residual: [1, 3], response: "reduce", strategy: "Experienced consultants and staff with the right skills have been involved from the start, led by people with authority to resolve problems.", outstanding: "Consider appointing a project manager to drive and monitor progress.", nextReview: "2010-07-02" },
  { ref: "11", title: "Business processes and service delivery are not well understood", category: "Operations", owner: NH, inherent: [2, 3], residual: [1, 3], response: "reduce", strategy: "The current position of both services has been studied in detail, and both services' managers agreed the standards the new processes will be built on.", outstanding: "", nextReview: "2010-07-02" },
  { ref: "12", title: "Staff and other stakeholders resist the change", category: "People", owner: RK, inherent: [3, 3], residual: [2, 3], response: "reduce", strategy: "Every stakeholder group has been involved; plans will deal with conflicts as they arise.", outstanding: "Consider a force-field analysis session.", nextReview: "2010-05-24" },
  { ref: "13", title: "Staff see the change as a threat to their jobs and careers", category: "People", owner: RK, inherent: [3, 3], residual: [2, 3], response: "reduce", strategy: "The outline structure allows for variety and progression; the benefits will be explained and negative perceptions addressed.", outstanding: "Keep resolving and informing at pace.", nextReview: "2010-06-18" },
  { ref: "14", title: "Redeployment and redundancy are not dealt with early enough", category: "People", owner: RK, inherent: [3, 3], residual: [2, 3], response: "reduce", strategy: "Phase two set out the likely redeployment and redundancy issues; staff will be told how decisions will be made.", outstanding: "Hold vacancies and keep providing information.", nextReview: "2010-06-18" },
  { ref: "15", title: "The teams left behind in each council are overlooked", category: "People", owner: DP, inherent: [2, 3], residual: [2, 2], response: "reduce", strategy: "Everyone affected directly or indirectly (ICT, customer services) is kept informed; effects on their roles are handled in implementation.", outstanding: "", nextReview: "2010-06-25" },
  { ref: "16", title: "Different terms and conditions make common working practices hard", category: "People", owner: AR, inherent: [3, 3], residual: [2, 3], response: "reduce", strategy: "Staff stay with their current employer for two years, giving time to resolve the differences.", outstanding: "Meet HR to find a solution: the board sees this as a major blocker.", nextReview: "2010-05-30" },
  { ref: "17", title: "Old, fragmented systems are hard to join to new ICT", category: "Technology", owner: LB, inherent: [3, 3], residual: [2, 3], response: "reduce", strategy: "ICT options were explored with both councils' ICT managers and a way forward agreed, with costs shared under the governance agreement.", outstanding: "Consider what ICT a future expansion would need.", nextReview: "2010-06-11" },
  { ref: "18", title: "Coming national benefit reforms could change how the service works", category: "External", owner: HW, inherent: null, residual: null, response: "accept", strategy: "Government is considering benefit reform to make savings, which could change how benefits are delivered.", outstanding: "Review the governance with the reforms in mind.", nextReview: "2010-06-25" },
  { ref: "19", title: "Cost cutting leaves ICT that does not enable the change", category: "Technology", owner: LB, inherent: [3, 3], residual: [2, 3], response: "reduce", strategy: "Covered by the technical work: the infrastructure needed for collaboration was identified and the most suitable model costed.", outstanding: "Keep the proposals under review.", nextReview: "2010-06-25" },
];

const CLOSED: Record<string, { date: string; note: string }> = {
  "5": { date: "2010-05-28", note: "Both councils signed up to the shared goals in the feasibility report; the communications plan is in use." },
  "7": { date: "2010-05-28", note: "Governance agreement approved by both councils with the feasibility report." },
};

/** Earlier reviews: [ref, review date, residual L, residual I before the latest scores, note]. */
const REVIEWS: Array<[string, string, [number, number], string]> = [
  ["1", "2010-04-23", [2, 3], "Vision shared at both management teams; impact now lower."],
  ["12", "2010-04-30", [3, 3], "Staff briefings held at both sites."],
  ["16", "2010-05-07", [3, 3], "Two-year secondment agreed in principle."],
];

export function seedRisks(tx: Conn, { today }: { today: string }) {
  const shift = dateShifter(ANCHOR, today);
  const project = tx.select().from(projects).where(eq(projects.slug, "rb-partnership")).get();
  if (!project) throw new Error("seedRisks: project rb-partnership must be seeded first");
  const personId = (email: string) => tx.select({ id: people.id }).from(people).where(eq(people.email, email)).get()?.id ?? null;
  const manager = personId(DP);
  const s = DEFAULT_SETTINGS[3];
  const register = tx
    .insert(riskRegisters)
    .values({ projectId: project.id, scale: 3, likelihoodLabels: JSON.stringify(s.likelihoodLabels), impactLabels: JSON.stringify(s.impactLabels), mediumFrom: s.mediumFrom, highFrom: s.highFrom })
    .returning()
    .get();

  // Mitigation actions in the partnership's plan that risks link to.
  const comms = createAction(tx, project.id, { ref: "P3.1", title: "Write and publish the partnership communications plan", dueDate: shift("2010-05-14"), status: "in_progress", ownerPersonIds: [manager].filter((id): id is number => id !== null) });
  const terms = createAction(tx, project.id, { ref: "P3.2", title: "Agree with HR how to harmonise terms and conditions", dueDate: shift("2010-06-30"), status: "not_started", ownerPersonIds: [personId(AR)].filter((id): id is number => id !== null) });

  const raised = shift("2010-03-12");
  const byRef = new Map<string, number>();
  for (const r of ROWS) {
    const closed = CLOSED[r.ref];
    const scores = {
      inherentLikelihood: r.inherent?.[0] ?? null,
      inherentImpact: r.inherent?.[1] ?? null,
      residualLikelihood: r.residual?.[0] ?? null,
      residualImpact: r.residual?.[1] ?? null,
    };
    const reviews = REVIEWS.filter(([ref]) => ref === r.ref);
    const row = tx
      .insert(risks)
      .values({
        registerId: register.id,
        ref: r.ref,
        title: r.title,
        category: r.category,
        kind: "threat",
        ownerPersonId: personId(r.owner),
        actioneePersonId: manager,
        ...scores,
        proximityText: r.category === "People" ? "during phase 3" : "",
        proximityDate: r.category === "Technology" ? shift("2010-10-01") : null,
        response: r.response,
        strategy: r.strategy,
        actionsOutstanding: r.outstanding,
        status: closed ? "closed" : "open",
        dateClosed: closed ? shift(closed.date) : null,
        closingNote: closed?.note ?? null,
        nextReviewDate: closed ? null : shift(r.nextReview),
        lastReviewedDate: reviews.length ? shift("2010-05-14") : null,
      })
      .returning()
      .get();
    byRef.set(r.ref, row.id);
    const history = { riskId: row.id, changedByPersonId: manager };
    if (reviews.length) {
      for (const [, date, [l, i], note] of reviews) {
        tx.insert(riskScoreChanges).values({ ...history, ...scores, residualLikelihood: r.inherent?.[0] ?? null, residualImpact: r.inherent?.[1] ?? null, effectiveDate: raised, reason: "raised" }).run();
        tx.insert(riskScoreChanges).values({ ...history, ...scores, residualLikelihood: l, residualImpact: i, effectiveDate: shift(date), reason: "review", note }).run();
      }
      tx.insert(riskScoreChanges).values({ ...history, ...scores, effectiveDate: shift("2010-05-14"), reason: "review", note: "Reviewed by the core group." }).run();
    } else {
      tx.insert(riskScoreChanges).values({ ...history, ...scores, effectiveDate: raised, reason: "raised" }).run();
    }
  }
  tx.insert(riskActions).values({ riskId: byRef.get("1")!, actionId: comms.id }).run();
  tx.insert(riskActions).values({ riskId: byRef.get("8")!, actionId: comms.id }).run();
  tx.insert(riskActions).values({ riskId: byRef.get("16")!, actionId: terms.id }).run();
  return { register, riskIds: byRef };
}

// The manager's own projects keep a risk register too (the home-working pilot's PID lists its
// risks; the improvement plan's come from the inspection report), so Priya Shah's projects do not
// open on an empty register. Our own words; dates move with each project's shift.
type SmallRow = { ref: string; title: string; category: string; owner: string; inherent: [number, number]; residual: [number, number]; strategy: string; nextReview: string; closed?: { date: string; note: string } };

const MANAGER = "manager@waymark.test";
const BT = "contributor@waymark.test";
const OP = "owen.pritchard@stowford.example";
const MC = "marian.clegg@stowford.example";

const PROJECT_RISKS: Array<{ slug: string; anchor: string; scale: 3 | 5; raised: string; rows: SmallRow[] }> = [
  {
    slug: "home-working-pilot",
    anchor: "2005-07-25",
    scale: 5,
    raised: "2005-03-01",
    rows: [
      { ref: "HW1", title: "Home-workers feel cut off from their team", category: "People", owner: RK, inherent: [4, 3], residual: [3, 3], strategy: "A weekly team day in the office, a buddy for each home-worker and a monthly one-to-one by video.", nextReview: "2005-08-05" },
      { ref: "HW2", title: "Broadband at some homes is too slow for the benefits system", category: "Technology", owner: OP, inherent: [3, 4], residual: [2, 4], strategy: "Line checks before anyone is accepted for the scheme; a 3G card as the fallback.", nextReview: "2005-07-15" },
      { ref: "HW3", title: "Personal data is seen by others in the home", category: "Information security", owner: LB, inherent: [2, 5], residual: [2, 4], strategy: "Lockable storage, screen locks and a clear-desk rule signed up to in the home-working agreement.", nextReview: "2005-08-26" },
      { ref: "HW4", title: "Processing times rise while home-workers settle in", category: "Performance", owner: BT, inherent: [3, 3], residual: [2, 3], strategy: "Daily output counts for the first month and quality checks on one case in ten.", nextReview: "2005-08-12" },
      { ref: "HW5", title: "The union does not support the pilot", category: "People", owner: MANAGER, inherent: [3, 4], residual: [1, 4], strategy: "The branch was consulted on the policy before it went to the board.", nextReview: "2005-07-01", closed: { date: "2005-06-24", note: "The branch agreed the home-working policy with two changes." } },
    ],
  },
  {
    slug: "benefits-improvement",
    anchor: "2009-01-08",
    scale: 3,
    raised: "2008-10-20",
    rows: [
      { ref: "BI1", title: "Processing times do not improve before the re-inspection", category: "Performance", owner: MC, inherent: [3, 3], residual: [2, 3], strategy: "Weekly performance reports to the board; overtime agreed for backlogs over two weeks.", nextReview: "2009-01-05" },
      { ref: "BI2", title: "Staff leave during the changes and take their experience with them", category: "People", owner: BT, inherent: [2, 3], residual: [2, 2], strategy: "Training plan for every officer; vacancies filled from the agency list within a month.", nextReview: "2009-01-30" },
      { ref: "BI3", title: "The new document-imaging software is late", category: "Technology", owner: OP, inherent: [2, 2], residual: [1, 2], strategy: "Supplier's fixed delivery date in the contract; the paper process stays until the second test run passes.", nextReview: "2009-02-13" },
    ],
  },
];

export function seedManagerRisks(tx: Conn, { today }: { today: string }) {
  const personId = (email: string) => tx.select({ id: people.id }).from(people).where(eq(people.email, email)).get()?.id ?? null;
  const manager = personId(MANAGER);
  for (const p of PROJECT_RISKS) {
    const shift = dateShifter(p.anchor, today);
    const project = tx.select().from(projects).where(eq(projects.slug, p.slug)).get();
    if (!project) throw new Error(`seedManagerRisks: project ${p.slug} must be seeded first`);
    const s = DEFAULT_SETTINGS[p.scale];
    const register = tx
      .insert(riskRegisters)
      .values({ projectId: project.id, scale: p.scale, likelihoodLabels: JSON.stringify(s.likelihoodLabels), impactLabels: JSON.stringify(s.impactLabels), mediumFrom: s.mediumFrom, highFrom: s.highFrom })
      .returning()
      .get();
    for (const r of p.rows) {
      const scores = { inherentLikelihood: r.inherent[0], inherentImpact: r.inherent[1], residualLikelihood: r.residual[0], residualImpact: r.residual[1] };
      const row = tx
        .insert(risks)
        .values({
          registerId: register.id,
          ref: r.ref,
          title: r.title,
          category: r.category,
          kind: "threat",
          ownerPersonId: personId(r.owner),
          actioneePersonId: manager,
          ...scores,
          response: "reduce",
          strategy: r.strategy,
          status: r.closed ? "closed" : "open",
          dateClosed: r.closed ? shift(r.closed.date) : null,
          closingNote: r.closed?.note ?? null,
          nextReviewDate: r.closed ? null : shift(r.nextReview),
        })
        .returning()
        .get();
      tx.insert(riskScoreChanges).values({ riskId: row.id, changedByPersonId: manager, ...scores, effectiveDate: shift(p.raised), reason: "raised" }).run();
    }
  }
}
