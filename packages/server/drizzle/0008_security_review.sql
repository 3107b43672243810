CREATE TABLE "login_failures" (
	"user_id" uuid NOT NULL,
	"address" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "login_failures_user_id_address_pk" PRIMARY KEY("user_id","address")
);
--> statement-breakpoint
ALTER TABLE "evidence_links" ADD COLUMN "reviewed_file_id" uuid;--> statement-breakpoint
ALTER TABLE "login_failures" ADD CONSTRAINT "login_failures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Tokens made before expiry was mandatory expire after the default lifetime from now.
UPDATE "api_tokens" SET "expires_at" = now() + interval '90 days' WHERE "expires_at" IS NULL;--> statement-breakpoint
-- Reviews made so far concern the file version that was newest when the review was made.
UPDATE "evidence_links" l SET "reviewed_file_id" = (
  SELECT f."id" FROM "evidence_files" f WHERE f."evidence_id" = l."evidence_id" ORDER BY f."created_at" DESC LIMIT 1
) WHERE l."review" <> 'pending';
