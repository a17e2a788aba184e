// Core bench: status, timeline and search handlers (request → Reply) on a 1,000,000-event database,
// each next to the bare SQL its main query runs, plus start-to-first-answer and resident memory.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../commands/index.ts';
import type { Caller } from '../commands/types.ts';
import { type Core, openCore } from '../src/core.ts';
import { searchSql, statusEventsSql, timelineSql } from '../src/store/event-sql.ts';
import { searchParams } from '../src/store/events.ts';
import { searchTerms } from '../src/store/search-text.ts';
import type { Sql } from '../src/store/sql.ts';
import { openSqlite, type SqliteSql } from '../src/store/sqlite.ts';
import { Dispatcher } from '../src/dispatch.ts';
import { MigrationError, migrate } from '../src/store/migrate.ts';
import { ms, paired, stats, type Stats } from './stats.ts';

const ROOT = join(import.meta.dirname, '..');
const CACHE = join(ROOT, 'bench', '.cache');
const N = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ITER = Number(process.env.BENCH_ITER ?? 3000);

/**
 * The 1M-event archive, built once and kept; its stamp names the archive (its size, the generator and
 * the builder), and its schema follows the migrations as any deployment's does. Built again when the
 * archive changes or an applied migration was edited.
 */
async function ensureDatabase(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, `core-${N}.db`);
  const stamp = `${path}.stamp`;
  const want = `${N}:${archiveDigest('build-db.ts')}`;
  if (existsSync(path) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want && (await migrateKept(openSqlite(path)))) return path;
  for (const suffix of ['', '-wal', '-shm']) spawnSync('rm', ['-f', `${path}${suffix}`]);
  console.log(`Building a ${N.toLocaleString()}-event database (cached in bench/.cache for later runs)…`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'build-db.ts'), path, String(N)], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the bench database failed');
  writeFileSync(stamp, want);
  return path;
}

/** What a bench archive's events are made by: the synthetic generator and the engine's builder. */
export function archiveDigest(builder: string): string {
  const h = createHash('sha256');
  for (const file of ['synthetic.ts', builder]) h.update(readFileSync(join(ROOT, 'bench', file)));
  return h.digest('hex').slice(0, 12);
}

/** Brings a kept archive to the current schema, then closes it; false when it cannot be (an applied migration was edited). */
export async function migrateKept(sql: Sql): Promise<boolean> {
  try {
    const { applied } = await migrate(sql);
    if (applied.length) console.log(`Migrated the kept ${sql.engine} archive: ${applied.join(', ')}`);
    return true;
  } catch (err) {
    if (err instanceof MigrationError) return false;
    throw err;
  } finally {
    await sql.close();
  }
}

/** Spawns the built CLI console (bin/blocwatch.js runs dist/) and times it from spawn to the first complete answer. */
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

