-- The books' list and search index. The books themselves are in MongoDB (the system of record);
-- each row holds what the filters of GET /books compare, folded by S2 as it folds the client's
-- text, under the book's id. A page is one query on this table (ORDER BY book_id LIMIT n, keyset
-- book_id > cursor), then the books are read from MongoDB by id and checked against the filter
-- again, so a row that matches more than its book, or whose book is gone, is harmless. S2 writes
-- a row before the book it indexes and narrows it after (domain/books/indexed_book_repository.hpp).

-- A text[] from a JSON array of strings: how S2 passes a list as one parameter.
CREATE FUNCTION book_index_list(jsonb) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(value), '{}') FROM jsonb_array_elements_text($1) $$;

-- The values of both lists, each once: a row that matches what either matched.
CREATE FUNCTION book_index_union(text[], text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT value), '{}') FROM unnest($1 || $2) AS value $$;

-- The texts one under the other, for the trigram index. Declared immutable although
-- array_to_string is only stable: that is for arrays of types whose output depends on settings,
-- and text's does not.
CREATE FUNCTION book_index_text(text[]) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT array_to_string($1, E'\n') $$;

CREATE TABLE book_index (
  -- The ObjectId's 24 lowercase hex digits. Byte order ("C") is the ObjectId's order, so pages
  -- come in the order of _id whatever the database's locale.
  book_id     text COLLATE "C" PRIMARY KEY CHECK (book_id ~ '^[0-9a-f]{24}$'),
  -- Folded title, then each folded author: ?q= is a part of one of them.
  texts       text[] NOT NULL,
  search_text text GENERATED ALWAYS AS (book_index_text(texts)) STORED,
  authors     text[] NOT NULL,  -- folded: ?author= equals one
  categories  text[] NOT NULL,  -- folded: ?category= equals one
  languages   text[] NOT NULL,  -- canonical tags: ?language= equals one (two while a change lands)
  -- The book's updated_at (ms) the row was narrowed to; 0 for a row only ever widened. A
  -- narrowing for an older version than this is late and ignored.
  version     bigint NOT NULL DEFAULT 0
);

-- pg_trgm comes from 001_customers.sql.
CREATE INDEX book_index_search_text_trgm ON book_index USING gin (search_text gin_trgm_ops);
CREATE INDEX book_index_authors ON book_index USING gin (authors);
CREATE INDEX book_index_categories ON book_index USING gin (categories);
CREATE INDEX book_index_languages ON book_index USING gin (languages);

-- One row once the books stored before the index all have theirs: from then on lists trust it.
CREATE TABLE book_index_state (
  only_row      boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  backfilled_at timestamptz NOT NULL
);
