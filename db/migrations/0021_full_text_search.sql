-- Issue 15: gallery search is PostgreSQL's full-text search (src/domain/gallery/queries.ts): a
-- tsvector of the words src/domain/gallery/text.ts folds (no diacritics, đ → d, lower case), built
-- with the `simple` configuration (no stemming, no stop words: the words stay as JavaScript wrote
-- them, so PGlite and PostgreSQL agree whatever their locale) and without positions (search asks
-- for words; phrases are ranked on search_text), with a GIN index. The hand-built
-- planner's narrow copy (0010) and its trigger go; the near misses' spellings (0008) stay.
DROP TRIGGER "gallery_items_search_inserted" ON "gallery_items";--> statement-breakpoint
DROP TRIGGER "gallery_items_search_updated" ON "gallery_items";--> statement-breakpoint
DROP FUNCTION "gallery_search_copy"();--> statement-breakpoint
DROP TABLE "gallery_search";--> statement-breakpoint
ALTER TABLE "gallery_items" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, "search_text"))) STORED;--> statement-breakpoint
CREATE INDEX "gallery_items_search_vector_idx" ON "gallery_items" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "gallery_items_organisation_newest_idx" ON "gallery_items" USING btree ("organisation_id","published_at","id");--> statement-breakpoint
ANALYZE "gallery_items";
