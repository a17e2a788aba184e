import type BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

// Required, not imported: better-sqlite3 is CommonJS, and importing it from an ES module costs every
// start a scan of its sources for their exports (a few milliseconds of the console's start-up).
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

export type Db = BetterSqlite3.Database;

/** Opens (creating when needed) the database with the settings every process must share. */
export function openDatabase(path: string, opts: { readonly?: boolean } = {}): Db {
  if (path !== ':memory:' && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  if (!opts.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Two processes (a bot and a `digest run`, or two bots behind a load balancer) share one file:
  // wait for a lock instead of failing.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // A 32 MB page cache keeps the hot index and row pages of a large database in memory; SQLite's
  // 2 MB default makes a timeline on a million events re-read pages from the OS on every query.
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = MEMORY');
  return db;
}

/** Runs fn in one IMMEDIATE transaction: the write lock is taken up front, so no write can half-land. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
