CREATE TABLE `history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`at` text NOT NULL,
	`user_id` text NOT NULL,
	`op` text NOT NULL,
	`fields` text NOT NULL,
	`conflict` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `history_record_idx` ON `history` (`org_id`,`entity`,`entity_id`,`id`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `separation_of_duties` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `actions` ADD `restored_at` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `deleted_on` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `purged_on` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `restored_at` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `deleted_on` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `purged_on` text;--> statement-breakpoint
ALTER TABLE `mystery_shops` ADD `restored_at` text;--> statement-breakpoint
ALTER TABLE `mystery_shops` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `mystery_shops` ADD `deleted_on` text;--> statement-breakpoint
ALTER TABLE `mystery_shops` ADD `purged_on` text;--> statement-breakpoint
ALTER TABLE `mystery_templates` ADD `restored_at` text;--> statement-breakpoint
ALTER TABLE `mystery_templates` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `mystery_templates` ADD `deleted_on` text;--> statement-breakpoint
ALTER TABLE `mystery_templates` ADD `purged_on` text;--> statement-breakpoint
ALTER TABLE `visits` ADD `restored_at` text;--> statement-breakpoint
ALTER TABLE `visits` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `visits` ADD `deleted_on` text;--> statement-breakpoint
ALTER TABLE `visits` ADD `purged_on` text;--> statement-breakpoint
ALTER TABLE `experiment_decisions` ADD `duties_separated` integer;--> statement-breakpoint
ALTER TABLE `experiments` ADD `restored_at` text;--> statement-breakpoint
ALTER TABLE `experiments` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `experiments` ADD `deleted_on` text;--> statement-breakpoint
ALTER TABLE `experiments` ADD `purged_on` text;--> statement-breakpoint
ALTER TABLE `kpi_measurements` ADD `restored_at` text;--> statement-breakpoint
ALTER TABLE `kpi_measurements` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `kpi_measurements` ADD `deleted_on` text;--> statement-breakpoint
ALTER TABLE `kpi_measurements` ADD `purged_on` text;--> statement-breakpoint
ALTER TABLE `kpis` ADD `restored_at` text;--> statement-breakpoint
ALTER TABLE `kpis` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `kpis` ADD `deleted_on` text;--> statement-breakpoint
ALTER TABLE `kpis` ADD `purged_on` text;--> statement-breakpoint
ALTER TABLE `business_case_decisions` ADD `duties_separated` integer;--> statement-breakpoint
ALTER TABLE `business_cases` ADD `restored_at` text;--> statement-breakpoint
ALTER TABLE `business_cases` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `business_cases` ADD `deleted_on` text;--> statement-breakpoint
ALTER TABLE `business_cases` ADD `purged_on` text;;--> statement-breakpoint
-- Records archived before this migration: their delete clock tells when (its first 24 characters are the time).
UPDATE `visits` SET `deleted_on` = substr(`deleted_at`, 1, 24) WHERE `deleted_at` IS NOT NULL AND `deleted_on` IS NULL;--> statement-breakpoint
UPDATE `findings` SET `deleted_on` = substr(`deleted_at`, 1, 24) WHERE `deleted_at` IS NOT NULL AND `deleted_on` IS NULL;--> statement-breakpoint
UPDATE `actions` SET `deleted_on` = substr(`deleted_at`, 1, 24) WHERE `deleted_at` IS NOT NULL AND `deleted_on` IS NULL;--> statement-breakpoint
UPDATE `mystery_templates` SET `deleted_on` = substr(`deleted_at`, 1, 24) WHERE `deleted_at` IS NOT NULL AND `deleted_on` IS NULL;--> statement-breakpoint
UPDATE `mystery_shops` SET `deleted_on` = substr(`deleted_at`, 1, 24) WHERE `deleted_at` IS NOT NULL AND `deleted_on` IS NULL;--> statement-breakpoint
UPDATE `experiments` SET `deleted_on` = substr(`deleted_at`, 1, 24) WHERE `deleted_at` IS NOT NULL AND `deleted_on` IS NULL;--> statement-breakpoint
UPDATE `kpis` SET `deleted_on` = substr(`deleted_at`, 1, 24) WHERE `deleted_at` IS NOT NULL AND `deleted_on` IS NULL;--> statement-breakpoint
UPDATE `kpi_measurements` SET `deleted_on` = substr(`deleted_at`, 1, 24) WHERE `deleted_at` IS NOT NULL AND `deleted_on` IS NULL;--> statement-breakpoint
UPDATE `business_cases` SET `deleted_on` = substr(`deleted_at`, 1, 24) WHERE `deleted_at` IS NOT NULL AND `deleted_on` IS NULL;
