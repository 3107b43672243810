CREATE TABLE "evidence_texts" (
	"file_id" uuid PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"pages" integer,
	"ocr_pages" integer DEFAULT 0 NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"document" "tsvector",
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence_texts" ADD CONSTRAINT "evidence_texts_file_id_evidence_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."evidence_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_texts_document_idx" ON "evidence_texts" USING gin ("document");--> statement-breakpoint
CREATE INDEX "evidence_texts_status_idx" ON "evidence_texts" USING btree ("status");--> statement-breakpoint
-- Files uploaded before text reading existed are read in the background too.
INSERT INTO "evidence_texts" ("file_id") SELECT "id" FROM "evidence_files";