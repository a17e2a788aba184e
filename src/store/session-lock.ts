// A lock only one process of all those on a PostgreSQL database holds at a time: a session-level
// advisory lock (pg_try_advisory_lock) on a connection of its own, kept open while it is held. It is
// freed by the server the moment that connection ends, so a holder that dies (killed, crashed, its host
// unplugged) lets another process take over: at once when its socket closes, and otherwise when the
// server's TCP keepalives (set short on the session) find it gone. The holder checks its connection
// every few seconds too, and gives up what it guards as soon as the connection fails, before anyone
// else could have taken the lock. Loaded only for DATABASE_URL (it imports pg).
import pg from 'pg';

export interface SessionLock {
  /** Takes the lock if no other session holds it; true while this process holds it. */
  tryAcquire(): Promise<boolean>;
  readonly held: boolean;
  /** Called once each time a held lock is lost (its connection failed). */
  onLost(listener: () => void): void;
  release(): Promise<void>;
}

/** How often a holder checks that its connection (and so its lock) is still there. */
const CHECK_EVERY_MS = 3000;

export class AdvisoryLock implements SessionLock {
  /** The lock's own connection: kept while standing by too, so a retry is one statement, not a new backend. */
  private client: pg.Client | undefined;
  private check: NodeJS.Timeout | undefined;
  private readonly listeners: (() => void)[] = [];
  held = false;

  /** `name` picks the lock: every process that names it alike competes for the same one. */
  constructor(
    private readonly url: string,
    private readonly name: string,
  ) {}

  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    try {
      const c = this.client ?? (await this.connect());
      const r = await c.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [`blocwatch:${this.name}`]);
      if (!r.rows[0]?.got) return false;
      this.held = true;
      this.check = setInterval(() => {
        c.query('SELECT 1').catch(() => this.lost(c));
      }, CHECK_EVERY_MS);
      this.check.unref();
      return true;
    } catch {
      // The server cannot be reached: standing by, on a new connection next time.
      await this.drop();
      return false;
    }
  }

  onLost(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Ending the session frees the lock: no unlock statement needed (and none that could fail half-way). */
  release(): Promise<void> {
    return this.drop();
  }

  private async connect(): Promise<pg.Client> {
    const c = new pg.Client({
      connectionString: this.url,
      application_name: `blocwatch-lock:${this.name}`.slice(0, 63),
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      query_timeout: 5000,
    });
    c.on('error', () => this.lost(c));
    c.on('end', () => this.lost(c));
    this.client = c;
    await c.connect();
    // The server notices a vanished peer within about 20 s instead of the system's default two hours.
    await c.query('SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 2');
    return c;
  }

  /** The connection failed: a holder has lost the lock (the server freed it), and says so. */
  private lost(c: pg.Client): void {
    if (c !== this.client) return;
    const wasHeld = this.held;
    void this.drop();
    if (wasHeld) for (const l of this.listeners) l();
  }

  private async drop(): Promise<void> {
    const c = this.client;
    clearInterval(this.check);
    this.check = undefined;
    this.client = undefined;
    this.held = false;
    await c?.end().catch(() => undefined);
  }
}
