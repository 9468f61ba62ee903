// Benefits and the business case in the demo.
//
// rb-partnership carries the KPIs of references 003/004 per council (Stowford plays Sevenoaks,
// Dunmore plays Dartford): baselines from 2008/09-2010/11, targets for 2011/12-2013/14. Financial
// years move by whole years (not days, so they stay April to March) so that today falls in the
// second target year ("2012/13"); recent quarterly figures sit a fixed number of days before today.
// As of today:
// - off target: council tax collected (Dunmore), direct debit (both), new claims days (Dunmore),
//   correspondence (Stowford)
// - trend worsening: direct debit (Stowford), council tax (Dunmore), correspondence (Stowford)
// - measurement due: new claims days (Dunmore, last figure 130 days ago)
// - within tolerance (amber): changes of circumstances (Dunmore)
// - business case v1 approved with the reference's figures (payback 1.67 years); spend in the
//   first target year is 12% over its one-off costs against a 10% tolerance: cost tolerance exceeded
//
// home-working-pilot carries the key outcomes of reference 000 (dates shift by days with the
// pilot's anchor, as the rest of it): productivity is off target, sickness absence on target,
// retention and accommodation cost have baselines and targets but no figures yet.
import { eq } from "drizzle-orm";
import { benefitActuals, benefits, benefitSeries, benefitTargets, businessCaseLines, businessCases, businessCaseSpend, organisations, people, projects } from "#db/schema";
import type { Conn } from "~/db.server";
import { financialYear, financialYearOf, parseFinancialYear } from "~/modules/benefit/periods";
import { addDays } from "~/utils/dates";
import { partnershipCaseLines, REFERENCE_CONTINGENCY } from "./business-case-data";
import { dateShifter, fmt } from "./dates";
import { HOME_WORKING_ANCHOR } from "./demo-home-working";

type Unit = "percent" | "days" | "gbp" | "count";
interface SeriesSeed {
  org: "SDC" | "DBC" | null;
  baseline: [number, string, string] | null; // value, date, label
  targets: Array<[string, number]>;
  actuals: Array<[string, number, string?]>; // date, value, comment
}
interface BenefitSeed {
  name: string;
  description: string;
  unit: Unit;
  direction: "higher" | "lower";
  frequency: "monthly" | "quarterly" | "annually";
  tolerance: number;
  source: string;
  owner: string | null;
  series: SeriesSeed[];
}

function insertBenefit(tx: Conn, projectId: number, orgs: Record<string, number>, ownerIds: Record<string, number>, b: BenefitSeed, enteredBy: number | null) {
  const row = tx
    .insert(benefits)
    .values({ projectId, name: b.name, description: b.description, unit: b.unit, direction: b.direction, frequency: b.frequency, tolerance: b.tolerance, source: b.source, ownerPersonId: b.owner ? ownerIds[b.owner] ?? null : null })
    .returning()
    .get();
  for (const s of b.series) {
    const series = tx
      .insert(benefitSeries)
      .values({ benefitId: row.id, organisationId: s.org ? orgs[s.org] : null, baselineValue: s.baseline?.[0] ?? null, baselineDate: s.baseline?.[1] ?? null, baselineLabel: s.baseline?.[2] ?? "" })
      .returning()
      .get();
    for (const [label, value] of s.targets) {
      const p = parseFinancialYear(label)!;
      tx.insert(benefitTargets).values({ seriesId: series.id, period: p.label, startDate: p.start, endDate: p.end, value }).run();
    }
    for (const [measuredOn, value, comment] of s.actuals) tx.insert(benefitActuals).values({ seriesId: series.id, measuredOn, value, comment: comment ?? "", enteredByPersonId: enteredBy }).run();
  }
}

export function seedBenefits(tx: Conn, { today }: { today: string }) {
  const orgs = Object.fromEntries(tx.select({ id: organisations.id, code: organisations.code }).from(organisations).all().map((o) => [o.code, o.id]));
  const byEmail = (email: string) => tx.select({ id: people.id }).from(people).where(eq(people.email, email)).get()?.id ?? null;
  const owners: Record<string, number> = {};
  for (const [key, email] of [
    ["DP", "partner@waymark.test"],
    ["NH", "neil.hargreaves@dunmore.example"],
    ["CD", "claire.dunn@stowford.example"],
    ["PS", "manager@waymark.test"],
    ["MH", "mona.haddad@stowford.example"],
  ] as const) {
    const id = byEmail(email);
    if (id !== null) owners[key] = id;
  }
  const project = (slug: string) => tx.select().from(projects).where(eq(projects.slug, slug)).get();

  const partnership = project("rb-partnership");
  if (partnership) seedPartnershipBenefits(tx, partnership.id, orgs, owners, today);
  const pilot = project("home-working-pilot");
  if (pilot) seedPilotBenefits(tx, pilot.id, orgs, owners, today);
}

