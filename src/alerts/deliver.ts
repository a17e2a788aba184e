// Alert delivery: claim the channels with a post that may go now, and send each channel's posts oldest
// first through the digest journal's sending loop (PartPoster: nonce, 'sending' before the hand-over, a
// lost fate looked up, retries, disable on a permanent refusal). Per channel, before each post: an event
// deleted meanwhile drops it; past ALERT_MAX_PER_HOUR in the last hour, what waits is held for the
// channel's digest if it has one, or else waits until the hour allows. A channel is claimed by one
// worker at a time (a row with owner and expiry), so processes on one database split channels between
// them and none posts twice; a killed worker's claims lapse (at once when it ran on this host).
import type { Core } from '../core.ts';
import { partNonce } from '../digest/deliver.ts';
import { PartPoster, type PartJournal, type PartTarget } from '../digest/journal.ts';
import { Claimer, ClaimLost } from '../digest/claimer.ts';
import { leaseOwnerId } from '../digest/lease.ts';
import type { DigestSender, OutgoingPart } from '../digest/sender.ts';
import type { DigestSenders } from '../digest/index.ts';
import type { Logger } from '../log.ts';
import type { AlertPost, AlertStore, AlertSubscription } from '../store/alerts.ts';
import type { DigestPlatform } from '../store/digests.ts';
import { drawAlert } from './render.ts';

export interface AlertOptions {
  /** Channels served side by side per platform; one channel's posts always go in order. */
  concurrency?: number;
  maxAttempts?: number;
  maxWaitMs?: number;
  maxRateLimited?: number;
  /** How long a claim on a channel lasts unless renewed (it is renewed while the channel is served). */
  claimTtlMs?: number;
  owner?: string;
}

export interface AlertReport {
  /** Alerts posted. */
  sent: number;
  /** Posts the hourly cap left to the channel's digest. */
  held: number;
  /** Posts the hourly cap made wait (channels without a digest). */
  waiting: number;
  /** Posts whose event was deleted first. */
  dropped: number;
  /** Channels whose next post failed for now (retried on a later tick). */
  deferred: number;
  disabled: number;
  /** Channels another worker took over, or whose platform is not configured here. */
  skipped: number;
}

const HOUR_MS = 3_600_000;

export class AlertService {
  readonly owner: string;
  private readonly store: AlertStore;
  private readonly poster: PartPoster;
  private readonly opts: Required<Omit<AlertOptions, 'owner'>>;
  private readonly claimer: Claimer;
  private running: Promise<AlertReport> | undefined;

  constructor(
    private readonly core: Core,
    private readonly senders: DigestSenders,
    private readonly log: Logger,
    opts: AlertOptions = {},
  ) {
    this.opts = { concurrency: 8, maxAttempts: 5, maxWaitMs: 30_000, maxRateLimited: 100, claimTtlMs: 60_000, ...opts };
    this.owner = opts.owner ?? leaseOwnerId();
    this.store = core.alerts;
    this.claimer = new Claimer(this.store.claims, this.owner, this.opts.claimTtlMs, () => core.now());
    this.poster = new PartPoster(core, log, this.opts, (t) => this.claimer.renew(t.subscriptionId));
  }

