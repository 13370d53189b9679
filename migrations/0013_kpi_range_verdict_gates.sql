ALTER TABLE `experiments` ADD `verdict_gates` text;--> statement-breakpoint
ALTER TABLE `experiments` ADD `gate_reason` text;--> statement-breakpoint
ALTER TABLE `kpis` ADD `min_value` real;--> statement-breakpoint
ALTER TABLE `kpis` ADD `max_value` real;