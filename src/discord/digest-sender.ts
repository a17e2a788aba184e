// Posting one digest part to a channel, and finding out whether a part whose fate is unknown (the
// process died, or the request timed out, after handing it over) already arrived. Errors are sorted
// into: retry later (429 with its Retry-After, 5xx, timeouts), or permanent (the channel is gone or
// closed to us), which disables the subscription.
import { webApi } from '@slack/bolt';
import type { Config } from '../config.ts';
import { DiscordApiError, DiscordRest } from '../discord/rest.ts';
import type { Logger } from '../log.ts';
import type { Reply } from '../reply.ts';
import { renderDiscord } from '../render/discord.ts';
import { renderSlack } from '../render/slack.ts';
import type { DigestPlatform, PartRow } from './store.ts';

export type SendResult =
  | { ok: true; messageId: string }
  /** fateUnknown: the platform may have posted it; check before sending again. */
  /** retryAfterMs: what the platform asked to wait; rateLimited: a 429, which paces the whole platform. */
  | { ok: false; kind: 'retry'; error: string; retryAfterMs?: number; rateLimited?: boolean; fateUnknown: boolean }
  /** Nothing can be posted on this platform until an operator acts (a rejected token, a missing scope). */
  | { ok: false; kind: 'later'; error: string }
  | { ok: false; kind: 'permanent'; error: string };

/** Thrown by findSent when the channel itself is gone or closed to the bot: no retry will help. */
export class ChannelGone extends Error {}

export interface DigestSender {
  platform: DigestPlatform;
  /** Draws a digest as the bodies of its parts, each within the platform's limits. */
  render(reply: Reply): string[];
  send(channel: string, part: PartRow): Promise<SendResult>;
  /**
   * The message id of a part that already arrived, if it did; undefined when it did not or when
   * sending it again is safe anyway. Throws ChannelGone when the channel cannot be read any more.
   */
  findSent(channel: string, part: PartRow, now: Date): Promise<string | undefined>;
}

export const DIGEST_METADATA_TYPE = 'blocwatch_digest';
const TIMEOUT_MS = 10_000;

/** Discord: REST with nonce + enforce_nonce, so a resend within minutes returns the first message. */
export class DiscordDigestSender implements DigestSender {
  readonly platform = 'discord' as const;
  private readonly rest: DiscordRest;
  private botId: string | undefined;

  constructor(config: Pick<Config, 'DISCORD_API_URL' | 'DISCORD_TOKEN'>, log?: Logger) {
    // One attempt per call: the delivery loop owns retries, so it can journal each one.
    this.rest = new DiscordRest({ apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN, log, attempts: 1, timeoutMs: TIMEOUT_MS });
  }

  render(reply: Reply): string[] {
    return renderDiscord(reply).map((m) => JSON.stringify(m));
  }

  async send(channel: string, part: PartRow): Promise<SendResult> {
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
   * the part was first handed over.
   */
  async findSent(channel: string, part: PartRow, now: Date): Promise<string | undefined> {
    if (!part.sendingSince) return undefined;
    const since = new Date(part.sendingSince).getTime();
    if (now.getTime() - since < NONCE_WINDOW_MS) return undefined;
    const messages = await this.recentMessages(channel, since - 60_000).catch((err: unknown) => {
      const r = classifyDiscord(err);
      if (r.ok || r.kind !== 'permanent') throw err;
      throw new ChannelGone(`${r.error}; checking whether a digest arrived also needs Read Message History`);
    });
    const want = (JSON.parse(part.body) as { embeds: { title?: string; description?: string }[] }).embeds[0];
    const found = messages.find(
      (m) => (m.nonce !== undefined && String(m.nonce) === part.nonce) || (m.author?.id === this.botId && m.embeds?.[0]?.title === want?.title && m.embeds?.[0]?.description === want?.description),
    );
    return found?.id;
  }

  private async recentMessages(channel: string, sinceMs: number) {
    this.botId ??= (await this.rest.request<{ id: string }>('GET', '/users/@me')).id;
    const after = snowflakeAt(sinceMs);
    return this.rest.request<{ id: string; author?: { id: string }; nonce?: string | number; embeds?: { title?: string; description?: string }[] }[]>(
      'GET',
      `/channels/${channel}/messages?after=${after}&limit=100`,
    );
  }
}

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
    if (err.status === 429) return { ok: false, kind: 'retry', error: 'rate limited (429)', retryAfterMs: err.retryAfterMs ?? 1000, rateLimited: true, fateUnknown: false };
    if (err.status >= 500) return { ok: false, kind: 'retry', error: `Discord ${err.status}`, retryAfterMs: err.retryAfterMs, fateUnknown: true };
    if (err.status === 401) return { ok: false, kind: 'later', error: 'Discord rejected the bot token (401); check DISCORD_TOKEN' };
    const reason = (err.code !== undefined && DISCORD_PERMANENT[err.code]) || (err.status === 404 ? 'the channel no longer exists' : err.status === 403 ? 'the bot may not post in that channel' : undefined);
    if (reason) return { ok: false, kind: 'permanent', error: `Discord: ${reason}` };
    return { ok: false, kind: 'permanent', error: `Discord rejected the digest (${err.status}${err.code !== undefined ? `, code ${err.code}` : ''})` };
  }
  // Network error or timeout: the request may have reached Discord.
  return { ok: false, kind: 'retry', error: (err as Error).message ?? String(err), fateUnknown: true };
}

