ALTER TABLE `experiments` ADD `pilot_start` text;--> statement-breakpoint
ALTER TABLE `experiments` ADD `pilot_end` text;--> statement-breakpoint
ALTER TABLE `experiments` ADD `pre_from` text;