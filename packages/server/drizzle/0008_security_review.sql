CREATE TABLE "login_failures" (
	"email" text NOT NULL,
	"address" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "login_failures_email_address_pk" PRIMARY KEY("email","address")
);
--> statement-breakpoint
ALTER TABLE "evidence_links" ADD COLUMN "reviewed_file_id" uuid;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD COLUMN "self_accepted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "allow_self_acceptance" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";--> statement-breakpoint
-- Tokens made before expiry was mandatory expire after the default lifetime from now.
UPDATE "api_tokens" SET "expires_at" = now() + interval '90 days' WHERE "expires_at" IS NULL;--> statement-breakpoint
-- Reviews made so far concern the file version that was newest when the review was made.
UPDATE "evidence_links" l SET "reviewed_file_id" = (
  SELECT f."id" FROM "evidence_files" f WHERE f."evidence_id" = l."evidence_id" ORDER BY f."created_at" DESC LIMIT 1
) WHERE l."review" <> 'pending';
