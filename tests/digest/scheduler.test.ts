// The running bot: its scheduler (node-cron, plus a tick at start) delivers a digest that came due
// while it was down, once, without anyone running `digest run`.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openCore } from '../../src/core.ts';
import { validateEvent } from '../../src/domain/event-input.ts';
import { generateInteractionKeys, startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { tempDir } from '../helpers.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { silent, until } from '../helpers.ts';

let app: App | undefined;
let discord: DiscordFake | undefined;
let tmp: ReturnType<typeof tempDir> | undefined;
failOnViolations(() => discord);
afterEach(async () => {
  await app?.stop();
  await discord?.close();
  tmp?.cleanup();
});

it('delivers a digest that came due while the bot was down, once, at start', async () => {
  tmp = tempDir();
  discord = await startDiscordFake();
  const dbPath = join(tmp.dir, 'db.sqlite');
  const yesterday = new Date(Date.now() - 24 * 3600 * 1000);
  const core = await openCore(dbPath, { now: () => yesterday });
  await core.digests.subscribe(
    {
      platform: 'discord',
      spaceId: 's',
      channelId: '930000000000000001',
      localTime: '00:00',
      timezone: 'UTC',
      countries: [],
      blocs: [],
      createdBy: 'test',
    },
    yesterday,
  );
  const v = validateEvent(
    { title: 'Recorded while the bot was down', date: '2026-01-01', countries: 'Belarus', sources: 'https://example.org/x', kind: 'other' },
    core.entities,
    yesterday,
  );
  if (!v.ok) throw new Error('invalid');
  await core.events.add(v.value, 'test', yesterday);
  core.close();

  const keys = generateInteractionKeys();
  const config = loadConfig({
    DATABASE_PATH: dbPath,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    HTTP_PORT: '0',
  });
  app = await startApp(config, silent);
  const [m] = await until(() => discord!.messages.get('930000000000000001'), 5000);
  expect(JSON.stringify(m!.embeds)).toContain('Recorded while the bot was down');
  await new Promise((r) => setTimeout(r, 300));
  expect(discord.messages.get('930000000000000001')).toHaveLength(1);
});
