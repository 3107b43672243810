CREATE TABLE "external_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"index_code" text NOT NULL,
	"value" double precision NOT NULL,
	"measured_on" text NOT NULL,
	"evidence_id" uuid,
	"unit_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"indicator_code" text NOT NULL,
	"item_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"due_date" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "evidence_links_unique";--> statement-breakpoint
ALTER TABLE "stage_scores" ALTER COLUMN "level" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD COLUMN "item_code" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD COLUMN "upload_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "external_values" ADD CONSTRAINT "external_values_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_values" ADD CONSTRAINT "external_values_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_values" ADD CONSTRAINT "external_values_unit_id_organizations_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_assignments" ADD CONSTRAINT "item_assignments_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_assignments" ADD CONSTRAINT "item_assignments_unit_id_organizations_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "external_values_unique" ON "external_values" USING btree ("assessment_id","index_code");--> statement-breakpoint
CREATE UNIQUE INDEX "item_assignments_unique" ON "item_assignments" USING btree ("assessment_id","item_code");--> statement-breakpoint
CREATE INDEX "item_assignments_unit_idx" ON "item_assignments" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_links_unique" ON "evidence_links" USING btree ("assessment_id","indicator_code","level","item_code","evidence_id");