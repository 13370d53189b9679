CREATE TABLE `experiment_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`experiment_id` text NOT NULL,
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
CREATE INDEX `experiment_decisions_org_seq_idx` ON `experiment_decisions` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `experiment_decisions_experiment_idx` ON `experiment_decisions` (`org_id`,`experiment_id`);--> statement-breakpoint
CREATE TABLE `experiments` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`seq` integer NOT NULL,
	`clocks` text NOT NULL,
	`deleted_at` text,
	`title` text,
	`finding_ids` text,
	`change` text,
	`segment_id` text,
	`journey_stage_id` text,
	`primary_kpi_id` text,
	`expected_lift` real,
	`guardrail_kpi_ids` text,
	`baseline` real,
	`mde` real,
	`required_sample_size` integer,
	`design` text,
	`pilot_location_ids` text,
	`control_location_ids` text,
	`impact` integer,
	`confidence` integer,
	`ease` integer,
	`owner_id` text,
	`team` text,
	`theme_id` text,
	`plan` text,
	`results` text,
	`notes` text,
	`status` text DEFAULT 'idea' NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `experiments_org_seq_idx` ON `experiments` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `experiments_org_status_idx` ON `experiments` (`org_id`,`status`);--> statement-breakpoint
CREATE TABLE `kpi_measurements` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`seq` integer NOT NULL,
	`clocks` text NOT NULL,
	`deleted_at` text,
	`kpi_id` text,
	`period` text,
	`period_start` text,
	`location_id` text,
	`segment_id` text,
	`value` real,
	`sample_size` integer,
	`note` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kpi_measurements_org_seq_idx` ON `kpi_measurements` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `kpi_measurements_org_kpi_idx` ON `kpi_measurements` (`org_id`,`kpi_id`,`period_start`);--> statement-breakpoint
CREATE TABLE `kpis` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`seq` integer NOT NULL,
	`clocks` text NOT NULL,
	`deleted_at` text,
	`name` text,
	`unit` text,
	`direction` text,
	`kind` text,
	`hard` integer,
	`description` text,
	`archived` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kpis_org_seq_idx` ON `kpis` (`org_id`,`seq`);