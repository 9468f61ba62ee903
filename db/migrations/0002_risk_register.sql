CREATE TABLE `risk_actions` (
	`risk_id` integer NOT NULL,
	`action_id` integer NOT NULL,
	PRIMARY KEY(`risk_id`, `action_id`),
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risk_actions_action_idx` ON `risk_actions` (`action_id`);--> statement-breakpoint
CREATE TABLE `risk_registers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer,
	`programme_id` integer,
	`scale` integer DEFAULT 3 NOT NULL,
	`likelihood_labels` text NOT NULL,
	`impact_labels` text NOT NULL,
	`medium_from` integer NOT NULL,
	`high_from` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "risk_registers_one_owner" CHECK(("risk_registers"."project_id" is null) <> ("risk_registers"."programme_id" is null)),
	CONSTRAINT "risk_registers_scale" CHECK("risk_registers"."scale" in (3, 5)),
	CONSTRAINT "risk_registers_bands" CHECK("risk_registers"."medium_from" >= 1 and "risk_registers"."high_from" > "risk_registers"."medium_from")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_registers_project_unique` ON `risk_registers` (`project_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `risk_registers_programme_unique` ON `risk_registers` (`programme_id`);--> statement-breakpoint
CREATE TABLE `risk_score_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` integer NOT NULL,
	`effective_date` text NOT NULL,
	`reason` text NOT NULL,
	`inherent_likelihood` integer,
	`inherent_impact` integer,
	`residual_likelihood` integer,
	`residual_impact` integer,
	`note` text DEFAULT '' NOT NULL,
	`changed_by_person_id` integer,
	`changed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_score_changes_risk_idx` ON `risk_score_changes` (`risk_id`,`id`);--> statement-breakpoint
CREATE TABLE `risks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`register_id` integer NOT NULL,
	`ref` text NOT NULL,
	`title` text NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`kind` text DEFAULT 'threat' NOT NULL,
	`cause` text DEFAULT '' NOT NULL,
	`event` text DEFAULT '' NOT NULL,
	`effect` text DEFAULT '' NOT NULL,
	`owner_person_id` integer,
	`actionee_person_id` integer,
	`inherent_likelihood` integer,
	`inherent_impact` integer,
	`residual_likelihood` integer,
	`residual_impact` integer,
	`proximity_date` text,
	`proximity_text` text DEFAULT '' NOT NULL,
	`response` text,
	`strategy` text DEFAULT '' NOT NULL,
	`actions_outstanding` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`date_closed` text,
	`closing_note` text,
	`next_review_date` text,
	`last_reviewed_date` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`register_id`) REFERENCES `risk_registers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actionee_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "risks_closed_has_date" CHECK("risks"."status" <> 'closed' or ("risks"."date_closed" is not null and "risks"."closing_note" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risks_ref_unique` ON `risks` (`register_id`,`ref`);--> statement-breakpoint
CREATE INDEX `risks_owner_idx` ON `risks` (`owner_person_id`);