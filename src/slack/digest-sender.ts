// Posting a digest part or an alert to a Slack channel, checking whether one whose fate is unknown
// arrived, and whether the bot may post in a channel at all.
import { webApi } from '@slack/bolt';
import type { Config } from '../config.ts';
import { ChannelGone, type DigestSender, type OutgoingPart, type SendResult } from '../digest/sender.ts';
import type { Reply } from '../reply.ts';
import { renderSlack } from './render.ts';

export const DIGEST_METADATA_TYPE = 'blocwatch_digest';
const TIMEOUT_MS = 10_000;

/** Slack: chat.postMessage with message metadata naming the part, which conversations.history returns. */
export class SlackDigestSender implements DigestSender {
  readonly platform = 'slack' as const;
  /** Slack documents no workspace-wide limit for chat.postMessage; an operator who knows one sets it. */
  readonly globalRate: number | undefined;
  private readonly client: webApi.WebClient;

  constructor(config: Pick<Config, 'SLACK_API_URL' | 'SLACK_BOT_TOKEN'> & Partial<Pick<Config, 'SLACK_GLOBAL_RATE'>>) {
    this.globalRate = config.SLACK_GLOBAL_RATE;
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

  private metadata(part: OutgoingPart) {
    return { subscription: part.subscriptionId, digest: part.digestKey, part: part.part };
  }

  async send(channel: string, part: OutgoingPart): Promise<SendResult> {
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
  async findSent(channel: string, part: OutgoingPart): Promise<string | undefined> {
    if (!part.sendingSince) return undefined;
    const want = this.metadata(part);
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const r = await this.client.conversations
        .history({ channel, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) })
        .catch((err: unknown) => {
          const c = classifySlack(err);
          if (!c.ok && c.kind === 'permanent') throw new ChannelGone(c.error);
          throw err;
        });
      for (const msg of r.messages ?? []) {
        const meta = (msg as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
        const p = meta?.event_payload;
        if (
          meta?.event_type === DIGEST_METADATA_TYPE &&
          p?.subscription === want.subscription &&
          p?.digest === want.digest &&
          p?.part === want.part
        )
          return msg.ts;
      }
      cursor = r.response_metadata?.next_cursor || undefined;
      if (!r.has_more || !cursor) break;
    }
    return undefined;
  }

  /** Slack tells whether the bot is in a channel through conversations.history (a scope it already has). */
  async cannotPost(channel: string): Promise<string | undefined> {
    try {
      await this.client.conversations.history({ channel, limit: 1 });
      return undefined;
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code && CANNOT_READ[code]) return CANNOT_READ[code];
      throw err;
    }
  }
}

/** Reading a channel's history needs what posting there needs (the bot is a member, the channel exists). */
const CANNOT_READ: Record<string, string> = {
  not_in_channel: 'the bot is not in that channel; /invite @blocwatch there, then subscribe again.',
  channel_not_found: 'that channel was not found (deleted, or private without the bot: /invite @blocwatch there first).',
};

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
  const e = err as {
    code?: string;
    data?: { error?: string };
    retryAfter?: number;
    statusCode?: number;
    headers?: Record<string, string | undefined>;
    message?: string;
  };
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return {
        ok: false,
        kind: 'retry',
        error: 'rate limited (429)',
        retryAfterMs: (e.retryAfter ?? 1) * 1000,
        rateLimited: true,
        fateUnknown: false,
      };
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited')
        return { ok: false, kind: 'retry', error: 'rate limited', retryAfterMs: 1000, rateLimited: true, fateUnknown: false };
      if (code === 'internal_error' || code === 'fatal_error' || code === 'service_unavailable' || code === 'request_timeout')
        return { ok: false, kind: 'retry', error: `Slack ${code}`, fateUnknown: true };
      if (SLACK_LATER[code]) return { ok: false, kind: 'later', error: `Slack: ${SLACK_LATER[code]}` };
      return { ok: false, kind: 'permanent', error: `Slack: ${SLACK_PERMANENT[code] ?? `rejected the digest (${code})`}` };
    }
    case webApi.ErrorCode.HTTPError:
      if ((e.statusCode ?? 500) >= 500) {
        const after = Number(e.headers?.['retry-after']);
        return {
          ok: false,
          kind: 'retry',
          error: `Slack HTTP ${e.statusCode}`,
          retryAfterMs: Number.isFinite(after) && after >= 0 ? after * 1000 : undefined,
          fateUnknown: true,
        };
      }
      return { ok: false, kind: 'permanent', error: `Slack: HTTP ${e.statusCode}` };
    default:
      return { ok: false, kind: 'retry', error: e.message ?? String(err), fateUnknown: true };
  }
}
