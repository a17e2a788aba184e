// The event store's statements, in the SQL both engines share where they can. Where SQLite and
// PostgreSQL spell a thing differently (aggregating an event's sources as JSON, full-text search), both
// spellings stand here side by side. Timeline and status statements are also what the core bench runs bare.
import { SEARCH_MAX_WORDS } from './search-text.ts';
import type { Engine } from './sql.ts';

/**
 * An event row with its sources and links aggregated as JSON by correlated subqueries: one statement
 * returns everything an answer shows, and the subqueries run only for the rows actually returned.
 */
export function fullColumns(engine: Engine): string {
  const own = 'e.id, e.title, e.summary, e.kind, e.occurred, e.precision, e.created_at, e.updated_at, e.revision, e.deleted_at';
  if (engine === 'postgres') {
    return `${own},
  (SELECT coalesce(json_agg(json_build_array(s.url, s.publisher) ORDER BY s.position), '[]') FROM event_sources s WHERE s.event_id = e.id) AS sources_json,
  (SELECT coalesce(json_agg(x.entity_id ORDER BY x.position), '[]') FROM event_entities x WHERE x.event_id = e.id) AS links_json`;
  }
  return `${own},
  (SELECT json_group_array(json_array(s.url, s.publisher))
     FROM (SELECT url, publisher FROM event_sources WHERE event_id = e.id ORDER BY position) s) AS sources_json,
  (SELECT json_group_array(x.entity_id)
     FROM (SELECT entity_id FROM event_entities WHERE event_id = e.id ORDER BY position) x) AS links_json`;
}

/** The timeline statement: newest first ('older') or oldest first ('newer') from a cursor. */
export function timelineSql(engine: Engine, dir: 'older' | 'newer', byPair: boolean): string {
  const [l, entity] = byPair ? ['p', 'p.country_id = @entity AND p.bloc_id = @bloc'] : ['l', 'l.entity_id = @entity'];
  const order = dir === 'older' ? 'DESC' : 'ASC';
  return `SELECT ${fullColumns(engine)} FROM ${byPair ? 'event_pairs p' : 'event_entities l'} JOIN events e ON e.id = ${l}.event_id
    WHERE ${entity} AND e.deleted_at IS NULL
      AND ${l}.occurred_start >= @from AND ${l}.occurred_start <= @to
      ${
        dir === 'older'
          ? `AND ${l}.occurred_start <= @cs AND (${l}.occurred_start < @cs OR ${l}.event_id < @cid)`
          : `AND ${l}.occurred_start >= @cs AND (${l}.occurred_start > @cs OR ${l}.event_id > @cid)`
      }
      ${byPair ? '' : 'AND (CAST(@bloc AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM event_entities b WHERE b.event_id = l.event_id AND b.entity_id = @bloc))'}
    ORDER BY ${l}.occurred_start ${order}, ${l}.event_id ${order}
    LIMIT @limit`;
}

/** Latest status changes and statements about a country in a bloc: two short range scans, merged. */
export function statusEventsSql(engine: Engine): string {
  const latest = (kind: string) =>
    `SELECT event_id, occurred_start FROM event_pairs WHERE country_id = @country AND bloc_id = @bloc AND kind = '${kind}'
                   AND occurred_start <= @asOf ORDER BY occurred_start DESC, event_id DESC LIMIT @limit`;
  return `SELECT ${fullColumns(engine)} FROM (
    SELECT * FROM (${latest('status_change')}) changes
    UNION ALL
    SELECT * FROM (${latest('statement')}) statements
  ) p JOIN events e ON e.id = p.event_id
  ORDER BY p.occurred_start DESC, p.event_id DESC LIMIT @limit`;
}

/**
 * Full-text search: the live events holding every word (as fullColumns gives them, for the page
 * asked only), ranked by BM25 with titles weighing four times summaries, best first, ties by id (the
 * excerpt is drawn from the event: ./search-text.ts).
 * SQLite: FTS5 and its bm25. PostgreSQL: the same formula over what each event stores (migration 010):
 * its length (search_len) and each word's weighted frequency (search_tf), so ranking a match is a
 * lookup and arithmetic, summed over the words in their order as FTS5 sums its phrases. Each word's
 * rarity comes from the live documents holding it (search_terms; for a prefix, the documents of every
 * word it begins, a document with two such words counted twice), the average length from search_stats.
 * A prefix that begins at most 32 indexed words is matched as those words (the GIN index finds exact
 * words several times faster than it scans a prefix); a longer one as a prefix.
 */
