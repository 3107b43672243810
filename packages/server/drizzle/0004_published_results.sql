CREATE TABLE "published_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"index" text NOT NULL,
	"predicate" text NOT NULL,
	"domains" jsonb NOT NULL,
	"name_as_published" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "published_results" ADD CONSTRAINT "published_results_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "published_results_org_year_unique" ON "published_results" USING btree ("organization_id","year");--> statement-breakpoint
CREATE INDEX "published_results_year_idx" ON "published_results" USING btree ("year");