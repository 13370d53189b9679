CREATE TABLE `business_case_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`business_case_id` text NOT NULL,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`reason` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`at` text NOT NULL,
	`seq` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `business_case_decisions_org_seq_idx` ON `business_case_decisions` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `business_case_decisions_case_idx` ON `business_case_decisions` (`org_id`,`business_case_id`);--> statement-breakpoint
CREATE TABLE `business_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`seq` integer NOT NULL,
	`clocks` text NOT NULL,
	`deleted_at` text,
	`title` text,
	`summary` text,
	`ask` text,
	`experiment_ids` text,
	`finding_ids` text,
	`kpi_id` text,
	`baseline` real,
	`lift` text,
	`lift_overridden` integer,
	`lift_override_reason` text,
	`volume_label` text,
	`annual_volume` real,
	`value_per_unit` real,
	`investment` real,
	`running_cost_per_year` real,
	`horizon_years` integer,
	`discount_rate` real,
	`options` text,
	`risks` text,
	`theme_id` text,
	`recommendation` text,
	`owner_id` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`approved_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `business_cases_org_seq_idx` ON `business_cases` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `business_cases_org_status_idx` ON `business_cases` (`org_id`,`status`);--> statement-breakpoint
CREATE TABLE `finding_counts` (
	`org_id` text NOT NULL,
	`month` text NOT NULL,
	`journey_stage_id` text NOT NULL,
	`severity` integer NOT NULL,
	`level` text NOT NULL,
	`status` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`org_id`, `month`, `journey_stage_id`, `severity`, `level`, `status`)
);
--> statement-breakpoint
ALTER TABLE `organisations` ADD `visit_target_per_month` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `default_discount_rate` real DEFAULT 0.08 NOT NULL;--> statement-breakpoint
-- finding_counts is kept by these triggers, inside the same transaction as every write to
-- findings (push, demo seed, anything later), so the board view can read counters instead of
-- scanning every finding. Nulls are stored as '' / 0 because they are part of the key.
CREATE TRIGGER `findings_count_insert` AFTER INSERT ON `findings` WHEN NEW.`deleted_at` IS NULL BEGIN
  INSERT INTO `finding_counts` (`org_id`, `month`, `journey_stage_id`, `severity`, `level`, `status`, `count`)
  VALUES (NEW.`org_id`, substr(NEW.`created_at`, 1, 7), coalesce(NEW.`journey_stage_id`, ''), coalesce(NEW.`severity`, 0), coalesce(NEW.`level`, ''), coalesce(NEW.`status`, ''), 1)
  ON CONFLICT (`org_id`, `month`, `journey_stage_id`, `severity`, `level`, `status`) DO UPDATE SET `count` = `count` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_count_update` AFTER UPDATE OF `deleted_at`, `journey_stage_id`, `severity`, `level`, `status`, `created_at`, `org_id` ON `findings` BEGIN
  UPDATE `finding_counts` SET `count` = `count` - 1
  WHERE OLD.`deleted_at` IS NULL AND `org_id` = OLD.`org_id` AND `month` = substr(OLD.`created_at`, 1, 7)
    AND `journey_stage_id` = coalesce(OLD.`journey_stage_id`, '') AND `severity` = coalesce(OLD.`severity`, 0)
    AND `level` = coalesce(OLD.`level`, '') AND `status` = coalesce(OLD.`status`, '');
  INSERT INTO `finding_counts` (`org_id`, `month`, `journey_stage_id`, `severity`, `level`, `status`, `count`)
  SELECT NEW.`org_id`, substr(NEW.`created_at`, 1, 7), coalesce(NEW.`journey_stage_id`, ''), coalesce(NEW.`severity`, 0), coalesce(NEW.`level`, ''), coalesce(NEW.`status`, ''), 1
  WHERE NEW.`deleted_at` IS NULL
  ON CONFLICT (`org_id`, `month`, `journey_stage_id`, `severity`, `level`, `status`) DO UPDATE SET `count` = `count` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_count_delete` AFTER DELETE ON `findings` WHEN OLD.`deleted_at` IS NULL BEGIN
  UPDATE `finding_counts` SET `count` = `count` - 1
  WHERE `org_id` = OLD.`org_id` AND `month` = substr(OLD.`created_at`, 1, 7)
    AND `journey_stage_id` = coalesce(OLD.`journey_stage_id`, '') AND `severity` = coalesce(OLD.`severity`, 0)
    AND `level` = coalesce(OLD.`level`, '') AND `status` = coalesce(OLD.`status`, '');
END;
--> statement-breakpoint
INSERT INTO `finding_counts` (`org_id`, `month`, `journey_stage_id`, `severity`, `level`, `status`, `count`)
SELECT `org_id`, substr(`created_at`, 1, 7), coalesce(`journey_stage_id`, ''), coalesce(`severity`, 0), coalesce(`level`, ''), coalesce(`status`, ''), count(*)
FROM `findings` WHERE `deleted_at` IS NULL
GROUP BY 1, 2, 3, 4, 5, 6;
