-- Search reads thousands of items newest first (src/domain/gallery/matches.ts); a gallery item's row
-- is about 2 kB, mostly its summary four times over. gallery_search holds only what search and the
-- gallery's list read, a fifth of that, copied by a trigger on every write to gallery_items, whoever
-- writes. Its words' index is on an expression, so the words are no longer stored a second time as
-- search_words.
CREATE TABLE "gallery_search" (
	"item_id" integer PRIMARY KEY NOT NULL,
	"entry_id" integer NOT NULL,
	"published" boolean NOT NULL,
	"published_at" timestamp with time zone,
	"year" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"kind" text NOT NULL,
	"press_type" text,
	"par_areas" text[] NOT NULL,
	"words" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gallery_search" ADD CONSTRAINT "gallery_search_item_id_gallery_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."gallery_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE FUNCTION "gallery_search_copy"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "gallery_search" ("item_id", "entry_id", "published", "published_at", "year", "organisation_id", "kind", "press_type", "par_areas", "words")
		SELECT "id", "entry_id", "published", "published_at", "year", "organisation_id", "kind", "press_type", "par_areas", ' ' || "search_text" || ' ' FROM "written"
		ON CONFLICT ("item_id") DO UPDATE SET
			"entry_id" = excluded."entry_id", "published" = excluded."published", "published_at" = excluded."published_at",
			"year" = excluded."year", "organisation_id" = excluded."organisation_id", "kind" = excluded."kind",
			"press_type" = excluded."press_type", "par_areas" = excluded."par_areas", "words" = excluded."words";
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "gallery_items_search_inserted" AFTER INSERT ON "gallery_items" REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "gallery_search_copy"();--> statement-breakpoint
CREATE TRIGGER "gallery_items_search_updated" AFTER UPDATE ON "gallery_items" REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "gallery_search_copy"();--> statement-breakpoint
INSERT INTO "gallery_search" ("item_id", "entry_id", "published", "published_at", "year", "organisation_id", "kind", "press_type", "par_areas", "words")
	SELECT "id", "entry_id", "published", "published_at", "year", "organisation_id", "kind", "press_type", "par_areas", ' ' || "search_text" || ' ' FROM "gallery_items";--> statement-breakpoint
CREATE INDEX "gallery_search_words_idx" ON "gallery_search" USING gin (string_to_array("words", ' '));--> statement-breakpoint
CREATE INDEX "gallery_search_newest_idx" ON "gallery_search" USING btree ("published_at","item_id");--> statement-breakpoint
CREATE INDEX "gallery_search_year_newest_idx" ON "gallery_search" USING btree ("year","published_at","item_id");--> statement-breakpoint
CREATE INDEX "gallery_search_organisation_newest_idx" ON "gallery_search" USING btree ("organisation_id","published_at","item_id");--> statement-breakpoint
-- The spellings (0008) are now read from search_text itself.
CREATE OR REPLACE FUNCTION "gallery_search_words_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "gallery_search_words" ("word")
		SELECT DISTINCT "word" FROM "written", unnest(string_to_array("written"."search_text", ' ')) AS "word" WHERE "word" <> '|'
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;--> statement-breakpoint
DROP INDEX "gallery_items_search_words_idx";--> statement-breakpoint
-- The gallery's list by organisation reads gallery_search too.
DROP INDEX "gallery_items_organisation_newest_idx";--> statement-breakpoint
ALTER TABLE "gallery_items" DROP COLUMN "search_words";--> statement-breakpoint
ANALYZE "gallery_search";
