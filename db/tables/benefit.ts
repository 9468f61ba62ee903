// Benefits (KPIs) and the business case of a project. Flags, RAG, totals, payback and write-off are
// computed in app/modules/benefit/*.ts, never stored. Actuals and spend are append-only: a
// correction is a new row naming the one it corrects (triggers in the migration refuse UPDATE and
// DELETE), so the history of what was reported when stays readable.
import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organisations, people, projects } from "../schema";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const BENEFIT_UNITS = ["percent", "days", "gbp", "count"] as const;
export const BENEFIT_DIRECTIONS = ["higher", "lower"] as const;
export const BENEFIT_FREQUENCIES = ["monthly", "quarterly", "annually"] as const;
export type BenefitUnit = (typeof BENEFIT_UNITS)[number];
export type BenefitDirection = (typeof BENEFIT_DIRECTIONS)[number];
export type BenefitFrequency = (typeof BENEFIT_FREQUENCIES)[number];

export const benefits = sqliteTable(
  "benefits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    unit: text("unit", { enum: BENEFIT_UNITS }).notNull(),
    direction: text("direction", { enum: BENEFIT_DIRECTIONS }).notNull(),
    ownerPersonId: integer("owner_person_id").references(() => people.id),
    frequency: text("frequency", { enum: BENEFIT_FREQUENCIES }).notNull().default("quarterly"),
    source: text("source").notNull().default(""),
    /** How far (in the benefit's unit) an actual may miss its target before it is "off target". */
    tolerance: real("tolerance").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("benefits_name_unique").on(t.projectId, t.name), check("benefits_tolerance", sql`${t.tolerance} >= 0`)],
);

/**
 * One series of a benefit: the whole project (organisation null, "joint") or one partner council.
 * Holds the baseline; targets and actuals hang off it.
 */
export const benefitSeries = sqliteTable(
  "benefit_series",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    benefitId: integer("benefit_id")
      .notNull()
      .references(() => benefits.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").references(() => organisations.id),
    baselineValue: real("baseline_value"),
    baselineDate: text("baseline_date"),
    /** How the baseline period was written, e.g. "2010/11" or "April 2004". */
    baselineLabel: text("baseline_label").notNull().default(""),
  },
  // One series per benefit and organisation: SQLite treats NULLs as distinct, so the unique index is
  // on coalesce(organisation_id, 0), hand-written in the migration.
  (t) => [index("benefit_series_benefit_idx").on(t.benefitId)],
);

/** A target for one period: a financial year "2011/12" (1 Apr 2011 to 31 Mar 2012). */
export const benefitTargets = sqliteTable(
  "benefit_targets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => benefitSeries.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    value: real("value").notNull(),
  },
  (t) => [uniqueIndex("benefit_targets_unique").on(t.seriesId, t.period)],
);

/** What was measured, on a date, for one series. Append-only; `correctsId` marks a correction. */
export const benefitActuals = sqliteTable(
  "benefit_actuals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => benefitSeries.id, { onDelete: "cascade" }),
    /** The date the value stands for (the end of the period measured). */
    measuredOn: text("measured_on").notNull(),
    value: real("value").notNull(),
    comment: text("comment").notNull().default(""),
    correctsId: integer("corrects_id"),
    enteredByPersonId: integer("entered_by_person_id").references(() => people.id),
    enteredAt: text("entered_at").notNull().default(now),
  },
  (t) => [index("benefit_actuals_series_idx").on(t.seriesId, t.measuredOn)],
);

export const BUSINESS_CASE_STATUSES = ["draft", "approved", "superseded"] as const;
export type BusinessCaseStatus = (typeof BUSINESS_CASE_STATUSES)[number];

/** One version of a project's business case. Figures are in pounds. */
export const businessCases = sqliteTable(
  "business_cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    version: integer("version").notNull(),
    status: text("status", { enum: BUSINESS_CASE_STATUSES }).notNull().default("draft"),
    summary: text("summary").notNull().default(""),
    contingency: real("contingency").notNull().default(0),
    /** Percent a year, for the optional net present value. */
    discountRate: real("discount_rate"),
    /** JSON [{ organisationId, share }] with shares in percent adding to 100; empty: not split. */
    partnerSplit: text("partner_split").notNull().default("[]"),
    approvedOn: text("approved_on"),
    approvedAt: text("approved_at"),
    createdByPersonId: integer("created_by_person_id").references(() => people.id),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("business_cases_version_unique").on(t.projectId, t.version),
    check("business_cases_approved_has_date", sql`${t.status} = 'draft' or ${t.approvedOn} is not null`),
  ],
);

export const BUSINESS_CASE_LINE_KINDS = ["one_off", "current_cost", "future_cost", "saving", "income"] as const;
export type BusinessCaseLineKind = (typeof BUSINESS_CASE_LINE_KINDS)[number];

/** One figure of a business case: a category's amount in one financial year. */
export const businessCaseLines = sqliteTable(
  "business_case_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    businessCaseId: integer("business_case_id")
      .notNull()
      .references(() => businessCases.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: BUSINESS_CASE_LINE_KINDS }).notNull(),
    category: text("category").notNull(),
    period: text("period").notNull(),
    amount: real("amount").notNull(),
    /** Borne wholly by one partner; null: split by the case's ratio. */
    organisationId: integer("organisation_id").references(() => organisations.id),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("business_case_lines_case_idx").on(t.businessCaseId)],
);

/** Actual one-off spend per financial year, compared with the approved case. Append-only: the latest entry for a year counts. */
export const businessCaseSpend = sqliteTable(
  "business_case_spend",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    period: text("period").notNull(),
    amount: real("amount").notNull(),
    note: text("note").notNull().default(""),
    enteredByPersonId: integer("entered_by_person_id").references(() => people.id),
    enteredAt: text("entered_at").notNull().default(now),
  },
  (t) => [index("business_case_spend_project_idx").on(t.projectId, t.period)],
);
