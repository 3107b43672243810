CREATE TABLE "official_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"as_of" text NOT NULL,
	"source" text NOT NULL,
	"verdicts" integer NOT NULL,
	"values" integer NOT NULL,
	"returned" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "official_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"indicator_code" text NOT NULL,
	"stage" text NOT NULL,
	"value" double precision NOT NULL,
	"import_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "official_verdicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"indicator_code" text NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"import_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "official_imports" ADD CONSTRAINT "official_imports_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_imports" ADD CONSTRAINT "official_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_values" ADD CONSTRAINT "official_values_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_values" ADD CONSTRAINT "official_values_import_id_official_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."official_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_verdicts" ADD CONSTRAINT "official_verdicts_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_verdicts" ADD CONSTRAINT "official_verdicts_import_id_official_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."official_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "official_imports_assessment_idx" ON "official_imports" USING btree ("assessment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "official_values_unique" ON "official_values" USING btree ("assessment_id","indicator_code","stage");--> statement-breakpoint
CREATE UNIQUE INDEX "official_verdicts_unique" ON "official_verdicts" USING btree ("assessment_id","item_code");