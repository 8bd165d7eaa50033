CREATE TABLE "group_members" (
	"firm_id" text NOT NULL,
	"group_id" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "group_members_firm_id_group_id_user_id_pk" PRIMARY KEY("firm_id","group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"exclude_from_custom_rates" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"archived_by_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "groups_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE INDEX "group_members_user_idx" ON "group_members" USING btree ("firm_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "groups_firm_live_name_unique" ON "groups" USING btree ("firm_id",lower("name")) WHERE "groups"."archived_at" is null;