// Delivery: compose what is due, journal every part before sending any, send parts in order, and
// record each as sent. Exactly once per part rests on three things: the journal (a part is never
// composed twice), the state 'sending' written before a part is handed over (after a crash, its fate is
// checked on the platform before it is sent again), and the cursor moving in the same transaction as
// the last part. Only the holder of the database lease delivers.
import { createHash } from 'node:crypto';
import type { Core } from '../core.ts';
import { formatDay } from '../domain/dates.ts';
import type { Logger } from '../log.ts';
import { DigestComposer, digestTitle } from './compose.ts';
import { DIGEST_LEASE, Lease, leaseOwnerId } from './lease.ts';
import { localDate, nextDue } from '../domain/time.ts';
import { ChannelGone, type DigestSender, type SendResult } from './sender.ts';
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
  owner?: string;
}

export interface DeliveryReport {
  delivered: number;
  parts: number;
  quiet: number;
  deferred: number;
  disabled: number;
  skipped: number;
  /** False when another process holds the lease and nothing was done. */
  leased: boolean;
}

type DeliveryOutcome = 'delivered' | 'quiet' | 'deferred' | 'disabled' | 'skipped';

class LeaseLost extends Error {}

/**
 * Per-platform pacing. A 429 pauses every worker of that platform for its Retry-After (instead of each
 * piling on) and teaches the pacer the rate the platform accepts; sends are then spaced evenly just
 * under it, so the next window is not overrun and another Retry-After (Slack gives whole seconds) is
 * not paid. Evenly spaced rather than in bursts: a burst that overruns a window meets one 429 per
 * worker in flight, a spaced stream at most one or two.
 *
 * The lesson is counted from accepted responses only (a send still in flight may yet be refused):
 * those since the last pause ended if that was under a second ago (a pause ends when the platform's
 * window resets, so that is one window's worth), otherwise those of the last second. A 429 that lands
 * while a pause is on is a send that was already in flight when it began: it teaches nothing new.
 * Lessons only go downwards while fresh and are forgotten a minute after the last 429, so a limit
 * learned in a quiet moment cannot slow delivery for long.
 */
class Pacer {
  private pausedUntil = 0;
  private resumedAt = 0;
  /** Sends a second the platform was seen to accept; undefined until the first 429. */
  private rate: number | undefined;
  private learnedAt = 0;
  /** Earliest start of the next send while paced. */
  private nextAt = 0;
  /** Response times of accepted sends in the last second. */
  private readonly recent: number[] = [];
  private sinceResume = 0;

  private prune(now: number): void {
    while (this.recent.length && now - this.recent[0]! >= 1000) this.recent.shift();
  }

  accepted(): void {
    const now = Date.now();
    this.prune(now);
    this.recent.push(now);
    this.sinceResume++;
  }

  rateLimited(retryAfterMs: number): void {
    const now = Date.now();
    if (now < this.pausedUntil) return;
    this.prune(now);
    const seen = this.resumedAt > 0 && now - this.resumedAt <= 1000 ? this.sinceResume : this.recent.length;
    const rate = Math.max(1, Math.floor(seen * 0.98));
    this.rate = this.rate === undefined ? rate : Math.min(this.rate, rate);
    this.learnedAt = now;
    this.pausedUntil = this.resumedAt = this.nextAt = now + retryAfterMs;
    this.sinceResume = 0;
  }

