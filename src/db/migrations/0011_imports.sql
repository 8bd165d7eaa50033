CREATE TABLE "imports" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"status" text NOT NULL,
	"file_name" text,
	"rows" integer NOT NULL,
	"imported" integer NOT NULL,
	"error_rows" integer NOT NULL,
	"role_ids" text[] NOT NULL,
	"send_welcome_email" boolean NOT NULL,
	"errors" jsonb NOT NULL,
	"error_report" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "imports_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_created_by_fk" FOREIGN KEY ("firm_id","created_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_firm_created_idx" ON "imports" USING btree ("firm_id","created_at","id");