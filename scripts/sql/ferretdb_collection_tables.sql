-- Installed by scripts/stores.sh into the PostgreSQL database FerretDB stores its collections in,
-- after ferretdb_revision_guard.sql. Every table FerretDB makes for a collection gets, when it is
-- made (or at the next start, for tables made before):
--
-- 1. Rows kept whole.
-- FerretDB 1.24 keeps each document in one jsonb column and rewrites it whole on every update.
-- PostgreSQL compresses a row once it passes toast_tuple_target (2 kB by default), and a stored
-- book, with its stock records, is about 2 kB: most books were compressed on every stock update
-- and decompressed again for each of the ten index expressions and the revision guard that read
-- the row. Measured here at 10,000 books (bench/run.sh): with rows kept whole up to a page
-- (8,160 bytes), GET /books/{id} went from about 1,950 to 2,200-2,300 requests a second and the
-- raw find loop from about 2,500 to 3,000. Larger documents are still compressed as before.
--
-- 2. The revision guard (ferretdb_revision_guard.sql), a row trigger on every update.
SET client_min_messages = warning;

-- One FerretDB collection table (a table with a _jsonb column, outside FerretDB's own metadata);
-- others are left alone. Rows written before keep their form until they are next written.
CREATE OR REPLACE FUNCTION ferretdb_collection_table_setup(tbl oid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.oid = tbl AND c.relkind = 'r' AND a.attname = '_jsonb' AND NOT a.attisdropped
      AND c.relname !~ '^_ferretdb_') THEN
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_class
                 WHERE oid = tbl AND reloptions @> ARRAY['toast_tuple_target=8160']) THEN
    EXECUTE format('ALTER TABLE %s SET (toast_tuple_target = 8160)', tbl::regclass);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = tbl AND tgname = 'revision_guard') THEN
    EXECUTE format('CREATE TRIGGER revision_guard BEFORE UPDATE ON %s FOR EACH ROW '
                   'EXECUTE FUNCTION ferretdb_revision_guard()', tbl::regclass);
  END IF;
END;
$$;

CREATE OR REPLACE FUNCTION ferretdb_collection_table_created() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  created record;
BEGIN
  FOR created IN
    SELECT c.objid FROM pg_event_trigger_ddl_commands() c WHERE c.object_type = 'table'
  LOOP
    PERFORM ferretdb_collection_table_setup(created.objid);
  END LOOP;
END;
$$;

DROP EVENT TRIGGER IF EXISTS ferretdb_collection_tables;
CREATE EVENT TRIGGER ferretdb_collection_tables ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
  EXECUTE FUNCTION ferretdb_collection_table_created();

-- Tables made before this trigger existed get the same.
DO $$
BEGIN
  PERFORM ferretdb_collection_table_setup(c.oid) FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast');
END;
$$;

-- What earlier versions of these scripts installed for the same ends.
DROP EVENT TRIGGER IF EXISTS ferretdb_revision_guards;
DROP FUNCTION IF EXISTS ferretdb_revision_guard_new_table();
DROP FUNCTION IF EXISTS ferretdb_revision_guard_on(oid);
DROP EVENT TRIGGER IF EXISTS ferretdb_inline_documents;
DROP FUNCTION IF EXISTS ferretdb_inline_documents_new_table();
DROP FUNCTION IF EXISTS ferretdb_inline_documents_on(oid);