/** Slack: chat.postMessage with message metadata naming the part, which conversations.history returns. */
export class SlackDigestSender implements DigestSender {
  readonly platform = 'slack' as const;
  private readonly client: webApi.WebClient;

  constructor(config: Pick<Config, 'SLACK_API_URL' | 'SLACK_BOT_TOKEN'>) {
    this.client = new webApi.WebClient(config.SLACK_BOT_TOKEN, {
      ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
      // The delivery loop owns retries and journals each; the client must not retry behind its back.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: TIMEOUT_MS,
      logLevel: webApi.LogLevel.ERROR,
    });
  }

  render(reply: Reply): string[] {
    return renderSlack(reply).map((m) => JSON.stringify(m));
  }

  private metadata(part: PartRow) {
    return { subscription: part.subscriptionId, digest: part.digestKey, part: part.part };
  }

  async send(channel: string, part: PartRow): Promise<SendResult> {
    const m = JSON.parse(part.body) as { text: string; blocks: unknown[] };
    try {
      const r = await this.client.chat.postMessage({
        channel,
        text: m.text,
        blocks: m.blocks as never,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: DIGEST_METADATA_TYPE, event_payload: this.metadata(part) },
      });
      return { ok: true, messageId: r.ts ?? '' };
    } catch (err) {
      return classifySlack(err);
    }
  }

  /**
   * Walks the channel's newest messages (up to 1000) for one carrying this part's metadata. No time
   * bound: our clock and Slack's need not agree, and a part whose fate is unknown is checked within
   * minutes of being handed over, so it is among the newest messages.
   */
  async findSent(channel: string, part: PartRow): Promise<string | undefined> {
    if (!part.sendingSince) return undefined;
    const want = this.metadata(part);
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const r = await this.client.conversations.history({ channel, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) }).catch((err: unknown) => {
        const c = classifySlack(err);
        if (!c.ok && c.kind === 'permanent') throw new ChannelGone(c.error);
        throw err;
      });
      for (const msg of r.messages ?? []) {
        const meta = (msg as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
        const p = meta?.event_payload;
        if (meta?.event_type === DIGEST_METADATA_TYPE && p?.subscription === want.subscription && p?.digest === want.digest && p?.part === want.part) return msg.ts;
      }
      cursor = r.response_metadata?.next_cursor || undefined;
      if (!r.has_more || !cursor) break;
    }
    return undefined;
  }
}

const SLACK_PERMANENT: Record<string, string> = {
  channel_not_found: 'the channel was not found (deleted, or private without the bot)',
  not_in_channel: 'the bot is not in the channel; /invite @blocwatch there and subscribe again',
  is_archived: 'the channel is archived',
  restricted_action: 'the workspace does not let the bot post there',
};

/** Slack's answers that no channel change will fix: the app itself must be fixed by an operator. */
const SLACK_LATER: Record<string, string> = {
  account_inactive: 'the bot token is no longer active; check SLACK_BOT_TOKEN',
  invalid_auth: 'the bot token was rejected; check SLACK_BOT_TOKEN',
  not_authed: 'no bot token was sent; check SLACK_BOT_TOKEN',
  token_revoked: 'the bot token was revoked; reinstall the app and update SLACK_BOT_TOKEN',
  token_expired: 'the bot token expired; update SLACK_BOT_TOKEN',
  missing_scope: 'the app lacks a scope (chat:write, channels:history, groups:history); reinstall it from the manifest',
  ekm_access_denied: 'the workspace denied access',
};

function classifySlack(err: unknown): SendResult {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; headers?: Record<string, string | undefined>; message?: string };
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { ok: false, kind: 'retry', error: 'rate limited (429)', retryAfterMs: (e.retryAfter ?? 1) * 1000, rateLimited: true, fateUnknown: false };
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return { ok: false, kind: 'retry', error: 'rate limited', retryAfterMs: 1000, rateLimited: true, fateUnknown: false };
      if (code === 'internal_error' || code === 'fatal_error' || code === 'service_unavailable' || code === 'request_timeout') return { ok: false, kind: 'retry', error: `Slack ${code}`, fateUnknown: true };
      if (SLACK_LATER[code]) return { ok: false, kind: 'later', error: `Slack: ${SLACK_LATER[code]}` };
      return { ok: false, kind: 'permanent', error: `Slack: ${SLACK_PERMANENT[code] ?? `rejected the digest (${code})`}` };
    }
    case webApi.ErrorCode.HTTPError:
      if ((e.statusCode ?? 500) >= 500) {
        const after = Number(e.headers?.['retry-after']);
        return { ok: false, kind: 'retry', error: `Slack HTTP ${e.statusCode}`, retryAfterMs: Number.isFinite(after) && after >= 0 ? after * 1000 : undefined, fateUnknown: true };
      }
      return { ok: false, kind: 'permanent', error: `Slack: HTTP ${e.statusCode}` };
    default:
      return { ok: false, kind: 'retry', error: e.message ?? String(err), fateUnknown: true };
  }
}
