ALTER TABLE "reassignment_items" ADD COLUMN "chunk" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reassignment_items" DROP CONSTRAINT "reassignment_items_firm_id_reassignment_id_kind_pk";--> statement-breakpoint
ALTER TABLE "reassignment_items" ADD CONSTRAINT "reassignment_items_firm_id_reassignment_id_kind_chunk_pk" PRIMARY KEY("firm_id","reassignment_id","kind","chunk");
