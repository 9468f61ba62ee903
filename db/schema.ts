// Waymark's data model. Calendar dates are ISO `YYYY-MM-DD` text; instants are ISO-8601 UTC text.
// See ../docs/data-model.md for the why behind the less obvious choices.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const id = () => integer("id").primaryKey({ autoIncrement: true });
const createdAt = () => text("created_at").notNull().default(now);

// ---------------------------------------------------------------- people and access

export const organisations = sqliteTable("organisations", {
  id: id(),
  name: text("name").notNull(),
  code: text("code").notNull().unique(),
  createdAt: createdAt(),
});

export const people = sqliteTable(
  "people",
  {
    id: id(),
    name: text("name").notNull(),
    email: text("email"),
    initials: text("initials"),
    jobTitle: text("job_title"),
    organisationId: integer("organisation_id").references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("people_email_unique").on(t.email)],
);

export const users = sqliteTable("users", {
  id: id(),
  personId: integer("person_id")
    .notNull()
    .unique()
    .references(() => people.id),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
  disabledAt: text("disabled_at"),
  lastSignInAt: text("last_sign_in_at"),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    // sha256 of the token in the cookie: a stolen database yields no usable session.
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const signInAttempts = sqliteTable(
  "sign_in_attempts",
  {
    id: id(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    at: text("at").notNull().default(now),
  },
  (t) => [index("sign_in_attempts_email_idx").on(t.email, t.at), index("sign_in_attempts_ip_idx").on(t.ip, t.at)],
);

/**
 * A named group that can own actions. Kept by a project's or a programme's managers when it
 * belongs to one (project_id / programme_id), by administrators when it belongs to neither.
 * Names stay unique across the installation: imports match teams by name.
 */
export const teams = sqliteTable("teams", {
  id: id(),
  name: text("name").notNull().unique(),
  organisationId: integer("organisation_id").references(() => organisations.id),
  projectId: integer("project_id").references((): AnySQLiteColumn => projects.id),
  programmeId: integer("programme_id").references((): AnySQLiteColumn => programmes.id),
  createdAt: createdAt(),
});

export const teamMembers = sqliteTable(
  "team_members",
  {
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.personId] })],
);

// ---------------------------------------------------------------- programmes and projects

export const programmes = sqliteTable("programmes", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  createdAt: createdAt(),
  updatedAt: text("updated_at").notNull().default(now),
});

