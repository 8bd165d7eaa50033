CREATE TABLE "saml_assertions" (
	"firm_id" text NOT NULL,
	"assertion" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "saml_assertions_firm_id_assertion_pk" PRIMARY KEY("firm_id","assertion")
);
--> statement-breakpoint
CREATE TABLE "sso_settings" (
	"firm_id" text NOT NULL,
	"idp_entity" text NOT NULL,
	"sso_url" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"enforced" boolean DEFAULT false NOT NULL,
	"exception_emails" text[] NOT NULL,
	"tested_at" timestamp with time zone,
	"updated_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sso_settings_firm_id_pk" PRIMARY KEY("firm_id"),
	CONSTRAINT "sso_settings_not_enforced_untested" CHECK (not "sso_settings"."enforced" or "sso_settings"."tested_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "saml_assertions" ADD CONSTRAINT "saml_assertions_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_settings" ADD CONSTRAINT "sso_settings_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_settings" ADD CONSTRAINT "sso_settings_updated_by_fk" FOREIGN KEY ("firm_id","updated_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "saml_assertions_firm_expires_idx" ON "saml_assertions" USING btree ("firm_id","expires_at");