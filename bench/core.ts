// Core bench: status, timeline and search handlers (request → Reply) on a 1,000,000-event database,
// each next to the bare SQL its main query runs, plus start-to-first-answer and resident memory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../commands/index.ts';
import type { Caller } from '../commands/types.ts';
import { openCore } from '../src/core.ts';
import { STATUS_EVENTS_SQL, timelineSql } from '../src/store/events.ts';
import { Dispatcher } from '../src/dispatch.ts';
import { loadMigrations } from '../src/store/migrate.ts';
import { ms, paired, stats, type Stats } from './stats.ts';

const ROOT = join(import.meta.dirname, '..');
const CACHE = join(ROOT, 'bench', '.cache');
const N = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ITER = Number(process.env.BENCH_ITER ?? 3000);

function ensureDatabase(): string {
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, `core-${N}.db`);
  const stamp = `${path}.stamp`;
  const want = `${N}:${loadMigrations().map((m) => m.checksum).join(',')}:${readFileSync(join(ROOT, 'bench', 'build-db.ts'), 'utf8').length}`;
  if (existsSync(path) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return path;
  for (const suffix of ['', '-wal', '-shm']) spawnSync('rm', ['-f', `${path}${suffix}`]);
  console.log(`Building a ${N.toLocaleString()}-event database (cached in bench/.cache for later runs)…`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'build-db.ts'), path, String(N)], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the bench database failed');
  writeFileSync(stamp, want);
  return path;
}

/** Spawns the real CLI console and times it from spawn to the first complete answer. */
function startToFirstAnswer(db: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'blocwatch.js'), 'console'], {
      env: { ...process.env, DATABASE_PATH: db, LOG_LEVEL: 'warn', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Full story:')) {
        resolve(Number(process.hrtime.bigint() - t) / 1e6);
        child.stdin.end();
      }
    });
    child.on('exit', (code) => (out.includes('Full story:') ? undefined : reject(new Error(`console exited ${code}: ${out}`))));
    child.stdin.write('/csto status armenia\n');
  });
}

/** The same, for a bare `node -e` that opens the database: the floor that Node itself sets. */
function bareNodeStart(db: string): number {
  const t = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(db)});d.prepare('select 1').get();`], { cwd: ROOT });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function row(name: string, handler: Stats, bare: Stats): string {
  return `${name.padEnd(26)} handler median ${ms(handler.median).padStart(9)}  p99 ${ms(handler.p99).padStart(9)} | bare SQL median ${ms(bare.median).padStart(9)}  p99 ${ms(bare.p99).padStart(9)} | ratio (median) ${(handler.median / bare.median).toFixed(2)}x`;
}

export async function benchCore(): Promise<void> {
  const path = ensureDatabase();
  const median = (xs: number[]) => stats(xs).median;
  const starts: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < 5; i++) {
    starts.push(await startToFirstAnswer(path));
    floors.push(bareNodeStart(path));
  }

  const opened = process.hrtime.bigint();
  const core = openCore(path);
  const openMs = Number(process.hrtime.bigint() - opened) / 1e6;
  // Handlers are timed without the answer cache: a repeated question would otherwise be a map lookup.
  const d = new Dispatcher(core, COMMANDS, undefined, { answerCache: false });
  const cached = new Dispatcher(core, COMMANDS);
  const caller: Caller = { platform: 'console', userId: 'bench', isEditor: false, isSpaceAdmin: false };
  const db = core.db;
  const today = new Date().toISOString().slice(0, 10);
  const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

  // The bare side runs the same SQL statements the handler runs (the alias lookup, the membership
  // history, the basis event, the page query), raw, with no hydration, validation or reply building.
  const alias = db.prepare('SELECT e.* FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE a.alias = ?').raw();
  const history = db.prepare('SELECT * FROM memberships WHERE bloc_id = ? AND country_id = ? AND since_start <= ? ORDER BY since_start, id').raw();
  const eventById = db.prepare(`SELECT * FROM events WHERE id = ?`).raw();
  const statusEvents = db.prepare(STATUS_EVENTS_SQL).raw();
  const timelineByEntity = db.prepare(timelineSql('older', false)).raw();
  const timelineByPair = db.prepare(timelineSql('older', true)).raw();
  const page = { from: '0000-01-01', to: '9999-12-31', cs: '9999-12-31', cid: Number.MAX_SAFE_INTEGER, limit: 6 };
  const bareStatus = () => {
    alias.get('armenia');
    history.all('csto', 'armenia', today);
    eventById.get(26);
    return statusEvents.all({ country: 'armenia', bloc: 'csto', asOf: today, limit: 4 });
  };
  const bareTimeline = () => {
    alias.get('belarus');
    return timelineByEntity.all({ ...page, entity: 'belarus', bloc: null });
  };
  const bareTimelineBloc = () => {
    alias.get('belarus');
    alias.get('sco');
    return timelineByPair.all({ ...page, entity: 'belarus', bloc: 'sco' });
  };
  const bareSearch = db.prepare(`SELECT rowid FROM events_fts WHERE events_fts MATCH '"ambassador" "recalls"*' ORDER BY bm25(events_fts, 4.0, 1.0) LIMIT 6`).raw();

  const cases: [string, () => unknown, () => unknown, number][] = [
    ['/csto status armenia', () => d.runCommand('csto', 'status', { country: 'armenia' }, caller), bareStatus, ITER],
    ['/timeline belarus', () => d.runCommand('timeline', undefined, { country: 'belarus' }, caller), bareTimeline, ITER],
    ['/timeline belarus bloc:sco', () => d.runCommand('timeline', undefined, { country: 'belarus', bloc: 'sco' }, caller), bareTimelineBloc, ITER],
    ['/search ambassador recalls', () => d.runCommand('search', undefined, { query: 'ambassador recalls' }, caller), () => bareSearch.all(), Math.max(100, Math.floor(ITER / 10))],
  ];
  console.log(`\nCore bench: ${events.toLocaleString()} events, ${ITER} iterations per handler (search: fewer), interleaved with the bare query`);
  const results: Record<string, [Stats, Stats]> = {};
  for (const [name, handler, bare, n] of cases) {
    const [h, b] = await paired(handler, bare, n);
    results[name] = [stats(h), stats(b)];
    console.log(row(name, results[name]![0], results[name]![1]));
  }
  const [hit] = await paired(() => cached.runCommand('csto', 'status', { country: 'armenia' }, caller), bareStatus, ITER);
  const hitStats = stats(hit!);
  console.log(`${'/csto status, cache hit'.padEnd(26)} handler median ${ms(hitStats.median).padStart(9)}  p99 ${ms(hitStats.p99).padStart(9)} (the same question again, data unchanged)`);
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`\nopen database (migrate check + seed check): ${ms(openMs)}`);
  console.log(`start to first answer (spawn CLI console, answer /csto status armenia): median ${ms(median(starts))} (bare node + open db: ${ms(median(floors))})`);
  console.log(`resident memory after the run: ${rss.toFixed(0)} MB`);
  const status = results['/csto status armenia']!;
  const timeline = results['/timeline belarus']!;
  const checks = [
    ['status p99 <= 2 ms', status[0].p99 <= 2],
    ['timeline p99 <= 2 ms', timeline[0].p99 <= 2],
    ['each handler <= 3x its bare query (median)', Object.values(results).every(([h, b]) => h.median <= 3 * b.median)],
    ['start to first answer <= 1 s', median(starts) <= 1000],
    ['resident memory <= 200 MB', rss <= 200],
  ] as const;
  for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'} ${label}`);
  core.close();
}
