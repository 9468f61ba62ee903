// Spreadsheet imports (app/modules/sheet/import*.ts). An uploaded file waits here, under a short-lived
// token, between the preview and the confirmation, so the flow works without JavaScript and with
// several app servers (docs/decisions/0017). The column mapping a manager chose is remembered per
// project and kind of register.
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { people, projects } from "../schema";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const SHEET_IMPORT_KINDS = ["actions", "risks"] as const;
export type SheetImportKind = (typeof SHEET_IMPORT_KINDS)[number];

export const sheetUploads = sqliteTable(
  "sheet_uploads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** sha256 of the token in the preview's address: a copy of the database yields no usable link. */
    tokenHash: text("token_hash").notNull().unique(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** Only the person who uploaded the file may preview or confirm it. */
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    kind: text("kind", { enum: SHEET_IMPORT_KINDS }).notNull(),
    fileName: text("file_name").notNull(),
    format: text("format", { enum: ["xlsx", "csv"] }).notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
    /** The sheet chosen (XLSX with several), the header row and the column mapping, as JSON. */
    choice: text("choice").notNull().default("{}"),
    createdAt: text("created_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sheet_uploads_expires_idx").on(t.expiresAt)],
);

export const sheetMappings = sqliteTable(
  "sheet_mappings",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: SHEET_IMPORT_KINDS }).notNull(),
    /** JSON: { columns: { "<header as written, normalised>": "<field or empty>" }, owners: { "<name>": personId } }. */
    mapping: text("mapping").notNull(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.kind] })],
);
