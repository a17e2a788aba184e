// Builds a synthetic database of N events (default 1,000,000) on top of the curated dataset, through
// the real schema and triggers (FTS included). Run in its own process so the bench's memory figures
// are not inflated by the build.
import { openCore } from '../src/core.ts';
import type { SqliteSql } from '../src/store/sqlite.ts';
import { type SyntheticEvent, syntheticEvents } from './synthetic.ts';

const [path, countArg] = process.argv.slice(2);
if (!path) throw new Error('usage: build-db.ts FILE [COUNT]');
const N = Number(countArg ?? 1_000_000);

const core = await openCore(path);
const { db } = core.sql as SqliteSql;
const countries = (db.prepare("SELECT id FROM entities WHERE kind = 'country' ORDER BY id").all() as { id: string }[]).map((r) => r.id);
const blocs = (db.prepare("SELECT id FROM entities WHERE kind = 'bloc' ORDER BY id").all() as { id: string }[]).map((r) => r.id);
const insertEvent = db.prepare(
  `INSERT INTO events (title, summary, kind, occurred, precision, occurred_start, occurred_end, created_at, updated_at, created_by, updated_by)
   VALUES (?, ?, ?, ?, 'day', ?, ?, ?, ?, 'bench', 'bench')`,
);
const insertSource = db.prepare('INSERT INTO event_sources (event_id, position, url, publisher) VALUES (?, 0, ?, ?)');
const insertLink = db.prepare('INSERT INTO event_entities (entity_id, occurred_start, event_id, position) VALUES (?, ?, ?, ?)');
const insertPair = db.prepare('INSERT INTO event_pairs (country_id, bloc_id, occurred_start, event_id, kind) VALUES (?, ?, ?, ?, ?)');
const isBloc = new Set(blocs);

const started = Date.now();
const BATCH = 50_000;
const events = syntheticEvents(N, countries, blocs);
for (let done = 0; done < N; done += BATCH) {
  db.transaction(() => {
    for (let i = done; i < Math.min(N, done + BATCH); i++) {
      const e = events.next().value as SyntheticEvent;
      const at = new Date().toISOString();
      const { lastInsertRowid } = insertEvent.run(e.title, e.summary, e.kind, e.day, e.day, e.day, at, at);
      const id = Number(lastInsertRowid);
      insertSource.run(id, `https://example.org/news/${id}`, 'example.org');
      e.entities.forEach((entity, pos) => {
        insertLink.run(entity, e.day, id, pos);
      });
      for (const c of e.entities) for (const b of e.entities) if (!isBloc.has(c) && isBloc.has(b)) insertPair.run(c, b, e.day, id, e.kind);
    }
  })();
  process.stderr.write(`\r  built ${Math.min(N, done + BATCH).toLocaleString()} events`);
}
db.exec('ANALYZE');
db.pragma('wal_checkpoint(TRUNCATE)');
await core.close();
process.stderr.write(`\n  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