  /** Waits until this platform may be sent to. */
  async slot(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (this.rate !== undefined && now - this.learnedAt > 60_000) this.rate = undefined;
      const at = Math.max(this.pausedUntil, this.rate === undefined ? 0 : this.nextAt);
      if (now >= at) {
        // A timer that fires late must not lose the time: a stream that fell behind may catch up by
        // one extra send, no more, so the average stays under the learned rate.
        if (this.rate !== undefined) this.nextAt = Math.max(now - 1000 / this.rate, this.nextAt) + 1000 / this.rate;
        return;
      }
      await sleep(at - now);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Discord nonces are at most 25 characters; this one is stable for a part across restarts. */
export function partNonce(subscriptionId: number, digestKey: string, part: number): string {
  return `bw${createHash('sha256').update(`${subscriptionId}:${digestKey}:${part}`).digest('base64url').slice(0, 22)}`;
}

export class DigestService {
  readonly store: DigestStore;
  readonly composer: DigestComposer;
  readonly lease: Lease;
  private readonly gates = new Map<DigestPlatform, Pacer>();
  private readonly opts: Required<Omit<DeliveryOptions, 'owner'>>;
  private lastRenew = 0;
  /** Parts sent in the current run, for its report. */
  private partsSent = 0;
  private running: Promise<DeliveryReport> | undefined;

  constructor(
    private readonly core: Core,
    private readonly senders: Partial<Record<DigestPlatform, DigestSender>>,
    private readonly log: Logger,
    opts: DeliveryOptions = {},
  ) {
    this.opts = { concurrency: 8, maxAttempts: 5, maxWaitMs: 30_000, maxRateLimited: 100, leaseTtlMs: 60_000, ...opts };
    this.store = core.digests;
    this.composer = new DigestComposer(core, this.store);
    this.lease = new Lease(core.db, DIGEST_LEASE, opts.owner ?? leaseOwnerId(), this.opts.leaseTtlMs, () => core.now());
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
    if (!this.lease.acquire()) return { ...report, leased: false };
    this.lastRenew = Date.now();
    const now = this.core.now();
    // Unfinished digests first (a crash, a deferral), then what is due. Each subscription once per run.
    const ids = new Set<number>(this.store.withOpenParts());
    if (mode === 'all') {
      for (let page = this.store.enabledAfter(0, 1000); page.length; page = this.store.enabledAfter(page.at(-1)!.id, 1000)) {
        for (const s of page) ids.add(s.id);
      }
    } else {
      for (const s of this.store.due(now, 100_000)) ids.add(s.id);
    }
    // One pool of workers per platform: a slow or rate-limited platform never holds up the other.
    const queues = new Map<DigestPlatform, Subscription[]>();
    for (const id of ids) {
      const sub = this.store.get(id);
      if (!sub || sub.disabledAt) continue;
      const q = queues.get(sub.platform) ?? [];
      q.push(sub);
      queues.set(sub.platform, q);
    }
    const worker = async (queue: Subscription[]) => {
      for (let sub = queue.shift(); sub !== undefined; sub = queue.shift()) {
        const current = this.store.get(sub.id);
        if (!current || current.disabledAt) continue;
        const outcome = await this.deliverOne(current, mode).catch((err: unknown) => {
          if (err instanceof LeaseLost) throw err;
          this.log.error({ err, subscription: sub!.id }, 'digest delivery failed');
          return 'deferred' as const;
        });
        report[outcome]++;
      }
    };
    try {
      await Promise.all([...queues.values()].flatMap((q) => Array.from({ length: Math.min(this.opts.concurrency, q.length) }, () => worker(q))));
    } catch (err) {
      if (!(err instanceof LeaseLost)) throw err;
      this.log.warn('digest lease lost to another process; stopping this run');
    } finally {
      // The lease guards a run, not an idle process: between runs, `digest run` or another bot may deliver.
      this.lease.release();
    }
    report.parts = this.partsSent;
    this.partsSent = 0;
    return report;
  }

  private async deliverOne(sub: Subscription, mode: 'due' | 'all'): Promise<DeliveryOutcome> {
    const sender = this.senders[sub.platform];
    if (!sender) {
      this.log.warn({ subscription: sub.id, platform: sub.platform }, 'digest platform not configured in this process; skipping');
      return 'skipped';
    }
    const now = this.core.now();
    const scheduled = mode === 'due' && new Date(sub.nextDueAt) <= now;
    // Finish any digest already journaled before composing a new one: they cover the same changes.
    const open = this.store.openParts(sub.id);
    if (open.length) {
      // Only the digest for the date now due moves the schedule; an older one just completes.
      const isDue = scheduled && open.every((p) => p.digestKey === sub.nextDate);
      const result = await this.sendParts(sub, sender, open, isDue ? this.schedule(sub, now) : undefined);
      // A scheduled run that was not due only finishes; --all goes on to what is pending after it.
      if (result !== 'delivered' || isDue || (mode === 'due' && !scheduled)) return result;
    }
    const fresh = this.store.get(sub.id)!;
    const key = mode === 'all' ? `run:${now.toISOString()}` : fresh.nextDate;
    if (this.store.partsOf(fresh.id, key).length) {
      // Already journaled and sent under this key: only the schedule is behind.
      this.store.advance(fresh, fresh.cursor, this.schedule(fresh, now), now);
      return 'quiet';
    }
    const composed = this.composer.compose(fresh, fresh.cursor, {
      // Dated the day it is posted, in the channel's zone: a digest that was missed while the bot was
      // down goes out late, once, and says so by its date.
      title: mode === 'all' ? `Digest · ${formatDay(now.toISOString().slice(0, 10))}` : digestTitle(localDate(now, fresh.timezone)),
      since: fresh.lastDate ? `the ${formatDay(fresh.lastDate)} digest` : undefined,
    });
    const schedule = scheduled ? this.schedule(fresh, now) : undefined;
    if (!composed.reply) {
      // A quiet day posts nothing; the cursor still moves past the changes that did not match.
      this.store.advance(fresh, composed.cursorTo, schedule, now);
      return 'quiet';
    }
    const bodies = sender.render(composed.reply);
    const parts: PartRow[] = bodies.map((body, i) => ({
      subscriptionId: fresh.id,
      digestKey: key,
      part: i + 1,
      parts: bodies.length,
      cursorTo: composed.cursorTo,
      eventCount: composed.changes.length,
      body,
      nonce: partNonce(fresh.id, key, i + 1),
      state: 'pending',
      messageId: null,
      attempts: 0,
      lastError: null,
      retryAt: null,
      sendingSince: null,
    }));
    this.store.journal(parts, now);
    return this.sendParts(fresh, sender, parts, schedule);
  }

  private schedule(sub: Subscription, now: Date): { nextDate: string; nextDueAt: string; lastDate: string } {
    const next = nextDue(sub.localTime, sub.timezone, now);
    return { nextDate: next.date, nextDueAt: next.at.toISOString(), lastDate: sub.nextDate };
  }

  private renew(): void {
    if (Date.now() - this.lastRenew < this.opts.leaseTtlMs / 3) return;
    if (!this.lease.acquire()) throw new LeaseLost();
    this.lastRenew = Date.now();
  }

  private gate(p: DigestPlatform): Pacer {
    let g = this.gates.get(p);
    if (!g) {
      g = new Pacer();
      this.gates.set(p, g);
    }
    return g;
  }

  private async sendParts(sub: Subscription, sender: DigestSender, parts: PartRow[], schedule: ReturnType<DigestService['schedule']> | undefined): Promise<DeliveryOutcome> {
    const gate = this.gate(sub.platform);
    for (const original of parts) {
      if (original.state === 'sent') continue;
      let part = original;
      if (part.retryAt && new Date(part.retryAt) > this.core.now()) return 'deferred';
      let unknown = part.state === 'sending';
      let attempts = 0;
      let limited = 0;
      for (;;) {
        this.renew();
        if (unknown) {
          // Handed over before but never recorded: look on the platform before sending again.
          let gone: string | undefined;
          const found = await sender.findSent(sub.channelId, part, this.core.now()).catch((err: unknown) => {
            if (err instanceof ChannelGone) gone = err.message;
            else this.log.warn({ err, subscription: sub.id }, 'digest: could not check for an earlier send');
            return null;
          });
          if (gone) {
            this.log.warn({ subscription: sub.id, reason: gone }, 'digest subscription disabled');
            this.store.disable(sub, gone, this.core.now());
            return 'disabled';
          }
          if (found) {
            this.store.markSent(part, found, sub, schedule, this.core.now());
            this.partsSent++;
            break;
          }
          if (found === null) {
            this.store.markFailed(part, 'sending', 'could not check whether the part arrived', new Date(this.core.now().getTime() + 60_000), this.core.now());
            return 'deferred';
          }
        }
        await gate.slot();
        // The wait for a slot can be long (a Retry-After): make sure the lease is still ours right
        // before handing the part over, or another process may be sending it too.
        this.renew();
        if (!this.store.markSending(part, this.core.now())) return 'skipped';
        part = { ...part, sendingSince: part.sendingSince ?? this.core.now().toISOString() };
        const r: SendResult = await sender.send(sub.channelId, part);
        if (r.ok) {
          gate.accepted();
          this.store.markSent(part, r.messageId, sub, schedule, this.core.now());
          this.partsSent++;
          break;
        }
        if (r.kind === 'later') {
          this.log.error({ subscription: sub.id, error: r.error }, 'digest: the platform refused the app; retrying in 10 minutes');
          this.store.markFailed(part, unknown ? 'sending' : 'pending', r.error, new Date(this.core.now().getTime() + 10 * 60_000), this.core.now());
          return 'deferred';
        }
        if (r.kind === 'permanent') {
          this.log.warn({ subscription: sub.id, reason: r.error }, 'digest subscription disabled');
          this.store.disable(sub, r.error, this.core.now());
          return 'disabled';
        }
        unknown = unknown || r.fateUnknown;
        // A server error waits as long as it asked (Retry-After), or backs off; a 429 pauses the platform.
        const wait = r.retryAfterMs ?? Math.min(this.opts.maxWaitMs, 250 * 2 ** attempts);
        if (r.rateLimited) {
          limited++;
          gate.rateLimited(wait);
        } else attempts++;
        if (attempts >= this.opts.maxAttempts || limited >= this.opts.maxRateLimited || wait > this.opts.maxWaitMs) {
          const retryAt = new Date(this.core.now().getTime() + Math.max(wait, 60_000));
          this.store.markFailed(part, unknown ? 'sending' : 'pending', r.error, retryAt, this.core.now());
          this.log.warn({ subscription: sub.id, error: r.error }, 'digest part deferred to a later run');
          return 'deferred';
        }
        this.store.markFailed(part, unknown ? 'sending' : 'pending', r.error, undefined, this.core.now());
        if (!r.rateLimited) await sleep(wait);
      }
    }
    return 'delivered';
  }
}

function empty(): DeliveryReport {
  return { delivered: 0, parts: 0, quiet: 0, deferred: 0, disabled: 0, skipped: 0, leased: true };
}
