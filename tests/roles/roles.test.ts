// `blocwatch start --role`: a web process answers and schedules nothing; a worker delivers (and answers
// no interactions); /healthz says which role a process has.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatInput, generateInteractionKeys, postSignedInteraction, startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { discordHttpEnv, dueDigest, sharedDatabase, sleep, startBot, waitFor } from './processes.ts';

const CHANNEL = '930000000000000042';
let discord: DiscordFake;
failOnViolations(() => discord);
beforeAll(async () => {
  discord = await startDiscordFake();
});
afterAll(async () => {
  await discord?.close();
});

it('--role web answers and delivers nothing; --role worker delivers the digest and answers no interactions', async () => {
  const databaseUrl = await sharedDatabase();
  await dueDigest(databaseUrl, CHANNEL, 'Recorded for the worker to deliver');
  const keys = generateInteractionKeys();
  const env = discordHttpEnv(discord, keys.publicKeyHex, databaseUrl);
  const web = await startBot(env, 'web');
  expect(await web.health()).toEqual({ ok: true, role: 'web', store: 'postgres', gateway: 'off', platforms: ['discord-http'] });
  const asked = chatInput({ name: 'csto', subcommand: 'status', options: { country: 'armenia' } });
  discord.expectInteraction(asked);
  expect((await postSignedInteraction(`${web.url}/discord/interactions`, asked, keys)).status).toBe(200);
  // A scheduler would have ticked at start: a web process has none.
  await sleep(2000);
  expect(discord.messagesIn(CHANNEL)).toEqual([]);
  expect(web.logs()).not.toMatch(/digests: scheduler running|alerts: scheduler running|intake: scheduler running/);

  // The role from the environment, as compose sets it.
  const worker = await startBot({ ...env, BLOCWATCH_ROLE: 'worker' });
  expect(await worker.health()).toEqual({
    ok: true,
    role: 'worker',
    store: 'postgres',
    gateway: 'off',
    platforms: ['digests', 'alerts', 'intake'],
  });
  const delivered = await waitFor(() => discord.messagesIn(CHANNEL).length > 0, 10_000);
  expect(delivered, worker.logs()).toBe(true);
  expect(JSON.stringify(discord.messagesIn(CHANNEL)[0]!.embeds)).toContain('Recorded for the worker to deliver');
  expect((await postSignedInteraction(`${worker.url}/discord/interactions`, asked, keys)).status).toBe(404);
}, 60_000);
