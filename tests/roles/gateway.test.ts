// One Discord gateway session across all the processes that have the bot token: the first to take the
// gateway lock (a PostgreSQL advisory lock) connects, the others stand by, and when the holder dies
// another takes over within seconds. /healthz says which process holds it.
import pg from 'pg';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { sharedDatabase, sleep, startBot, waitFor } from './processes.ts';

let fake: DiscordFake;
failOnViolations(() => fake);
beforeAll(async () => {
  fake = await startDiscordFake();
});
afterAll(async () => {
  await fake?.close();
});

it('two processes with the token: exactly one IDENTIFY; a holder that loses its lock leaves the gateway; kill the holder and the other takes it', async () => {
  const env = {
    DATABASE_URL: await sharedDatabase(),
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
  };
  // Started together, as a deployment's replicas are: they race for the lock.
  const [a, b] = await Promise.all([startBot(env, 'web'), startBot(env, 'worker')]);
  await fake.whenIdentified();
  // Long enough for a standby to have retried (every 2 s) and been refused.
  await sleep(2600);
  expect(fake.identifies).toBe(1);
  expect(fake.gatewayConnections).toBe(1);
  const states = [(await a.health()).gateway, (await b.health()).gateway];
  expect(states.sort()).toEqual(['held', 'standby']);
  const first = (await a.health()).gateway === 'held' ? a : b;
  expect(await first.health()).toMatchObject({ ok: true, gateway: 'held', platforms: expect.arrayContaining(['discord-gateway']) });

  // The holder's lock connection cut by the server (a failover, a network cut): it leaves the gateway at
  // once, since another process may take the lock now, and one process holds it again within seconds.
  const admin = new pg.Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  onTestFinished(() => admin.end());
  await admin.query(
    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
  );
  const again = await waitFor(async () => {
    const held = [(await a.health()).gateway, (await b.health()).gateway].filter((g) => g === 'held');
    return held.length === 1 && fake.identifies === 2 && fake.gatewayConnections === 1;
  }, 10_000);
  expect(again, a.logs() + b.logs()).toBe(true);
  expect(a.logs() + b.logs()).toContain('gateway lock lost');
  const [holder, standby] = (await a.health()).gateway === 'held' ? [a, b] : [b, a];

  const killedAt = Date.now();
  await holder.kill();
  const took = await waitFor(async () => (await standby.health()).gateway === 'held' && fake.identifies === 3, 10_000);
  expect(took, standby.logs()).toBe(true);
  const tookMs = Date.now() - killedAt;
  expect(tookMs).toBeLessThan(8000);
  console.log(`gateway taken over ${tookMs} ms after the holder was killed`);
  expect(fake.gatewayConnections).toBe(1);
  expect(await waitFor(() => standby.logs().includes('took over the gateway'), 2000), standby.logs()).toBe(true);
}, 60_000);
