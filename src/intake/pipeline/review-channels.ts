// Posting review cards and notices to INTAKE_REVIEW_CHANNEL_DISCORD / _SLACK through the platform
// senders the composition root (src/app.ts) builds for digests. Nothing here knows a platform.
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { DigestSenders } from '../../digest/index.ts';
import type { DigestSender } from '../../digest/sender.ts';
import type { Logger } from '../../log.ts';
import type { Reply } from '../../reply.ts';
import type { PartRow } from '../../store/digests.ts';

type ReviewConfig = Pick<Config, 'INTAKE_REVIEW_CHANNEL_DISCORD' | 'INTAKE_REVIEW_CHANNEL_SLACK'>;

export function reviewChannelPoster(
  config: ReviewConfig,
  senders: DigestSenders,
  log: Logger,
): ((reply: Reply) => Promise<void>) | undefined {
  const targets: { sender: DigestSender; channel: string }[] = [];
  if (senders.discord && config.INTAKE_REVIEW_CHANNEL_DISCORD)
    targets.push({ sender: senders.discord, channel: config.INTAKE_REVIEW_CHANNEL_DISCORD });
  if (senders.slack && config.INTAKE_REVIEW_CHANNEL_SLACK)
    targets.push({ sender: senders.slack, channel: config.INTAKE_REVIEW_CHANNEL_SLACK });
  if (!targets.length) return undefined;
  return async (reply) => {
    for (const { sender, channel } of targets) {
      const bodies = sender.render(reply);
      const key = `review:${randomBytes(6).toString('hex')}`;
      for (const [i, body] of bodies.entries()) {
        const r = await sender.send(channel, partOf(key, i, bodies.length, body));
        if (!r.ok) {
          log.warn({ platform: sender.platform, channel, error: r.error }, 'intake: review channel post failed');
          break;
        }
      }
    }
  };
}

/** A review post is a one-off message; the digest journal's fields do not apply to it. */
function partOf(key: string, part: number, parts: number, body: string): PartRow {
  return {
    subscriptionId: 0,
    digestKey: key,
    part,
    parts,
    cursorTo: 0,
    eventCount: 0,
    body,
    nonce: `rv${randomBytes(11).toString('hex')}`.slice(0, 25),
    state: 'pending',
    messageId: null,
    attempts: 0,
    lastError: null,
    retryAt: null,
    sendingSince: null,
  };
}
