-- FEED-4 and CLS-2: the feed stays append-only, with one exception. A closed firm's entries may
-- be deleted by its purge job, and only there: the job sets `chambers.purge_firm` to the firm's id
-- for its own transaction (SET LOCAL) after recording the purge's start on the firm's closing,
-- which it does only once the purge is due. Any other UPDATE, DELETE or TRUNCATE is refused.
CREATE OR REPLACE FUNCTION "activities_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('chambers.purge_firm', true) = OLD.firm_id
     AND EXISTS (
       SELECT 1 FROM firms f JOIN firm_closures c ON c.firm_id = f.id
        WHERE f.id = OLD.firm_id AND f.status = 'closed' AND c.purge_started_at IS NOT NULL
     ) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the firm feed is append-only: % on activities is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
