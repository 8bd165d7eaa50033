CREATE TABLE "firm_closures" (
	"firm_id" text PRIMARY KEY NOT NULL,
	"closed_by_id" text NOT NULL,
	"closed_by_name" text NOT NULL,
	"reason" text NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"purge_at" timestamp with time zone NOT NULL,
	"purge_notice_at" timestamp with time zone,
	"purge_started_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "firm_closures" ADD CONSTRAINT "firm_closures_closed_by_fk" FOREIGN KEY ("firm_id","closed_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;