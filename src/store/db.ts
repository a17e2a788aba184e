import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

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
