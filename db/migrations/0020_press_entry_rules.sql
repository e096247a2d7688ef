-- The press-entry rules of real press awards, per campaign (issue 12 item 3). The defaults here are
-- what campaigns already running keep (a migration does not change a running campaign's rules);
-- a new campaign's form starts from the National Press Award's (src/domain/campaigns/campaigns.ts).
ALTER TABLE "campaigns" ADD COLUMN "max_authors" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "max_series_episodes" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "length_limits" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "evidence_by_press_type" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "publication_opens_on" date;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "publication_closes_on" date;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "prior_awards_declared" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "prior_award_refused_from" text;--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "series_episodes" integer;--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "last_published_on" date;--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "prior_award_level" text;--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "prior_award_details" text;
