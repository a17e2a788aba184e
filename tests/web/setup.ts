// The real app with WEB_ENABLED=true on an in-memory database, and small helpers to ask it things.
import { startApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Core } from '../../src/core.ts';
import { memoryCore, silent } from '../helpers.ts';

export interface WebHarness {
  app: App;
  core: Core;
  url: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  text(path: string, headers?: Record<string, string>): Promise<{ status: number; body: string; headers: Headers }>;
  close(): Promise<void>;
}

export async function startWeb(env: Record<string, string> = {}, given?: Core): Promise<WebHarness> {
  const core = given ?? (await memoryCore());
  const config = loadConfig({ HTTP_PORT: '0', WEB_ENABLED: 'true', ...env });
  const app = await startApp(config, silent, { core });
  const url = app.url!;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { redirect: 'manual', headers });
  return {
    app,
    core,
    url,
    get,
    async text(path, headers) {
      const r = await get(path, headers);
      return { status: r.status, body: await r.text(), headers: r.headers };
    },
    close: () => app.stop(),
  };
}
