// Several real `blocwatch start` processes on one PostgreSQL database, as an operator runs workers: each
// spawned from the built program, its log (pino JSON lines) kept, killed when its test ends.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { type Core, openCore } from '../../src/core.ts';
import { type DiscordFake, generateInteractionKeys } from '../fakes/discord/index.ts';
import { freshPostgresDatabase } from '../engines.ts';
import { TEST_NOW } from '../helpers.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'blocwatch.js');

export interface Worker {
  child: ChildProcess;
  /** The log lines so far, parsed. */
  lines(): Record<string, unknown>[];
}

/** A fresh PostgreSQL database, migrated and seeded, and a core on it with the real clock; dropped when the test ends. */
export async function replicaDatabase(): Promise<{ url: string; core: Core }> {
  const db = await freshPostgresDatabase(TEST_NOW);
  const core = await openCore({ engine: 'postgres', url: db.url });
  onTestFinished(async () => {
    await core.close();
    await db.drop();
  });
  return { url: db.url, core };
}

/**
 * A worker's environment on this database against the Discord stand-in: interactions over HTTP, since
 * one gateway connection per bot is the gateway's rule and these are workers.
 */
export function discordWorkerEnv(discord: DiscordFake, url: string, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: url,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: generateInteractionKeys().publicKeyHex,
    ...more,
  };
}

/** Starts `blocwatch start` with this environment; resolves once it says it is running. */
export async function startWorker(env: NodeJS.ProcessEnv): Promise<Worker> {
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { PATH: process.env.PATH, HTTP_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  // The log goes to stderr (pino), anything else to stdout.
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  for (let t = 0; t < 400 && !out.includes('blocwatch is running') && child.exitCode === null; t++) await sleep(50);
  expect(out).toContain('blocwatch is running');
  return { child, lines };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until fn is true (polled every 100 ms), failing after `ms`. */
export async function waitFor(fn: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
