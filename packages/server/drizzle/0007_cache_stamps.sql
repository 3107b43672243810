-- Caches of computed assessment figures stay exact across instances: every change to what an
-- assessment's figures are computed from gives it a new stamp (statement-level triggers, so bulk
-- loads stamp each assessment once), and a cached figure is only used while its stamp is current.
-- Derived data, not backed up (not in the drizzle schema): a missing row reads as stamp 0.
CREATE SEQUENCE IF NOT EXISTS "assessment_stamp_seq";
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "assessment_stamps" (
  "assessment_id" uuid PRIMARY KEY,
  "stamp" bigint NOT NULL
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION matang_stamp(ids uuid[]) RETURNS void AS $$
  -- In id order, so two statements stamping overlapping sets take the row locks in one order.
  INSERT INTO assessment_stamps (assessment_id, stamp)
  SELECT id, nextval('assessment_stamp_seq') FROM (SELECT DISTINCT unnest(ids) AS id ORDER BY 1) x
  WHERE id IS NOT NULL
  ON CONFLICT (assessment_id) DO UPDATE SET stamp = excluded.stamp;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION matang_stamp_new_assessment_id() RETURNS trigger AS $$
BEGIN
  PERFORM matang_stamp(ARRAY(SELECT assessment_id FROM new_rows));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION matang_stamp_old_assessment_id() RETURNS trigger AS $$
BEGIN
  PERFORM matang_stamp(ARRAY(SELECT assessment_id FROM old_rows));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER stage_scores_stamp_insert AFTER INSERT ON stage_scores
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_stamp_new_assessment_id();
--> statement-breakpoint
CREATE TRIGGER stage_scores_stamp_update AFTER UPDATE ON stage_scores
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_stamp_new_assessment_id();
--> statement-breakpoint
CREATE TRIGGER stage_scores_stamp_delete AFTER DELETE ON stage_scores
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_stamp_old_assessment_id();
--> statement-breakpoint
CREATE TRIGGER indicator_assignments_stamp_insert AFTER INSERT ON indicator_assignments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_stamp_new_assessment_id();
--> statement-breakpoint
CREATE TRIGGER indicator_assignments_stamp_update AFTER UPDATE ON indicator_assignments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_stamp_new_assessment_id();
--> statement-breakpoint
CREATE TRIGGER indicator_assignments_stamp_delete AFTER DELETE ON indicator_assignments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_stamp_old_assessment_id();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION matang_stamp_assessments() RETURNS trigger AS $$
BEGIN
  PERFORM matang_stamp(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER assessments_stamp_update AFTER UPDATE ON assessments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_stamp_assessments();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION matang_stamp_cycles() RETURNS trigger AS $$
BEGIN
  PERFORM matang_stamp(ARRAY(SELECT a.id FROM assessments a JOIN new_rows c ON c.id = a.cycle_id));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER cycles_stamp_update AFTER UPDATE ON cycles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_stamp_cycles();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION matang_stamp_new_assessors() RETURNS trigger AS $$
BEGIN
  PERFORM matang_stamp(ARRAY(SELECT a.id FROM assessments a
    JOIN new_rows r ON r.cycle_id = a.cycle_id AND r.organization_id = a.organization_id));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION matang_stamp_old_assessors() RETURNS trigger AS $$
BEGIN
  PERFORM matang_stamp(ARRAY(SELECT a.id FROM assessments a
    JOIN old_rows r ON r.cycle_id = a.cycle_id AND r.organization_id = a.organization_id));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER cycle_assessors_stamp_insert AFTER INSERT ON cycle_assessors
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_stamp_new_assessors();
--> statement-breakpoint
CREATE TRIGGER cycle_assessors_stamp_delete AFTER DELETE ON cycle_assessors
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_stamp_old_assessors();
--> statement-breakpoint
-- A renamed or moved organization changes the names and paths an assessment's context carries
-- (its own, or a unit's it assigned indicators to) and the paths grants are checked against.
CREATE OR REPLACE FUNCTION matang_organizations_changed() RETURNS trigger AS $$
BEGIN
  PERFORM matang_stamp(ARRAY(
    SELECT a.id FROM assessments a JOIN new_rows o ON o.id = a.organization_id
    UNION SELECT ia.assessment_id FROM indicator_assignments ia JOIN new_rows o ON o.id = ia.unit_id));
  PERFORM pg_notify('matang_auth', '*');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organizations_changed AFTER UPDATE ON organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_organizations_changed();
--> statement-breakpoint
-- Instances cache who a session or token belongs to. Each change names what it affects: a session
-- (s:<id>), a token (t:<hash>) or everything a user holds (u:<id>); '*' means forget everything.
CREATE OR REPLACE FUNCTION matang_auth_sessions_gone() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('matang_auth', 's:' || id) FROM old_rows;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER sessions_auth_deleted AFTER DELETE ON sessions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_auth_sessions_gone();
--> statement-breakpoint
CREATE TRIGGER sessions_auth_updated AFTER UPDATE ON sessions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_auth_sessions_gone();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION matang_auth_tokens_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('matang_auth', 't:' || token_hash) FROM old_rows;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER api_tokens_auth_updated AFTER UPDATE ON api_tokens
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_auth_tokens_changed();
--> statement-breakpoint
CREATE TRIGGER api_tokens_auth_deleted AFTER DELETE ON api_tokens
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_auth_tokens_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION matang_auth_users_old() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('matang_auth', 'u:' || user_id) FROM (SELECT DISTINCT user_id FROM old_rows) x;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION matang_auth_users_new() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('matang_auth', 'u:' || user_id) FROM (SELECT DISTINCT user_id FROM new_rows) x;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER role_grants_auth_inserted AFTER INSERT ON role_grants
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_auth_users_new();
--> statement-breakpoint
CREATE TRIGGER role_grants_auth_updated AFTER UPDATE ON role_grants
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_auth_users_old();
--> statement-breakpoint
CREATE TRIGGER role_grants_auth_updated_to AFTER UPDATE ON role_grants
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_auth_users_new();
--> statement-breakpoint
CREATE TRIGGER role_grants_auth_deleted AFTER DELETE ON role_grants
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_auth_users_old();
--> statement-breakpoint
-- Every login resets a user's failed-login count; only the e-mail and being active matter here.
CREATE OR REPLACE FUNCTION matang_users_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('matang_auth', 'u:' || n.id) FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o.email IS DISTINCT FROM n.email OR o.active IS DISTINCT FROM n.active;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER users_auth_changed AFTER UPDATE ON users
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION matang_users_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION matang_users_deleted() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('matang_auth', 'u:' || id) FROM old_rows;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER users_auth_deleted AFTER DELETE ON users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION matang_users_deleted();
