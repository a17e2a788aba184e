-- Search ranked without re-reading each document (migrations/sqlite/010_search_rank.sql has nothing to do:
-- FTS5 keeps both figures in its own index).
--
-- BM25 needs, for every matching event, its length and each search word's weighted frequency in it.
-- search_bm25 (001) worked them out per event per search by unnesting the whole tsvector, which cost
-- ~0.1 ms an event: a search matching 200 events spent 20 ms ranking them. Each event now stores both,
-- as generated columns beside its tsvector: search_len (tokens, as FTS5 counts a row's length) and
-- search_tf (lexeme -> title occurrences x 4 + summary occurrences, FTS5's bm25(events_fts, 4.0, 1.0)
-- weights), so ranking is a jsonb lookup and arithmetic (src/store/event-sql.ts).
--
-- And the fold of 001 made to fold as FTS5's unicode61 (remove_diacritics 2) and the application
-- (src/store/search-text.ts) fold, whatever the database's locale:
-- - lower case as Unicode does: lower() follows the database's LC_CTYPE, and under "C" (initdb
--   --no-locale, as the tests and benches make clusters) it left every non-ASCII letter as it was, so
--   "Москва" was indexed as "Москва" while a search folds to "москва", and found nothing. ICU's root
--   locale lowers as JavaScript's toLowerCase does (a server built without ICU keeps lower());
-- - diacritics taken from Latin letters only, as FTS5 takes them: "й" and "ё" are letters of their own
--   (FTS5 keeps "мой" apart from "мои"; 001 folded them together), and the result is composed again
--   (NFC), so that a parser under any locale reads "й" as one letter.

-- The fold but for case: Latin letters' diacritics off, punctuation to spaces, composed again.
CREATE FUNCTION search_plain(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN normalize(regexp_replace(
    regexp_replace(normalize(t, NFKD), '([A-Za-z])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+', '\1', 'g'),
    '[-\u2010-\u2015\u2018-\u201f/\\_.,:;@+''`"!?()<>{}|&*#%$=~^]|\[|\]', ' ', 'g'), NFC);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN
    CREATE OR REPLACE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN lower(search_plain(t) COLLATE "und-x-icu");
  ELSE
    CREATE OR REPLACE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN lower(search_plain(t));
  END IF;
END $$;

-- What an event's title and summary are indexed as: the tsvector of 001, in one place.
CREATE FUNCTION search_vector(title text, summary text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN setweight(to_tsvector('simple', search_fold(title)), 'A') || setweight(to_tsvector('simple', search_fold(summary)), 'B');

-- Each lexeme's occurrences, a title (weight A) occurrence counting 4 and a summary one 1.
CREATE FUNCTION search_frequencies(doc tsvector) RETURNS jsonb
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (SELECT coalesce(jsonb_object_agg(u.lexeme, (SELECT sum(CASE WHEN w = 'A' THEN 4 ELSE 1 END) FROM unnest(u.weights) AS w)), '{}')
            FROM unnest(doc) AS u);

-- The stored vector is rebuilt with the new fold (its index goes with it and is made again below).
ALTER TABLE events DROP COLUMN search;
ALTER TABLE events
  ADD COLUMN search     tsvector GENERATED ALWAYS AS (search_vector(title, summary)) STORED,
  ADD COLUMN search_len integer  GENERATED ALWAYS AS (search_length(search_vector(title, summary))) STORED,
  ADD COLUMN search_tf  jsonb    GENERATED ALWAYS AS (search_frequencies(search_vector(title, summary))) STORED;
-- fastupdate off: a GIN pending list is read whole by every search until vacuum merges it; events are
-- written rarely (editors, approvals) and searched often.
CREATE INDEX events_search ON events USING gin (search) WITH (fastupdate = off) WHERE deleted_at IS NULL;

CREATE OR REPLACE FUNCTION search_stats_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    UPDATE search_stats SET docs = docs - 1, tokens = tokens - OLD.search_len WHERE id = 1;
    UPDATE search_terms SET docs = docs - 1 WHERE lexeme IN (SELECT u.lexeme FROM unnest(OLD.search) AS u);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.deleted_at IS NULL THEN
    UPDATE search_stats SET docs = docs + 1, tokens = tokens + NEW.search_len WHERE id = 1;
    INSERT INTO search_terms (lexeme, docs) SELECT u.lexeme, 1 FROM unnest(NEW.search) AS u ORDER BY u.lexeme
      ON CONFLICT (lexeme) DO UPDATE SET docs = search_terms.docs + 1;
  END IF;
  RETURN NULL;
END $$;

-- The counts again, over the lexemes as now folded.
UPDATE search_stats SET docs = s.docs, tokens = s.tokens
  FROM (SELECT count(*) AS docs, coalesce(sum(search_len), 0) AS tokens FROM events WHERE deleted_at IS NULL) s
 WHERE id = 1;
DELETE FROM search_terms;
INSERT INTO search_terms (lexeme, docs)
  SELECT u.lexeme, count(*) FROM events e, unnest(e.search) AS u WHERE e.deleted_at IS NULL GROUP BY u.lexeme;