/** Wall time of a spawned command to its exit. */
function timedSpawn(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The floor that Node itself sets: a bare `node -e` that opens the database and runs one query. */
const bareNodeStart = (db: string) =>
  timedSpawn(['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(db)});d.prepare('select 1').get();`]);

export interface StartupResult {
  firstAnswer: Stats;
  help: Stats;
  floor: Stats;
}

/**
 * Start-up of the built program against its floor, interleaved so that machine noise hits all three
 * alike: the console's first answer, `blocwatch --help`, and bare node opening the same database.
 */
export async function benchStartup(db: string, runs = Number(process.env.BENCH_STARTS ?? 9)): Promise<StartupResult> {
  const answers: number[] = [];
  const helps: number[] = [];
  const floors: number[] = [];
  // One untimed round warms the OS file cache for all three.
  await startToFirstAnswer(db);
  bareNodeStart(db);
  for (let i = 0; i < runs; i++) {
    floors.push(bareNodeStart(db));
    answers.push(await startToFirstAnswer(db));
    helps.push(timedSpawn([join(ROOT, 'bin', 'blocwatch.js'), '--help']));
  }
  const r = { firstAnswer: stats(answers), help: stats(helps), floor: stats(floors) };
  console.log(`\nStart-up, built program (dist/), median of ${runs} spawns each, interleaved:`);
  console.log(`  bare node + open db (floor)           ${ms(r.floor.median).padStart(10)}`);
  console.log(
    `  console, spawn to first answer        ${ms(r.firstAnswer.median).padStart(10)}  ratio ${(r.firstAnswer.median / r.floor.median).toFixed(2)}x`,
  );
  console.log(
    `  blocwatch --help                      ${ms(r.help.median).padStart(10)}  ratio ${(r.help.median / r.floor.median).toFixed(2)}x`,
  );
  return r;
}

function row(name: string, handler: Stats, bare: Stats, bareLabel: string): string {
  return `${name.padEnd(26)} handler median ${ms(handler.median).padStart(9)}  p99 ${ms(handler.p99).padStart(9)} | ${bareLabel} median ${ms(bare.median).padStart(9)}  p99 ${ms(bare.p99).padStart(9)} | ratio (median) ${(handler.median / bare.median).toFixed(2)}x`;
}

/** The bare side of each case: the same statements a handler runs, raw. */
export interface BareQueries {
  status(): unknown;
  timeline(): unknown;
  timelineBloc(): unknown;
  search(): unknown;
}

/**
 * Times the status, timeline and search handlers (answer cache off) each interleaved with its bare
 * queries, and a cached status answer; prints a line each and returns handler and bare stats by case.
 */
export async function runCoreCases(
  core: Core,
  bare: BareQueries,
  bareLabel: string,
  iterations = ITER,
): Promise<Record<string, [Stats, Stats]>> {
  const d = new Dispatcher(core, COMMANDS, undefined, { answerCache: false });
  const cached = new Dispatcher(core, COMMANDS);
  const caller: Caller = { platform: 'console', userId: 'bench', isEditor: false, isSpaceAdmin: false };
  const cases: [string, () => unknown, () => unknown, number][] = [
    ['/csto status armenia', () => d.runCommand('csto', 'status', { country: 'armenia' }, caller), bare.status, iterations],
    ['/timeline belarus', () => d.runCommand('timeline', undefined, { country: 'belarus' }, caller), bare.timeline, iterations],
    [
      '/timeline belarus bloc:sco',
      () => d.runCommand('timeline', undefined, { country: 'belarus', bloc: 'sco' }, caller),
      bare.timelineBloc,
      iterations,
    ],
    [
      '/search ambassador recalls',
      () => d.runCommand('search', undefined, { query: 'ambassador recalls' }, caller),
      bare.search,
      Math.max(100, Math.floor(iterations / 10)),
    ],
  ];
  const results: Record<string, [Stats, Stats]> = {};
  for (const [name, handler, baseline, n] of cases) {
    const [h, b] = await paired(handler, baseline, n);
    results[name] = [stats(h), stats(b)];
    console.log(row(name, results[name]![0], results[name]![1], bareLabel));
  }
  const [hit] = await paired(() => cached.runCommand('csto', 'status', { country: 'armenia' }, caller), bare.status, iterations);
  const hitStats = stats(hit!);
  console.log(
    `${'/csto status, cache hit'.padEnd(26)} handler median ${ms(hitStats.median).padStart(9)}  p99 ${ms(hitStats.p99).padStart(9)} (the same question again, data unchanged)`,
  );
  return results;
}

export async function benchCore(): Promise<void> {
  const path = await ensureDatabase();
  const startup = await benchStartup(path);

  const opened = process.hrtime.bigint();
  const core = await openCore(path);
  const openMs = Number(process.hrtime.bigint() - opened) / 1e6;
  const { db } = core.sql as SqliteSql;
  const today = new Date().toISOString().slice(0, 10);
  const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

  // The bare side runs the same SQL statements the handler runs (the alias lookup, the membership
  // history, the basis event, the page query), raw, with no hydration, validation or reply building.
  const alias = db.prepare('SELECT e.* FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE a.alias = ?').raw();
  const history = db
    .prepare('SELECT * FROM memberships WHERE bloc_id = ? AND country_id = ? AND since_start <= ? ORDER BY since_start, id')
    .raw();
  const eventById = db.prepare(`SELECT * FROM events WHERE id = ?`).raw();
  const statusEvents = db.prepare(statusEventsSql('sqlite')).raw();
  const timelineByEntity = db.prepare(timelineSql('sqlite', 'older', false)).raw();
  const timelineByPair = db.prepare(timelineSql('sqlite', 'older', true)).raw();
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
  const bareSearch = db.prepare(searchSql('sqlite')).raw();
  const searchQuery = { ...searchParams('sqlite', searchTerms('ambassador recalls')!), limit: 6, offset: 0 };

  console.log(
    `\nCore bench: ${events.toLocaleString()} events, ${ITER} iterations per handler (search: fewer), interleaved with the bare query`,
  );
  const results = await runCoreCases(
    core,
    { status: bareStatus, timeline: bareTimeline, timelineBloc: bareTimelineBloc, search: () => bareSearch.all(searchQuery) },
    'bare SQL',
  );
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`\nopen database (migrate check + seed check): ${ms(openMs)}`);
  console.log(`resident memory after the run: ${rss.toFixed(0)} MB`);
  const status = results['/csto status armenia']!;
  const timeline = results['/timeline belarus']!;
  const checks = [
    ['status p99 <= 2 ms', status[0].p99 <= 2],
    ['timeline p99 <= 2 ms', timeline[0].p99 <= 2],
    ['each handler <= 3x its bare query (median)', Object.values(results).every(([h, b]) => h.median <= 3 * b.median)],
    ['start to first answer <= 1 s', startup.firstAnswer.median <= 1000],
    ['start to first answer <= 2x bare node + open db (median)', startup.firstAnswer.median <= 2 * startup.floor.median],
    ['resident memory <= 200 MB', rss <= 200],
  ] as const;
  for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'} ${label}`);
  await core.close();
}
