// One Discord gateway session across all the processes that have the bot token: the first to take the
// gateway lock (a PostgreSQL advisory lock) connects, the others stand by, and when the holder dies
// another takes over within seconds. /healthz says which process holds it.
import { afterAll, beforeAll, expect, it } from 'vitest';
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

it('two processes with the token: exactly one IDENTIFY; kill the holder and the other takes the gateway', async () => {
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
  const [holder, standby] = (await a.health()).gateway === 'held' ? [a, b] : [b, a];
  expect(await holder.health()).toMatchObject({ ok: true, gateway: 'held', platforms: expect.arrayContaining(['discord-gateway']) });

  const killedAt = Date.now();
  await holder.kill();
  const took = await waitFor(async () => (await standby.health()).gateway === 'held' && fake.identifies === 2, 10_000);
  expect(took, standby.logs()).toBe(true);
  const tookMs = Date.now() - killedAt;
  expect(tookMs).toBeLessThan(8000);
  console.log(`gateway taken over ${tookMs} ms after the holder was killed`);
  expect(fake.gatewayConnections).toBe(1);
  expect(await waitFor(() => standby.logs().includes('took over the gateway'), 2000), standby.logs()).toBe(true);
}, 60_000);
