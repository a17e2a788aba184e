// Builds a synthetic database of N events (default 1,000,000) on top of the curated dataset, through
// the real schema and triggers (FTS included). Run in its own process so the bench's memory figures
// are not inflated by the build.
import { openCore } from '../src/core.ts';
import type { SqliteSql } from '../src/store/sqlite.ts';

const [path, countArg] = process.argv.slice(2);
if (!path) throw new Error('usage: build-db.ts FILE [COUNT]');
const N = Number(countArg ?? 1_000_000);

const core = await openCore(path);
const { db } = core.sql as SqliteSql;
const countries = (db.prepare("SELECT id FROM entities WHERE kind = 'country'").all() as { id: string }[]).map((r) => r.id);
const blocs = (db.prepare("SELECT id FROM entities WHERE kind = 'bloc'").all() as { id: string }[]).map((r) => r.id);
const kinds = ['status_change', 'diplomatic', 'military', 'statement', 'economic', 'legal', 'other'];
const topical = (
  'summit ministers ambassador treaty border exercise sanctions pipeline parliament ratifies delegation visit ' +
  'agreement security alliance statement recalls protest drills troops charter partnership integration dues observers ' +
  'accession referendum election corridor railway energy gas loan grain customs visa peacekeeping airport'
).split(' ');

// Deterministic pseudo-random numbers (mulberry32) so every run builds the same database.
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)]!;
// News text has a long tail: most words are rare. A synthetic vocabulary of 20,000 words drawn with a
// skew, plus one topical word in about a third of events, gives each topical word roughly 1% of
// documents, as in a real news archive (a uniform 37-word vocabulary would put every word in half
// of all events and make every search rank half a million rows).
const syllables = 'ka lo mi ren tu sa vel dor an is ub et ny por gal chi zen ra bo fi'.split(' ');
const vocabulary = Array.from({ length: 20_000 }, (_, i) => {
  let w = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / syllables.length)) w += syllables[n % syllables.length];
  return w;
});
const word = () => vocabulary[Math.floor(vocabulary.length * rand() ** 2)]!;
const sentence = (n: number) => {
  const out = Array.from({ length: n }, word);
  if (rand() < 0.35) out[Math.floor(rand() * n)] = pick(topical);
  return out.join(' ');
};

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
const t0 = Date.UTC(1991, 0, 1);
const span = Date.UTC(2026, 10, 1) - t0;
for (let done = 0; done < N; done += BATCH) {
  db.transaction(() => {
    for (let i = done; i < Math.min(N, done + BATCH); i++) {
      const day = new Date(t0 + Math.floor(rand() * span)).toISOString().slice(0, 10);
      const at = new Date().toISOString();
      const kind = pick(kinds);
      const { lastInsertRowid } = insertEvent.run(`${sentence(6)} ${i}`, `${sentence(30)}.`, kind, day, day, day, at, at);
      const id = Number(lastInsertRowid);
      insertSource.run(id, `https://example.org/news/${id}`, 'example.org');
      const ents = new Set<string>([pick(countries)]);
      if (rand() < 0.6) ents.add(pick(countries));
      if (rand() < 0.5) ents.add(pick(blocs));
      [...ents].forEach((e, pos) => {
        insertLink.run(e, day, id, pos);
      });
      for (const c of ents) for (const b of ents) if (!isBloc.has(c) && isBloc.has(b)) insertPair.run(c, b, day, id, kind);
    }
  })();
  process.stderr.write(`\r  built ${Math.min(N, done + BATCH).toLocaleString()} events`);
}
db.exec('ANALYZE');
db.pragma('wal_checkpoint(TRUNCATE)');
await core.close();
process.stderr.write(`\n  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
