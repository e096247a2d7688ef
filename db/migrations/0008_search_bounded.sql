-- Search reads a bounded number of items whatever the number of matches (src/domain/gallery/search.ts):
-- the words of search_text as an indexed array (its statistics tell a common word from a rare one),
-- the newest first from an index, and the known spellings a near miss is corrected to. The trigram
-- index served LIKE on every match and near misses over every item; neither is done any more.
CREATE TABLE "gallery_search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "gallery_items_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "gallery_items" ADD COLUMN "search_words" text[] GENERATED ALWAYS AS (string_to_array(search_text, ' ')) STORED;--> statement-breakpoint
CREATE INDEX "gallery_items_search_words_idx" ON "gallery_items" USING gin ("search_words");--> statement-breakpoint
CREATE INDEX "gallery_items_newest_idx" ON "gallery_items" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "gallery_items_year_newest_idx" ON "gallery_items" USING btree ("year","published_at","id");--> statement-breakpoint
CREATE INDEX "gallery_items_organisation_newest_idx" ON "gallery_items" USING btree ("organisation_id","published_at","id");--> statement-breakpoint
-- The spellings: every word of every item, whoever writes the items (the domain, the seed, a bench).
CREATE FUNCTION "gallery_search_words_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "gallery_search_words" ("word")
		SELECT DISTINCT "word" FROM "written", unnest("written"."search_words") AS "word" WHERE "word" <> '|'
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "gallery_items_words_inserted" AFTER INSERT ON "gallery_items" REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "gallery_search_words_add"();--> statement-breakpoint
CREATE TRIGGER "gallery_items_words_updated" AFTER UPDATE ON "gallery_items" REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "gallery_search_words_add"();--> statement-breakpoint
INSERT INTO "gallery_search_words" ("word")
	SELECT DISTINCT "word" FROM "gallery_items", unnest("gallery_items"."search_words") AS "word" WHERE "word" <> '|'
	ON CONFLICT DO NOTHING;
