CREATE TABLE `case_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`seq` integer NOT NULL,
	`business_case_id` text NOT NULL,
	`version` integer NOT NULL,
	`submitted_at` text NOT NULL,
	`submitted_by` text NOT NULL,
	`fields` text NOT NULL,
	`scenarios` text,
	`experiments` text NOT NULL,
	`changed` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_snapshots_org_seq_idx` ON `case_snapshots` (`org_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `case_snapshots_case_version_idx` ON `case_snapshots` (`org_id`,`business_case_id`,`version`);