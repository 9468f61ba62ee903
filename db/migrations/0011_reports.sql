CREATE TABLE `report_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_by_person_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`series_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_links_hash_unique` ON `report_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `report_links_series_idx` ON `report_links` (`series_id`);--> statement-breakpoint
CREATE TABLE `report_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`content` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_snapshots_report_unique` ON `report_snapshots` (`report_id`);--> statement-breakpoint
CREATE TABLE `reporting_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`frequency` text DEFAULT 'monthly' NOT NULL,
	`due_day` integer DEFAULT 5 NOT NULL,
	`start_date` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reporting_cycles_due_day" CHECK("reporting_cycles"."due_day" between 1 and 28)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reporting_cycles_project_unique` ON `reporting_cycles` (`project_id`);--> statement-breakpoint
CREATE TABLE `reports` (
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
	CONSTRAINT "reports_period_order" CHECK("reports"."period_from" <= "reports"."period_to"),
	CONSTRAINT "reports_scope" CHECK(("reports"."kind" = 'highlight' and "reports"."project_id" is not null and "reports"."programme_id" is null) or ("reports"."kind" <> 'highlight' and "reports"."programme_id" is not null and "reports"."project_id" is null))
);
--> statement-breakpoint
CREATE INDEX `reports_project_idx` ON `reports` (`project_id`);--> statement-breakpoint
CREATE INDEX `reports_programme_idx` ON `reports` (`programme_id`);--> statement-breakpoint
CREATE INDEX `reports_series_idx` ON `reports` (`series_id`);--> statement-breakpoint
-- hand-written: a published report's snapshot is frozen; nothing may rewrite or remove it.
CREATE TRIGGER report_snapshots_no_update BEFORE UPDATE ON report_snapshots
BEGIN
  SELECT RAISE(ABORT, 'published report snapshots are frozen');
END;
--> statement-breakpoint
CREATE TRIGGER report_snapshots_no_delete BEFORE DELETE ON report_snapshots
BEGIN
  SELECT RAISE(ABORT, 'published report snapshots are frozen');
END;