export const PROGRAMME_ROLES = ["manager", "reader"] as const;
export const programmeRoles = sqliteTable(
  "programme_roles",
  {
    id: id(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    role: text("role", { enum: PROGRAMME_ROLES }).notNull(),
  },
  (t) => [uniqueIndex("programme_roles_unique").on(t.programmeId, t.personId, t.role)],
);

export const PROJECT_STATUSES = ["proposed", "active", "on_hold", "closed"] as const;
export const projects = sqliteTable(
  "projects",
  {
    id: id(),
    programmeId: integer("programme_id").references(() => programmes.id),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    purpose: text("purpose").notNull().default(""),
    status: text("status", { enum: PROJECT_STATUSES }).notNull().default("active"),
    managerPersonId: integer("manager_person_id").references(() => people.id),
    startDate: text("start_date"),
    endDate: text("end_date"),
    timeToleranceDays: integer("time_tolerance_days"),
    costTolerancePercent: integer("cost_tolerance_percent"),
    dueSoonDays: integer("due_soon_days").notNull().default(14),
    staleDays: integer("stale_days").notNull().default(30),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [index("projects_programme_idx").on(t.programmeId)],
);

export const PROJECT_ROLES = ["manager", "contributor", "board_member", "consultee", "reader"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];
export const projectRoles = sqliteTable(
  "project_roles",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    role: text("role", { enum: PROJECT_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("project_roles_unique").on(t.projectId, t.personId, t.role),
    index("project_roles_person_idx").on(t.personId),
  ],
);

export const DECISION_RULES = ["majority", "unanimous", "quorum"] as const;
export const boards = sqliteTable("boards", {
  id: id(),
  programmeId: integer("programme_id").references(() => programmes.id),
  projectId: integer("project_id").references(() => projects.id),
  name: text("name").notNull(),
  decisionRule: text("decision_rule", { enum: DECISION_RULES }).notNull().default("majority"),
  quorum: integer("quorum"),
  /** When true, the chair's vote settles a tie once every member has voted. */
  castingVote: integer("casting_vote", { mode: "boolean" }).notNull().default(false),
  chairPersonId: integer("chair_person_id").references(() => people.id),
  createdAt: createdAt(),
});

export const boardMembers = sqliteTable(
  "board_members",
  {
    boardId: integer("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.personId] })],
);

// ---------------------------------------------------------------- plan structure

export const workPackages = sqliteTable(
  "work_packages",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    ref: text("ref").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    leadPersonId: integer("lead_person_id").references(() => people.id),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("work_packages_ref_unique").on(t.projectId, t.ref)],
);

/** Informational "feeds into" links between work packages of one project. */
export const workPackageLinks = sqliteTable(
  "work_package_links",
  {
    fromWorkPackageId: integer("from_work_package_id")
      .notNull()
      .references(() => workPackages.id, { onDelete: "cascade" }),
    toWorkPackageId: integer("to_work_package_id")
      .notNull()
      .references(() => workPackages.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.fromWorkPackageId, t.toWorkPackageId] }),
    check("work_package_links_not_self", sql`${t.fromWorkPackageId} <> ${t.toWorkPackageId}`),
  ],
);

export const stages = sqliteTable(
  "stages",
  {
    id: id(),
    workPackageId: integer("work_package_id")
      .notNull()
      .references(() => workPackages.id),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
    plannedStart: text("planned_start"),
    plannedEnd: text("planned_end"),
    /** Dates as the plan writes them when not known yet, e.g. "tba". */
    datesNote: text("dates_note").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [index("stages_work_package_idx").on(t.workPackageId)],
);

export const milestones = sqliteTable(
  "milestones",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    targetDate: text("target_date").notNull(),
    baselineDate: text("baseline_date").notNull(),
    achievedDate: text("achieved_date"),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [index("milestones_project_idx").on(t.projectId)],
);

export const recommendations = sqliteTable(
  "recommendations",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    ref: text("ref").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    source: text("source").notNull().default(""),
  },
  (t) => [uniqueIndex("recommendations_ref_unique").on(t.projectId, t.ref)],
);

// ---------------------------------------------------------------- action plan

export const ACTION_STATUSES = ["not_started", "in_progress", "blocked", "done", "cancelled"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const actions = sqliteTable(
  "actions",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    workPackageId: integer("work_package_id").references(() => workPackages.id),
    stageId: integer("stage_id").references(() => stages.id),
    ref: text("ref").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    expectedOutcomes: text("expected_outcomes").notNull().default(""),
    plannedStart: text("planned_start"),
    dueDate: text("due_date"),
    /** The deadline as the plan writes it: "Ongoing", "end of Nov 08", "w/c 5 Jan 09". */
    deadlineText: text("deadline_text").notNull().default(""),
    baselineDueDate: text("baseline_due_date"),
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("not_started"),
    blockedReason: text("blocked_reason"),
    percentComplete: integer("percent_complete").notNull().default(0),
    completedDate: text("completed_date"),
    /** Optimistic concurrency: every update bumps it; a stale form is refused. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("actions_ref_unique").on(t.projectId, t.ref),
    index("actions_work_package_idx").on(t.workPackageId),
    index("actions_stage_idx").on(t.stageId),
    check("actions_percent_range", sql`${t.percentComplete} between 0 and 100`),
    check("actions_blocked_reason", sql`${t.status} <> 'blocked' or ${t.blockedReason} is not null`),
  ],
);

export const actionOwners = sqliteTable(
  "action_owners",
  {
    id: id(),
    actionId: integer("action_id")
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    personId: integer("person_id").references(() => people.id),
    teamId: integer("team_id").references(() => teams.id),
  },
  (t) => [
    index("action_owners_action_idx").on(t.actionId),
    index("action_owners_person_idx").on(t.personId),
    index("action_owners_team_idx").on(t.teamId),
    check("action_owners_one_kind", sql`(${t.personId} is null) <> (${t.teamId} is null)`),
  ],
);

export const actionRecommendations = sqliteTable(
  "action_recommendations",
  {
    actionId: integer("action_id")
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    recommendationId: integer("recommendation_id")
      .notNull()
      .references(() => recommendations.id),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.recommendationId] })],
);

export const dueDateChanges = sqliteTable(
  "due_date_changes",
  {
    id: id(),
    actionId: integer("action_id")
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    oldDueDate: text("old_due_date"),
    newDueDate: text("new_due_date"),
    reason: text("reason").notNull().default(""),
    changedByPersonId: integer("changed_by_person_id").references(() => people.id),
    changedAt: text("changed_at").notNull().default(now),
  },
  (t) => [index("due_date_changes_action_idx").on(t.actionId)],
);

export const progressNotes = sqliteTable(
  "progress_notes",
  {
    id: id(),
    actionId: integer("action_id")
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    authorPersonId: integer("author_person_id").references(() => people.id),
    noteDate: text("note_date").notNull(),
    body: text("body").notNull(),
    statusChange: text("status_change", { enum: ACTION_STATUSES }),
    percentComplete: integer("percent_complete"),
    createdAt: createdAt(),
  },
  (t) => [index("progress_notes_action_idx").on(t.actionId, t.noteDate)],
);

/** Finish-to-start link between schedule items: each end is an action or a milestone. */
export const dependencies = sqliteTable(
  "dependencies",
  {
    id: id(),
    predecessorActionId: integer("predecessor_action_id").references(() => actions.id, { onDelete: "cascade" }),
    predecessorMilestoneId: integer("predecessor_milestone_id").references(() => milestones.id, {
      onDelete: "cascade",
    }),
    successorActionId: integer("successor_action_id").references(() => actions.id, { onDelete: "cascade" }),
    successorMilestoneId: integer("successor_milestone_id").references(() => milestones.id, {
      onDelete: "cascade",
    }),
    lagDays: integer("lag_days").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("dependencies_pred_action_idx").on(t.predecessorActionId),
    index("dependencies_succ_action_idx").on(t.successorActionId),
    // The flag rules' inputs look dependencies up by milestone too (schedule.server.ts).
    index("dependencies_pred_milestone_idx").on(t.predecessorMilestoneId),
    index("dependencies_succ_milestone_idx").on(t.successorMilestoneId),
    check(
      "dependencies_one_predecessor",
      sql`(${t.predecessorActionId} is null) <> (${t.predecessorMilestoneId} is null)`,
    ),
    check("dependencies_one_successor", sql`(${t.successorActionId} is null) <> (${t.successorMilestoneId} is null)`),
  ],
);

// ---------------------------------------------------------------- mail and audit

export const outbox = sqliteTable(
  "outbox",
  {
    id: id(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /** Idempotency key: a message with the same key is never queued twice (digests, reminders). */
    dedupeKey: text("dedupe_key"),
    transport: text("transport", { enum: ["outbox", "smtp"] }).notNull(),
    status: text("status", { enum: ["stored", "sent", "failed"] }).notNull(),
    error: text("error"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("outbox_dedupe_unique").on(t.dedupeKey), index("outbox_to_idx").on(t.to)],
);

export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: id(),
    at: text("at").notNull(),
    actorUserId: integer("actor_user_id"),
    actor: text("actor").notNull(),
    event: text("event").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    projectId: integer("project_id"),
    before: text("before"),
    after: text("after"),
    meta: text("meta"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_project_idx").on(t.projectId),
    index("audit_events_event_idx").on(t.event),
  ],
);
export * from "./tables/risk";
export * from "./tables/proposal";
export * from "./tables/throttle";
export * from "./tables/calendar";
export * from "./tables/api-token";
export * from "./tables/benefit";
export * from "./tables/sheet-import";
export * from "./tables/report";
export * from "./tables/flag-inputs";
