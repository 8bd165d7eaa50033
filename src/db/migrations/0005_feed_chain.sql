CREATE TABLE "feed_heads" (
	"firm_id" text PRIMARY KEY NOT NULL,
	"last_hash" text NOT NULL,
	"entries" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "hash" text;