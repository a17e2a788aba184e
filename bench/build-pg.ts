// Builds the core bench's synthetic archive (./synthetic.ts, the same events as ./build-db.ts builds in
// SQLite) in a PostgreSQL database: through the real schema (generated tsvector, GIN index), in
// multi-row inserts with the ids given, the per-row search count trigger set aside and its counts taken
// once at the end (and the GIN index built once over every row). Run in its own process so the bench's memory figures are not inflated by the build.
import pg from 'pg';
import { openCore } from '../src/core.ts';
import { type SyntheticEvent, syntheticEvents } from './synthetic.ts';

const [url, countArg] = process.argv.slice(2);
if (!url) throw new Error('usage: build-pg.ts postgres://… [COUNT]');
const N = Number(countArg ?? 1_000_000);

const core = await openCore({ engine: 'postgres', url });
const ids = async (kind: string) =>
  (await core.sql.all<{ id: string }>('SELECT id FROM entities WHERE kind = ? ORDER BY id', [kind])).map((r) => r.id);
const [countries, blocs] = [await ids('country'), await ids('bloc')];
await core.close();
const isBloc = new Set(blocs);

const c = new pg.Client({ connectionString: url });
await c.connect();
const started = Date.now();
const first = Number((await c.query('SELECT coalesce(max(id), 0) + 1 AS id FROM events')).rows[0].id);

/** One INSERT of many rows: `rows` of equal length, as $n parameters. */
async function insert(table: string, columns: string, rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const width = rows[0]!.length;
  const values = rows.map((_, r) => `(${Array.from({ length: width }, (_, k) => `$${r * width + k + 1}`).join(', ')})`).join(', ');
  await c.query(`INSERT INTO ${table} (${columns}) VALUES ${values}`, rows.flat());
}

await c.query('BEGIN');
await c.query('ALTER TABLE events DISABLE TRIGGER events_search_stats');
// The search index is built once over every row, far faster than row by row.
const searchIndex = (await c.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'events_search'")).rows[0].indexdef as string;
await c.query('DROP INDEX events_search');
const events = syntheticEvents(N, countries, blocs);
const BATCH = 2000;
for (let done = 0; done < N; done += BATCH) {
  const ev: unknown[][] = [];
  const sources: unknown[][] = [];
  const links: unknown[][] = [];
  const pairs: unknown[][] = [];
  const at = new Date().toISOString();
  for (let i = done; i < Math.min(N, done + BATCH); i++) {
    const e = events.next().value as SyntheticEvent;
    const id = first + i;
    ev.push([id, e.title, e.summary, e.kind, e.day, 'day', e.day, e.day, at, at, 'bench', 'bench']);
    sources.push([id, 0, `https://example.org/news/${id}`, 'example.org']);
    for (const [pos, entity] of e.entities.entries()) links.push([entity, e.day, id, pos]);
    for (const x of e.entities) for (const b of e.entities) if (!isBloc.has(x) && isBloc.has(b)) pairs.push([x, b, e.day, id, e.kind]);
  }
  const chunks = <T>(a: T[], n: number) => Array.from({ length: Math.ceil(a.length / n) }, (_, k) => a.slice(k * n, (k + 1) * n));
  for (const part of chunks(ev, 1000)) {
    await insert(
      'events',
      'id, title, summary, kind, occurred, precision, occurred_start, occurred_end, created_at, updated_at, created_by, updated_by',
      part,
    );
  }
  for (const part of chunks(sources, 5000)) await insert('event_sources', 'event_id, position, url, publisher', part);
  for (const part of chunks(links, 5000)) await insert('event_entities', 'entity_id, occurred_start, event_id, position', part);
  for (const part of chunks(pairs, 5000)) await insert('event_pairs', 'country_id, bloc_id, occurred_start, event_id, kind', part);
  process.stderr.write(`\r  built ${Math.min(N, done + BATCH).toLocaleString()} events`);
}
await c.query(searchIndex);
await c.query('ALTER TABLE events ENABLE TRIGGER events_search_stats');
await c.query(
  `UPDATE search_stats SET docs = s.docs, tokens = s.tokens
   FROM (SELECT count(*) AS docs, coalesce(sum(search_length(search)), 0) AS tokens FROM events WHERE deleted_at IS NULL) s WHERE id = 1`,
);
await c.query('DELETE FROM search_terms');
await c.query(
  `INSERT INTO search_terms (lexeme, docs)
   SELECT u.lexeme, count(*) FROM events e, unnest(e.search) AS u WHERE e.deleted_at IS NULL GROUP BY u.lexeme`,
);
await c.query("SELECT setval(pg_get_serial_sequence('events', 'id'), (SELECT max(id) FROM events))");
await c.query('COMMIT');
await c.query('VACUUM ANALYZE');
await c.end();
process.stderr.write(`\n  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
