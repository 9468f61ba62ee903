ALTER TABLE `boards` ADD `casting_vote` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `boards` ADD `chair_person_id` integer REFERENCES people(id);--> statement-breakpoint
ALTER TABLE `teams` ADD `project_id` integer REFERENCES projects(id);--> statement-breakpoint
ALTER TABLE `teams` ADD `programme_id` integer REFERENCES programmes(id);--> statement-breakpoint
ALTER TABLE `approval_requests` ADD `casting_vote_person_id` integer REFERENCES people(id);