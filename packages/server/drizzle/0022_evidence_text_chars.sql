-- A file's text length, written with the text: the indicators list shows it for every file, and
-- length() of a long text stored compressed unpacks the whole text each time.
ALTER TABLE "evidence_texts" ADD COLUMN "chars" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "evidence_texts" SET "chars" = length("text") WHERE "text" <> '';
