// A PostgreSQL server for the benches: BENCH_DATABASE_URL when set (its databases are created and kept
// there), else a cluster kept in bench/.cache/postgres, started on a free port for the run and stopped
// after it (made with initdb the first time, as the tests' cluster is: tests/global-setup.ts).
import { join } from 'node:path';
import pg from 'pg';
import { serverPrograms, startCluster } from '../tests/global-setup.ts';

export interface BenchServer {
  /** The URL of a database on the server, created when missing. */
  database(name: string): Promise<{ url: string; existed: boolean }>;
  drop(name: string): Promise<void>;
  /** Drops the databases whose names begin with `prefix`, but `keep`: what older builds left. */
  dropOthers(prefix: string, keep: string): Promise<void>;
  stop(): void;
}

export async function benchPostgres(): Promise<BenchServer | undefined> {
  let admin = process.env.BENCH_DATABASE_URL;
  let stop: () => void = () => {};
  if (!admin) {
    const bin = serverPrograms();
    if (!bin) return undefined;
    const cluster = await startCluster(bin, join(import.meta.dirname, '.cache', 'postgres'));
    admin = cluster.url;
    stop = cluster.stop;
  }
  const urlOf = (name: string) => {
    const u = new URL(admin!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const run = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    database: (name) =>
      run(async (c) => {
        const existed = Boolean((await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount);
        if (!existed) await c.query(`CREATE DATABASE ${name}`);
        return { url: urlOf(name), existed };
      }),
    drop: (name) => run(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
    dropOthers: (prefix, keep) =>
      run(async (c) => {
        const old = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname <> $2', [
          prefix,
          keep,
        ]);
        for (const r of old.rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      }),
    stop,
  };
}
