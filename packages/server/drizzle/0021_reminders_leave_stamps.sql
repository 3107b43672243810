-- Only what an assessment's context is read from stamps it (assessment, indicator, unit, due
-- date). Marking a reminder as sent (reminded_at) used to stamp every assessment the reminder job
-- touched, and the job held those stamps' row locks until it had notified everyone: on the
-- deadline bench's last day (2,350 reminders at once) every save on those assessments waited for
-- it, up to 5.8 s.
CREATE OR REPLACE FUNCTION matang_stamp_changed_assignments() RETURNS trigger AS $$
BEGIN
  PERFORM matang_stamp(ARRAY(
    SELECT x.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.assessment_id), (o.assessment_id)) AS x(id)
    WHERE (n.assessment_id, n.indicator_code, n.unit_id, n.due_date)
      IS DISTINCT FROM (o.assessment_id, o.indicator_code, o.unit_id, o.due_date)));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER IF EXISTS indicator_assignments_stamp_update ON indicator_assignments;
--> statement-breakpoint
CREATE TRIGGER indicator_assignments_stamp_update AFTER UPDATE ON indicator_assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION matang_stamp_changed_assignments();
