// Builds a synthetic database of N events (default 1,000,000) on top of the curated dataset, through
// the real schema and triggers (FTS included). Run in its own process so the bench's memory figures
// are not inflated by the build.
import { openCore } from '../src/core.ts';

const [path, countArg] = process.argv.slice(2);
if (!path) throw new Error('usage: build-db.ts FILE [COUNT]');
const N = Number(countArg ?? 1_000_000);

const core = openCore(path);
const db = core.db;
const countries = (db.prepare("SELECT id FROM entities WHERE kind = 'country'").all() as { id: string }[]).map((r) => r.id);
const blocs = (db.prepare("SELECT id FROM entities WHERE kind = 'bloc'").all() as { id: string }[]).map((r) => r.id);
const kinds = ['status_change', 'diplomatic', 'military', 'statement', 'economic', 'legal', 'other'];
const words = ('summit ministers ambassador treaty border exercise sanctions pipeline parliament ratifies delegation visit ' +
  'agreement security alliance statement recalls protest drills troops charter partnership integration dues observers ' +
  'accession referendum election corridor railway energy gas loan grain customs visa peacekeeping airport').split(' ');

// Deterministic pseudo-random numbers so every run builds the same database.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T,>(a: T[]) => a[Math.floor(rand() * a.length)]!;
const sentence = (n: number) => Array.from({ length: n }, () => pick(words)).join(' ');

const insertEvent = db.prepare(
  `INSERT INTO events (title, summary, kind, occurred, precision, occurred_start, occurred_end, created_at, updated_at, created_by, updated_by)
   VALUES (?, ?, ?, ?, 'day', ?, ?, ?, ?, 'bench', 'bench')`,
);
const insertSource = db.prepare('INSERT INTO event_sources (event_id, position, url, publisher) VALUES (?, 0, ?, ?)');
const insertLink = db.prepare('INSERT INTO event_entities (entity_id, occurred_start, event_id, position) VALUES (?, ?, ?, ?)');

const started = Date.now();
const BATCH = 50_000;
const t0 = Date.UTC(1991, 0, 1);
const span = Date.UTC(2026, 10, 1) - t0;
for (let done = 0; done < N; done += BATCH) {
  db.transaction(() => {
    for (let i = done; i < Math.min(N, done + BATCH); i++) {
      const day = new Date(t0 + Math.floor(rand() * span)).toISOString().slice(0, 10);
      const at = new Date().toISOString();
      const { lastInsertRowid } = insertEvent.run(`${sentence(6)} ${i}`, `${sentence(30)}.`, pick(kinds), day, day, day, at, at);
      const id = Number(lastInsertRowid);
      insertSource.run(id, `https://example.org/news/${id}`, 'example.org');
      const ents = new Set<string>([pick(countries)]);
      if (rand() < 0.6) ents.add(pick(countries));
      if (rand() < 0.5) ents.add(pick(blocs));
      [...ents].forEach((e, pos) => insertLink.run(e, day, id, pos));
    }
  })();
  process.stderr.write(`\r  built ${Math.min(N, done + BATCH).toLocaleString()} events`);
}
db.exec('ANALYZE');
db.pragma('wal_checkpoint(TRUNCATE)');
core.close();
process.stderr.write(`\n  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
