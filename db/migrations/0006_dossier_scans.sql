CREATE TABLE "dossier_scans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dossier_scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"batch_id" integer NOT NULL,
	"nomination_id" integer,
	"document" text NOT NULL,
	"stored_name" text NOT NULL,
	"original_name" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_id" integer NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_scans_stored_name_unique" UNIQUE("stored_name"),
	CONSTRAINT "dossier_scans_document_kind" CHECK ("dossier_scans"."document" in ('proposal', 'minutes', 'report')),
	CONSTRAINT "dossier_scans_report_has_nominee" CHECK (("dossier_scans"."document" = 'report') = ("dossier_scans"."nomination_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "dossier_scans" ADD CONSTRAINT "dossier_scans_batch_id_nomination_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."nomination_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_scans" ADD CONSTRAINT "dossier_scans_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_scans" ADD CONSTRAINT "dossier_scans_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_scans_slot_unique" ON "dossier_scans" USING btree ("batch_id","document",coalesce("nomination_id", 0));