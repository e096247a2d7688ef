CREATE TABLE "nomination_batches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nomination_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"title" text NOT NULL,
	"proposal_number" text,
	"proposal_date" date,
	"meeting_date" date,
	"meeting_place" text,
	"members_present" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"sent_at" timestamp with time zone,
	"created_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nomination_entries" (
	"nomination_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	CONSTRAINT "nomination_entries_nomination_id_entry_id_pk" PRIMARY KEY("nomination_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "nominations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nominations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"batch_id" integer,
	"nominee_type" text NOT NULL,
	"nominee_user_id" integer,
	"nominee_organisation_id" integer,
	"award_form" text NOT NULL,
	"achievement_summary" text DEFAULT '' NOT NULL,
	"collective_criteria" jsonb,
	"eligibility_declared" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"votes_agree" integer,
	"votes_total" integer,
	"decision_number" text,
	"decision_date" date,
	"reason" text,
	"created_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD CONSTRAINT "nomination_batches_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD CONSTRAINT "nomination_batches_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_entries" ADD CONSTRAINT "nomination_entries_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_entries" ADD CONSTRAINT "nomination_entries_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_entries" ADD CONSTRAINT "nomination_entries_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_batch_id_nomination_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."nomination_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_nominee_user_id_users_id_fk" FOREIGN KEY ("nominee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_nominee_organisation_id_organisations_id_fk" FOREIGN KEY ("nominee_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nomination_entries_one_award" ON "nomination_entries" USING btree ("campaign_id","entry_id");--> statement-breakpoint
CREATE INDEX "nominations_campaign_status_idx" ON "nominations" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "nominations_batch_idx" ON "nominations" USING btree ("batch_id");