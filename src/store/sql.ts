// What the stores run their SQL through: one small asynchronous interface over the two engines
// (./sqlite.ts on better-sqlite3, ./postgres/ on pg). A statement is written once with `?` or `@name`
// parameters in the SQL both engines share; where they differ (full-text search, JSON aggregation,
// fingerprints), the store holds both spellings side by side and picks one with `bySql`.
//
// Transactions follow the async context: every statement run while `transaction(fn)` runs fn, by fn or
// by anything fn awaits, is part of that transaction, and a transaction begun inside one joins it. So a
// store method that writes in a transaction of its own (events.add) does the right thing inside a
// larger one (an approval: event + sources + audit + draft, atomic) without being handed a handle.

export type Engine = 'sqlite' | 'postgres';

/** Positional (`?`) or named (`@name`) parameters. Numbers, strings and null only: booleans as 1 and 0. */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

/** How a read is run. */
export interface ReadOptions {
  /**
   * Plan the statement once per connection and reuse the plan: for a hot statement whose planning is a
   * real share of its cost and whose best plan does not depend on its parameters (the search). SQLite
   * prepares every statement once whatever this says.
   */
  keepPlan?: boolean;
}

export interface Sql {
  readonly engine: Engine;
  /** Where the data lives, for logs and messages: a file path, or a URL without its password. */
  readonly location: string;
  all<R>(text: string, params?: Params, options?: ReadOptions): Promise<R[]>;
  get<R>(text: string, params?: Params): Promise<R | undefined>;
  /** A write; resolves to the number of rows it changed. */
  run(text: string, params?: Params): Promise<number>;
  /**
   * A write to bookkeeping no answer depends on (Slack's replay marks): as `run`, but the change token
   * (`changes()`) does not move for it, so the caches kept under that token survive it.
   */
  mark(text: string, params?: Params): Promise<number>;
  /** Statements without parameters, run as one script (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs fn in one transaction, committed when fn resolves and rolled back when it throws. fn must not
   * wait on anything but the database: on SQLite the whole connection waits for it. On PostgreSQL it is
   * SERIALIZABLE, like SQLite's single writer, and re-run (after a short pause) when the server reports
   * a serialization failure or a deadlock, so fn must do nothing outside the database it cannot repeat.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * A token that moves whenever the stored data may have changed: every write through this handle, and
   * a commit by any other connection (SQLite's data_version; PostgreSQL's notifications). Caches of
   * answers are kept under it.
   */
  changes(): Promise<string>;
  close(): Promise<void>;
}

/** The engine's own spelling of a statement, for the few that cannot be written once. */
export function bySql<T>(sql: Pick<Sql, 'engine'>, spellings: Record<Engine, T>): T {
  return spellings[sql.engine];
}

/** The database cannot be reached (connection refused or lost): the request may succeed if tried again. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** A PostgreSQL URL as logs and messages may show it: user, host, port and database, never the password. */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString().replace(/^(postgres(?:ql)?:\/\/[^:@/]*):?@/, '$1@');
  } catch {
    return 'the PostgreSQL database (DATABASE_URL is not a valid URL)';
  }
}
