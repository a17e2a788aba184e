// `blocwatch start --role`: a web process answers and schedules nothing; a worker delivers (and answers
// no interactions); /healthz says which role a process has.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore } from '../../src/core.ts';
import { validateEvent } from '../../src/domain/event-input.ts';
import { chatInput, generateInteractionKeys, postSignedInteraction, startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { sharedDatabase, sleep, startBot, waitFor } from './processes.ts';

const CHANNEL = '930000000000000042';
let discord: DiscordFake;
failOnViolations(() => discord);
beforeAll(async () => {
  discord = await startDiscordFake();
});
afterAll(async () => {
  await discord?.close();
});

/** A digest subscription made yesterday, due since midnight, with one event recorded after it. */
async function dueDigest(url: string): Promise<void> {
  const yesterday = new Date(Date.now() - 24 * 3600_000);
  const core = await openCore({ engine: 'postgres', url }, { now: () => yesterday, seed: false });
  try {
    await core.digests.subscribe(
      {
        platform: 'discord',
        spaceId: 's',
        channelId: CHANNEL,
        localTime: '00:00',
        timezone: 'UTC',
        countries: [],
        blocs: [],
        createdBy: 'test',
      },
      yesterday,
    );
    const v = validateEvent(
      {
        title: 'Recorded for the worker to deliver',
        date: '2026-01-01',
        countries: 'Belarus',
        sources: 'https://example.org/x',
        kind: 'other',
      },
      core.entities,
      yesterday,
    );
    if (!v.ok) throw new Error('invalid event');
    await core.events.add(v.value, 'test', yesterday);
  } finally {
    await core.close();
  }
}

it('--role web answers and delivers nothing; --role worker delivers the digest and answers no interactions', async () => {
  const databaseUrl = await sharedDatabase();
  await dueDigest(databaseUrl);
  const keys = generateInteractionKeys();
  const env = {
    DATABASE_URL: databaseUrl,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
  };
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
