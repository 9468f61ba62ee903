CREATE TABLE `report_index_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_by_person_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_index_links_hash_unique` ON `report_index_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `report_index_links_programme_idx` ON `report_index_links` (`programme_id`);--> statement-breakpoint
-- hand-written: drizzle runs migrations inside one transaction, where PRAGMA foreign_keys is a
-- no-op, and dropping `reports` with foreign keys on fails once reports have snapshots or links.
-- So this migration commits what came before, rebuilds the table (to widen the reports_scope
-- check for end project reports) with foreign keys off, checks them, and opens a new transaction
-- for drizzle to record the migration in.
COMMIT;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
BEGIN;--> statement-breakpoint
CREATE TABLE `__new_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`project_id` integer,
	`programme_id` integer,
	`series_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`supersedes_id` integer,
	`change_note` text DEFAULT '' NOT NULL,
	`title` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`edits` text DEFAULT '{}' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_by_person_id` integer,
	`published_by_person_id` integer,
	`published_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supersedes_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reports_period_order" CHECK("__new_reports"."period_from" <= "__new_reports"."period_to"),
	CONSTRAINT "reports_scope" CHECK(("__new_reports"."kind" in ('highlight', 'end') and "__new_reports"."project_id" is not null and "__new_reports"."programme_id" is null) or ("__new_reports"."kind" not in ('highlight', 'end') and "__new_reports"."programme_id" is not null and "__new_reports"."project_id" is null))
);
--> statement-breakpoint
INSERT INTO `__new_reports`("id", "kind", "project_id", "programme_id", "series_id", "version", "supersedes_id", "change_note", "title", "period_from", "period_to", "status", "edits", "revision", "created_by_person_id", "published_by_person_id", "published_at", "created_at", "updated_at") SELECT "id", "kind", "project_id", "programme_id", "series_id", "version", "supersedes_id", "change_note", "title", "period_from", "period_to", "status", "edits", "revision", "created_by_person_id", "published_by_person_id", "published_at", "created_at", "updated_at" FROM `reports`;--> statement-breakpoint
DROP TABLE `reports`;--> statement-breakpoint
ALTER TABLE `__new_reports` RENAME TO `reports`;--> statement-breakpoint
COMMIT;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
BEGIN;--> statement-breakpoint
CREATE INDEX `reports_project_idx` ON `reports` (`project_id`);--> statement-breakpoint
CREATE INDEX `reports_programme_idx` ON `reports` (`programme_id`);--> statement-breakpoint
CREATE INDEX `reports_series_idx` ON `reports` (`series_id`);