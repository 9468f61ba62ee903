CREATE TABLE `benefit_actuals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`measured_on` text NOT NULL,
	`value` real NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`corrects_id` integer,
	`entered_by_person_id` integer,
	`entered_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `benefit_series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entered_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `benefit_actuals_series_idx` ON `benefit_actuals` (`series_id`,`measured_on`);--> statement-breakpoint
CREATE TABLE `benefit_series` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`benefit_id` integer NOT NULL,
	`organisation_id` integer,
	`baseline_value` real,
	`baseline_date` text,
	`baseline_label` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`benefit_id`) REFERENCES `benefits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `benefit_series_benefit_idx` ON `benefit_series` (`benefit_id`);--> statement-breakpoint
CREATE TABLE `benefit_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`period` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`value` real NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `benefit_series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `benefit_targets_unique` ON `benefit_targets` (`series_id`,`period`);--> statement-breakpoint
CREATE TABLE `benefits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`owner_person_id` integer,
	`frequency` text DEFAULT 'quarterly' NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`tolerance` real DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "benefits_tolerance" CHECK("benefits"."tolerance" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `benefits_name_unique` ON `benefits` (`project_id`,`name`);--> statement-breakpoint
CREATE TABLE `business_case_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`business_case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`category` text NOT NULL,
	`period` text NOT NULL,
	`amount` real NOT NULL,
	`organisation_id` integer,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`business_case_id`) REFERENCES `business_cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `business_case_lines_case_idx` ON `business_case_lines` (`business_case_id`);--> statement-breakpoint
CREATE TABLE `business_case_spend` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`period` text NOT NULL,
	`amount` real NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`entered_by_person_id` integer,
	`entered_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `business_case_spend_project_idx` ON `business_case_spend` (`project_id`,`period`);--> statement-breakpoint
CREATE TABLE `business_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`contingency` real DEFAULT 0 NOT NULL,
	`discount_rate` real,
	`partner_split` text DEFAULT '[]' NOT NULL,
	`approved_on` text,
	`approved_at` text,
	`created_by_person_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "business_cases_approved_has_date" CHECK("business_cases"."status" = 'draft' or "business_cases"."approved_on" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `business_cases_version_unique` ON `business_cases` (`project_id`,`version`);--> statement-breakpoint
-- hand-written: one series per benefit and organisation (null = joint), and actuals and spend are
-- append-only (a correction is a new row naming the one it corrects).
CREATE UNIQUE INDEX `benefit_series_unique` ON `benefit_series` (`benefit_id`, coalesce(`organisation_id`, 0));
--> statement-breakpoint
CREATE TRIGGER benefit_actuals_no_update BEFORE UPDATE ON benefit_actuals
BEGIN
  SELECT RAISE(ABORT, 'benefit actuals are append-only: record a correction instead');
END;
--> statement-breakpoint
CREATE TRIGGER business_case_spend_no_update BEFORE UPDATE ON business_case_spend
BEGIN
  SELECT RAISE(ABORT, 'spend entries are append-only: record a correction instead');
END;
