// Where the data lives: a SQLite file (DATABASE_PATH, the default) or a PostgreSQL database
// (DATABASE_URL, which wins when set). The PostgreSQL engine and the pg driver load only when asked
// for: the console and `--help` never load them.
import { openSqlite } from './sqlite.ts';
import { withoutPassword, type Sql } from './sql.ts';

export type StoreLocation = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

/** DATABASE_URL when set, else DATABASE_PATH. */
export function storeLocation(c: { DATABASE_PATH: string; DATABASE_URL?: string }): StoreLocation {
  return c.DATABASE_URL ? { engine: 'postgres', url: c.DATABASE_URL } : { engine: 'sqlite', path: c.DATABASE_PATH };
}

/** A location as the log and messages may show it: a PostgreSQL URL without its password. */
export function describeLocation(l: StoreLocation): string {
  return l.engine === 'sqlite' ? `SQLite ${l.path}` : `PostgreSQL ${withoutPassword(l.url)}`;
}

/** The store an open handle is on, as the log says it ("PostgreSQL postgres://bot@db:5432/blocwatch"). */
export function describeSql(sql: Pick<Sql, 'engine' | 'location'>): string {
  return `${sql.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${sql.location}`;
}

export interface OpenOptions {
  /** Told of a lost connection the store recovers from by itself (PostgreSQL's idle connections). */
  onConnectionError?: (err: Error) => void;
}

export async function openSql(l: StoreLocation, opts: OpenOptions = {}): Promise<Sql> {
  if (l.engine === 'sqlite') return openSqlite(l.path);
  const { openPostgres } = await import('./postgres.ts');
  return openPostgres(l.url, { onIdleError: opts.onConnectionError });
}
