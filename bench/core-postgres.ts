// `bench core --db postgres`: the status, timeline and search handlers (request → Reply) on the same
// 1,000,000-event archive in PostgreSQL, each beside the same SQL run bare through pg on one connection
// (no pool, no hydration, no reply), interleaved in one run. The archive is built once and kept
// (bench/.cache/postgres, or BENCH_DATABASE_URL).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { openCore } from '../src/core.ts';
import { fullColumns, searchSql, statusEventsSql, timelineSql } from '../src/store/event-sql.ts';
import { searchParams } from '../src/store/events.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { translate, valuesFor } from '../src/store/postgres-params.ts';
import type { Params } from '../src/store/sql.ts';
import { searchTerms } from '../src/store/search-text.ts';
import { benchPostgres } from './postgres-server.ts';
import { archiveDigest, migrateKept, runCoreCases } from './core.ts';
import { ms } from './stats.ts';

const N = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ITER = Number(process.env.BENCH_ITER ?? 3000);

export async function benchCorePostgres(): Promise<void> {
  const server = await benchPostgres();
  if (!server) {
    console.log('\nCore bench on PostgreSQL: SKIPPED (no initdb/pg_ctl found and no BENCH_DATABASE_URL)');
    return;
  }
  try {
    // The database's name says which archive it holds; its schema follows the migrations as any
    // deployment's does (applied here, before the timed open). Built again when the archive changes or
    // an applied migration was edited.
    const name = `bench_core_${N}_${archiveDigest('build-pg.ts')}`;
    const { url, existed } = await server.database(name);
    if (!existed || !(await migrateKept(await openPostgres(url)))) {
      if (existed) {
        await server.drop(name);
        await server.database(name);
      }
      await server.dropOthers('bench_core_', name);
      console.log(`Building a ${N.toLocaleString()}-event PostgreSQL database (kept for later runs)…`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'build-pg.ts'), url, String(N)], {
        stdio: 'inherit',
      });
      if (r.status !== 0) {
        await server.drop(name);
        throw new Error('building the PostgreSQL bench database failed');
      }
    }
    const opened = process.hrtime.bigint();
    const core = await openCore({ engine: 'postgres', url });
    const openMs = Number(process.hrtime.bigint() - opened) / 1e6;
    // Set up as the store's connections are (src/store/postgres.ts), and the search, which the store
    // plans once per connection, prepared likewise: the bare side is the same SQL, run the same way.
    const bare = new pg.Client({ connectionString: url, options: '-c jit=off -c plan_cache_mode=force_generic_plan' });
    await bare.connect();
    const q = async (text: string, params?: Params, name?: string) => {
      const t = translate(text);
      return (await bare.query({ name, text: t.text, values: valuesFor(t, params) })).rows;
    };
    const today = new Date().toISOString().slice(0, 10);
    const events = Number((await q('SELECT count(*) AS n FROM events'))[0]!.n);

    // The same statements the handlers run, raw.
    const alias = 'SELECT e.* FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE a.alias = ?';
    const history = 'SELECT * FROM memberships WHERE bloc_id = ? AND country_id = ? AND since_start <= ? ORDER BY since_start, id';
    const eventById = `SELECT ${fullColumns('postgres')} FROM events e WHERE e.id = ?`;
    const page = { from: '0000-01-01', to: '9999-12-31', cs: '9999-12-31', cid: Number.MAX_SAFE_INTEGER, limit: 6 };
    const search = { ...searchParams('postgres', searchTerms('ambassador recalls')!), limit: 6, offset: 0 };
    const bareStatus = async () => {
      await q(alias, ['armenia']);
      await q(history, ['csto', 'armenia', today]);
      await q(eventById, [26]);
      return q(statusEventsSql('postgres'), { country: 'armenia', bloc: 'csto', asOf: today, limit: 4 });
    };
    const bareTimeline = async () => {
      await q(alias, ['belarus']);
      return q(timelineSql('postgres', 'older', false), { ...page, entity: 'belarus', bloc: null });
    };
    const bareTimelineBloc = async () => {
      await q(alias, ['belarus']);
      await q(alias, ['sco']);
      return q(timelineSql('postgres', 'older', true), { ...page, entity: 'belarus', bloc: 'sco' });
    };
    const bareSearch = () => q(searchSql('postgres', 2), search, 'search');

    console.log(
      `\nCore bench on PostgreSQL: ${events.toLocaleString()} events, ${ITER} iterations per handler (search: fewer), interleaved with the same SQL run bare through pg`,
    );
    const results = await runCoreCases(
      core,
      { status: bareStatus, timeline: bareTimeline, timelineBloc: bareTimelineBloc, search: bareSearch },
      'bare pg',
      ITER,
    );
    console.log(`\nopen database (pool, migrate check, seed check, LISTEN): ${ms(openMs)}`);
    const checks = [
      [
        'each handler <= 2x the bare pg queries of the same SQL (median)',
        Object.values(results).every(([h, b]) => h.median <= 2 * b.median),
      ],
      ['status, timeline and search p99 <= 10 ms', Object.values(results).every(([h]) => h.p99 <= 10)],
    ] as const;
    for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'} ${label}`);
    await bare.end();
    await core.close();
  } finally {
    server.stop();
  }
}
