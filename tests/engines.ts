// The store's two engines in tests. SQLite: a fresh in-memory database or a file. PostgreSQL: a fresh
// database on the server tests/global-setup.ts started (or TEST_DATABASE_URL), dropped when closed.
//
// Migrating and seeding a PostgreSQL database takes a second or so; a test suite wants hundreds. So the
// first database made for a given clock is migrated and seeded once as a template, and every other is
// a copy of it (CREATE DATABASE … TEMPLATE, a file copy). The template's name carries a digest of the
// migrations and the curated dataset, so editing either makes a new one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createCore, type Core, type CoreSettings } from '../src/core.ts';
import { MIGRATIONS_ROOT } from '../src/store/migrate.ts';
import { openPostgres } from '../src/store/postgres.ts';
import type { Engine, Sql } from '../src/store/sql.ts';
import { openSqlite } from '../src/store/sqlite.ts';

/** The PostgreSQL server the tests may use, if any. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** The engines this run can test: PostgreSQL wherever a server is there. */
export const ENGINES: readonly Engine[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** The engine the suite's ordinary helpers use: SQLite, or PostgreSQL in the `postgres` project. */
export const DEFAULT_ENGINE: Engine = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

let admin: Promise<pg.Client> | undefined;
function adminClient(): Promise<pg.Client> {
  if (!TEST_DATABASE_URL) throw new Error('no PostgreSQL server for the tests: TEST_DATABASE_URL is not set');
  admin ??= (async () => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    return c;
  })();
  return admin;
}

const urlOf = (database: string) => {
  const u = new URL(TEST_DATABASE_URL!);
  u.pathname = `/${database}`;
  return u.toString();
};

const DIGEST = (() => {
  const h = createHash('sha256');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  for (const f of [...files(join(MIGRATIONS_ROOT, 'postgres')), ...files(join(import.meta.dirname, '..', 'src', 'dataset'))].sort()) {
    h.update(f).update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 12);
})();

let made = 0;

/**
 * A new, empty PostgreSQL database (or, with `seededAt`, one migrated and seeded at that instant), and
 * how to drop it. Its name says which test process made it.
 */
export async function freshPostgresDatabase(seededAt?: Date): Promise<{ url: string; drop(): Promise<void> }> {
  const c = await adminClient();
  const name = `bw_${process.pid}_${++made}_${Math.random().toString(36).slice(2, 8)}`;
  const template = seededAt ? await seededTemplate(c, seededAt) : undefined;
  await c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  return { url: urlOf(name), drop: () => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined) };
}

async function seededTemplate(c: pg.Client, at: Date): Promise<string> {
  const name = `bw_template_${DIGEST}_${at.getTime()}`;
  // Test processes run side by side: one builds the template while the others wait for it.
  await c.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
  try {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return name;
    const building = `${name}_building`;
    await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${building}`);
    const core = await createCore(await openPostgres(urlOf(building)), { now: () => at });
    await core.close();
    await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    return name;
  } finally {
    await c.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
  }
}

/** A fresh, empty store on the engine: in-memory SQLite, or a new PostgreSQL database dropped on close. */
export async function freshSql(engine: Engine = DEFAULT_ENGINE, seededAt?: Date): Promise<Sql> {
  if (engine === 'sqlite') return openSqlite(':memory:');
  const db = await freshPostgresDatabase(seededAt);
  const sql = await openPostgres(db.url, { max: 4 });
  const close = sql.close.bind(sql);
  sql.close = async () => {
    await close();
    await db.drop();
  };
  return sql;
}

/** A core on a fresh, seeded store of the engine, on the given clock. */
export async function engineCore(engine: Engine, now: () => Date, settings?: Partial<CoreSettings>): Promise<Core> {
  if (engine === 'sqlite') return createCore(openSqlite(':memory:'), { now, settings });
  // Seeded as the template was, at the clock's instant now: nothing left for createCore to seed.
  const sql = await freshSql('postgres', now());
  return createCore(sql, { now, settings, seed: false });
}
