CREATE TABLE "scim_groups" (
	"firm_id" text NOT NULL,
	"group_id" text NOT NULL,
	"external_id" text,
	CONSTRAINT "scim_groups_firm_id_group_id_pk" PRIMARY KEY("firm_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "scim_settings" (
	"firm_id" text NOT NULL,
	"default_role_id" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "scim_settings_firm_id_pk" PRIMARY KEY("firm_id")
);
--> statement-breakpoint
CREATE TABLE "scim_tokens" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "scim_tokens_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "scim_users" (
	"firm_id" text NOT NULL,
	"user_id" text NOT NULL,
	"external_id" text,
	"title" text,
	"employee_number" text,
	CONSTRAINT "scim_users_firm_id_user_id_pk" PRIMARY KEY("firm_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "scim_groups" ADD CONSTRAINT "scim_groups_group_fk" FOREIGN KEY ("firm_id","group_id") REFERENCES "public"."groups"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_settings" ADD CONSTRAINT "scim_settings_role_fk" FOREIGN KEY ("firm_id","default_role_id") REFERENCES "public"."roles"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_tokens" ADD CONSTRAINT "scim_tokens_created_by_fk" FOREIGN KEY ("firm_id","created_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_users" ADD CONSTRAINT "scim_users_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scim_tokens_token_hash_unique" ON "scim_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "scim_users_external_idx" ON "scim_users" USING btree ("firm_id","external_id");