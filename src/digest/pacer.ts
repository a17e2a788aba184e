// How fast digest parts go to one platform, learned from its 429s.
import { setTimeout as sleep } from 'node:timers/promises';

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
 *
 * A `ceiling` (sends a second) caps the pace from the first send: this process's share of a limit the
 * platform applies across every process of the bot (Discord's global limit; see ./rate-share.ts).
 */
export class Pacer {
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

  constructor(private readonly ceiling?: () => Promise<number | undefined>) {}

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
    // Under a known ceiling, a 429 is another process's sends overlapping this one's before the share
    // was recounted (a worker started): pause, but learn no lower rate, which would hold for a minute.
    if (!this.ceiling) {
      const seen = this.resumedAt > 0 && now - this.resumedAt <= 1000 ? this.sinceResume : this.recent.length;
      const rate = Math.max(1, Math.floor(seen * 0.98));
      this.rate = this.rate === undefined ? rate : Math.min(this.rate, rate);
      this.learnedAt = now;
    }
    this.pausedUntil = this.resumedAt = this.nextAt = now + retryAfterMs;
    this.sinceResume = 0;
  }

  /** Waits until this platform may be sent to. */
  async slot(): Promise<void> {
    for (;;) {
      const cap = await this.ceiling?.();
      const now = Date.now();
      if (this.rate !== undefined && now - this.learnedAt > 60_000) this.rate = undefined;
      const rate = this.rate === undefined ? cap : cap === undefined ? this.rate : Math.min(this.rate, cap);
      const at = Math.max(this.pausedUntil, rate === undefined ? 0 : this.nextAt);
      if (now >= at) {
        // A timer that fires late must not lose the time: a stream that fell behind may catch up by
        // one extra send, no more, so the average stays under the rate.
        if (rate !== undefined) this.nextAt = Math.max(now - 1000 / rate, this.nextAt) + 1000 / rate;
        return;
      }
      await sleep(at - now);
    }
  }
}
