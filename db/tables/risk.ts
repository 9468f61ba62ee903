// Risk registers: one per project or per programme, each with its own scoring scale.
// Severity (likelihood x impact) and its band are computed in app/modules/risk/scoring.ts, never stored,
// so changing a register's thresholds re-bands every risk at once.
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { actions, people, programmes, projects } from "../schema";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const riskRegisters = sqliteTable(
  "risk_registers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id").references(() => projects.id),
    programmeId: integer("programme_id").references(() => programmes.id),
    /** Highest level of both likelihood and impact: 3 (as the reference register) or 5. */
    scale: integer("scale").notNull().default(3),
    /** JSON arrays of `scale` labels, lowest level first: ["Low", "Medium", "High"]. */
    likelihoodLabels: text("likelihood_labels").notNull(),
    impactLabels: text("impact_labels").notNull(),
    /** Severity at or above which a risk is medium / high; below mediumFrom it is low. */
    mediumFrom: integer("medium_from").notNull(),
    highFrom: integer("high_from").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("risk_registers_project_unique").on(t.projectId),
    uniqueIndex("risk_registers_programme_unique").on(t.programmeId),
    check("risk_registers_one_owner", sql`(${t.projectId} is null) <> (${t.programmeId} is null)`),
    check("risk_registers_scale", sql`${t.scale} in (3, 5)`),
    check("risk_registers_bands", sql`${t.mediumFrom} >= 1 and ${t.highFrom} > ${t.mediumFrom}`),
  ],
);

export const RISK_KINDS = ["threat", "opportunity"] as const;
export const THREAT_RESPONSES = ["avoid", "reduce", "fallback", "transfer", "accept", "share"] as const;
export const OPPORTUNITY_RESPONSES = ["exploit", "enhance", "reject", "share"] as const;
export const RISK_RESPONSES = ["avoid", "reduce", "fallback", "transfer", "accept", "share", "exploit", "enhance", "reject"] as const;
export const RISK_STATUSES = ["open", "closed"] as const;
export type RiskKind = (typeof RISK_KINDS)[number];
export type RiskResponse = (typeof RISK_RESPONSES)[number];

export const risks = sqliteTable(
  "risks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    registerId: integer("register_id")
      .notNull()
      .references(() => riskRegisters.id),
    ref: text("ref").notNull(),
    title: text("title").notNull(),
    category: text("category").notNull().default(""),
    kind: text("kind", { enum: RISK_KINDS }).notNull().default("threat"),
    cause: text("cause").notNull().default(""),
    event: text("event").notNull().default(""),
    effect: text("effect").notNull().default(""),
    ownerPersonId: integer("owner_person_id").references(() => people.id),
    actioneePersonId: integer("actionee_person_id").references(() => people.id),
    /** Scores may be absent while a risk is still being assessed (the reference register has one such row). */
    inherentLikelihood: integer("inherent_likelihood"),
    inherentImpact: integer("inherent_impact"),
    residualLikelihood: integer("residual_likelihood"),
    residualImpact: integer("residual_impact"),
    /** When it could happen: a date, or words such as "next 3 months". */
    proximityDate: text("proximity_date"),
    proximityText: text("proximity_text").notNull().default(""),
    response: text("response", { enum: RISK_RESPONSES }),
    strategy: text("strategy").notNull().default(""),
    actionsOutstanding: text("actions_outstanding").notNull().default(""),
    status: text("status", { enum: RISK_STATUSES }).notNull().default("open"),
    dateClosed: text("date_closed"),
    closingNote: text("closing_note"),
    nextReviewDate: text("next_review_date"),
    lastReviewedDate: text("last_reviewed_date"),
    /** Optimistic concurrency: every update bumps it; a stale form is refused. */
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("risks_ref_unique").on(t.registerId, t.ref),
    index("risks_owner_idx").on(t.ownerPersonId),
    check("risks_closed_has_date", sql`${t.status} <> 'closed' or (${t.dateClosed} is not null and ${t.closingNote} is not null)`),
  ],
);

/** Links from a risk to the actions in the action plan that respond to it. */
export const riskActions = sqliteTable(
  "risk_actions",
  {
    riskId: integer("risk_id")
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    actionId: integer("action_id")
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.riskId, t.actionId] }), index("risk_actions_action_idx").on(t.actionId)],
);

export const RISK_SCORE_REASONS = ["raised", "edited", "review", "rescaled", "imported"] as const;
export type RiskScoreReason = (typeof RISK_SCORE_REASONS)[number];

/** Every change of a risk's scores: the new scores, when, by whom and why. Append-only. */
export const riskScoreChanges = sqliteTable(
  "risk_score_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    riskId: integer("risk_id")
      .notNull()
      .references(() => risks.id, { onDelete: "cascade" }),
    /** The calendar date the scores took effect (a review's date). */
    effectiveDate: text("effective_date").notNull(),
    reason: text("reason", { enum: RISK_SCORE_REASONS }).notNull(),
    inherentLikelihood: integer("inherent_likelihood"),
    inherentImpact: integer("inherent_impact"),
    residualLikelihood: integer("residual_likelihood"),
    residualImpact: integer("residual_impact"),
    note: text("note").notNull().default(""),
    changedByPersonId: integer("changed_by_person_id").references(() => people.id),
    changedAt: text("changed_at").notNull().default(now),
  },
  (t) => [index("risk_score_changes_risk_idx").on(t.riskId, t.id)],
);
