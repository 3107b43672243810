-- Rankings and assessment reads take an assessment's levels per stage from this index alone
-- (index-only scans); drizzle's schema builder cannot express INCLUDE, hence SQL.
CREATE INDEX IF NOT EXISTS "stage_scores_levels_idx" ON "stage_scores" USING btree ("assessment_id", "stage", "indicator_code") INCLUDE ("level");
