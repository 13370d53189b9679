ALTER TABLE `kpis` ADD `min_value` real;--> statement-breakpoint
ALTER TABLE `kpis` ADD `max_value` real;