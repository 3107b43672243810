ALTER TABLE "assessments" ADD COLUMN "evaluated" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "not_evaluated_reason" text;