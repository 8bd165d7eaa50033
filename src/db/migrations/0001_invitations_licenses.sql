CREATE TABLE "charges" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "charges_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"count" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "charges_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"firm_id" text NOT NULL,
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status_code" integer NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_firm_id_user_id_key_pk" PRIMARY KEY("firm_id","user_id","key")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"user_id" text NOT NULL,
	"email" text NOT NULL,
	"inviter_id" text,
	"token_hash" text,
	"message" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"sent_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invitations_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE INDEX "charges_firm_seq_idx" ON "charges" USING btree ("firm_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_pending_email_unique" ON "invitations" USING btree (lower("email")) WHERE "invitations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "invitations_user_idx" ON "invitations" USING btree ("firm_id","user_id");--> statement-breakpoint
-- Firms created before renewals existed get their renewal job (LIC-6).
INSERT INTO "jobs" ("firm_id", "id", "kind", "run_at", "payload", "created_at")
SELECT s."firm_id", gen_random_uuid()::text, 'subscription.renew', s."period_end", '{}'::jsonb, s."updated_at"
  FROM "subscriptions" s
 WHERE NOT EXISTS (SELECT 1 FROM "jobs" j WHERE j."firm_id" = s."firm_id" AND j."kind" = 'subscription.renew' AND j."status" = 'pending');
