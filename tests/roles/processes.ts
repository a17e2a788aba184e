// Real `blocwatch start` processes on one PostgreSQL database, as an operator runs several: the built
// program (bin/blocwatch.js), each with its role and environment, killed when its test ends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { openCore } from '../../src/core.ts';
import { validateEvent } from '../../src/domain/event-input.ts';
import { freshPostgresDatabase } from '../engines.ts';
import type { DiscordFake } from '../fakes/discord/index.ts';
import { TEST_NOW } from '../helpers.ts';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'blocwatch.js');
/** The test run's environment without any of the bot's settings: each process gets exactly what it is given. */
export const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK|DIGEST|HTTP|DATABASE|METRICS|WEB|INTAKE|ALERT|BLOCWATCH|PUBLIC)_/.test(k)),
);

export interface Bot {
  child: ChildProcess;
  url: string;
  logs(): string;
  health(): Promise<{ ok: boolean; role: string; gateway: string; platforms: string[] }>;
  /** SIGKILL: the process gets no chance to clean up, as when a container is killed. */
  kill(): Promise<void>;
}

/** A migrated, seeded PostgreSQL database for one test (a copy of the suite's template), dropped when it ends. */
export async function sharedDatabase(): Promise<string> {
  const db = await freshPostgresDatabase(TEST_NOW);
  onTestFinished(() => db.drop());
  return db.url;
}

/** Starts `blocwatch start` (with `--role` when given) and resolves once it serves HTTP. */
export async function startBot(env: Record<string, string>, role?: string): Promise<Bot> {
  const child = spawn(process.execPath, [BIN, 'start', ...(role ? ['--role', role] : [])], {
    env: { ...cleanEnv, HTTP_PORT: '0', LOG_LEVEL: 'info', INTAKE_POLL_CRON: '* * * * *', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let logs = '';
  child.stdout!.on('data', (d) => (logs += d));
  child.stderr!.on('data', (d) => (logs += d));
  for (let t = 0; t < 400 && !logs.includes('blocwatch is running') && child.exitCode === null; t++)
    await new Promise((r) => setTimeout(r, 50));
  const url = /"url":"(http:\/\/[^"]+)"/.exec(logs)?.[1];
  if (!url) throw new Error(`blocwatch did not start:\n${logs}`);
  return {
    child,
    url,
    logs: () => logs,
    health: async () => (await fetch(`${url}/healthz`)).json() as Promise<Awaited<ReturnType<Bot['health']>>>,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}

/** Runs a `blocwatch` command to its end (the CLI tools: import-article, digest run…). */
export function cli(env: Record<string, string>, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...cleanEnv, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `probe` answers something truthy, checking every 25 ms, for at most `ms`. */
export async function waitFor<T>(probe: () => T | Promise<T>, ms: number): Promise<T | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v || Date.now() > until) return v || undefined;
    await sleep(25);
  }
}

/** A Discord digest subscription on `channel` made yesterday, due since midnight, with one event titled `title` recorded after it. */
export async function dueDigest(databaseUrl: string, channel: string, title: string): Promise<void> {
  const yesterday = new Date(Date.now() - 24 * 3600_000);
  const core = await openCore({ engine: 'postgres', url: databaseUrl }, { now: () => yesterday, seed: false });
  try {
    await core.digests.subscribe(
      {
        platform: 'discord',
        spaceId: 's',
        channelId: channel,
        localTime: '00:00',
        timezone: 'UTC',
        countries: [],
        blocs: [],
        createdBy: 'test',
      },
      yesterday,
    );
    const v = validateEvent(
      { title, date: '2026-01-01', countries: 'Belarus', sources: 'https://example.org/due', kind: 'other' },
      core.entities,
      yesterday,
    );
    if (!v.ok) throw new Error('invalid event');
    await core.events.add(v.value, 'test', yesterday);
  } finally {
    await core.close();
  }
}

/** Discord over HTTP interactions, at the stand-in, on one database: what every process in these tests shares. */
export function discordHttpEnv(fake: DiscordFake, publicKeyHex: string, databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: publicKeyHex,
  };
}
