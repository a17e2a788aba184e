// What the digest service needs from a platform: draw a digest as parts, post one, and find out whether
// a part whose fate is unknown (the process died, or the request timed out, after handing it over)
// already arrived. Errors are sorted into: retry later (429 with its Retry-After, 5xx, timeouts), or
// permanent (the channel is gone or closed to us), which disables the subscription. The platform folders
// implement it; the composition root (src/app.ts) hands the senders in.
import type { Reply } from '../reply.ts';
import type { DigestPlatform, PartRow } from '../store/digests.ts';

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

/**
 * One journaled message as a sender needs it: a digest part, or an alert (one part, keyed
 * `alert:<event id>` under its alert subscription's id). The key names it on the platform (Slack
 * metadata); the nonce makes a resend within Discord's window return the first message.
 */
export type OutgoingPart = Pick<PartRow, 'subscriptionId' | 'digestKey' | 'part' | 'body' | 'nonce' | 'sendingSince' | 'state'>;

export interface DigestSender {
  platform: DigestPlatform;
  /**
   * Requests a second the platform allows the bot across all its channels and processes (Discord's
   * global limit), when it has one: processes delivering at once share it (./rate-share.ts).
   */
  readonly globalRate?: number;
  /** Draws a digest as the bodies of its parts, each within the platform's limits. */
  render(reply: Reply): string[];
  send(channel: string, part: OutgoingPart): Promise<SendResult>;
  /**
   * The message id of a part that already arrived, if it did; undefined when it did not or when
   * sending it again is safe anyway. Throws ChannelGone when the channel cannot be read any more.
   */
  findSent(channel: string, part: OutgoingPart, now: Date): Promise<string | undefined>;
  /**
   * Why the bot cannot post in a channel of this space (gone, not in it, missing a permission), or
   * undefined when it can. Throws when the platform could not be asked; a subscription is not refused for that.
   */
  cannotPost(channel: string, spaceId: string): Promise<string | undefined>;
}
