-- PRC, GRP-3, GRP-4, ACC-8: the practice data: contacts, matters with their access groups and
-- custom rates, tasks, calendar events with attendees and their video-conference link, the
-- calendars each user shows beside their own, and secure-message threads with their
-- participants and messages. New tables, so every composite key (firm_id, id) is valid at
-- once; why each key is there, in src/db/schema.ts; the proof, in test/schema.test.ts.
CREATE TABLE "calendar_events" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"matter_id" text,
	"calendar" text NOT NULL,
	"owner_id" text NOT NULL,
	"conference_provider" text,
	"conference_url" text,
	"conference_created_by_id" text,
	"conference_created_at" timestamp with time zone,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_events_firm_id_id_pk" PRIMARY KEY("firm_id","id"),
	CONSTRAINT "calendar_events_ends_after_start" CHECK ("calendar_events"."end_at" >= "calendar_events"."start_at"),
	CONSTRAINT "calendar_events_conference_whole" CHECK (num_nulls("calendar_events"."conference_provider", "calendar_events"."conference_url", "calendar_events"."conference_created_by_id", "calendar_events"."conference_created_at") in (0, 4))
);
--> statement-breakpoint
CREATE TABLE "calendar_views" (
	"firm_id" text NOT NULL,
	"user_id" text NOT NULL,
	"shown_user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_views_firm_id_user_id_shown_user_id_pk" PRIMARY KEY("firm_id","user_id","shown_user_id"),
	CONSTRAINT "calendar_views_not_own" CHECK ("calendar_views"."user_id" <> "calendar_views"."shown_user_id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contacts_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "custom_rates" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"matter_id" text,
	"contact_id" text,
	"user_id" text,
	"group_id" text,
	"rate_cents" integer NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "custom_rates_firm_id_id_pk" PRIMARY KEY("firm_id","id"),
	CONSTRAINT "custom_rates_subject_payee_unique" UNIQUE NULLS NOT DISTINCT("firm_id","matter_id","contact_id","user_id","group_id"),
	CONSTRAINT "custom_rates_one_subject" CHECK (num_nonnulls("custom_rates"."matter_id", "custom_rates"."contact_id") = 1),
	CONSTRAINT "custom_rates_one_payee" CHECK (num_nonnulls("custom_rates"."user_id", "custom_rates"."group_id") = 1),
	CONSTRAINT "custom_rates_not_negative" CHECK ("custom_rates"."rate_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "event_attendees" (
	"firm_id" text NOT NULL,
	"event_id" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "event_attendees_firm_id_event_id_user_id_pk" PRIMARY KEY("firm_id","event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "matter_groups" (
	"firm_id" text NOT NULL,
	"matter_id" text NOT NULL,
	"group_id" text NOT NULL,
	CONSTRAINT "matter_groups_firm_id_matter_id_group_id_pk" PRIMARY KEY("firm_id","matter_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "matters" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"number" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"status_changed_by_id" text NOT NULL,
	"responsible_attorney_id" text NOT NULL,
	"originating_attorney_id" text NOT NULL,
	"client_id" text,
	"access_kind" text NOT NULL,
	"access_owner_id" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "matters_firm_id_id_pk" PRIMARY KEY("firm_id","id"),
	CONSTRAINT "matters_private_has_owner" CHECK (("matters"."access_kind" = 'private') = ("matters"."access_owner_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "message_threads" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"subject" text NOT NULL,
	"matter_id" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_activity_at" timestamp with time zone NOT NULL,
	CONSTRAINT "message_threads_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "messages_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"thread_id" text NOT NULL,
	"author_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "messages_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"firm_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"matter_id" text,
	"assignee_id" text NOT NULL,
	"due_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by_id" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tasks_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "thread_contacts" (
	"firm_id" text NOT NULL,
	"thread_id" text NOT NULL,
	"contact_id" text NOT NULL,
	CONSTRAINT "thread_contacts_firm_id_thread_id_contact_id_pk" PRIMARY KEY("firm_id","thread_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "thread_users" (
	"firm_id" text NOT NULL,
	"thread_id" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "thread_users_firm_id_thread_id_user_id_pk" PRIMARY KEY("firm_id","thread_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "calendar_events" ADD CONSTRAINT "calendar_events_matter_fk" FOREIGN KEY ("firm_id","matter_id") REFERENCES "public"."matters"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_events" ADD CONSTRAINT "calendar_events_owner_fk" FOREIGN KEY ("firm_id","owner_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_events" ADD CONSTRAINT "calendar_events_conference_created_by_fk" FOREIGN KEY ("firm_id","conference_created_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_events" ADD CONSTRAINT "calendar_events_created_by_fk" FOREIGN KEY ("firm_id","created_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_views" ADD CONSTRAINT "calendar_views_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_views" ADD CONSTRAINT "calendar_views_shown_user_fk" FOREIGN KEY ("firm_id","shown_user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_created_by_fk" FOREIGN KEY ("firm_id","created_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_rates" ADD CONSTRAINT "custom_rates_matter_fk" FOREIGN KEY ("firm_id","matter_id") REFERENCES "public"."matters"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_rates" ADD CONSTRAINT "custom_rates_contact_fk" FOREIGN KEY ("firm_id","contact_id") REFERENCES "public"."contacts"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_rates" ADD CONSTRAINT "custom_rates_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_rates" ADD CONSTRAINT "custom_rates_group_fk" FOREIGN KEY ("firm_id","group_id") REFERENCES "public"."groups"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_rates" ADD CONSTRAINT "custom_rates_created_by_fk" FOREIGN KEY ("firm_id","created_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendees" ADD CONSTRAINT "event_attendees_event_fk" FOREIGN KEY ("firm_id","event_id") REFERENCES "public"."calendar_events"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendees" ADD CONSTRAINT "event_attendees_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_groups" ADD CONSTRAINT "matter_groups_matter_fk" FOREIGN KEY ("firm_id","matter_id") REFERENCES "public"."matters"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_groups" ADD CONSTRAINT "matter_groups_group_fk" FOREIGN KEY ("firm_id","group_id") REFERENCES "public"."groups"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_responsible_attorney_fk" FOREIGN KEY ("firm_id","responsible_attorney_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_originating_attorney_fk" FOREIGN KEY ("firm_id","originating_attorney_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_client_fk" FOREIGN KEY ("firm_id","client_id") REFERENCES "public"."contacts"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_access_owner_fk" FOREIGN KEY ("firm_id","access_owner_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_created_by_fk" FOREIGN KEY ("firm_id","created_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_status_changed_by_fk" FOREIGN KEY ("firm_id","status_changed_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_matter_fk" FOREIGN KEY ("firm_id","matter_id") REFERENCES "public"."matters"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_created_by_fk" FOREIGN KEY ("firm_id","created_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_thread_fk" FOREIGN KEY ("firm_id","thread_id") REFERENCES "public"."message_threads"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_fk" FOREIGN KEY ("firm_id","author_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_matter_fk" FOREIGN KEY ("firm_id","matter_id") REFERENCES "public"."matters"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_fk" FOREIGN KEY ("firm_id","assignee_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_completed_by_fk" FOREIGN KEY ("firm_id","completed_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_fk" FOREIGN KEY ("firm_id","created_by_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_contacts" ADD CONSTRAINT "thread_contacts_thread_fk" FOREIGN KEY ("firm_id","thread_id") REFERENCES "public"."message_threads"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_contacts" ADD CONSTRAINT "thread_contacts_contact_fk" FOREIGN KEY ("firm_id","contact_id") REFERENCES "public"."contacts"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_users" ADD CONSTRAINT "thread_users_thread_fk" FOREIGN KEY ("firm_id","thread_id") REFERENCES "public"."message_threads"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_users" ADD CONSTRAINT "thread_users_user_fk" FOREIGN KEY ("firm_id","user_id") REFERENCES "public"."users"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_events_firm_start_idx" ON "calendar_events" USING btree ("firm_id","start_at","id");--> statement-breakpoint
CREATE INDEX "calendar_events_owner_idx" ON "calendar_events" USING btree ("firm_id","owner_id","start_at");--> statement-breakpoint
CREATE INDEX "calendar_events_matter_idx" ON "calendar_events" USING btree ("firm_id","matter_id");--> statement-breakpoint
CREATE INDEX "calendar_events_conference_creator_idx" ON "calendar_events" USING btree ("firm_id","conference_created_by_id");--> statement-breakpoint
CREATE INDEX "calendar_views_shown_user_idx" ON "calendar_views" USING btree ("firm_id","shown_user_id");--> statement-breakpoint
CREATE INDEX "contacts_firm_name_idx" ON "contacts" USING btree ("firm_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "custom_rates_contact_idx" ON "custom_rates" USING btree ("firm_id","contact_id");--> statement-breakpoint
CREATE INDEX "custom_rates_user_idx" ON "custom_rates" USING btree ("firm_id","user_id");--> statement-breakpoint
CREATE INDEX "custom_rates_group_idx" ON "custom_rates" USING btree ("firm_id","group_id");--> statement-breakpoint
CREATE INDEX "event_attendees_user_idx" ON "event_attendees" USING btree ("firm_id","user_id");--> statement-breakpoint
CREATE INDEX "matter_groups_group_idx" ON "matter_groups" USING btree ("firm_id","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "matters_firm_number_unique" ON "matters" USING btree ("firm_id",lower("number"));--> statement-breakpoint
CREATE INDEX "matters_firm_responsible_idx" ON "matters" USING btree ("firm_id","responsible_attorney_id","status");--> statement-breakpoint
CREATE INDEX "matters_firm_originating_idx" ON "matters" USING btree ("firm_id","originating_attorney_id");--> statement-breakpoint
CREATE INDEX "matters_firm_client_idx" ON "matters" USING btree ("firm_id","client_id");--> statement-breakpoint
CREATE INDEX "matters_firm_access_owner_idx" ON "matters" USING btree ("firm_id","access_owner_id");--> statement-breakpoint
CREATE INDEX "message_threads_activity_idx" ON "message_threads" USING btree ("firm_id","last_activity_at","id");--> statement-breakpoint
CREATE INDEX "message_threads_matter_idx" ON "message_threads" USING btree ("firm_id","matter_id");--> statement-breakpoint
CREATE INDEX "messages_thread_seq_idx" ON "messages" USING btree ("firm_id","thread_id","seq");--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("firm_id","assignee_id");--> statement-breakpoint
CREATE INDEX "tasks_matter_idx" ON "tasks" USING btree ("firm_id","matter_id");--> statement-breakpoint
CREATE INDEX "thread_contacts_contact_idx" ON "thread_contacts" USING btree ("firm_id","contact_id");--> statement-breakpoint
CREATE INDEX "thread_users_user_idx" ON "thread_users" USING btree ("firm_id","user_id");