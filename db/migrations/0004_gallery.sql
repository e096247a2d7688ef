CREATE TABLE "gallery_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "gallery_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"entry_id" integer NOT NULL,
	"title" text NOT NULL,
	"summary_html" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"authors" text DEFAULT '' NOT NULL,
	"year" integer NOT NULL,
	"par_areas" text[] DEFAULT '{}' NOT NULL,
	"press_type" text,
	"original_url" text,
	"award" text,
	"cover_file_id" integer,
	"image_file_ids" integer[] DEFAULT '{}' NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"created_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gallery_items_slug_unique" UNIQUE("slug"),
	CONSTRAINT "gallery_items_entry_id_unique" UNIQUE("entry_id")
);
--> statement-breakpoint
ALTER TABLE "gallery_items" ADD CONSTRAINT "gallery_items_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_items" ADD CONSTRAINT "gallery_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_items" ADD CONSTRAINT "gallery_items_cover_file_id_evidence_files_id_fk" FOREIGN KEY ("cover_file_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_items" ADD CONSTRAINT "gallery_items_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gallery_items_published_idx" ON "gallery_items" USING btree ("published","year");--> statement-breakpoint
CREATE INDEX "gallery_items_search_trgm_idx" ON "gallery_items" USING gin ("search_text" gin_trgm_ops);