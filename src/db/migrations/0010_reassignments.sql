-- REA-1, REA-9, REA-10: work reassignment. A reassignment names whose work moved and the target
-- of each kind, with the counts; reassignment_items keeps the ids that moved, one array per
-- kind, written by the moving UPDATE itself. New tables, so every composite key is valid at once;
-- why the ids are an array, in src/db/schema.ts.
CREATE TABLE "reassignment_items" (
	"firm_id" text NOT NULL,
	"reassignment_id" text NOT NULL,
	"kind" text NOT NULL,
	"item_ids" text[] NOT NULL,
	CONSTRAINT "reassignment_items_firm_id_reassignment_id_kind_pk" PRIMARY KEY("firm_id","reassignment_id","kind")
);
--> statement-breakpoint
CREATE TABLE "reassignments" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"from_user_id" text NOT NULL,
	"matters_to_id" text,
	"tasks_to_id" text,
	"events_to_id" text,
	"matters" integer NOT NULL,
	"tasks" integer NOT NULL,
	"events" integer NOT NULL,
	"created_by_id" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reassignments_firm_id_id_pk" PRIMARY KEY("firm_id","id"),
	CONSTRAINT "reassignments_counts_not_negative" CHECK (least("reassignments"."matters", "reassignments"."tasks", "reassignments"."events") >= 0)
);
--> statement-breakpoint
ALTER TABLE "reassignment_items" ADD CONSTRAINT "reassignment_items_reassignment_fk" FOREIGN KEY ("firm_id","reassignment_id") REFERENCES "public"."reassignments"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reassignments" ADD CONSTRAINT "reassignments_from_user_fk" FOREIGN KEY ("firm_id","from_user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reassignments" ADD CONSTRAINT "reassignments_matters_to_fk" FOREIGN KEY ("firm_id","matters_to_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reassignments" ADD CONSTRAINT "reassignments_tasks_to_fk" FOREIGN KEY ("firm_id","tasks_to_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reassignments" ADD CONSTRAINT "reassignments_events_to_fk" FOREIGN KEY ("firm_id","events_to_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reassignments" ADD CONSTRAINT "reassignments_created_by_fk" FOREIGN KEY ("firm_id","created_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reassignments_firm_created_idx" ON "reassignments" USING btree ("firm_id","created_at","id");--> statement-breakpoint
CREATE INDEX "reassignments_from_user_idx" ON "reassignments" USING btree ("firm_id","from_user_id","created_at");