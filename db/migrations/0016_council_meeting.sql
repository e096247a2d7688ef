-- The council's review meeting is data on the batch (issue 13 item 1): who chaired and took the
-- minutes, how many members the council has and how many were present, the rule of quorum and of
-- the vote (the council's own regulation: src/domain/nominations/council.ts), and how it voted.
ALTER TABLE "nomination_batches" ADD COLUMN "meeting_chair" text;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD COLUMN "meeting_secretary" text;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD COLUMN "council_membership" integer;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD COLUMN "members_present_count" integer;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD COLUMN "quorum_rule" text DEFAULT 'two_thirds' NOT NULL;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD COLUMN "approval_percent" integer DEFAULT 70 NOT NULL;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD COLUMN "approval_base" text DEFAULT 'membership' NOT NULL;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD COLUMN "voting_method" text;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD CONSTRAINT "nomination_batches_present_within_membership" CHECK ("members_present_count" IS NULL OR "council_membership" IS NULL OR "members_present_count" <= "council_membership");--> statement-breakpoint
-- Per nominee: for (votes_agree, as before), against and abstaining, out of the members present.
-- The old total is the members present now: a vote 7/9 becomes 7 for and 2 against of 9 present.
ALTER TABLE "nominations" ADD COLUMN "votes_against" integer;--> statement-breakpoint
ALTER TABLE "nominations" ADD COLUMN "votes_abstaining" integer;--> statement-breakpoint
UPDATE "nominations" SET "votes_against" = "votes_total" - "votes_agree", "votes_abstaining" = 0 WHERE "votes_agree" IS NOT NULL AND "votes_total" IS NOT NULL;--> statement-breakpoint
UPDATE "nomination_batches" b SET "members_present_count" = v."total" FROM (SELECT "batch_id", max("votes_total") AS "total" FROM "nominations" WHERE "batch_id" IS NOT NULL GROUP BY "batch_id") v WHERE v."batch_id" = b."id" AND b."members_present_count" IS NULL;--> statement-breakpoint
ALTER TABLE "nominations" DROP COLUMN "votes_total";--> statement-breakpoint
-- Whether a batch of the campaign leaves only with the signed scans of every document.
ALTER TABLE "campaigns" ADD COLUMN "requires_signed_scans" boolean DEFAULT false NOT NULL;
