-- A campaign's ranking is computed from rows that seldom change once scoring is done, and reading
-- them is most of its cost (test/bench/ranking.ts): src/domain/scoring/results.ts keeps the rows it
-- read and reads them again only when their version has moved. There are two parts, read and kept
-- apart, so that a score submitted does not make the entries be read again, nor the reverse:
-- - scores: a submitted score inserted, changed or deleted, whatever its entry; a person renamed;
-- - entries: a ranked entry (in_review, scored, shortlisted) inserted, changed or deleted; an
--   organisation renamed.
-- Triggers keep them, so that no write path can forget to. A version is the id of the last
-- transaction that changed its part, which no other transaction ever gets.
CREATE TABLE "ranking_versions" (
	"campaign_id" integer PRIMARY KEY NOT NULL,
	"scores_changed_by" text DEFAULT '' NOT NULL,
	"entries_changed_by" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION "ranking_scores_changed"("campaign" integer) RETURNS void LANGUAGE sql AS $$
	INSERT INTO "ranking_versions" ("campaign_id", "scores_changed_by")
		SELECT "campaign", pg_current_xact_id()::text WHERE "campaign" IS NOT NULL
		ON CONFLICT ("campaign_id") DO UPDATE SET "scores_changed_by" = excluded."scores_changed_by"
		WHERE "ranking_versions"."scores_changed_by" <> excluded."scores_changed_by";
$$;--> statement-breakpoint
CREATE FUNCTION "ranking_entries_changed"("campaign" integer) RETURNS void LANGUAGE sql AS $$
	INSERT INTO "ranking_versions" ("campaign_id", "entries_changed_by")
		SELECT "campaign", pg_current_xact_id()::text WHERE "campaign" IS NOT NULL
		ON CONFLICT ("campaign_id") DO UPDATE SET "entries_changed_by" = excluded."entries_changed_by"
		WHERE "ranking_versions"."entries_changed_by" <> excluded."entries_changed_by";
$$;--> statement-breakpoint
CREATE FUNCTION "entries_ranking_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN PERFORM "ranking_entries_changed"(OLD."campaign_id"); END IF;
	IF TG_OP <> 'DELETE' THEN PERFORM "ranking_entries_changed"(NEW."campaign_id"); END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "entries_ranking_inserted" AFTER INSERT ON "entries" FOR EACH ROW
	WHEN (NEW."status" IN ('in_review', 'scored', 'shortlisted')) EXECUTE FUNCTION "entries_ranking_changed"();--> statement-breakpoint
CREATE TRIGGER "entries_ranking_updated" AFTER UPDATE ON "entries" FOR EACH ROW
	WHEN (OLD."status" IN ('in_review', 'scored', 'shortlisted') OR NEW."status" IN ('in_review', 'scored', 'shortlisted'))
	EXECUTE FUNCTION "entries_ranking_changed"();--> statement-breakpoint
CREATE TRIGGER "entries_ranking_deleted" AFTER DELETE ON "entries" FOR EACH ROW
	WHEN (OLD."status" IN ('in_review', 'scored', 'shortlisted')) EXECUTE FUNCTION "entries_ranking_changed"();--> statement-breakpoint
CREATE FUNCTION "assignments_ranking_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN PERFORM "ranking_scores_changed"((SELECT "campaign_id" FROM "entries" WHERE "id" = OLD."entry_id")); END IF;
	IF TG_OP <> 'DELETE' THEN PERFORM "ranking_scores_changed"((SELECT "campaign_id" FROM "entries" WHERE "id" = NEW."entry_id")); END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "assignments_ranking_inserted" AFTER INSERT ON "assignments" FOR EACH ROW
	WHEN (NEW."score_status" = 'submitted') EXECUTE FUNCTION "assignments_ranking_changed"();--> statement-breakpoint
CREATE TRIGGER "assignments_ranking_updated" AFTER UPDATE ON "assignments" FOR EACH ROW
	WHEN (OLD."score_status" = 'submitted' OR NEW."score_status" = 'submitted') EXECUTE FUNCTION "assignments_ranking_changed"();--> statement-breakpoint
CREATE TRIGGER "assignments_ranking_deleted" AFTER DELETE ON "assignments" FOR EACH ROW
	WHEN (OLD."score_status" = 'submitted') EXECUTE FUNCTION "assignments_ranking_changed"();--> statement-breakpoint
-- A name is shown in every campaign's ranking it appears in: renaming moves them all (it is rare).
CREATE FUNCTION "scorer_ranking_renamed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "ranking_scores_changed"("id") FROM "campaigns";
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION "organisation_ranking_renamed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "ranking_entries_changed"("id") FROM "campaigns";
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "users_ranking_renamed" AFTER UPDATE OF "name" ON "users" FOR EACH ROW
	WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "scorer_ranking_renamed"();--> statement-breakpoint
CREATE TRIGGER "organisations_ranking_renamed" AFTER UPDATE OF "name" ON "organisations" FOR EACH ROW
	WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "organisation_ranking_renamed"();
