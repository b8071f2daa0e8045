-- Installed by scripts/stores.sh into the PostgreSQL database FerretDB stores its collections in.
--
-- MongoDB applies each single-document update atomically: {_id, stock: {$gte: 2}} with
-- {$inc: {stock: -2}} can never take a book below zero. FerretDB 1.24 applies an update as "read
-- the document, change it, write the whole document back" (UPDATE ... SET _jsonb = $1 WHERE _id
-- = $2), with nothing guarding the gap between the read and the write, so two concurrent updates
-- of one document can lose one of them.
--
-- This guard closes the gap in PostgreSQL itself. S2 bumps a document's `revision` by exactly one
-- in every update it makes ($inc: {revision: 1}). The row trigger below refuses a write-back
-- whose revision is not the stored row's plus one: a write computed from a read that another
-- write overtook. PostgreSQL re-reads the row it waited on before the trigger runs, so a stale
-- write-back is always seen. FerretDB then answers the update with an error naming the guard,
-- and S2 runs the update again on a fresh read. Documents without a `revision` are left alone.
--
-- With the guard in place every update is atomic, as on MongoDB, and S2 needs no lock document
-- per book (storage/mongo/book_writes.hpp tells which a server needs).
SET client_min_messages = warning;

CREATE OR REPLACE FUNCTION ferretdb_revision_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD._jsonb ? 'revision' AND (NEW._jsonb -> 'revision') IS DISTINCT FROM
      to_jsonb((OLD._jsonb ->> 'revision')::numeric + 1) THEN
    RAISE EXCEPTION 'revision guard: stale write (revision % after %)',
      NEW._jsonb -> 'revision', OLD._jsonb -> 'revision'
      USING ERRCODE = 'serialization_failure';
  END IF;
  RETURN NEW;
END;
$$;

-- ferretdb_collection_tables.sql attaches this trigger to every collection table.
