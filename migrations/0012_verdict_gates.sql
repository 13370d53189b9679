ALTER TABLE `experiments` ADD `verdict_gates` text;--> statement-breakpoint
ALTER TABLE `experiments` ADD `gate_reason` text;