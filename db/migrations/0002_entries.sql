CREATE TYPE "public"."entry_kind" AS ENUM('article', 'initiative');--> statement-breakpoint
CREATE TYPE "public"."entry_status" AS ENUM('draft', 'submitted', 'returned', 'confirmed', 'in_review', 'scored', 'shortlisted', 'withdrawn');--> statement-breakpoint
CREATE TABLE "entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"kind" "entry_kind" NOT NULL,
	"status" "entry_status" DEFAULT 'draft' NOT NULL,
	"collective" boolean DEFAULT false NOT NULL,
	"organisation_id" integer NOT NULL,
	"created_by_id" integer NOT NULL,
	"form_key" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"par_areas" text[] DEFAULT '{}' NOT NULL,
	"angle" text,
	"press_type" text,
	"programme" text,
	"published_on" date,
	"url" text,
	"url_key" text,
	"length_value" integer,
	"length_unit" text,
	"summary_html" text DEFAULT '' NOT NULL,
	"background_html" text DEFAULT '' NOT NULL,
	"problem_html" text DEFAULT '' NOT NULL,
	"solution_html" text DEFAULT '' NOT NULL,
	"applied_where" text,
	"applied_since" date,
	"effect_html" text DEFAULT '' NOT NULL,
	"return_reason" text,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entry_authors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entry_authors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"entry_id" integer NOT NULL,
	"user_id" integer,
	"external_name" text,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evidence_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"entry_id" integer NOT NULL,
	"stored_name" text NOT NULL,
	"original_name" text NOT NULL,
	"file_type" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_files_stored_name_unique" UNIQUE("stored_name")
);
--> statement-breakpoint
ALTER TABLE "entries" ADD CONSTRAINT "entries_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entries" ADD CONSTRAINT "entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entries" ADD CONSTRAINT "entries_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_authors" ADD CONSTRAINT "entry_authors_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_authors" ADD CONSTRAINT "entry_authors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "entries_form_key_unique" ON "entries" USING btree ("created_by_id","form_key");--> statement-breakpoint
CREATE UNIQUE INDEX "entries_campaign_url_unique" ON "entries" USING btree ("campaign_id","url_key") WHERE "entries"."url_key" is not null and "entries"."status" not in ('draft', 'withdrawn');--> statement-breakpoint
CREATE INDEX "entries_organisation_status_idx" ON "entries" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "entries_campaign_status_idx" ON "entries" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "entry_authors_entry_idx" ON "entry_authors" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "entry_authors_user_idx" ON "entry_authors" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "entry_authors_entry_user_unique" ON "entry_authors" USING btree ("entry_id","user_id");--> statement-breakpoint
CREATE INDEX "evidence_files_entry_idx" ON "evidence_files" USING btree ("entry_id");