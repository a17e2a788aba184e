// Delivery: compose what is due, journal every part before sending any, send parts in order, and
// record each as sent. Exactly once per part rests on three things: the journal (a part is never
// composed twice), the state 'sending' written before a part is handed over (after a crash, its fate is
// checked on the platform before it is sent again), and the cursor moving in the same transaction as
// the last part. Subscriptions are claimed row by row (./claimer.ts), so any number of processes on one
// PostgreSQL database split them; on SQLite only the holder of the database lease delivers, as before.
import { createHash } from 'node:crypto';
import type { Core } from '../core.ts';
import { formatDay } from '../domain/dates.ts';
import type { Logger } from '../log.ts';
import { DigestComposer, digestTitle, type ComposedDigest } from './compose.ts';
import { Claimer, ClaimLost } from './claimer.ts';
import { DIGEST_LEASE, Lease, leaseOwnerId } from './lease.ts';
import { PartPoster, type PartJournal } from './journal.ts';
import { localDate, nextDue } from '../domain/time.ts';
import type { DigestSender } from './sender.ts';
import type { DigestPlatform, DigestStore, PartRow, Subscription } from '../store/digests.ts';

export interface DeliveryOptions {
  /** Subscriptions delivered side by side; parts of one digest always go in order. */
  concurrency?: number;
  /** Attempts per part per run for 5xx and timeouts; after that the part waits for the next tick. */
  maxAttempts?: number;
  /** Longest single wait between attempts (Retry-After beyond it defers to a later tick). */
  maxWaitMs?: number;
  /** 429s tolerated per part per run before it waits for the next tick. */
  maxRateLimited?: number;
  leaseTtlMs?: number;
  /** How long a claim on a subscription lasts unless renewed (it is renewed while the digest is sent). */
  claimTtlMs?: number;
  owner?: string;
}

export interface DeliveryReport {
  delivered: number;
  parts: number;
  quiet: number;
  deferred: number;
  disabled: number;
  skipped: number;
  /** False when another process holds the lease (SQLite) and nothing was done. */
  leased: boolean;
}

type DeliveryOutcome = 'delivered' | 'quiet' | 'deferred' | 'disabled' | 'skipped';
type Schedule = { nextDate: string; nextDueAt: string; lastDate: string };

class LeaseLost extends Error {}

/** Discord nonces are at most 25 characters; this one is stable for a part across restarts. */
export function partNonce(subscriptionId: number, digestKey: string, part: number): string {
  return `bw${createHash('sha256').update(`${subscriptionId}:${digestKey}:${part}`).digest('base64url').slice(0, 22)}`;
}

export class DigestService {
  readonly store: DigestStore;
  readonly composer: DigestComposer;
  readonly lease: Lease;
  readonly claimer: Claimer;
  private readonly poster: PartPoster;
  private readonly opts: Required<Omit<DeliveryOptions, 'owner'>>;
  private lastRenew = 0;
  private running: Promise<DeliveryReport> | undefined;

  constructor(
    private readonly core: Core,
    private readonly senders: Partial<Record<DigestPlatform, DigestSender>>,
    private readonly log: Logger,
    opts: DeliveryOptions = {},
  ) {
    this.opts = {
      concurrency: 8,
      maxAttempts: 5,
      maxWaitMs: 30_000,
      maxRateLimited: 100,
      leaseTtlMs: 60_000,
      claimTtlMs: 60_000,
      ...opts,
    };
    this.store = core.digests;
    this.composer = new DigestComposer(core, this.store);
    const owner = opts.owner ?? leaseOwnerId();
    this.lease = new Lease(core.leases, DIGEST_LEASE, owner, this.opts.leaseTtlMs, () => core.now());
    this.claimer = new Claimer(this.store.claims, owner, this.opts.claimTtlMs, () => core.now());
    this.poster = new PartPoster(core, log, this.opts, async (t) => {
      await this.renew();
      await this.claimer.renew(t.subscriptionId);
    });
  }

  /** Everything due now: parts left open by an earlier run first, then each subscription whose time has come. */
  tick(): Promise<DeliveryReport> {
    return this.exclusive(() => this.deliver('due'));
  }

  /** `digest run --all`: every subscription's pending entries, whatever the time. */
  runAll(): Promise<DeliveryReport> {
    return this.exclusive(() => this.deliver('all'));
  }

