// Alerts on a fake clock against the Discord and Slack stand-ins: the digest harness (clock, core,
// stand-ins) plus the alert service, a dispatcher that asks the platforms whether the bot may post, and
// events published with a kind.
import { COMMANDS } from '../../commands/index.ts';
import { AlertService, type AlertOptions } from '../../src/alerts/deliver.ts';
import { channelAccess } from '../../src/app.ts';
import type { Core } from '../../src/core.ts';
import type { DigestSenders } from '../../src/digest/index.ts';
import { DiscordDigestSender } from '../../src/discord/digest-sender.ts';
import { Dispatcher } from '../../src/dispatch.ts';
import { validateEvent } from '../../src/domain/event-input.ts';
import type { EventKind } from '../../src/domain/types.ts';
import { SlackDigestSender } from '../../src/slack/digest-sender.ts';
import { digestHarness, silent, type DigestHarness } from '../digest/setup.ts';

export { DISCORD_NEWS, DISCORD_OTHER, discordAdmin, discordText, SLACK_NEWS, slackAdmin, slackText } from '../digest/setup.ts';

export interface AlertHarness extends DigestHarness {
  senders: DigestSenders;
  alerts(opts?: AlertOptions, core?: Core): AlertService;
  /** Publishes an event through the event store, as the event form does; returns its id. */
  publish(title: string, countries: string, kind?: EventKind): Promise<number>;
  /** Alert posts of a channel: their states and the ids of the events they announce. */
  posts(platform: 'discord' | 'slack', channel: string): Promise<{ eventId: number; state: string; messageId: string | null }[]>;
}

export async function alertHarness(start: string, opts: { cap?: number; dbPath?: string } = {}): Promise<AlertHarness> {
  const h = await digestHarness(start, opts.dbPath);
  h.core.settings.alertMaxPerHour = opts.cap ?? 6;
  const senders: DigestSenders = {
    discord: new DiscordDigestSender({ DISCORD_API_URL: h.discord.apiUrl, DISCORD_TOKEN: h.discord.token }),
    slack: new SlackDigestSender({ SLACK_API_URL: h.slack.apiUrl, SLACK_BOT_TOKEN: h.slack.botToken }),
  };
  return Object.assign(h, {
    senders,
    dispatcher: new Dispatcher(h.core, COMMANDS, undefined, { channels: channelAccess(senders) }),
    alerts: (o: AlertOptions = {}, core: Core = h.core) => new AlertService(core, senders, silent, { maxWaitMs: 2000, ...o }),
    async publish(title: string, countries: string, kind: EventKind = 'status_change') {
      const v = validateEvent(
        { title, date: '2026-11-20', countries, summary: `${title}: what happened.`, sources: 'https://example.org/alert', kind },
        h.core.entities,
        h.clock.now(),
      );
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      return (await h.core.events.add(v.value, 'test', h.clock.now())).id;
    },
    posts(platform: 'discord' | 'slack', channel: string) {
      return h.core.sql.all<{ eventId: number; state: string; messageId: string | null }>(
        `SELECT p.event_id AS "eventId", p.state, p.message_id AS "messageId" FROM alert_posts p
         JOIN alert_subscriptions s ON s.id = p.subscription_id WHERE s.platform = ? AND s.channel_id = ? ORDER BY p.id`,
        [platform, channel],
      );
    },
  });
}