  /** Sends everything due now. A tick while one runs does nothing (the running one picks up new posts next time). */
  tick(): Promise<AlertReport> {
    if (this.running) return Promise.resolve({ ...empty(), skipped: 1 });
    this.running = this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async run(): Promise<AlertReport> {
    const report = empty();
    if (!(await this.store.hasOpenPosts())) return report;
    await this.claimer.reapDeadHere();
    // One pool of workers per platform: a slow or rate-limited platform never holds up the other.
    await Promise.all(
      (Object.keys(this.senders) as DigestPlatform[]).map((platform) => this.serve(platform, this.senders[platform]!, report)),
    );
    report.sent = this.poster.takeSent();
    return report;
  }

  /** Workers serve the channels this process claims, a batch of claims at a time. */
  private async serve(platform: DigestPlatform, sender: DigestSender, report: AlertReport): Promise<void> {
    const take = (limit: number) => {
      const now = this.core.now();
      return this.store.claim(this.owner, platform, now, this.claimer.until(), limit);
    };
    await this.claimer.drain(take, this.opts.concurrency, async (sub) => {
      try {
        await this.serveChannel(sub, sender, report);
      } catch (err) {
        if (err instanceof ClaimLost) report.skipped++;
        else {
          this.log.error({ err, subscription: sub.id }, 'alert delivery failed');
          report.deferred++;
        }
      }
    });
  }

  private async serveChannel(sub: AlertSubscription, sender: DigestSender, report: AlertReport): Promise<void> {
    const target: PartTarget = { platform: sub.platform, channelId: sub.channelId, subscriptionId: sub.id, what: 'alert' };
    for (const open of await this.store.openPosts(sub.id)) {
      const now = this.core.now();
      // Oldest first: a post that must wait holds back the ones after it.
      if (open.retryAt && new Date(open.retryAt) > now) return;
      let post = open;
      // A post already handed over is finished whatever happened since: it may be in the channel.
      if (post.state !== 'sending') {
        const event = await this.core.events.get(post.eventId);
        if (!event) {
          await this.store.drop(post, 'the event was deleted before its alert went out', now);
          report.dropped++;
          continue;
        }
        if (!(await this.underCap(sub, now, report))) return;
        if (post.state === 'queued') {
          const body = drawAlert(this.core, event, sub, (r) => sender.render(r));
          const nonce = partNonce(sub.id, alertKey(post), 1);
          if (!(await this.store.draw(post, body, nonce, event.revision, now))) return; // another worker drew it: its turn
          post = { ...post, state: 'pending', body, nonce, revision: event.revision };
        }
      }
      const step = await this.poster.send(target, sender, outgoing(post), this.journalOf(sub, post));
      if (step !== 'sent') {
        if (step === 'deferred' || step === 'disabled' || step === 'skipped') report[step]++;
        return;
      }
    }
  }

  /** True when the channel may have another alert now; otherwise what waits is held or deferred. */
  private async underCap(sub: AlertSubscription, now: Date, report: AlertReport): Promise<boolean> {
    const recent = await this.store.sentSince(sub.id, new Date(now.getTime() - HOUR_MS));
    if (recent.count < this.core.settings.alertMaxPerHour) return true;
    const digest = await this.core.digests.byChannel(sub.platform, sub.channelId);
    if (digest && !digest.disabledAt) {
      report.held += await this.store.holdOpen(sub.id, now);
      return false;
    }
    // The hour allows the next one when the oldest alert of the last hour is an hour old.
    const allowedAt = new Date(new Date(recent.oldest ?? now.toISOString()).getTime() + HOUR_MS);
    await this.store.deferOpen(sub.id, allowedAt, now);
    report.waiting += (await this.store.openPosts(sub.id)).filter((p) => p.state !== 'sending').length;
    return false;
  }

  private journalOf(sub: AlertSubscription, post: AlertPost): PartJournal {
    return {
      markSending: (now) => this.store.markSending(post, now),
      markSent: (messageId, now) => this.store.markSent(post, messageId, now),
      markFailed: (state, error, retryAt, now) => this.store.markFailed(post, state, error, retryAt, now),
      disable: (reason, now) => this.store.disable(sub.id, reason, now),
    };
  }
}

/** An alert's key in the journal and on the platform (Slack metadata): one per channel and event. */
const alertKey = (post: Pick<AlertPost, 'eventId'>) => `alert:${post.eventId}`;

function outgoing(post: AlertPost): OutgoingPart {
  return {
    subscriptionId: post.subscriptionId,
    digestKey: alertKey(post),
    part: 1,
    body: post.body ?? '',
    nonce: post.nonce ?? '',
    sendingSince: post.sendingSince,
    state: post.state === 'sending' ? 'sending' : 'pending',
  };
}

function empty(): AlertReport {
  return { sent: 0, held: 0, waiting: 0, dropped: 0, deferred: 0, disabled: 0, skipped: 0 };
}
