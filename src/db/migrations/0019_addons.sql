CREATE TABLE "addon_allocations" (
	"firm_id" text NOT NULL,
	"addon_key" text NOT NULL,
	"user_id" text NOT NULL,
	"allocated_by_id" text,
	"allocated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "addon_allocations_firm_id_addon_key_user_id_pk" PRIMARY KEY("firm_id","addon_key","user_id")
);
--> statement-breakpoint
CREATE TABLE "addons" (
	"firm_id" text NOT NULL,
	"key" text NOT NULL,
	"status" text NOT NULL,
	"total_licenses" integer NOT NULL,
	"trial_started_at" timestamp with time zone,
	"trial_ends_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "addons_firm_id_key_pk" PRIMARY KEY("firm_id","key"),
	CONSTRAINT "addons_total_not_negative" CHECK ("addons"."total_licenses" >= 0),
	CONSTRAINT "addons_trial_has_end" CHECK ("addons"."status" <> 'trial' or "addons"."trial_ends_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "addon_key" text;--> statement-breakpoint
ALTER TABLE "addon_allocations" ADD CONSTRAINT "addon_allocations_addon_fk" FOREIGN KEY ("firm_id","addon_key") REFERENCES "public"."addons"("firm_id","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addon_allocations" ADD CONSTRAINT "addon_allocations_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addon_allocations" ADD CONSTRAINT "addon_allocations_allocated_by_fk" FOREIGN KEY ("firm_id","allocated_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addons" ADD CONSTRAINT "addons_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "addon_allocations_user_idx" ON "addon_allocations" USING btree ("firm_id","user_id");