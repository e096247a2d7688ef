-- Issue 15: the ranking is read afresh in one query (src/domain/scoring/results.ts), which meets its
-- goal at the platform's scale (README "Figures"): the versions of 0009 and their triggers go.
DROP TRIGGER "entries_ranking_inserted" ON "entries";--> statement-breakpoint
DROP TRIGGER "entries_ranking_updated" ON "entries";--> statement-breakpoint
DROP TRIGGER "entries_ranking_deleted" ON "entries";--> statement-breakpoint
DROP TRIGGER "assignments_ranking_inserted" ON "assignments";--> statement-breakpoint
DROP TRIGGER "assignments_ranking_updated" ON "assignments";--> statement-breakpoint
DROP TRIGGER "assignments_ranking_deleted" ON "assignments";--> statement-breakpoint
DROP TRIGGER "users_ranking_renamed" ON "users";--> statement-breakpoint
DROP TRIGGER "organisations_ranking_renamed" ON "organisations";--> statement-breakpoint
DROP FUNCTION "entries_ranking_changed"();--> statement-breakpoint
DROP FUNCTION "assignments_ranking_changed"();--> statement-breakpoint
DROP FUNCTION "scorer_ranking_renamed"();--> statement-breakpoint
DROP FUNCTION "organisation_ranking_renamed"();--> statement-breakpoint
DROP FUNCTION "ranking_scores_changed"(integer);--> statement-breakpoint
DROP FUNCTION "ranking_entries_changed"(integer);--> statement-breakpoint
DROP TABLE "ranking_versions";
