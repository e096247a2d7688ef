-- Public posting of a batch's nominees before the council meets (công khai, issue #13 item 4):
-- the campaign's window in working days, the batch's posting, and the citizens' comments with
-- how the department handled each.
ALTER TABLE "campaigns" ADD COLUMN "posting_window_days" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD COLUMN "posted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD COLUMN "posting_ends_on" date;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD COLUMN "posted_by_id" integer;--> statement-breakpoint
ALTER TABLE "nomination_batches" ADD CONSTRAINT "nomination_batches_posted_by_id_users_id_fk" FOREIGN KEY ("posted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "nominee_comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nominee_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"batch_id" integer NOT NULL,
	"nomination_id" integer,
	"author_name" text NOT NULL,
	"contact" text NOT NULL,
	"body" text NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handling" text,
	"handled_by_id" integer,
	"handled_at" timestamp with time zone
);--> statement-breakpoint
ALTER TABLE "nominee_comments" ADD CONSTRAINT "nominee_comments_batch_id_nomination_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."nomination_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominee_comments" ADD CONSTRAINT "nominee_comments_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominee_comments" ADD CONSTRAINT "nominee_comments_handled_by_id_users_id_fk" FOREIGN KEY ("handled_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nominee_comments_batch_idx" ON "nominee_comments" USING btree ("batch_id","created_at");--> statement-breakpoint
CREATE INDEX "nominee_comments_ip_idx" ON "nominee_comments" USING btree ("ip","created_at");
