// The PostgreSQL engine: a pg connection pool behind the asynchronous Sql interface. Loaded only when
// DATABASE_URL names a PostgreSQL database (src/store/open.ts).
//
// Values come back as the SQLite engine gives them, so that both engines answer byte for byte alike:
// bigint ids and counts as numbers, instants (timestamptz) as the ISO strings the stores wrote, JSON
// columns as their text. Transactions are SERIALIZABLE, as SQLite's single writer is, and re-run when
// the server reports a serialization failure or a deadlock. A database that cannot be reached makes a
// statement wait a moment and try again; after that it fails with StoreUnavailableError, which callers
// answer with "try again" (and a transaction cut off before its commit left nothing behind).
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { StoreUnavailableError, withoutPassword, type Params, type ReadOptions, type Sql } from './sql.ts';
import { translate, valuesFor, type Translated } from './postgres-params.ts';

const BUILTIN = pg.types;
const parseTimestamp = BUILTIN.getTypeParser(BUILTIN.builtins.TIMESTAMPTZ) as (v: string) => Date;

/** This engine's own type parsers (pg's global ones are left alone for anything else in the process). */
const PARSERS = new Map<number, (v: string) => unknown>([
  [BUILTIN.builtins.INT8, Number],
  [BUILTIN.builtins.NUMERIC, Number],
  [BUILTIN.builtins.JSON, (v) => v],
  [BUILTIN.builtins.JSONB, (v) => v],
  [BUILTIN.builtins.TIMESTAMPTZ, (v) => parseTimestamp(v).toISOString()],
]);
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    PARSERS.get(oid) ?? BUILTIN.getTypeParser(oid, format as 'text')) as typeof BUILTIN.getTypeParser,
};

/** Errors that say the server is unreachable or went away, not that the statement was wrong. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
/** Worth running the whole transaction again: it was rolled back and may well succeed now. */
const RETRY_TRANSACTION = new Set(['40001', '40P01']);

export function isUnreachable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  const e = err as { code?: unknown; message?: unknown } | undefined;
  if (typeof e?.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  return (
    typeof e?.message === 'string' &&
    /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i.test(e.message)
  );
}

/** A statement prepared on this connection is missing there, or one of its name is already there. */
function lostPlan(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return code === '26000' || code === '42P05';
}

/** Pauses between attempts to reach the server: about a second and a half in all, within a chat platform's 3 s. */
const RECONNECT_PAUSES_MS = [50, 150, 400, 900];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Transaction {
  client: pg.PoolClient;
}

export interface PostgresOptions {
  /** Told of errors on idle connections (the server restarted, the network dropped); the pool replaces them. */
  onIdleError?: (err: Error) => void;
  /** Connections in the pool (default 10). */
  max?: number;
}

