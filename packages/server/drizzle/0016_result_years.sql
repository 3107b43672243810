CREATE TABLE "result_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Years imported before drafts existed were public already: they stay published.
INSERT INTO "result_years" ("year", "published_at") SELECT DISTINCT "year", now() FROM "published_results" ON CONFLICT DO NOTHING;
