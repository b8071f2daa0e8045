-- Installed by scripts/stores.sh into the PostgreSQL database FerretDB stores its collections in.
--
-- FerretDB 1.24 keeps each document in one jsonb column and rewrites it whole on every update.
-- PostgreSQL compresses a row once it passes toast_tuple_target (2 kB by default), and a stored
-- book, with its stock records, is about 2 kB: most books were compressed on every stock update
-- and decompressed again for each of the ten index expressions and the revision guard that read
-- the row. Measured here at 10,000 books (bench/run.sh): with rows kept whole up to a page
-- (8,160 bytes), GET /books/{id} went from about 1,950 to 2,200-2,300 requests a second and the
-- raw find loop from about 2,500 to 3,000. Larger documents are still compressed as before.
SET client_min_messages = warning;

-- One FerretDB collection table (a table with a _jsonb column, outside FerretDB's own metadata);
-- others are left alone. Rows written before keep their form until they are next written.
CREATE OR REPLACE FUNCTION ferretdb_inline_documents_on(tbl oid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.oid = tbl AND c.relkind = 'r' AND a.attname = '_jsonb' AND NOT a.attisdropped
      AND c.relname !~ '^_ferretdb_'
      AND NOT coalesce(c.reloptions @> ARRAY['toast_tuple_target=8160'], false)) THEN
    EXECUTE format('ALTER TABLE %s SET (toast_tuple_target = 8160)', tbl::regclass);
  END IF;
END;
$$;

CREATE OR REPLACE FUNCTION ferretdb_inline_documents_new_table() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  created record;
BEGIN
  FOR created IN
    SELECT c.objid FROM pg_event_trigger_ddl_commands() c WHERE c.object_type = 'table'
  LOOP
    PERFORM ferretdb_inline_documents_on(created.objid);
  END LOOP;
END;
$$;

DROP EVENT TRIGGER IF EXISTS ferretdb_inline_documents;
CREATE EVENT TRIGGER ferretdb_inline_documents ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
  EXECUTE FUNCTION ferretdb_inline_documents_new_table();

-- Collections made before this trigger existed get it too.
DO $$
BEGIN
  PERFORM ferretdb_inline_documents_on(c.oid) FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast');
END;
$$;
