// A platform limit that counts every process of the bot (Discord's global 50 requests a second per bot
// token) shared between the processes delivering at once: each takes an equal part, the processes being
// those with a live claim on a digest or alert subscription of that platform (counted from the claims
// themselves, so no table of workers is kept; a killed worker counts until its claims lapse, which only
// slows the others for that long). The per-route limit (POST /channels/{id}/messages, per channel)
// needs no sharing: a channel's subscription is claimed by one worker at a time.
import { hostname } from 'node:os';
import type { DigestPlatform } from '../store/digests.ts';

/** Under the limit by a little: processes' sends drift against the platform's one-second windows. */
const HEADROOM = 0.96;

interface Count {
  processes: number;
  at: number;
  asking?: Promise<void>;
}

export class RateShare {
  private readonly counts = new Map<DigestPlatform, Count>();
  private readonly self = `${hostname()}:${process.pid}`;

  constructor(
    /** The processes (`host:pid`) delivering to a platform now. */
    private readonly deliverers: (platform: DigestPlatform) => Promise<string[]>,
    private readonly refreshMs = 1000,
  ) {}

  /** Sends a second this process may make to a platform whose bot-wide limit is `limit`. */
  async ceiling(platform: DigestPlatform, limit: number | undefined): Promise<number | undefined> {
    if (!limit) return undefined;
    let c = this.counts.get(platform);
    if (!c) {
      c = { processes: 1, at: 0 };
      this.counts.set(platform, c);
    }
    if (Date.now() - c.at >= this.refreshMs) {
      const count = c;
      count.asking ??= this.deliverers(platform)
        .then((owners) => {
          count.processes = new Set([...owners, this.self]).size;
        })
        // The database did not answer: keep the last count (it is asked again next time).
        .catch(() => undefined)
        .finally(() => {
          count.at = Date.now();
          count.asking = undefined;
        });
      await count.asking;
    }
    return (limit * HEADROOM) / c.processes;
  }
}
