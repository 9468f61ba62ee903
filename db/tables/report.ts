// Progress reports (highlight, programme, committee). A report row is one version: drafts hold the
// manager's edits (narratives, RAG overrides, committee fields) as JSON and are drafted from live
// data every time they are shown; publishing freezes the rendered content's data into
// report_snapshots (JSON plus its sha256), which triggers keep append-only. A correction is a new
// row in the same series (series_id = the first version's id) that supersedes the old one.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { people, programmes, projects } from "../schema";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** highlight and end (the end project report, PRINCE2 closure) belong to a project; programme and committee to a programme. */
export const REPORT_KINDS = ["highlight", "programme", "committee", "end"] as const;
export const PROJECT_REPORT_KINDS = ["highlight", "end"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_STATUSES = ["draft", "published", "superseded"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: REPORT_KINDS }).notNull(),
    /** A highlight or end project report belongs to a project; programme and committee reports to a programme. */
    projectId: integer("project_id").references(() => projects.id),
    programmeId: integer("programme_id").references(() => programmes.id),
    /** The first version's id; every correction shares it. Null on the first version itself. */
    seriesId: integer("series_id").references((): AnySQLiteColumn => reports.id),
    version: integer("version").notNull().default(1),
    supersedesId: integer("supersedes_id").references((): AnySQLiteColumn => reports.id),
    /** What changed and why: required on a correction, printed in it. */
    changeNote: text("change_note").notNull().default(""),
    title: text("title").notNull(),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
    /** The manager's edits (see app/modules/report/edits.ts), JSON. */
    edits: text("edits").notNull().default("{}"),
    /** Optimistic concurrency for draft edits. */
    revision: integer("revision").notNull().default(1),
    createdByPersonId: integer("created_by_person_id").references(() => people.id),
    publishedByPersonId: integer("published_by_person_id").references(() => people.id),
    publishedAt: text("published_at"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    index("reports_project_idx").on(t.projectId),
    index("reports_programme_idx").on(t.programmeId),
    index("reports_series_idx").on(t.seriesId),
    check("reports_period_order", sql`${t.periodFrom} <= ${t.periodTo}`),
    check(
      "reports_scope",
      sql`(${t.kind} in ('highlight', 'end') and ${t.projectId} is not null and ${t.programmeId} is null) or (${t.kind} not in ('highlight', 'end') and ${t.programmeId} is not null and ${t.projectId} is null)`,
    ),
  ],
);

/** The frozen content of a published report. Never updated or deleted (triggers in the migration). */
export const reportSnapshots = sqliteTable(
  "report_snapshots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    content: text("content").notNull(),
    /** sha256 (hex) of `content`. */
    hash: text("hash").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("report_snapshots_report_unique").on(t.reportId)],
);

/** Read-only public links to a report series (its latest published version, and earlier ones). */
export const reportLinks = sqliteTable(
  "report_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => reports.id),
    /** sha256 (hex) of the 32-byte random token; the token is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    createdByPersonId: integer("created_by_person_id").references(() => people.id),
    createdAt: text("created_at").notNull().default(now),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("report_links_hash_unique").on(t.tokenHash), index("report_links_series_idx").on(t.seriesId)],
);

export const REPORT_FREQUENCIES = ["monthly", "quarterly"] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

/** A project's reporting cycle: a highlight report for each period, due on a day of the next month. */
export const reportingCycles = sqliteTable(
  "reporting_cycles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    frequency: text("frequency", { enum: REPORT_FREQUENCIES }).notNull().default("monthly"),
    dueDay: integer("due_day").notNull().default(5),
    /** The first period the cycle asks a report for starts on or after this date. */
    startDate: text("start_date").notNull(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("reporting_cycles_project_unique").on(t.projectId), check("reporting_cycles_due_day", sql`${t.dueDay} between 1 and 28`)],
);

/**
 * A programme's public index of its published reports (for its scrutiny committee): the same token
 * design as report links (32 random bytes, only the sha256 stored, revocable, audited).
 */
export const reportIndexLinks = sqliteTable(
  "report_index_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id),
    tokenHash: text("token_hash").notNull(),
    createdByPersonId: integer("created_by_person_id").references(() => people.id),
    createdAt: text("created_at").notNull().default(now),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("report_index_links_hash_unique").on(t.tokenHash), index("report_index_links_programme_idx").on(t.programmeId)],
);
