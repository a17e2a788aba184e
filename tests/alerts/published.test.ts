// The running bot (Discord and Slack, real clock, its alert scheduler): a draft approved by another
// process on the same database reaches both subscribed channels within one scheduler tick, once.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { AlertService } from '../../src/alerts/deliver.ts';
import { ALERT_TICK_SECONDS } from '../../src/alerts/index.ts';
import { digestSenders, startApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openCore, type Core } from '../../src/core.ts';
import { EVENT_KINDS } from '../../src/domain/event-input.ts';
import { intakeOf } from '../../src/intake/pipeline/index.ts';
import { normalizeUrl } from '../../src/intake/net/normalize-url.ts';
import { generateInteractionKeys, startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { startSlackFake, type SlackFake } from '../fakes/slack/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { seedArticles } from '../intake/feed-server.ts';
import { visible as slackText } from '../slack/setup.ts';
import { silent, tempDir, until } from '../helpers.ts';

const DISCORD_CHANNEL = '950000000000000001';
const SLACK_CHANNEL = 'C0ALERTS01';

let app: App | undefined;
let other: Core | undefined;
let discord: DiscordFake | undefined;
let slack: SlackFake | undefined;
let tmp: ReturnType<typeof tempDir> | undefined;
failOnViolations(
  () => discord,
  () => slack,
);
afterEach(async () => {
  await app?.stop();
  await other?.close();
  await discord?.close();
  await slack?.close();
  tmp?.cleanup();
});

it('a draft approved in another process reaches the subscribed Discord and Slack channels within a tick, once', async () => {
  tmp = tempDir('blocwatch-alert-app-');
  [discord, slack] = await Promise.all([startDiscordFake(), startSlackFake()]);
  const dbPath = join(tmp.dir, 'db.sqlite');
  const config = loadConfig({
    DATABASE_PATH: dbPath,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: generateInteractionKeys().publicKeyHex,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    HTTP_PORT: '0',
  });
  app = await startApp(config, silent);
  const core = app.ctx.core;
  for (const [platform, channelId] of [
    ['discord', DISCORD_CHANNEL],
    ['slack', SLACK_CHANNEL],
  ] as const)
    await core.alerts.subscribe(
      { platform, spaceId: 's', channelId, countries: ['armenia'], blocs: [], kinds: [...EVENT_KINDS], createdBy: 'test' },
      core.now(),
    );

  // Another process: a second connection to the file drafts an article and an editor approves it there.
  other = await openCore(dbPath, { seed: false, settings: { intake: { timeoutMs: 3000, maxBytes: 2_000_000, allowPrivate: true } } });
  const intake = await intakeOf(other);
  const seed = seedArticles().find((a) => /Armenia/.test(a.title))!;
  const url = 'https://example.org/news/armenia-alert';
  const drafted = await intake.importArticle(
    { title: seed.title, text: seed.paragraphs.join('\n\n'), publishedAt: new Date().toISOString() },
    { url, urlKey: normalizeUrl(url), actor: 'test' },
  );
  expect(drafted.kind).toBe('drafted');
  const draftId = (drafted as { draft: { id: number } }).draft.id;
  const approvedAt = Date.now();
  const event = await intake.drafts.approve(draftId, 'console:editor', other.now());

  await until(
    () => discord!.messages.get(DISCORD_CHANNEL)?.length && slack!.messages.get(SLACK_CHANNEL)?.length,
    3000 + ALERT_TICK_SECONDS * 1000,
  );
  const elapsed = Date.now() - approvedAt;
  expect(elapsed).toBeLessThan(ALERT_TICK_SECONDS * 1000 + 2000);
  expect(JSON.stringify(discord.messages.get(DISCORD_CHANNEL)![0]!.embeds)).toContain(JSON.stringify(event.title).slice(1, -1));
  expect(slackText(slack.messages.get(SLACK_CHANNEL)![0])).toContain(event.title.slice(0, 40));

  // Once: a further run, here or anywhere, finds nothing left to send.
  const again = await new AlertService(other, await digestSenders(config, silent), silent).tick();
  expect(again).toMatchObject({ sent: 0 });
  expect(discord.messages.get(DISCORD_CHANNEL)).toHaveLength(1);
  expect(slack.messages.get(SLACK_CHANNEL)).toHaveLength(1);
});
