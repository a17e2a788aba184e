// The gateway connection, held by one process of all those on the database: a process with the bot
// token takes the gateway lock (src/store/session-lock.ts, a PostgreSQL advisory lock) before it
// connects, and the others wait, trying again every few seconds, so that a holder that dies is replaced
// within seconds. A holder that loses its lock (its database connection failed) disconnects at once:
// another process may already be taking over. On SQLite (one host) the lock is this process's at once.
import type { Logger } from '../log.ts';
import type { SessionLock } from '../store/session-lock.ts';

export type GatewayState = 'held' | 'standby';

export interface GatewaySeat {
  readonly state: GatewayState;
  stop(): Promise<void>;
}

/** What the seat connects and disconnects: the discord.js client, in production. */
export type Connect = () => Promise<{ destroy(): Promise<void> }>;

/** The lock of one process alone (SQLite, or no DATABASE_URL): always free. */
export const LOCAL_LOCK: SessionLock = {
  held: true,
  tryAcquire: async () => true,
  onLost: () => undefined,
  release: async () => undefined,
};

export async function takeGatewaySeat(lock: SessionLock, connect: Connect, log: Logger, retryMs = 2000): Promise<GatewaySeat> {
  let client: { destroy(): Promise<void> } | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // One attempt at a time: a retry never overlaps a connect in progress.
  let attempt: Promise<void> = Promise.resolve();

  const disconnect = async () => {
    const c = client;
    client = undefined;
    await c?.destroy();
  };
  lock.onLost(() => {
    log.warn('discord: gateway lock lost (database connection failed); disconnecting, another process may take over');
    void disconnect().finally(() => later());
  });

  const tryTake = async (first: boolean): Promise<void> => {
    if (stopped || client) return;
    if (!(await lock.tryAcquire())) {
      if (first) log.info('discord: another process holds the gateway; standing by');
      return later();
    }
    try {
      client = await connect();
      if (!first) log.info('discord: took over the gateway');
    } catch (err) {
      await lock.release();
      // At start, a gateway that cannot connect stops the start, as it always has.
      if (first) throw err;
      log.error({ err }, 'discord: gateway connection failed; trying again');
      later();
    }
  };
  const later = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        attempt = attempt.then(() => tryTake(false));
      },
      retryMs + Math.random() * 250,
    );
  };

  await tryTake(true);
  return {
    get state(): GatewayState {
      return client && lock.held ? 'held' : 'standby';
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await attempt.catch(() => undefined);
      await disconnect();
      await lock.release();
    },
  };
}