export function searchSql(engine: Engine, words = 1): string {
  if (engine === 'postgres') {
    // The rank is written out for this many words, one flat sum per matching event: a correlated sum
    // over the words' rows cost ~10 µs an event, a third of a search matching 200 of 1M events. Only
    // the count of words shapes the text; the words themselves are parameters. Each word's frequency is
    // worked out once per event (OFFSET 0 keeps the planner from copying it into every use), and a
    // prefix that begins one indexed word is looked up as that word.
    const n = Math.max(1, Math.min(Math.trunc(words), SEARCH_MAX_WORDS));
    const each = Array.from({ length: n }, (_, k) => k + 1);
    const exact = (i: number) => `coalesce((e.search_tf -> r.term${i})::float8, 0)`;
    const frequency = (i: number) =>
      i < n
        ? exact(i)
        : `CASE WHEN NOT r.prefix THEN ${exact(i)}
            WHEN cardinality(r.words) = 1 THEN coalesce((e.search_tf -> r.words[1])::float8, 0)
            WHEN r.words IS NOT NULL THEN (SELECT coalesce(sum((e.search_tf -> w)::float8), 0) FROM unnest(r.words) AS w)
            ELSE (SELECT coalesce(sum(v::float8), 0) FROM jsonb_each(e.search_tf) AS j(k, v) WHERE starts_with(k, r.term${i})) END`;
    return `WITH t AS (
        SELECT w.i, w.term, @prefix = 1 AND w.i = cardinality(@terms::text[]) AS prefix
          FROM unnest(@terms::text[]) WITH ORDINALITY AS w(term, i)),
      s AS (SELECT greatest(docs, 1)::float8 AS n, greatest(tokens::float8 / greatest(docs, 1), 1) AS avgdl FROM search_stats WHERE id = 1),
      q AS (
        SELECT t.i, t.term, t.prefix, s.avgdl, greatest(ln((s.n - least(c.m, s.n) + 0.5) / (least(c.m, s.n) + 0.5)), 1e-6) AS idf,
               CASE WHEN t.prefix AND cardinality(c.words) <= 32 THEN c.words END AS words
          FROM t CROSS JOIN s CROSS JOIN LATERAL (
            SELECT coalesce(sum(x.docs), 0)::float8 AS m, array_agg(x.lexeme ORDER BY x.lexeme) FILTER (WHERE x.docs > 0) AS words
              FROM search_terms x
             WHERE x.lexeme >= t.term AND x.lexeme <= CASE WHEN t.prefix THEN t.term || chr(1114111) ELSE t.term END) c),
      r AS (
        SELECT max(q.avgdl) AS avgdl, bool_or(q.prefix) AS prefix, (SELECT q.words FROM q WHERE q.i = ${n}) AS words,
               ${each.map((i) => `max(q.term) FILTER (WHERE q.i = ${i}) AS term${i}, max(q.idf) FILTER (WHERE q.i = ${i}) AS idf${i}`).join(',\n               ')}
          FROM q),
      m AS (
        SELECT to_tsquery('simple', string_agg(a.alternatives, ' & ' ORDER BY a.i)) AS query
          FROM (SELECT q.i, '(' || string_agg('''' || replace(replace(w, '\\', '\\\\'), '''', '''''') || '''' ||
                         CASE WHEN q.prefix AND q.words IS NULL THEN ':*' ELSE '' END, ' | ') || ')' AS alternatives
                  FROM q CROSS JOIN LATERAL unnest(coalesce(q.words, ARRAY[q.term])) AS w GROUP BY q.i, q.prefix, q.words) a)
      SELECT ${fullColumns(engine)} FROM events e, m, r
      WHERE e.search @@ m.query AND e.deleted_at IS NULL
      ORDER BY (
        SELECT ${each.map((i) => `r.idf${i} * (z.f${i} * 2.2) / (z.f${i} + z.k)`).join(' + ')}
          FROM (SELECT ${each.map((i) => `${frequency(i)} AS f${i}`).join(', ')}, 1.2 * (0.25 + 0.75 * e.search_len / r.avgdl) AS k OFFSET 0) z
      ) DESC, e.id LIMIT @limit OFFSET @offset`;
  }
  return `SELECT ${fullColumns(engine)} FROM (
      SELECT rowid AS id, bm25(events_fts, 4.0, 1.0) AS rank FROM events_fts WHERE events_fts MATCH @query
      ORDER BY rank, rowid LIMIT @limit OFFSET @offset) hit JOIN events e ON e.id = hit.id
    ORDER BY hit.rank, hit.id`;
}

export const INSERT_EVENT = `INSERT INTO events (seed_key, title, summary, kind, occurred, precision, occurred_start, occurred_end,
                     created_at, updated_at, revision, created_by, updated_by)
  VALUES (@seedKey, @title, @summary, @kind, @occurred, @precision, @start, @end, @now, @now, 1, @actor, @actor)
  RETURNING id`;
export const UPDATE_EVENT = `UPDATE events SET title = @title, summary = @summary, kind = @kind, occurred = @occurred, precision = @precision,
    occurred_start = @start, occurred_end = @end, updated_at = @now, updated_by = @actor, revision = revision + 1
  WHERE id = @id AND deleted_at IS NULL`;
export const SOFT_DELETE_EVENT =
  'UPDATE events SET deleted_at = @now, updated_at = @now, updated_by = @actor, revision = revision + 1 WHERE id = @id AND deleted_at IS NULL';
export const RESTORE_EVENT =
  'UPDATE events SET deleted_at = NULL, updated_at = @now, updated_by = @actor, revision = revision + 1 WHERE id = @id AND deleted_at IS NOT NULL';
export const INSERT_AUDIT = `INSERT INTO audit_log (at, actor, action, event_id, revision, before, after)
  VALUES (@at, @actor, @action, @eventId, @revision, @before, @after)`;

/**
 * Taken before an audit row is written, held to the commit. Digest cursors (and alerts) read the audit
 * log as an ordered range: "everything up to id N". On SQLite, with one writer at a time, ids are
 * committed in order. On PostgreSQL two transactions could commit their ids out of order, and a reader
 * that saw id 101 but not yet 100 would move past 100 for good; this lock makes writers of audit rows
 * take turns (they are editors' actions: few).
 */
export const AUDIT_IN_ORDER = { sqlite: undefined, postgres: 'SELECT pg_advisory_xact_lock(2023052302)' };
