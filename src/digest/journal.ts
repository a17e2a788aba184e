// Sending one journaled message (a digest part, an alert) to its channel, exactly once. Whatever records
// the message (digest_parts, alert_posts) is behind a PartJournal; this loop is the same for both:
// a message whose fate is unknown is looked for on the platform first; it is marked 'sending' before it
// is handed over; 429s pause the platform (Pacer) and 5xx back off, within a run's limits; a permanent
// refusal disables the subscription with its reason.
import type { Core } from '../core.ts';
import type { Logger } from '../log.ts';
import type { DigestPlatform } from '../store/digests.ts';
import type { DigestPartResult } from '../store/metrics.ts';
import { Pacer } from './pacer.ts';
import { RateShare } from './rate-share.ts';
import { ChannelGone, type DigestSender, type OutgoingPart, type SendResult } from './sender.ts';

/** Where one message is recorded, bound to that message and its subscription. */
export interface PartJournal {
  /** False when the message is no longer open: another process finished it while this one waited. */
  markSending(now: Date): Promise<boolean>;
  markSent(messageId: string, now: Date): Promise<void>;
  markFailed(state: 'pending' | 'sending', error: string, retryAt: Date | undefined, now: Date): Promise<void>;
  /** A permanent failure: stop the subscription with this reason. */
  disable(reason: string, now: Date): Promise<void>;
}

/** Where one message goes, and what counts it. */
export interface PartTarget {
  platform: DigestPlatform;
  channelId: string;
  /** For the log. */
  subscriptionId: number;
  what: 'digest' | 'alert';
}

/** Where one message stands after a step: sent, or what the subscription's run comes to. */
export type PartStep = 'sent' | 'deferred' | 'disabled' | 'skipped';

export interface PartLimits {
  /** Attempts per message per run for 5xx and timeouts; after that it waits for the next tick. */
  maxAttempts: number;
  /** Longest single wait between attempts (a Retry-After beyond it defers to a later tick). */
  maxWaitMs: number;
  /** 429s tolerated per message per run before it waits for the next tick. */
  maxRateLimited: number;
}

/** How sending one message has gone so far in this run. */
interface Tries {
  fateUnknown: boolean;
  attempts: number;
  rateLimited: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One pacer per platform for everything a core sends (digests and alerts alike), capped at this
 * process's share of the platform's bot-wide limit.
 */
const pacers = new WeakMap<Core, { share: RateShare; byPlatform: Map<DigestPlatform, Pacer> }>();
function pacerOf(core: Core, sender: DigestSender): Pacer {
  let shared = pacers.get(core);
  if (!shared) {
    shared = { share: new RateShare((p) => core.digests.deliverers(p, core.now())), byPlatform: new Map() };
    pacers.set(core, shared);
  }
  let pacer = shared.byPlatform.get(sender.platform);
  if (!pacer) {
    const { share } = shared;
    const limit = sender.globalRate;
    pacer = new Pacer(limit ? () => share.ceiling(sender.platform, limit) : undefined);
    shared.byPlatform.set(sender.platform, pacer);
  }
  return pacer;
}

export class PartPoster {
  /** Messages sent since the last take(), for a run's report. */
  private sent = 0;

  constructor(
    private readonly core: Core,
    private readonly log: Logger,
    private readonly limits: PartLimits,
    /** Called before each hand-over: throws when this process may no longer send (a lease or claim lost). */
    private readonly renew: (target: PartTarget) => Promise<void>,
  ) {}

  /** Messages sent since the last call. */
  takeSent(): number {
    const n = this.sent;
    this.sent = 0;
    return n;
  }

  private count(target: PartTarget, result: DigestPartResult): void {
    if (target.what === 'digest') this.core.metrics.digestPart(target.platform, result);
    else this.core.metrics.alertPost(target.platform, result);
  }

  private async disabled(target: PartTarget, journal: PartJournal, reason: string): Promise<'disabled'> {
    this.log.warn({ subscription: target.subscriptionId, reason }, `${target.what} subscription disabled`);
    await journal.disable(reason, this.core.now());
    if (target.what === 'digest') this.core.metrics.subscriptionDisabled(target.platform);
    else this.core.metrics.alertSubscriptionDisabled(target.platform);
    return 'disabled';
  }

