-- OPS-2: composite foreign keys (firm_id, id) between firm-owned tables, so the database itself
-- refuses an orphan or a reference into another firm, and a distributed PostgreSQL (Citus) can
-- co-locate each firm's rows. Why each key is there (or not), in src/db/schema.ts; the proof
-- on a seeded database, in test/schema.test.ts.
--
-- One pending invitation per email within the firm, firm_id first like every firm-owned key.
-- Across firms, the login-email index on the invitee's user row already refuses a second one
-- (USR-2): the global reach of the old index added nothing.
DROP INDEX "invitations_pending_email_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_pending_email_unique" ON "invitations" USING btree ("firm_id",lower("email")) WHERE "invitations"."status" = 'pending';--> statement-breakpoint
-- Each key is added NOT VALID: from now on it refuses every new orphan, without reading the
-- rows already there. The block below then validates each key whose rows are all sound. A
-- database where an earlier release left a row behind (revoking an invitation made into groups
-- used to keep the invitee's memberships) keeps that row: a migration does not delete data.
-- Its key stays NOT VALID, and a warning names it; `select conrelid::regclass, conname from
-- pg_constraint where contype = 'f' and not convalidated` lists such keys.
-- The primary subscriber's key is DEFERRABLE INITIALLY DEFERRED: sign-up writes the firm
-- before its first user, in one transaction, and the key is checked at commit.
ALTER TABLE "activities" ADD CONSTRAINT "activities_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_created_by_fk" FOREIGN KEY ("firm_id","created_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "email_changes" ADD CONSTRAINT "email_changes_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "email_changes" ADD CONSTRAINT "email_changes_requested_by_fk" FOREIGN KEY ("firm_id","requested_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "feed_heads" ADD CONSTRAINT "feed_heads_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "firms" ADD CONSTRAINT "firms_primary_subscriber_fk" FOREIGN KEY ("id","primary_subscriber_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action DEFERRABLE INITIALLY DEFERRED NOT VALID;
--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_fk" FOREIGN KEY ("firm_id","group_id") REFERENCES "public"."groups"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE cascade ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_archived_by_fk" FOREIGN KEY ("firm_id","archived_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_inviter_fk" FOREIGN KEY ("firm_id","inviter_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_revoked_by_fk" FOREIGN KEY ("firm_id","revoked_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE cascade ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_role_fk" FOREIGN KEY ("firm_id","role_id") REFERENCES "public"."roles"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_firm_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_deactivated_by_fk" FOREIGN KEY ("firm_id","deactivated_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action NOT VALID;
--> statement-breakpoint
DO $$
DECLARE
  k record;
BEGIN
  FOR k IN
    SELECT c.conrelid::regclass AS tbl, c.conname
      FROM pg_constraint c
     WHERE c.contype = 'f' AND NOT c.convalidated AND c.connamespace = 'public'::regnamespace
     ORDER BY c.conname
  LOOP
    BEGIN
      EXECUTE format('ALTER TABLE %s VALIDATE CONSTRAINT %I', k.tbl, k.conname);
    EXCEPTION WHEN foreign_key_violation THEN
      RAISE WARNING 'OPS-2: % holds rows that % refuses; the key guards new rows but stays NOT VALID until they are dealt with', k.tbl, k.conname;
    END;
  END LOOP;
END
$$;