function seedPartnershipBenefits(tx: Conn, projectId: number, orgs: Record<string, number>, owners: Record<string, number>, today: string) {
  // Today sits in the demo's "2012/13": every year label and year-end moves by k years.
  const k = Number(financialYearOf(today).label.slice(0, 4)) - 2012;
  const fy = (start: number) => financialYear(start + k).label;
  const yearEnd = (start: number) => financialYear(start + k).end;
  const ago = (days: number) => addDays(today, -days);
  const history = (values: [number, number, number]): Array<[string, number, string?]> => [
    [yearEnd(2008), values[0], "Year-end figure"],
    [yearEnd(2009), values[1], "Year-end figure"],
    [yearEnd(2010), values[2], "Year-end figure"],
  ];
  const baseline = (value: number): [number, string, string] => [value, yearEnd(2010), fy(2010)];
  const targets = (a: number, b: number, c: number): Array<[string, number]> => [
    [fy(2011), a],
    [fy(2012), b],
    [fy(2013), c],
  ];
  const seeds: BenefitSeed[] = [
    {
      name: "Council tax collected in year",
      description: "Share of the council tax due in the year that is collected in that year. The councils' rates differ with their demographics.",
      unit: "percent",
      direction: "higher",
      frequency: "annually",
      tolerance: 0.1,
      source: "Revenues system, year-end collection report",
      owner: "NH",
      series: [
        { org: "DBC", baseline: baseline(97.4), targets: targets(97.7, 97.8, 97.9), actuals: [...history([97.5, 97.5, 97.4]), [yearEnd(2011), 97.3, "Year-end figure"]] },
        { org: "SDC", baseline: baseline(98.6), targets: targets(98.6, 98.6, 98.6), actuals: [...history([98.6, 98.3, 98.6]), [yearEnd(2011), 98.7, "Year-end figure"]] },
      ],
    },
    {
      name: "Business rates collected in year",
      description: "Share of the business rates due in the year that is collected in that year.",
      unit: "percent",
      direction: "higher",
      frequency: "annually",
      tolerance: 0.1,
      source: "Revenues system, year-end collection report",
      owner: "NH",
      series: [
        { org: "DBC", baseline: baseline(98.1), targets: targets(98, 98.5, 99), actuals: [...history([98.0, 97.1, 98.1]), [yearEnd(2011), 98.2, "Year-end figure"]] },
        { org: "SDC", baseline: baseline(98.4), targets: targets(98, 98.5, 99), actuals: [...history([98.5, 97.7, 98.4]), [yearEnd(2011), 98.3, "Year-end figure"]] },
      ],
    },
    {
      name: "Council tax payers on direct debit",
      description: "Share of council tax payers with a balance to pay who pay by direct debit.",
      unit: "percent",
      direction: "higher",
      frequency: "quarterly",
      tolerance: 0.5,
      source: "Revenues system, payment method count",
      owner: "CD",
      series: [
        { org: "DBC", baseline: baseline(62.9), targets: targets(70, 71, 72), actuals: [...history([61.0, 61.6, 62.9]), [yearEnd(2011), 66.0, "Year-end figure"], [ago(10), 67.5, "Quarter-end figure"]] },
        {
          org: "SDC",
          baseline: baseline(68.8),
          targets: targets(70, 71, 72),
          actuals: [...history([66.9, 67.2, 68.8]), [yearEnd(2011), 70.4, "Year-end figure"], [ago(70), 70.1, "Quarter-end figure"], [ago(10), 69.8, "Quarter-end figure"]],
        },
      ],
    },
    {
      name: "Days to process new benefit claims",
      description: "Average number of days from a new housing or council tax benefit claim to its decision.",
      unit: "days",
      direction: "lower",
      frequency: "quarterly",
      tolerance: 1,
      source: "Benefits system, DWP statistics return",
      owner: "CD",
      series: [
        { org: "DBC", baseline: baseline(25.76), targets: targets(23, 22, 21), actuals: [...history([38, 42.42, 25.76]), [yearEnd(2011), 24.4, "Year-end figure"], [ago(130), 24.1, "Quarter-end figure"]] },
        { org: "SDC", baseline: baseline(27.17), targets: targets(23, 22, 21), actuals: [...history([25.83, 22.08, 27.17]), [yearEnd(2011), 21.5, "Year-end figure"], [ago(100), 21.0, "Quarter-end figure"], [ago(10), 20.5, "Quarter-end figure"]] },
      ],
    },
    {
      name: "Days to process changes of circumstances",
      description: "Average number of days to act on a change in a benefit claimant's circumstances.",
      unit: "days",
      direction: "lower",
      frequency: "quarterly",
      tolerance: 0.5,
      source: "Benefits system, DWP statistics return",
      owner: "CD",
      series: [
        { org: "DBC", baseline: baseline(11), targets: targets(10, 10, 10), actuals: [...history([21, 22, 11]), [yearEnd(2011), 10.2, "Year-end figure"], [ago(10), 10.4, "Quarter-end figure"]] },
        { org: "SDC", baseline: baseline(8), targets: targets(10, 10, 10), actuals: [...history([10, 7, 8]), [yearEnd(2011), 8.5, "Year-end figure"], [ago(10), 8.2, "Quarter-end figure"]] },
      ],
    },
    {
      name: "Correspondence dealt with within 7 working days",
      description: "Share of revenues correspondence actioned within seven working days of arriving.",
      unit: "percent",
      direction: "higher",
      frequency: "quarterly",
      tolerance: 1,
      source: "Document management system, work queue report",
      owner: "DP",
      series: [
        { org: "DBC", baseline: baseline(99.6), targets: targets(95, 95, 95), actuals: [...history([100, 100, 99.6]), [yearEnd(2011), 97.0, "Year-end figure"], [ago(10), 96.1, "Quarter-end figure"]] },
        { org: "SDC", baseline: baseline(99), targets: targets(95, 95, 95), actuals: [...history([74, 80, 99]), [yearEnd(2011), 95.5, "Year-end figure"], [ago(10), 93.0, "Quarter-end figure"]] },
      ],
    },
  ];
  for (const b of seeds) insertBenefit(tx, projectId, orgs, owners, b, owners.DP ?? null);

  // The business case of reference 004, approved by the officer partnership board before the first target year.
  const relabel = (label: string) => financialYear(Number(label.slice(0, 4)) + k).label;
  const bc = tx
    .insert(businessCases)
    .values({
      projectId,
      version: 1,
      status: "approved",
      summary: "Five-year case for the shared service, from the first year of full savings. Costs at current prices; staffing with on-costs of 25%.",
      contingency: REFERENCE_CONTINGENCY,
      discountRate: 3.5,
      partnerSplit: JSON.stringify([
        { organisationId: orgs.SDC, share: 50 },
        { organisationId: orgs.DBC, share: 50 },
      ]),
      approvedOn: `${2010 + k}-07-15`,
      approvedAt: "Officer partnership board",
      createdByPersonId: owners.DP ?? null,
    })
    .returning()
    .get();
  partnershipCaseLines(relabel).forEach((l, position) => tx.insert(businessCaseLines).values({ ...l, businessCaseId: bc.id, position }).run());
  for (const [start, amount, note] of [
    [2010, 445_000, "Redundancy provision slightly higher than planned"],
    [2011, 262_000, "Extra travel and backfilling during the move to one site"],
  ] as const)
    tx.insert(businessCaseSpend).values({ projectId, period: fy(start), amount, note, enteredByPersonId: owners.DP ?? null }).run();
  tx.update(projects).set({ costTolerancePercent: 10 }).where(eq(projects.id, projectId)).run();
}

