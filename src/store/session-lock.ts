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
    const c = new pg.Client({
      connectionString: this.url,
      application_name: `blocwatch-lock:${this.name}`.slice(0, 63),
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      query_timeout: 5000,
    });
    c.on('error', () => this.lost(c));
    c.on('end', () => this.lost(c));
    try {
      await c.connect();
      // The server notices a vanished peer within about 20 s instead of the system's default two hours.
      await c.query('SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 2');
      const r = await c.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [`blocwatch:${this.name}`]);
      if (!r.rows[0]?.got) {
        await c.end().catch(() => undefined);
        return false;
      }
    } catch {
      await c.end().catch(() => undefined);
      return false;
    }
    this.client = c;
    this.held = true;
    this.check = setInterval(() => {
      c.query('SELECT 1').catch(() => this.lost(c));
    }, CHECK_EVERY_MS);
    this.check.unref();
    return true;
  }

  onLost(listener: () => void): void {
    this.listeners.push(listener);
  }

  async release(): Promise<void> {
    const c = this.client;
    this.forget();
    // Ending the session frees the lock: no unlock statement needed (and none that could fail half-way).
    await c?.end().catch(() => undefined);
  }

  private lost(c: pg.Client): void {
    if (c !== this.client) return;
    this.forget();
    c.end().catch(() => undefined);
    for (const l of this.listeners) l();
  }

  private forget(): void {
    clearInterval(this.check);
    this.check = undefined;
    this.client = undefined;
    this.held = false;
  }
}
