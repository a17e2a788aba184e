// One process serves Discord and Slack at once, on one database: an event added through Slack's modal
// is answered at once on Discord.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { memoryCore } from '../helpers.ts';
import { chatInput, generateInteractionKeys, postSignedInteraction, startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { ADMIN_ID, signSlack, slashCommand, startSlackFake, viewSubmission, type SlackFake } from '../fakes/slack/index.ts';
import { until } from './setup.ts';
import { failOnViolations } from '../fakes/violations.ts';

let discord: DiscordFake;
let slack: SlackFake;
let app: App;
const keys = generateInteractionKeys();
failOnViolations(
  () => discord,
  () => slack,
);

beforeAll(async () => {
  discord = await startDiscordFake();
  slack = await startSlackFake();
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ADMIN_USER_IDS: ADMIN_ID,
    SLACK_EDITOR_USER_IDS: ADMIN_ID,
    HTTP_PORT: '0',
  });
  app = await startApp(config, pino({ level: 'silent' }), { core: await memoryCore() });
});
afterAll(async () => {
  await app?.stop();
  await discord?.close();
  await slack?.close();
});

describe('Discord and Slack in one process', () => {
  it('reports both platforms healthy and shares one database between them', async () => {
    const health = await (await fetch(`${app.url}/healthz`)).json();
    expect(health).toEqual({
      ok: true,
      role: 'all',
      store: 'sqlite',
      gateway: 'off',
      platforms: ['discord-http', 'slack-http', 'digests', 'alerts', 'intake'],
    });

    const body = new URLSearchParams(
      slashCommand({ command: '/event', text: 'add', user: ADMIN_ID, responseUrl: slack.responseUrl(), triggerId: slack.triggerId() }),
    ).toString();
    await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(slack.signingSecret, body) },
      body,
    });
    const view = await until(() => slack.views.at(-1));
    const payload = viewSubmission({
      view,
      values: {
        title: 'Crossplatformword agreement',
        date: '2026-11-01',
        countries: 'Armenia',
        summary: 'Added on Slack.',
        sources: 'https://example.org/x',
      },
    });
    const submitBody = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(slack.signingSecret, submitBody) },
      body: submitBody,
    });
    expect(res.status).toBe(200);

    const r = await postSignedInteraction(
      `${app.url}/discord/interactions`,
      chatInput({ name: 'search', options: { query: 'crossplatformword' } }),
      keys,
    );
    expect(JSON.stringify(r.json.data.embeds)).toContain('Crossplatformword agreement');
    expect(slack.violations).toEqual([]);
    expect(discord.violations).toEqual([]);
  });
});
