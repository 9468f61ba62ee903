CREATE TABLE `feed_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`kind` text NOT NULL,
	`project_id` integer,
	`programme_id` integer,
	`feed_key` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "feed_tokens_scope" CHECK(("feed_tokens"."kind" = 'personal' and "feed_tokens"."project_id" is null and "feed_tokens"."programme_id" is null) or ("feed_tokens"."kind" = 'project' and "feed_tokens"."project_id" is not null and "feed_tokens"."programme_id" is null) or ("feed_tokens"."kind" = 'programme' and "feed_tokens"."programme_id" is not null and "feed_tokens"."project_id" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feed_tokens_hash_unique` ON `feed_tokens` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `feed_tokens_live_unique` ON `feed_tokens` (`person_id`,`feed_key`) WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX `feed_tokens_person_idx` ON `feed_tokens` (`person_id`);