// What every `blocwatch` command shares (src/cli.ts and the command files beside it): reading the
// settings and opening the store, each failure turned into one line and an exit code, never a stack trace.
import { ConfigError, loadConfig, readEnv, type Config } from './config.ts';
import { coreSettings, openCore, type Core } from './core.ts';
import { MigrationError } from './store/migrate.ts';
import { openSql, storeLocation } from './store/open.ts';
import { StoreUnavailableError, withoutPassword, type Sql } from './store/sql.ts';

/** Thrown to leave with a message and an exit code, without a stack trace. */
export class Exit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function config(): Config {
  try {
    return loadConfig(readEnv());
  } catch (err) {
    if (err instanceof ConfigError) throw new Exit(2, err.message);
    throw err;
  }
}

export async function core(c: Config): Promise<Core> {
  try {
    return await openCore(storeLocation(c), { settings: coreSettings(c) });
  } catch (err) {
    if (err instanceof MigrationError) throw new Exit(3, `Cannot open ${databaseName(c)}: ${err.message}`);
    throw databaseExit(c, err);
  }
}

export async function database(c: Config): Promise<Sql> {
  try {
    return await openSql(storeLocation(c));
  } catch (err) {
    throw databaseExit(c, err);
  }
}

/** The database in use as messages name it: DATABASE_URL (without its password) or the DATABASE_PATH file. */
export function databaseName(c: Config): string {
  return c.DATABASE_URL ? `DATABASE_URL=${withoutPassword(c.DATABASE_URL)}` : c.DATABASE_PATH;
}

/**
 * One line for a database that cannot be opened: a PostgreSQL server that does not answer or refuses
 * (its host, port and the error), a file that is not a database or sits nowhere.
 */
export function databaseExit(c: Config, err: unknown): unknown {
  if (err instanceof StoreUnavailableError) {
    return new Exit(
      3,
      `DATABASE_URL: ${err.message}. Check that the server runs and that the URL's host, port, user, password and database are right.`,
    );
  }
  const e = err as { code?: unknown; message?: unknown };
  const sqlite = typeof e?.code === 'string' && e.code.startsWith('SQLITE_');
  const fs = typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code);
  if (!sqlite && !fs) return err;
  const why = e.code === 'SQLITE_NOTADB' ? 'the file is not a SQLite database' : String(e.message).split('\n')[0];
  return new Exit(
    3,
    `DATABASE_PATH=${c.DATABASE_PATH}: cannot open the database (${why}). Point DATABASE_PATH at a writable SQLite file, or at a new path to create one.`,
  );
}
