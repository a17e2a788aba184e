// What a running platform adapter (Discord, Slack) or service (digests) looks like to the app.
import type { Config, Role } from './config.ts';
import type { Core } from './core.ts';
import type { Dispatcher } from './dispatch.ts';
import type { HttpServer } from './http/server.ts';
import type { Logger } from './log.ts';
import type { SessionLock } from './store/session-lock.ts';

export interface AppContext {
  config: Config;
  core: Core;
  dispatcher: Dispatcher;
  http: HttpServer;
  log: Logger;
  /** What this process does (BLOCWATCH_ROLE, `start --role`): web, worker or all. */
  role: Role;
  /** The lock the Discord gateway is held under across processes (PostgreSQL); absent on SQLite. */
  gatewayLock?: SessionLock;
}

export interface Running {
  name: string;
  stop(): Promise<void>;
  /** A gateway holder only: whether this process holds the gateway now or waits for it. */
  gateway?(): 'held' | 'standby';
}
