// Numbered SQL migrations, one folder per engine (migrations/sqlite/, migrations/postgres/), numbered
// alike: version N means the same schema on both. Each is applied in order inside its own transaction
// and recorded with a checksum. A migration already applied whose file has since changed stops the
// start, naming the file: the database would otherwise silently disagree with the code that reads it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bySql, type Engine, type Sql } from './sql.ts';

export const MIGRATIONS_ROOT = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** The folder of one engine's migrations. */
export const migrationsDir = (engine: Engine) => join(MIGRATIONS_ROOT, engine);

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function loadMigrations(dir = migrationsDir('sqlite')): Migration[] {
  const files = readdirSync(dir).filter((f) => /^\d+_[\w-]+\.sql$/.test(f));
  const migrations = files
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(file.split('_')[0]),
        name: file,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]!.version === m.version) {
      throw new MigrationError(`two migrations share number ${m.version}: ${migrations[i - 1]!.name} and ${m.name}`);
    }
  });
  return migrations;
}

export interface MigrateResult {
  applied: string[];
  current: number;
}

const LEDGER = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL
  )`,
};

/**
 * Processes starting together on one PostgreSQL database take turns: each migration's transaction first
 * takes this lock, then looks again at what is applied. (SQLite's IMMEDIATE transactions already do.)
 */
const TAKE_TURNS = { sqlite: undefined, postgres: 'SELECT pg_advisory_xact_lock(2023052301)' };

type Applied = { version: number; name: string; checksum: string };

export async function migrate(sql: Sql, migrations = loadMigrations(migrationsDir(sql.engine))): Promise<MigrateResult> {
  const turn = bySql(sql, TAKE_TURNS);
  const appliedNow = () => sql.all<Applied>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  await sql.transaction(async () => {
    if (turn) await sql.get(turn);
    await sql.exec(bySql(sql, LEDGER));
  });
  const done = new Map((await appliedNow()).map((r) => [r.version, r]));
  for (const m of migrations) {
    const row = done.get(m.version);
    if (row && row.checksum !== m.checksum) {
      throw new MigrationError(
        `migration ${m.name} was changed after it was applied to this database (recorded as ${row.name}, ` +
          `checksum ${row.checksum.slice(0, 12)}…, file now ${m.checksum.slice(0, 12)}…). ` +
          'Restore the original file and add a new numbered migration for the change.',
      );
    }
  }
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...done.keys()].filter((v) => !known.has(v));
  if (unknown.length) {
    throw new MigrationError(
      `this database has migrations this version of blocwatch does not know (${unknown.join(', ')}); it was written by a newer version`,
    );
  }
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    const isApplied = async () => Boolean(await sql.get('SELECT 1 AS one FROM schema_migrations WHERE version = ?', [m.version]));
    let ran: boolean;
    try {
      ran = await sql.transaction(async () => {
        if (turn) await sql.get(turn);
        // Another process may have applied it while this one waited for its turn.
        if (await isApplied()) return false;
        await sql.exec(m.sql);
        await sql.run('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)', [
          m.version,
          m.name,
          m.checksum,
          new Date().toISOString(),
        ]);
        return true;
      });
    } catch (err) {
      // On PostgreSQL the check above reads the snapshot the transaction took when it asked for its turn,
      // from before the process it waited for committed: it finds the migration missing, and applying it
      // again fails (the tables exist). Asked afresh, outside that transaction, the ledger says it is done.
      if (!(await isApplied())) throw err;
      ran = false;
    }
    if (ran) applied.push(m.name);
  }
  return { applied, current: migrations.at(-1)?.version ?? 0 };
}
