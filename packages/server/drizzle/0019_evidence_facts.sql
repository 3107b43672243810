ALTER TABLE "evidence_texts" ADD COLUMN "facts" jsonb;--> statement-breakpoint
CREATE INDEX "evidence_files_sha256_idx" ON "evidence_files" USING btree ("sha256");