  private async recordSent(target: PartTarget, journal: PartJournal, messageId: string): Promise<'sent'> {
    await journal.markSent(messageId, this.core.now());
    this.sent++;
    this.count(target, 'delivered');
    return 'sent';
  }

  /** One message to its channel: an unknown fate is checked first, then it is posted, retried within this run's limits. */
  async send(target: PartTarget, sender: DigestSender, original: OutgoingPart, journal: PartJournal): Promise<PartStep> {
    const gate = pacerOf(this.core, sender);
    const tries: Tries = { fateUnknown: original.state === 'sending', attempts: 0, rateLimited: 0 };
    let part = original;
    for (;;) {
      await this.renew(target);
      if (tries.fateUnknown) {
        const earlier = await this.findEarlierSend(target, sender, part, journal);
        if (earlier !== 'not-sent') return earlier;
      }
      await gate.slot();
      // The wait for a slot can be long (a Retry-After): make sure this process may still send right
      // before handing the message over, or another process may be sending it too.
      await this.renew(target);
      if (!(await journal.markSending(this.core.now()))) return 'skipped';
      part = { ...part, sendingSince: part.sendingSince ?? this.core.now().toISOString() };
      const r: SendResult = await sender.send(target.channelId, part);
      if (r.ok) {
        gate.accepted();
        return this.recordSent(target, journal, r.messageId);
      }
      const next = await this.afterFailure(target, journal, r, tries, gate);
      if (next !== 'again') return next;
    }
  }

  /** A message handed over before but never recorded: look on the platform before sending it again. */
  private async findEarlierSend(
    target: PartTarget,
    sender: DigestSender,
    part: OutgoingPart,
    journal: PartJournal,
  ): Promise<PartStep | 'not-sent'> {
    let gone: string | undefined;
    const found = await sender.findSent(target.channelId, part, this.core.now()).catch((err: unknown) => {
      if (err instanceof ChannelGone) gone = err.message;
      else this.log.warn({ err, subscription: target.subscriptionId }, `${target.what}: could not check for an earlier send`);
      return null;
    });
    if (gone) return this.disabled(target, journal, gone);
    if (found) return this.recordSent(target, journal, found);
    if (found === null) {
      const retryAt = new Date(this.core.now().getTime() + 60_000);
      await journal.markFailed('sending', `could not check whether the ${target.what} arrived`, retryAt, this.core.now());
      return 'deferred';
    }
    return 'not-sent';
  }

  /**
   * A failed send: give up on the subscription, defer the message to a later run, or wait and try again.
   * A server error waits as long as it asked (Retry-After) or backs off; a 429 pauses the whole platform.
   */
  private async afterFailure(
    target: PartTarget,
    journal: PartJournal,
    r: Exclude<SendResult, { ok: true }>,
    tries: Tries,
    gate: Pacer,
  ): Promise<PartStep | 'again'> {
    this.count(target, r.kind === 'permanent' ? 'failed' : 'retried');
    const state = () => (tries.fateUnknown ? 'sending' : 'pending');
    if (r.kind === 'later') {
      this.log.error(
        { subscription: target.subscriptionId, error: r.error },
        `${target.what}: the platform refused the app; retrying in 10 minutes`,
      );
      await journal.markFailed(state(), r.error, new Date(this.core.now().getTime() + 10 * 60_000), this.core.now());
      return 'deferred';
    }
    if (r.kind === 'permanent') return this.disabled(target, journal, r.error);
    tries.fateUnknown = tries.fateUnknown || r.fateUnknown;
    const wait = r.retryAfterMs ?? Math.min(this.limits.maxWaitMs, 250 * 2 ** tries.attempts);
    if (r.rateLimited) {
      tries.rateLimited++;
      gate.rateLimited(wait);
    } else tries.attempts++;
    if (tries.attempts >= this.limits.maxAttempts || tries.rateLimited >= this.limits.maxRateLimited || wait > this.limits.maxWaitMs) {
      const retryAt = new Date(this.core.now().getTime() + Math.max(wait, 60_000));
      await journal.markFailed(state(), r.error, retryAt, this.core.now());
      this.log.warn({ subscription: target.subscriptionId, error: r.error }, `${target.what} deferred to a later run`);
      return 'deferred';
    }
    await journal.markFailed(state(), r.error, undefined, this.core.now());
    if (!r.rateLimited) await sleep(wait);
    return 'again';
  }
}