export class PostgresSql implements Sql {
  readonly engine = 'postgres';
  readonly location: string;
  private readonly pool: pg.Pool;
  private readonly translated = new Map<string, Translated>();
  private readonly planNames = new Map<string, string>();
  private keepPlans = true;
  private readonly context = new AsyncLocalStorage<Transaction>();
  private writes = 0;
  /** Commits to the data tables by any process, as notified (migration 001's notify_changed). */
  private notices = 0;
  private listener: pg.Client | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    opts: PostgresOptions = {},
  ) {
    this.location = withoutPassword(url);
    this.pool = new pg.Pool({
      connectionString: url,
      max: opts.max ?? 10,
      types: TYPES,
      application_name: 'blocwatch',
      // The planner guesses a search matches a fixed share of the events; from about 2M events that
      // guess passes jit_above_cost, and compiling the plan would add tens of milliseconds to a
      // query that runs in a few. None of the bot's queries is long enough to gain from JIT.
      // Statements read with keepPlan (./sql.ts) are planned once, for any parameters: their plan does
      // not depend on them, and planning the search's statement took a tenth of the search.
      options: '-c jit=off -c plan_cache_mode=force_generic_plan',
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
    });
    // Without a listener, an idle connection's error would end the process.
    this.pool.on('error', (err) => opts.onIdleError?.(err));
  }

  async all<R>(text: string, params?: Params, options?: ReadOptions): Promise<R[]> {
    return (await this.query(text, params, true, options?.keepPlan)).rows as R[];
  }

  async get<R>(text: string, params?: Params): Promise<R | undefined> {
    return (await this.query(text, params)).rows[0] as R | undefined;
  }

  async run(text: string, params?: Params): Promise<number> {
    return (await this.query(text, params)).rowCount ?? 0;
  }

  async mark(text: string, params?: Params): Promise<number> {
    return (await this.query(text, params, false)).rowCount ?? 0;
  }

  async exec(script: string): Promise<void> {
    this.writes++;
    const tx = this.context.getStore();
    if (tx) await tx.client.query(script);
    else await this.withClient((c) => c.query(script));
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.context.getStore()) return fn();
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect();
      let committing = false;
      let broken = false;
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const result = await this.context.run({ client }, fn);
        committing = true;
        await client.query('COMMIT');
        this.writes++;
        return result;
      } catch (err) {
        broken = isUnreachable(err);
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        const code = (err as { code?: string }).code;
        if (code && RETRY_TRANSACTION.has(code) && attempt < 10) {
          await sleep(5 + Math.random() * 20 * attempt);
          continue;
        }
        // Cut off before COMMIT, the server rolled it back: run it again on a new connection. Cut off
        // during COMMIT, it may have landed: say so rather than risk doing it twice.
        if (broken && !committing && attempt <= RECONNECT_PAUSES_MS.length) {
          await sleep(RECONNECT_PAUSES_MS[attempt - 1]!);
          continue;
        }
        throw broken ? unavailable(this.location, err) : err;
      } finally {
        client.release(broken);
      }
    }
  }

  /**
   * This process's writes, and every commit to the data tables any process makes (a notification on a
   * connection kept listening). While that connection is down the token also moves every second, so a
   * cache kept under it is at most a second behind another process's writes.
   */
  async changes(): Promise<string> {
    return `${this.writes}:${this.notices}${this.listener ? '' : `:${Math.floor(Date.now() / 1000)}`}`;
  }

  /** Starts listening for other processes' commits; tried again a second after the connection is lost. */
  async listen(): Promise<void> {
    const c = new pg.Client({ connectionString: this.url, application_name: 'blocwatch-changes', connectionTimeoutMillis: 5000 });
    c.on('notification', () => {
      this.notices++;
    });
    c.on('error', () => {
      if (this.listener === c) this.listener = undefined;
      this.notices++;
      c.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => this.listen().catch(() => undefined), 1000).unref();
    });
    await c.connect();
    await c.query('LISTEN blocwatch_changes');
    if (this.closed) await c.end();
    else this.listener = c;
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    if (!this.pool.ended) await this.pool.end();
  }

  /**
   * Named after the statement itself: behind a pooler, a server connection may hold a plan another
   * process prepared, and a name can then only ever mean the same statement.
   */
  private planName(text: string): string {
    let name = this.planNames.get(text);
    if (!name) {
      name = `blocwatch_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
      this.planNames.set(text, name);
    }
    return name;
  }

  /** `counted`: a write moves this process's change token (all but `mark`'s bookkeeping). */
  private async query(text: string, params: Params | undefined, counted = true, keepPlan = false): Promise<pg.QueryResult> {
    let t = this.translated.get(text);
    if (!t) {
      t = translate(text);
      this.translated.set(text, t);
    }
    if (t.writes && counted) this.writes++;
    const values = valuesFor(t, params);
    const tx = this.context.getStore();
    if (tx) return tx.client.query({ text: t.text, values });
    // A named statement is parsed and planned once per connection (pg keeps the names it prepared).
    if (keepPlan && this.keepPlans && !t.writes) {
      const name = this.planName(text);
      try {
        return await this.withClient((c) => c.query({ name, text: t.text, values }), true);
      } catch (err) {
        if (!lostPlan(err)) throw err;
        // Behind a pooler that hands each statement to any server connection (PgBouncer's transaction
        // mode), a plan prepared on one is missing on the next: from then on, nothing is kept.
        this.keepPlans = false;
      }
    }
    return this.withClient((c) => c.query({ text: t.text, values }), !t.writes);
  }

  /** A statement outside a transaction: its connection is taken (waiting for the server a moment), used and given back. */
  private async withClient<T>(use: (c: pg.PoolClient) => Promise<T>, reads = false): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect();
      let broken = false;
      try {
        return await use(client);
      } catch (err) {
        broken = isUnreachable(err);
        // A pooled connection the server has since closed (a restart, a failover): a read is asked again
        // on another (every idle one may be closed). A write is not: it may have landed before the connection went.
        if (broken && reads && attempt <= this.pool.options.max) continue;
        throw broken ? unavailable(this.location, err) : err;
      } finally {
        client.release(broken);
      }
    }
  }

  /** A connection from the pool; when the server cannot be reached, a few more tries before giving up. */
  private async connect(): Promise<pg.PoolClient> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.pool.connect();
      } catch (err) {
        if (!isUnreachable(err) || attempt >= RECONNECT_PAUSES_MS.length) throw unavailable(this.location, err);
        await sleep(RECONNECT_PAUSES_MS[attempt]!);
      }
    }
  }
}

function unavailable(location: string, err: unknown): Error {
  if (err instanceof StoreUnavailableError || !isUnreachable(err)) return err as Error;
  const e = err as { code?: string; message?: string };
  return new StoreUnavailableError(`cannot reach ${location}: ${[e.code, e.message].filter(Boolean).join(' ') || String(err)}`);
}

/**
 * Opens the pool and checks the server answers, so that a wrong DATABASE_URL (no server there, a wrong
 * password, no such database) stops the start with one line naming the server and the error.
 */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<PostgresSql> {
  const sql = new PostgresSql(url, opts);
  try {
    await sql.get('SELECT 1 AS ok');
    await sql.listen();
    return sql;
  } catch (err) {
    await sql.close();
    if (err instanceof StoreUnavailableError) throw err;
    const e = err as { code?: string; message?: string };
    throw new StoreUnavailableError(`cannot connect to ${sql.location}: ${[e.code, e.message].filter(Boolean).join(' ')}`);
  }
}
