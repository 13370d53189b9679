ALTER TABLE `business_cases` ADD `go_live` text;--> statement-breakpoint
ALTER TABLE `business_cases` ADD `ramp_up_months` integer;--> statement-breakpoint
ALTER TABLE `business_cases` ADD `benefit_scope` text;--> statement-breakpoint
ALTER TABLE `business_cases` ADD `benefit_actuals` text;