function seedPilotBenefits(tx: Conn, projectId: number, orgs: Record<string, number>, owners: Record<string, number>, today: string) {
  const shift = dateShifter(HOME_WORKING_ANCHOR, today);
  const thisYear = financialYearOf(today).label;
  const nextYear = financialYear(Number(thisYear.slice(0, 4)) + 1).label;
  // The pilot's dates move by days, so the document's "2004/05" and "April 2005" would name the
  // wrong year and month: the labels say the shifted period instead.
  const yearBefore = `Year to ${fmt.dMonthYYYY(shift("2005-03-31"))}`;
  const seeds: BenefitSeed[] = [
    {
      name: "Productivity of home-based assessors",
      description: "Claims assessed per assessor-day by home-based staff, as a change on the month before the pilot. The pilot aims for at least 15% more, with quality kept.",
      unit: "percent",
      direction: "higher",
      frequency: "monthly",
      tolerance: 2,
      source: "Benefits system, assessor output report",
      owner: "PS",
      series: [{ org: null, baseline: [0, shift("2005-04-30"), `Month to ${fmt.dMonthYYYY(shift("2005-04-30"))}`], targets: [[thisYear, 15]], actuals: [[shift("2005-06-30"), 6, "First home-worker's first weeks"]] }],
    },
    {
      name: "Sickness absence",
      description: "Working days lost to sickness per assessment officer a year.",
      unit: "days",
      direction: "lower",
      frequency: "quarterly",
      tolerance: 0.3,
      source: "HR system",
      owner: "MH",
      series: [{ org: null, baseline: [9.8, shift("2005-03-31"), yearBefore], targets: [[thisYear, 8.5]], actuals: [[shift("2005-06-30"), 8.4, "First quarter"]] }],
    },
    {
      name: "Staff retention",
      description: "Share of assessment staff still in post after twelve months.",
      unit: "percent",
      direction: "higher",
      frequency: "annually",
      tolerance: 1,
      source: "HR system",
      owner: "MH",
      series: [{ org: null, baseline: [82, shift("2005-03-31"), yearBefore], targets: [[thisYear, 88]], actuals: [] }],
    },
    {
      name: "Civic Centre accommodation cost",
      description: "Yearly cost of the office space the benefits team uses at the Civic Centre.",
      unit: "gbp",
      direction: "lower",
      frequency: "annually",
      tolerance: 0,
      source: "Property services recharge",
      owner: "PS",
      series: [{ org: null, baseline: [120_000, shift("2005-03-31"), yearBefore], targets: [[nextYear, 100_000]], actuals: [] }],
    },
  ];
  for (const b of seeds) insertBenefit(tx, projectId, orgs, owners, b, owners.PS ?? null);
}
