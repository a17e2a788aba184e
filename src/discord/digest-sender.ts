// Posting a digest part or an alert to a Discord channel, checking whether one whose fate is unknown
// arrived, and whether the bot may post in a channel at all.
import type { Config } from '../config.ts';
import { ChannelGone, type DigestSender, type OutgoingPart, type SendResult } from '../digest/sender.ts';
import type { Logger } from '../log.ts';
import type { Reply } from '../reply.ts';
import { discordCannotPost } from './channel-access.ts';
import { renderDiscord } from './render.ts';
import { DiscordApiError, DiscordRest } from './rest.ts';

const TIMEOUT_MS = 10_000;

/** Discord: REST with nonce + enforce_nonce, so a resend within minutes returns the first message. */
export class DiscordDigestSender implements DigestSender {
  readonly platform = 'discord' as const;
  /** Discord's global rate limit: 50 requests a second per bot token whatever the route, unless raised. */
  readonly globalRate: number;
  private readonly rest: DiscordRest;
  private botId: string | undefined;

  constructor(config: Pick<Config, 'DISCORD_API_URL' | 'DISCORD_TOKEN'> & Partial<Pick<Config, 'DISCORD_GLOBAL_RATE'>>, log?: Logger) {
    this.globalRate = config.DISCORD_GLOBAL_RATE ?? 50;
    // One attempt per call: the delivery loop owns retries, so it can journal each one.
    this.rest = new DiscordRest({ apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN, log, attempts: 1, timeoutMs: TIMEOUT_MS });
  }

  render(reply: Reply): string[] {
    return renderDiscord(reply).map((m) => JSON.stringify(m));
  }

  async send(channel: string, part: OutgoingPart): Promise<SendResult> {
    try {
      const body = { ...JSON.parse(part.body), nonce: part.nonce, enforce_nonce: true };
      const m = await this.rest.request<{ id: string }>('POST', `/channels/${channel}/messages`, body);
      return { ok: true, messageId: m.id };
    } catch (err) {
      return classifyDiscord(err);
    }
  }

  /**
   * Discord honours a nonce for a few minutes: within that window a resend with enforce_nonce returns
   * the first message instead of posting again, so no lookup is needed (nor Read Message History).
   * For an older unknown fate, look for a message of ours with the same embed in the channel since
   * the part was first handed over, a page (100) at a time: a busy channel can bury it under a page.
   */
  async findSent(channel: string, part: OutgoingPart, now: Date): Promise<string | undefined> {
    if (!part.sendingSince) return undefined;
    const since = new Date(part.sendingSince).getTime();
    if (now.getTime() - since < NONCE_WINDOW_MS) return undefined;
    const want = (JSON.parse(part.body) as { embeds: { title?: string; description?: string }[] }).embeds[0];
    let after = snowflakeAt(since - 60_000);
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const messages = await this.messagesAfter(channel, after).catch((err: unknown) => {
        const r = classifyDiscord(err);
        if (r.ok || r.kind !== 'permanent') throw err;
        throw new ChannelGone(`${r.error}; checking whether a digest arrived also needs Read Message History`);
      });
      const found = messages.find(
        (m) =>
          (m.nonce !== undefined && String(m.nonce) === part.nonce) ||
          (m.author?.id === this.botId && m.embeds?.[0]?.title === want?.title && m.embeds?.[0]?.description === want?.description),
      );
      if (found) return found.id;
      if (messages.length < LOOKUP_PAGE_SIZE) return undefined;
      // The next page starts after the newest message of this one (Discord lists newest first).
      after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
    }
    return undefined;
  }

  async cannotPost(channel: string, guildId: string): Promise<string | undefined> {
    return discordCannotPost(this.rest, await this.me(), channel, guildId);
  }

  private async me(): Promise<string> {
    this.botId ??= (await this.rest.request<{ id: string }>('GET', '/users/@me')).id;
    return this.botId;
  }

  private async messagesAfter(channel: string, after: string) {
    await this.me();
    return this.rest.request<
      { id: string; author?: { id: string }; nonce?: string | number; embeds?: { title?: string; description?: string }[] }[]
    >('GET', `/channels/${channel}/messages?after=${after}&limit=${LOOKUP_PAGE_SIZE}`);
  }
}

/** Discord's largest page of channel messages, and how many pages a lookup reads (1000 messages). */
const LOOKUP_PAGE_SIZE = 100;
const LOOKUP_PAGES = 10;

/** Discord documents "the past few minutes" for enforce_nonce; stay well inside that. */
const NONCE_WINDOW_MS = 2 * 60_000;
const DISCORD_EPOCH = 1420070400000n;
const snowflakeAt = (ms: number) => String((BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH) << 22n);

/** Discord's answers that no retry will fix: the channel is gone, or the bot may not post there. */
const DISCORD_PERMANENT: Record<number, string> = {
  10003: 'the channel no longer exists',
  10004: 'the bot is no longer in that server',
  50001: 'the bot cannot see that channel (Missing Access)',
  50013: 'the bot lacks permission to post there (needs Send Messages and Embed Links)',
  50007: 'the channel does not accept messages from the bot',
};

function classifyDiscord(err: unknown): SendResult {
  if (err instanceof DiscordApiError) {
    if (err.status === 429)
      return {
        ok: false,
        kind: 'retry',
        error: 'rate limited (429)',
        retryAfterMs: err.retryAfterMs ?? 1000,
        rateLimited: true,
        fateUnknown: false,
      };
    if (err.status >= 500)
      return { ok: false, kind: 'retry', error: `Discord ${err.status}`, retryAfterMs: err.retryAfterMs, fateUnknown: true };
    if (err.status === 401) return { ok: false, kind: 'later', error: 'Discord rejected the bot token (401); check DISCORD_TOKEN' };
    const reason =
      (err.code !== undefined && DISCORD_PERMANENT[err.code]) ||
      (err.status === 404 ? 'the channel no longer exists' : err.status === 403 ? 'the bot may not post in that channel' : undefined);
    if (reason) return { ok: false, kind: 'permanent', error: `Discord: ${reason}` };
    return {
      ok: false,
      kind: 'permanent',
      error: `Discord rejected the digest (${err.status}${err.code !== undefined ? `, code ${err.code}` : ''})`,
    };
  }
  // Network error or timeout: the request may have reached Discord.
  return { ok: false, kind: 'retry', error: (err as Error).message ?? String(err), fateUnknown: true };
}