  /** Waits for a run in progress (for a clean stop). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async exclusive(run: () => Promise<DeliveryReport>): Promise<DeliveryReport> {
    if (this.running) return { ...empty(), skipped: 1 };
    this.running = run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deliver(mode: 'due' | 'all'): Promise<DeliveryReport> {
    const report = empty();
    // SQLite: one deliverer per database, as ever. PostgreSQL: every process delivers what it claims.
    const exclusive = this.core.engine === 'sqlite';
    if (exclusive && !(await this.lease.acquire())) return { ...report, leased: false };
    this.lastRenew = Date.now();
    const runAt = this.core.now();
    try {
      await this.claimer.reapDeadHere();
      for (const platform of ['discord', 'slack'] as const) {
        if (this.senders[platform]) continue;
        const waiting = await this.store.countClaimable(platform, mode, runAt);
        if (waiting) this.log.warn({ platform, waiting }, 'digest platform not configured in this process; skipping');
        report.skipped += waiting;
      }
      // One pool of workers per platform: a slow or rate-limited platform never holds up the other.
      await Promise.all(
        (Object.keys(this.senders) as DigestPlatform[]).map((platform) =>
          this.serve(platform, this.senders[platform]!, mode, runAt, report),
        ),
      );
    } catch (err) {
      if (!(err instanceof LeaseLost)) throw err;
      this.log.warn('digest lease lost to another process; stopping this run');
    } finally {
      // The lease guards a run, not an idle process: between runs, `digest run` or another bot may deliver.
      if (exclusive) await this.lease.release().catch((err: unknown) => this.log.warn({ err }, 'digest: could not release the lease'));
    }
    report.parts = this.poster.takeSent();
    return report;
  }

  /**
   * Delivers the subscriptions of one platform this process claims, in id order, each once per run:
   * unfinished digests (a crash, a deferral) and what is due by the run's instant.
   */
  private async serve(platform: DigestPlatform, sender: DigestSender, mode: 'due' | 'all', runAt: Date, report: DeliveryReport) {
    let after = 0;
    const take = async (limit: number) => {
      const batch = await this.store.claim(
        { owner: this.claimer.owner, platform, mode, runAt, after },
        this.core.now(),
        this.claimer.until(),
        limit,
      );
      for (const s of batch) after = Math.max(after, s.id);
      return batch;
    };
    await this.claimer.drain(take, this.opts.concurrency, async (sub) => {
      if (sub.disabledAt) return;
      const outcome = await this.deliverOne(sub, sender, mode).catch((err: unknown) => {
        if (err instanceof LeaseLost) throw err;
        if (err instanceof ClaimLost) return 'skipped' as const;
        this.log.error({ err, subscription: sub.id }, 'digest delivery failed');
        return 'deferred' as const;
      });
      report[outcome]++;
    });
  }

  private async deliverOne(sub: Subscription, sender: DigestSender, mode: 'due' | 'all'): Promise<DeliveryOutcome> {
    const now = this.core.now();
    const scheduled = mode === 'due' && new Date(sub.nextDueAt) <= now;
    const finished = await this.finishOpenDigest(sub, sender, mode, scheduled, now);
    if (finished) return finished;
    return this.deliverNew((await this.store.get(sub.id))!, sender, mode, scheduled, now);
  }

  /**
   * Finishes a digest already journaled (a crash, a deferral) before composing a new one: they cover the
   * same changes. Undefined when the run should go on to compose what is pending after it.
   */
  private async finishOpenDigest(
    sub: Subscription,
    sender: DigestSender,
    mode: 'due' | 'all',
    scheduled: boolean,
    now: Date,
  ): Promise<DeliveryOutcome | undefined> {
    const open = await this.store.openParts(sub.id);
    if (!open.length) return undefined;
    // Only the digest for the date now due moves the schedule; an older one just completes.
    const isDue = scheduled && open.every((p) => p.digestKey === sub.nextDate);
    const result = await this.sendParts(sub, sender, open, isDue ? this.schedule(sub, now) : undefined);
    // A scheduled run that was not due only finishes; --all goes on to what is pending after it.
    if (result !== 'delivered' || isDue || (mode === 'due' && !scheduled)) return result;
    return undefined;
  }

