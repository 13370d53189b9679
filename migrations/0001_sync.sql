CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`seq` integer NOT NULL,
	`clocks` text NOT NULL,
	`deleted_at` text,
	`finding_id` text,
	`title` text,
	`owner_id` text,
	`due_date` text,
	`priority` text,
	`status` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actions_org_seq_idx` ON `actions` (`org_id`,`seq`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`org_id` text NOT NULL,
	`sha256` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `sha256`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `findings` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`seq` integer NOT NULL,
	`clocks` text NOT NULL,
	`deleted_at` text,
	`visit_id` text,
	`mystery_shop_id` text,
	`journey_stage_id` text,
	`location_id` text,
	`segment_id` text,
	`theme_id` text,
	`saw` text,
	`felt` text,
	`expectation` text,
	`severity` integer,
	`sentiment` text,
	`level` text,
	`status` text,
	`tags` text,
	`photos` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `findings_org_seq_idx` ON `findings` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `findings_org_location_idx` ON `findings` (`org_id`,`location_id`);--> statement-breakpoint
CREATE TABLE `mystery_shops` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`seq` integer NOT NULL,
	`clocks` text NOT NULL,
	`deleted_at` text,
	`template_id` text,
	`location_id` text,
	`visit_id` text,
	`started_at` text,
	`completed_at` text,
	`answers` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mystery_shops_org_seq_idx` ON `mystery_shops` (`org_id`,`seq`);--> statement-breakpoint
CREATE TABLE `mystery_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`seq` integer NOT NULL,
	`clocks` text NOT NULL,
	`deleted_at` text,
	`name` text,
	`channel` text,
	`sections` text,
	`archived` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mystery_templates_org_seq_idx` ON `mystery_templates` (`org_id`,`seq`);--> statement-breakpoint
CREATE TABLE `sync_mutations` (
	`org_id` text NOT NULL,
	`id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`client_id` text NOT NULL,
	`user_id` text NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `sync_sequence` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`seq` integer NOT NULL,
	`clocks` text NOT NULL,
	`deleted_at` text,
	`kind` text,
	`location_id` text,
	`started_at` text,
	`ended_at` text,
	`people_met` text,
	`notes` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visits_org_seq_idx` ON `visits` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `visits_org_started_idx` ON `visits` (`org_id`,`started_at`);--> statement-breakpoint
ALTER TABLE `journey_stages` ADD `seq` integer NOT NULL DEFAULT 1;--> statement-breakpoint
CREATE INDEX `journey_stages_org_seq_idx` ON `journey_stages` (`org_id`,`seq`);--> statement-breakpoint
ALTER TABLE `locations` ADD `seq` integer NOT NULL DEFAULT 1;--> statement-breakpoint
CREATE INDEX `locations_org_seq_idx` ON `locations` (`org_id`,`seq`);--> statement-breakpoint
ALTER TABLE `segments` ADD `seq` integer NOT NULL DEFAULT 1;--> statement-breakpoint
CREATE INDEX `segments_org_seq_idx` ON `segments` (`org_id`,`seq`);--> statement-breakpoint
ALTER TABLE `themes` ADD `seq` integer NOT NULL DEFAULT 1;--> statement-breakpoint
CREATE INDEX `themes_org_seq_idx` ON `themes` (`org_id`,`seq`);--> statement-breakpoint
-- Hand-added: settings that existed before sync get sequence numbers 1..n, one each, so the
-- first pull of every device (everything after 0) includes them and a page boundary never
-- falls between two rows of one number (the cursor would skip the rest); new numbers follow.
UPDATE `locations` SET `seq` = (SELECT count(*) FROM `locations` AS `o` WHERE `o`.`rowid` <= `locations`.`rowid`);--> statement-breakpoint
UPDATE `journey_stages` SET `seq` = (SELECT count(*) FROM `locations`) + (SELECT count(*) FROM `journey_stages` AS `o` WHERE `o`.`rowid` <= `journey_stages`.`rowid`);--> statement-breakpoint
UPDATE `segments` SET `seq` = (SELECT count(*) FROM `locations`) + (SELECT count(*) FROM `journey_stages`) + (SELECT count(*) FROM `segments` AS `o` WHERE `o`.`rowid` <= `segments`.`rowid`);--> statement-breakpoint
UPDATE `themes` SET `seq` = (SELECT count(*) FROM `locations`) + (SELECT count(*) FROM `journey_stages`) + (SELECT count(*) FROM `segments`) + (SELECT count(*) FROM `themes` AS `o` WHERE `o`.`rowid` <= `themes`.`rowid`);--> statement-breakpoint
INSERT INTO `sync_sequence` (`id`, `value`) VALUES (1, max(1, (SELECT count(*) FROM `locations`) + (SELECT count(*) FROM `journey_stages`) + (SELECT count(*) FROM `segments`) + (SELECT count(*) FROM `themes`)));
