CREATE TABLE `flag_inputs_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);--> statement-breakpoint
-- hand-written: the one row, and a trigger per write to each table the flag rules read.
INSERT INTO `flag_inputs_version` (`id`, `version`) VALUES (1, 0);--> statement-breakpoint
CREATE TRIGGER `flag_inputs_actions_insert` AFTER INSERT ON `actions` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_actions_update` AFTER UPDATE ON `actions` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_actions_delete` AFTER DELETE ON `actions` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_action_owners_insert` AFTER INSERT ON `action_owners` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_action_owners_update` AFTER UPDATE ON `action_owners` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_action_owners_delete` AFTER DELETE ON `action_owners` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_progress_notes_insert` AFTER INSERT ON `progress_notes` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_progress_notes_update` AFTER UPDATE ON `progress_notes` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_progress_notes_delete` AFTER DELETE ON `progress_notes` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_due_date_changes_insert` AFTER INSERT ON `due_date_changes` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_due_date_changes_update` AFTER UPDATE ON `due_date_changes` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_due_date_changes_delete` AFTER DELETE ON `due_date_changes` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_milestones_insert` AFTER INSERT ON `milestones` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_milestones_update` AFTER UPDATE ON `milestones` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_milestones_delete` AFTER DELETE ON `milestones` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_dependencies_insert` AFTER INSERT ON `dependencies` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_dependencies_update` AFTER UPDATE ON `dependencies` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_dependencies_delete` AFTER DELETE ON `dependencies` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_projects_insert` AFTER INSERT ON `projects` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_projects_update` AFTER UPDATE ON `projects` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `flag_inputs_projects_delete` AFTER DELETE ON `projects` BEGIN UPDATE `flag_inputs_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
