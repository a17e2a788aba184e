// What a running platform adapter (Discord, Slack) or service (digests) looks like to the app.
import type { Config } from './config.ts';
import type { Core } from './core.ts';
import type { Dispatcher } from './dispatch.ts';
import type { HttpServer } from './http/server.ts';
import type { Logger } from './log.ts';

export interface AppContext {
  config: Config;
  core: Core;
  dispatcher: Dispatcher;
  http: HttpServer;
  log: Logger;
}

export interface Running {
  name: string;
  stop(): Promise<void>;
}
