-- Installed by scripts/stores.sh into the PostgreSQL database FerretDB stores its collections in.
--
-- FerretDB 1.24 turns each MongoDB index into a btree index on a jsonb expression, such as
-- ((_jsonb -> 'search') -> 'grams'), but the equality filters it pushes down to PostgreSQL are
-- containment tests (_jsonb -> 'f' @> '"v"', or _jsonb #> '{a,b}' @> '"v"' for a dotted path),
-- which a btree index cannot serve: every find by _id and every search by a multikey field would
-- scan the whole table. This event trigger gives each such index a GIN twin on the very
-- expression the pushdown uses, so those filters become index lookups. The btree indexes stay:
-- FerretDB's own updates (WHERE _jsonb -> '_id' = $1) and unique checks use them. A twin goes
-- with its index when FerretDB drops it (dropIndexes), so no dropped index leaves a GIN index that
-- every write keeps up to date for nothing.
SET client_min_messages = warning;

CREATE OR REPLACE FUNCTION ferretdb_gin_twin_of(btree oid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  definition text;
  keys text[];
  twin text;
  tbl regclass;
BEGIN
  -- Only FerretDB's single-field btree indexes over the document column; the twins themselves
  -- (GIN) and compound indexes are left alone.
  IF NOT EXISTS (
    SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_am am ON am.oid = ic.relam
    WHERE i.indexrelid = btree AND am.amname = 'btree' AND i.indnatts = 1
      AND i.indexprs IS NOT NULL) THEN
    RETURN;
  END IF;
  definition := pg_get_indexdef(btree, 1, true);
  IF definition !~ '^[(]*_jsonb ->' THEN RETURN; END IF;
  SELECT array_agg(replace(m[1], '''''', '''')) INTO keys
    FROM regexp_matches(definition, '''((?:[^'']|'''')*)''::text', 'g') AS m;
  IF keys IS NULL THEN RETURN; END IF;
  SELECT left(ic.relname, 59) || '_gin', i.indrelid::regclass INTO twin, tbl
    FROM pg_class ic JOIN pg_index i ON i.indexrelid = ic.oid WHERE ic.oid = btree;
  IF array_length(keys, 1) = 1 THEN
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> %L)) WITH (fastupdate = off)',
                   twin, tbl, keys[1]);
  ELSE
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb #> %L::text[])) WITH (fastupdate = off)',
                   twin, tbl, keys);
  END IF;
END;
$$;

CREATE OR REPLACE FUNCTION ferretdb_gin_twin() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  created record;
BEGIN
  FOR created IN
    SELECT c.objid FROM pg_event_trigger_ddl_commands() c WHERE c.object_type = 'index'
  LOOP
    PERFORM ferretdb_gin_twin_of(created.objid);
  END LOOP;
END;
$$;

DROP EVENT TRIGGER IF EXISTS ferretdb_gin_twins;
CREATE EVENT TRIGGER ferretdb_gin_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION ferretdb_gin_twin();

CREATE OR REPLACE FUNCTION ferretdb_gin_twin_drop() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  dropped record;
BEGIN
  FOR dropped IN
    SELECT d.schema_name, d.object_name FROM pg_event_trigger_dropped_objects() d
    WHERE d.object_type = 'index' AND d.object_name !~ '_gin$'
  LOOP
    EXECUTE format('DROP INDEX IF EXISTS %I.%I', dropped.schema_name,
                   left(dropped.object_name, 59) || '_gin');
  END LOOP;
END;
$$;

DROP EVENT TRIGGER IF EXISTS ferretdb_gin_twin_drops;
CREATE EVENT TRIGGER ferretdb_gin_twin_drops ON sql_drop WHEN TAG IN ('DROP INDEX')
  EXECUTE FUNCTION ferretdb_gin_twin_drop();

-- Twins whose index was dropped before that trigger existed go now.
DO $$
DECLARE
  orphan record;
BEGIN
  FOR orphan IN
    SELECT n.nspname, tw.relname FROM pg_index ti
      JOIN pg_class tw ON tw.oid = ti.indexrelid JOIN pg_am am ON am.oid = tw.relam
      JOIN pg_namespace n ON n.oid = tw.relnamespace
    WHERE am.amname = 'gin' AND tw.relname ~ '_gin$'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      AND NOT EXISTS (
        SELECT 1 FROM pg_index bi JOIN pg_class b ON b.oid = bi.indexrelid
        WHERE bi.indrelid = ti.indrelid AND b.oid <> tw.oid
          AND left(b.relname, 59) || '_gin' = tw.relname)
  LOOP
    EXECUTE format('DROP INDEX IF EXISTS %I.%I', orphan.nspname, orphan.relname);
  END LOOP;
END;
$$;

-- Indexes made before this trigger existed get their twins too.
SELECT ferretdb_gin_twin_of(i.indexrelid) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast');

-- Twins made before they were made without a pending list lose it now, its entries merged in.
DO $$
DECLARE
  twin record;
BEGIN
  FOR twin IN
    SELECT tw.oid, n.nspname, tw.relname FROM pg_class tw JOIN pg_am am ON am.oid = tw.relam
      JOIN pg_namespace n ON n.oid = tw.relnamespace
    WHERE am.amname = 'gin' AND tw.relname ~ '_gin$'
      AND NOT coalesce(tw.reloptions @> ARRAY['fastupdate=off'], false)
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  LOOP
    EXECUTE format('ALTER INDEX %I.%I SET (fastupdate = off)', twin.nspname, twin.relname);
    PERFORM gin_clean_pending_list(twin.oid);
  END LOOP;
END;
$$;
