-- Organisations follow the 2025 reorganisation (DESIGN.md): the Department of Information and
-- Communications is one provincial department among others, commune-level media exist.
ALTER TYPE "public"."organisation_kind" RENAME VALUE 'info_comms' TO 'department';--> statement-breakpoint
ALTER TYPE "public"."organisation_kind" ADD VALUE IF NOT EXISTS 'local_media' BEFORE 'department';--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "merged_into_id" integer;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_merged_into_id_organisations_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "organisation_names" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisation_names_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organisation_id" integer NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"used_until" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "organisation_names" ADD CONSTRAINT "organisation_names_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_names_organisation_idx" ON "organisation_names" USING btree ("organisation_id","used_until");--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "presiding_organisation_id" integer;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "proposal_symbol" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "appraising_organisation_id" integer;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "awarding_organisation_id" integer;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_presiding_organisation_id_organisations_id_fk" FOREIGN KEY ("presiding_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_appraising_organisation_id_organisations_id_fk" FOREIGN KEY ("appraising_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_awarding_organisation_id_organisations_id_fk" FOREIGN KEY ("awarding_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "campaign_scoring_partners" (
	"campaign_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	CONSTRAINT "campaign_scoring_partners_campaign_id_organisation_id_pk" PRIMARY KEY("campaign_id","organisation_id")
);--> statement-breakpoint
ALTER TABLE "campaign_scoring_partners" ADD CONSTRAINT "campaign_scoring_partners_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_scoring_partners" ADD CONSTRAINT "campaign_scoring_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Campaigns made before: the bodies the code used to assume (the first department, Home Affairs, the
-- Media Centre), so their dossiers read as before.
UPDATE "campaigns" SET
  "presiding_organisation_id" = (SELECT "id" FROM "organisations" WHERE "kind" = 'department' AND "active" ORDER BY "id" LIMIT 1),
  "appraising_organisation_id" = (SELECT "id" FROM "organisations" WHERE "kind" = 'home_affairs' AND "active" ORDER BY "id" LIMIT 1),
  "proposal_symbol" = 'TTr-STTTT';--> statement-breakpoint
INSERT INTO "campaign_scoring_partners" ("campaign_id", "organisation_id")
  SELECT c."id", o."id" FROM "campaigns" c CROSS JOIN "organisations" o WHERE o."kind" = 'media_centre';
