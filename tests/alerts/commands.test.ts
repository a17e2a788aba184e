// /alert subscribe · unsubscribe · list through the real adapters (signed Discord interactions, Slack
// slash commands) against the stand-ins: only digest admins, privately; every bad option named at once
// with nothing stored; a channel the bot cannot post in refused at once, as the platform reports it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminMember, chatInput, PERMISSION, plainMember, postSignedInteraction } from '../fakes/discord/index.ts';
import { ADMIN_ID, CHANNEL_ID, MEMBER_ID } from '../fakes/slack/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { startDiscordApp, visible as discordVisible, type DiscordHarness } from '../discord/setup.ts';
import { startSlackApp, until, visible as slackVisible, type SlackHarness } from '../slack/setup.ts';

let d: DiscordHarness;
let s: SlackHarness;
failOnViolations(
  () => d?.fake,
  () => s?.fake,
);
beforeAll(async () => {
  [d, s] = await Promise.all([startDiscordApp('http'), startSlackApp('http')]);
});
afterAll(async () => {
  await d?.close();
  await s?.close();
});

const NEWS = '910000000000000005';
const subscriptions = (h: { core: DiscordHarness['core'] }) =>
  h.core.sql.all('SELECT channel_id AS channel, countries, blocs, kinds FROM alert_subscriptions ORDER BY id');

async function discord(options: Record<string, string>, member = adminMember, subcommand = 'subscribe') {
  const payload = chatInput({ name: 'alert', subcommand, options, member });
  const r = await postSignedInteraction(`${d.app.url}/discord/interactions`, payload, d.keys);
  expect(r.status).toBe(200);
  expect(d.fake.acknowledgeHttp(payload, r.json)).toEqual([]);
  expect(r.json.data.flags).toBe(64); // every answer to /alert is private
  return discordVisible(r.json.data).replace(/\\/g, '');
}

async function slack(text: string, user = ADMIN_ID) {
  const r = await s.command('/alert', text, user);
  const [m] = await until(() => r.responses.length > 0 && r.responses);
  expect(m.response_type).toBe('ephemeral');
  return slackVisible(m);
}

describe('/alert on Discord', () => {
  it('refuses a member without rights, privately, and stores nothing', async () => {
    expect(await discord({ channel: NEWS }, plainMember)).toContain("Only this server's or workspace's admins");
    expect(await discord({}, plainMember, 'list')).toContain("Only this server's or workspace's admins");
    expect(await subscriptions(d)).toEqual([]);
  });

  it('names every bad option at once (a 300-character value, an unknown country or kind) and stores nothing', async () => {
    const long = 'x'.repeat(300);
    const t = await discord({ channel: NEWS, countries: `armenia,atlantis`, blocs: long, kinds: 'status_change,gossip' });
    expect(t).toContain('Nothing was changed');
    expect(t).toContain('No country called "atlantis"');
    expect(t).toContain('blocs: No bloc called');
    expect(t).toContain('"gossip" is not a kind of event; use status_change, diplomatic');
    expect(await discord({ channel: NEWS, countries: `${long}x` })).toContain('countries: must be at most 300 characters');
    expect(await subscriptions(d)).toEqual([]);
  });

  it('says at once when the bot cannot post in the channel, and stores nothing', async () => {
    d.fake.setBotDenied(NEWS, PERMISSION.sendMessages | PERMISSION.embedLinks);
    try {
      const t = await discord({ channel: NEWS });
      expect(t).toContain('Nothing was changed: the bot cannot post in');
      expect(t).toContain('lacks Send Messages, Embed Links in that channel');
    } finally {
      d.fake.setBotDenied(NEWS, 0n);
    }
    d.fake.setBotDenied(NEWS, PERMISSION.viewChannel);
    try {
      expect(await discord({ channel: NEWS })).toContain('the bot cannot see that channel');
    } finally {
      d.fake.setBotDenied(NEWS, 0n);
    }
    expect(await subscriptions(d)).toEqual([]);
  });

  it('subscribes a channel (status changes by default), lists it, and unsubscribes it', async () => {
    const t = await discord({ channel: NEWS, countries: 'armenia, Belarus', blocs: 'csto' });
    expect(t).toContain('Alerts subscribed');
    expect(t).toContain('Status change · Armenia, Belarus · in CSTO');
    expect(t).toMatch(/At most\s+6 an hour/);
    expect(await subscriptions(d)).toEqual([
      { channel: NEWS, countries: '["armenia","belarus"]', blocs: '["csto"]', kinds: '["status_change"]' },
    ]);
    expect(await discord({ channel: NEWS, kinds: 'Status change, military' })).toContain('Alerts updated');
    const list = await discord({}, adminMember, 'list');
    expect(list).toContain(`<#${NEWS}> · Status change, Military · no alert yet`);
    expect(await discord({ channel: NEWS }, adminMember, 'unsubscribe')).toContain('will get no more alerts');
    expect(await subscriptions(d)).toEqual([]);
  });
});

describe('/alert on Slack', () => {
  it('refuses a member without rights, privately', async () => {
    expect(await slack('subscribe', MEMBER_ID)).toContain("Only this server's or workspace's admins");
    expect(await subscriptions(s)).toEqual([]);
  });

  it('names an unknown country, stores nothing; refuses a channel the bot is not in', async () => {
    expect(await slack('subscribe countries:atlantis')).toContain('No country called "atlantis"');
    s.fake.setChannel(CHANNEL_ID, 'not_in_channel');
    try {
      expect(await slack('subscribe countries:armenia')).toContain('the bot is not in that channel; /invite @blocwatch there');
    } finally {
      s.fake.setChannel(CHANNEL_ID, 'ok');
    }
    expect(await subscriptions(s)).toEqual([]);
  });

  it('subscribes the channel it was typed in, and lists it', async () => {
    expect(await slack('subscribe countries:armenia kinds:status_change,statement')).toContain('Alerts subscribed');
    expect(await slack('list')).toContain('Status change, Statement · Armenia · no alert yet');
    expect(await subscriptions(s)).toHaveLength(1);
  });
});
