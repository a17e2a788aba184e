import { expect } from 'vitest';
import { silent } from '../helpers.ts';
import type { Caller } from '../../commands/types.ts';
import { COMMANDS } from '../../commands/index.ts';
import type { Core } from '../../src/core.ts';
import { openCore } from '../../src/core.ts';
import { DigestService, type DeliveryOptions } from '../../src/digest/deliver.ts';
import { DiscordDigestSender } from '../../src/discord/digest-sender.ts';
import { SlackDigestSender } from '../../src/slack/digest-sender.ts';
import { Dispatcher } from '../../src/dispatch.ts';
import { validateEvent } from '../../src/domain/event-input.ts';
import { DEFAULT_ENGINE, engineCore } from '../engines.ts';
import { startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { startSlackFake, type SlackFake } from '../fakes/slack/index.ts';

export { silent };
export const DISCORD_NEWS = '910000000000000001';
export const DISCORD_OTHER = '910000000000000002';
export const SLACK_NEWS = 'C0NEWS0001';

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public t: Date) {}
  now = () => this.t;
  set(iso: string) {
    this.t = new Date(iso);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export const discordAdmin: Caller = {
  platform: 'discord',
  userId: '800000000000000001',
  isEditor: true,
  isSpaceAdmin: true,
  spaceId: '900000000000000001',
  channelId: DISCORD_NEWS,
};
export const slackAdmin: Caller = {
  platform: 'slack',
  userId: 'U0ADMIN001',
  isEditor: true,
  isSpaceAdmin: true,
  spaceId: 'T0BLOCWATCH',
  channelId: SLACK_NEWS,
};

export interface DigestHarness {
  clock: FakeClock;
  core: Core;
  discord: DiscordFake;
  slack: SlackFake;
  dispatcher: Dispatcher;
  service(opts?: DeliveryOptions, core?: Core): DigestService;
  addEvent(title: string, countries: string, date?: string): Promise<number>;
  close(): Promise<void>;
}

export async function digestHarness(start: string, dbPath?: string): Promise<DigestHarness> {
  const clock = new FakeClock(new Date(start));
  const core = dbPath ? await openCore(dbPath, { now: clock.now }) : await engineCore(DEFAULT_ENGINE, clock.now);
  // The stand-ins keep the test's clock: message ids, the nonce window and "since then" mean the same
  // moment to the bot and to the platform.
  const discord = await startDiscordFake({ now: () => clock.t.getTime() });
  const slack = await startSlackFake({ now: () => clock.t.getTime() });
  const cores: Core[] = [core];
  const h: DigestHarness = {
    clock,
    core,
    discord,
    slack,
    dispatcher: new Dispatcher(core, COMMANDS),
    service(opts = {}, c = core) {
      if (!cores.includes(c)) cores.push(c);
      return new DigestService(
        c,
        {
          discord: new DiscordDigestSender({ DISCORD_API_URL: discord.apiUrl, DISCORD_TOKEN: discord.token }),
          slack: new SlackDigestSender({ SLACK_API_URL: slack.apiUrl, SLACK_BOT_TOKEN: slack.botToken }),
        },
        silent,
        { maxWaitMs: 2000, ...opts },
      );
    },
    async addEvent(title, countries, date = '2026-11-20') {
      const v = validateEvent(
        { title, date, countries, summary: `${title}: summary.`, sources: 'https://example.org/news', kind: 'diplomatic' },
        core.entities,
        clock.now(),
      );
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      return (await core.events.add(v.value, 'test', clock.now())).id;
    },
    async close() {
      for (const c of cores) await c.close();
      await discord.close();
      await slack.close();
    },
  };
  return h;
}

/** All visible text of a stored Discord message. */
export { visible as discordText } from '../discord/setup.ts';
/** All visible text of a stored Slack message. */
export { visible as slackText } from '../slack/setup.ts';

/**
 * Every journaled part is recorded as sent, with the id of the message the platform holds for it; and
 * another run, scheduled or --all, posts nothing more.
 */
export async function expectJournalComplete(h: DigestHarness): Promise<void> {
  const rows = (await h.core.sql.all(
    'SELECT p.state, p.message_id AS "messageId", s.platform, s.channel_id AS channel FROM digest_parts p JOIN digest_subscriptions s ON s.id = p.subscription_id',
  )) as { state: string; messageId: string | null; platform: string; channel: string }[];
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    const ids =
      r.platform === 'discord'
        ? (h.discord.messages.get(r.channel) ?? []).map((m) => m.id)
        : (h.slack.messages.get(r.channel) ?? []).map((m) => m.ts);
    expect({ state: r.state, stored: ids.includes(r.messageId ?? '') }).toEqual({ state: 'sent', stored: true });
  }
  const messageCount = () => [...h.discord.messages.values(), ...h.slack.messages.values()].reduce((n, list) => n + list.length, 0);
  const before = messageCount();
  const again = h.service();
  await again.tick();
  await again.runAll();
  expect(messageCount()).toBe(before);
}
