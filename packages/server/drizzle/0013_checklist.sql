CREATE TABLE "checklist_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"key" text NOT NULL,
	"indicator_code" text NOT NULL,
	"level" integer,
	"item_code" text,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"title" jsonb NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"owner_unit_id" uuid,
	"due_date" text,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"first_assessment_id" uuid,
	"last_assessment_id" uuid,
	"first_year" integer NOT NULL,
	"last_year" integer NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_owner_unit_id_organizations_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_first_assessment_id_assessments_id_fk" FOREIGN KEY ("first_assessment_id") REFERENCES "public"."assessments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_last_assessment_id_assessments_id_fk" FOREIGN KEY ("last_assessment_id") REFERENCES "public"."assessments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_items_open_key" ON "checklist_items" USING btree ("organization_id","framework_id","key") WHERE status <> 'verified';--> statement-breakpoint
CREATE INDEX "checklist_items_owner" ON "checklist_items" USING btree ("owner_unit_id");