  /** Composes the changes since the cursor, journals them as parts, and sends them. */
  private async deliverNew(
    fresh: Subscription,
    sender: DigestSender,
    mode: 'due' | 'all',
    scheduled: boolean,
    now: Date,
  ): Promise<DeliveryOutcome> {
    const key = mode === 'all' ? `run:${now.toISOString()}` : fresh.nextDate;
    if ((await this.store.partsOf(fresh.id, key)).length) {
      // Already journaled and sent under this key: only the schedule is behind.
      await this.store.advance(fresh, fresh.cursor, this.schedule(fresh, now), now);
      return 'quiet';
    }
    const composed = await this.composer.compose(fresh, fresh.cursor, {
      // Dated the day it is posted, in the channel's zone: a digest that was missed while the bot was
      // down goes out late, once, and says so by its date.
      title: mode === 'all' ? `Digest · ${formatDay(now.toISOString().slice(0, 10))}` : digestTitle(localDate(now, fresh.timezone)),
      since: fresh.lastDate ? `the ${formatDay(fresh.lastDate)} digest` : undefined,
    });
    const schedule = scheduled ? this.schedule(fresh, now) : undefined;
    if (!composed.reply) {
      // A quiet day posts nothing; the cursor still moves past the changes that did not match.
      await this.store.advance(fresh, composed.cursorTo, schedule, now);
      return 'quiet';
    }
    const parts = await this.journalParts(fresh, key, composed, sender.render(composed.reply), now);
    return this.sendParts(fresh, sender, parts, schedule);
  }

  /** Records every part before any is sent, so a crash mid-digest resumes instead of starting over. */
  private async journalParts(sub: Subscription, key: string, composed: ComposedDigest, bodies: string[], now: Date): Promise<PartRow[]> {
    const parts: PartRow[] = bodies.map((body, i) => ({
      subscriptionId: sub.id,
      digestKey: key,
      part: i + 1,
      parts: bodies.length,
      cursorTo: composed.cursorTo,
      eventCount: composed.changes.length,
      body,
      nonce: partNonce(sub.id, key, i + 1),
      state: 'pending',
      messageId: null,
      attempts: 0,
      lastError: null,
      retryAt: null,
      sendingSince: null,
    }));
    await this.store.journal(parts, now);
    return parts;
  }

  private schedule(sub: Subscription, now: Date): Schedule {
    const next = nextDue(sub.localTime, sub.timezone, now);
    return { nextDate: next.date, nextDueAt: next.at.toISOString(), lastDate: sub.nextDate };
  }

  /** Renews the SQLite lease while a run sends (PostgreSQL runs hold claims only). */
  private async renew(): Promise<void> {
    if (this.core.engine !== 'sqlite') return;
    if (Date.now() - this.lastRenew < this.opts.leaseTtlMs / 3) return;
    if (!(await this.lease.acquire())) throw new LeaseLost();
    this.lastRenew = Date.now();
  }

  private async sendParts(
    sub: Subscription,
    sender: DigestSender,
    parts: PartRow[],
    schedule: Schedule | undefined,
  ): Promise<DeliveryOutcome> {
    const target = { platform: sub.platform, channelId: sub.channelId, subscriptionId: sub.id, what: 'digest' as const };
    for (const part of parts) {
      if (part.state === 'sent') continue;
      if (part.retryAt && new Date(part.retryAt) > this.core.now()) return 'deferred';
      const step = await this.poster.send(target, sender, part, this.journalOf(sub, part, schedule));
      if (step !== 'sent') return step;
    }
    return 'delivered';
  }

  /** The journal row of one part; the last part's send also moves the subscription's cursor and schedule. */
  private journalOf(sub: Subscription, part: PartRow, schedule: Schedule | undefined): PartJournal {
    return {
      markSending: (now) => this.store.markSending(part, now),
      markSent: (messageId, now) => this.store.markSent(part, messageId, sub, schedule, now),
      markFailed: (state, error, retryAt, now) => this.store.markFailed(part, state, error, retryAt, now),
      disable: (reason, now) => this.store.disable(sub, reason, now),
    };
  }
}

function empty(): DeliveryReport {
  return { delivered: 0, parts: 0, quiet: 0, deferred: 0, disabled: 0, skipped: 0, leased: true };
}
