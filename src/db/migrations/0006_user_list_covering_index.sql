-- USR-4: the user list pages by name and filters by status and search text. With both in the
-- index, a page is found by an index-only scan; only the page's own rows are then read.
DROP INDEX IF EXISTS "users_firm_sort_name_idx";--> statement-breakpoint
CREATE INDEX "users_firm_sort_name_idx" ON "users" USING btree ("firm_id","sort_name","id") INCLUDE ("status","search_text");
