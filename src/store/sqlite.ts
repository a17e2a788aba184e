// The SQLite engine: one better-sqlite3 connection behind the asynchronous Sql interface. Statements are
// prepared once per text and answered synchronously, so a read costs what it did before the interface
// was asynchronous plus one resolved promise.
import type BetterSqlite3 from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Params, Sql } from './sql.ts';

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
  // wait for a lock instead of failing. (SqliteSql waits without blocking the thread instead.)
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // A 32 MB page cache keeps the hot index and row pages of a large database in memory; SQLite's
  // 2 MB default makes a timeline on a million events re-read pages from the OS on every query.
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = MEMORY');
  return db;
}

/** How long a statement waits for another connection's write lock before failing with SQLITE_BUSY. */
const BUSY_WAIT_MS = 5000;

const isBusy = (err: unknown) =>
  typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY');

interface Transaction {
  readonly id: number;
}

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

export class SqliteSql implements Sql {
  readonly engine = 'sqlite';
  private readonly statements = new Map<string, Statement>();
  private readonly context = new AsyncLocalStorage<Transaction>();
  /** The transaction holding the connection, if any: statements from any other context wait for it. */
  private open: Transaction | undefined;
  private waiting: (() => void)[] = [];
  private transactions = 0;
  /** Rows changed by `mark`: taken off total_changes(), so bookkeeping does not move the change token. */
  private marked = 0;
  private readonly changeProbe: BetterSqlite3.Statement<[], [number, number]>;

  constructor(
    readonly db: Db,
    readonly location = db.name,
  ) {
    db.pragma('busy_timeout = 0');
    // total_changes() moves when this connection writes, data_version when another one commits.
    this.changeProbe = db.prepare<[], [number, number]>('SELECT total_changes(), data_version FROM pragma_data_version').raw();
  }

  async all<R>(text: string, params?: Params): Promise<R[]> {
    if (this.mustWait()) await this.turn();
    return this.unlessBusy(() => {
      const s = this.statement(text);
      return (params === undefined ? s.all() : Array.isArray(params) ? s.all(...params) : s.all(params)) as R[];
    });
  }

  async get<R>(text: string, params?: Params): Promise<R | undefined> {
    if (this.mustWait()) await this.turn();
    return this.unlessBusy(() => {
      const s = this.statement(text);
      return (params === undefined ? s.get() : Array.isArray(params) ? s.get(...params) : s.get(params)) as R | undefined;
    });
  }

  async run(text: string, params?: Params): Promise<number> {
    if (this.mustWait()) await this.turn();
    return this.unlessBusy(() => {
      const s = this.statement(text);
      return (params === undefined ? s.run() : Array.isArray(params) ? s.run(...params) : s.run(params)).changes;
    });
  }

  async mark(text: string, params?: Params): Promise<number> {
    const changed = await this.run(text, params);
    this.marked += changed;
    return changed;
  }

  async exec(script: string): Promise<void> {
    if (this.mustWait()) await this.turn();
    return this.unlessBusy(() => {
      this.db.exec(script);
    });
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    // Inside a transaction already: join it (its rollback undoes this work too).
    if (this.open && this.context.getStore() === this.open) return fn();
    while (this.open) await this.turn();
    const tx: Transaction = { id: ++this.transactions };
    this.open = tx;
    try {
      // IMMEDIATE: the write lock is taken up front, so no write of another process can land in between.
      await this.unlessBusy(() => this.db.exec('BEGIN IMMEDIATE'));
      const result = await this.context.run(tx, fn);
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    } finally {
      this.open = undefined;
      const waiting = this.waiting;
      this.waiting = [];
      for (const wake of waiting) wake();
    }
  }

  async changes(): Promise<string> {
    const [changes, version] = this.changeProbe.get()!;
    return `${changes - this.marked}:${version}`;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /**
   * Runs a statement now; when another connection holds the write lock, tries again after a pause until
   * BUSY_WAIT_MS have passed. SQLite's own busy_timeout would wait by blocking the thread, and a
   * transaction of another connection in this same process (two cores on one file) would then never
   * get to finish: the wait is made here, asynchronously, instead (the connection's busy_timeout is 0).
   */
  private unlessBusy<T>(attempt: () => T): T | Promise<T> {
    try {
      return attempt();
    } catch (err) {
      if (!isBusy(err) || this.context.getStore() !== undefined) throw err;
      return this.whenNotBusy(attempt);
    }
  }

  private async whenNotBusy<T>(attempt: () => T): Promise<T> {
    const deadline = Date.now() + BUSY_WAIT_MS;
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      await new Promise((r) => setTimeout(r, pause));
      try {
        return attempt();
      } catch (err) {
        if (!isBusy(err) || Date.now() >= deadline) throw err;
      }
    }
  }

  /** True while another context's transaction holds the connection. */
  private mustWait(): boolean {
    return this.open !== undefined && this.context.getStore() !== this.open;
  }

  /** Resolves when the transaction holding the connection has ended (then check again: another may begin). */
  private async turn(): Promise<void> {
    while (this.mustWait()) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private statement(text: string): Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }
}

/** The SQLite store's executor over a file (created when missing) or ':memory:'. */
export function openSqlite(path: string): SqliteSql {
  return new SqliteSql(openDatabase(path), path);
}
