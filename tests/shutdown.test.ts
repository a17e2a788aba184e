// `blocwatch start` as an operator runs it: a real process, connected to the Discord stand-in over the
// gateway, that stops cleanly on SIGTERM and SIGINT.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDiscordFake, type DiscordFake } from './fakes/discord/index.ts';
import { tempDir } from './helpers.ts';
import { failOnViolations } from './fakes/violations.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'blocwatch.js');
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK|DIGEST|HTTP|DATABASE)_/.test(k)));
const tmp = tempDir();
let fake: DiscordFake;
failOnViolations(() => fake);
beforeAll(async () => {
  fake = await startDiscordFake();
});
afterAll(async () => {
  await fake?.close();
  tmp.cleanup();
});

describe('blocwatch start', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`connects to the gateway, then stops cleanly on ${signal}`, async () => {
      const child = spawn(process.execPath, [BIN, 'start'], {
        env: {
          ...cleanEnv,
          DATABASE_PATH: join(tmp.dir, `${signal}.db`),
          DISCORD_TOKEN: fake.token,
          DISCORD_APPLICATION_ID: fake.applicationId,
          DISCORD_API_URL: fake.apiUrl,
          HTTP_PORT: '0',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // A failed expectation below must not leave the bot running after the test.
      onTestFinished(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      });
      let logs = '';
      child.stderr!.on('data', (d) => (logs += d));
      child.stdout!.on('data', (d) => (logs += d));
      for (let t = 0; t < 300 && !logs.includes('blocwatch is running'); t++) await new Promise((r) => setTimeout(r, 50));
      expect(logs).toContain('blocwatch is running');
      expect(fake.gatewayConnections).toBe(1);
      child.kill(signal);
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(logs).toContain('shutting down');
      for (let t = 0; t < 40 && fake.gatewayConnections > 0; t++) await new Promise((r) => setTimeout(r, 50));
      expect(fake.gatewayConnections).toBe(0);
    }, 30_000);
  }
});
