-- Outcomes flow back (issue 13 item 3). A decision (quyết định khen thưởng) is data of its own:
-- its number is unique per awarding authority and year, with one date; the nominations it awards
-- point to it. Entries gain the two outcomes of the nomination they back.
-- The new entry statuses are only added here: PostgreSQL refuses to use an enum value in the
-- transaction that added it (the migrator runs every pending migration in one), so entries
-- already behind a decision keep their status; /results and the gallery read the decisions.
ALTER TYPE "public"."entry_status" ADD VALUE IF NOT EXISTS 'awarded';--> statement-breakpoint
ALTER TYPE "public"."entry_status" ADD VALUE IF NOT EXISTS 'not_awarded';--> statement-breakpoint
CREATE TABLE "award_decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "award_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"authority_organisation_id" integer NOT NULL,
	"year" integer NOT NULL,
	"number" text NOT NULL,
	"decided_on" date NOT NULL,
	"recorded_by_id" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "award_decisions" ADD CONSTRAINT "award_decisions_authority_organisation_id_organisations_id_fk" FOREIGN KEY ("authority_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_decisions" ADD CONSTRAINT "award_decisions_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "award_decisions_number_unique" ON "award_decisions" USING btree ("authority_organisation_id","year","number");--> statement-breakpoint
ALTER TABLE "nominations" ADD COLUMN "decision_id" integer;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_decision_id_award_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."award_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nominations_decision_idx" ON "nominations" USING btree ("decision_id");--> statement-breakpoint
-- Decisions already recorded: one row per authority, year and number (the earliest date where a
-- number was given two), the Chairman's for a Bằng khen, the presiding department's for a Giấy khen.
INSERT INTO "award_decisions" ("authority_organisation_id", "year", "number", "decided_on")
	SELECT DISTINCT ON (authority, extract(year FROM n."decision_date"), n."decision_number")
		authority, extract(year FROM n."decision_date")::integer, n."decision_number", n."decision_date"
	FROM "nominations" n
	JOIN "campaigns" c ON c."id" = n."campaign_id"
	CROSS JOIN LATERAL (SELECT CASE n."award_form" WHEN 'provincial_certificate' THEN c."awarding_organisation_id" ELSE c."presiding_organisation_id" END AS authority) a
	WHERE n."status" = 'approved' AND n."decision_number" IS NOT NULL AND n."decision_date" IS NOT NULL AND authority IS NOT NULL
	ORDER BY authority, extract(year FROM n."decision_date"), n."decision_number", n."decision_date";--> statement-breakpoint
UPDATE "nominations" n SET "decision_id" = d."id", "decision_date" = d."decided_on"
	FROM "campaigns" c, "award_decisions" d
	WHERE c."id" = n."campaign_id" AND n."status" = 'approved' AND d."number" = n."decision_number"
		AND d."year" = extract(year FROM n."decision_date")
		AND d."authority_organisation_id" = CASE n."award_form" WHEN 'provincial_certificate' THEN c."awarding_organisation_id" ELSE c."presiding_organisation_id" END;--> statement-breakpoint
-- The gallery's award line is the decision's, never free text: a line no decision backs goes.
UPDATE "gallery_items" g SET "award" = (
	SELECT CASE n."award_form" WHEN 'provincial_certificate' THEN 'Bằng khen của Chủ tịch UBND tỉnh' ELSE 'Giấy khen của Giám đốc Sở' END
		|| ' (Quyết định số ' || n."decision_number" || ')'
	FROM "nomination_entries" ne JOIN "nominations" n ON n."id" = ne."nomination_id"
	WHERE ne."entry_id" = g."entry_id" AND n."decision_id" IS NOT NULL
	LIMIT 1
);
