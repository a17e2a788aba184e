// One worker's side of the row claims (src/store/claims.ts), shared by digests, alerts and intake:
// take due rows a batch at a time, serve each with a pool of workers, keep each claim alive while its row
// is served, release it after. Any number of processes on one database split the rows between them;
// a row is served by one of them at a time.
import type { ClaimStore } from '../store/claims.ts';
import { ownerIsDeadHere } from './lease.ts';

/** Thrown when a claim lapsed and another worker took the row: stop serving it. */
export class ClaimLost extends Error {}

export class Claimer {
  private readonly renewedAt = new Map<number, number>();

  constructor(
    readonly claims: ClaimStore,
    readonly owner: string,
    /** How long a claim lasts unless renewed; renewed every third of it while its row is served. */
    readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  /** When a claim taken or renewed now lapses. */
  until(): Date {
    return new Date(this.now().getTime() + this.ttlMs);
  }

  /** Lets go at once of the claims of owners that ran on this host and whose process is gone. */
  async reapDeadHere(): Promise<void> {
    for (const owner of await this.claims.claimants(this.now()))
      if (owner !== this.owner && ownerIsDeadHere(owner)) await this.claims.expire(owner);
  }

  /**
   * Serves rows until `take` claims none: `concurrency` workers take rows from a queue refilled one batch
   * of claims at a time (workers that find it empty wait for the same refill). Each claim is released
   * once its row is served, whatever happened, unless `keepClaims` (the caller releases them later).
   */
  async drain<T extends { id: number }>(
    take: (limit: number) => Promise<T[]>,
    concurrency: number,
    serve: (row: T) => Promise<void>,
    opts: { keepClaims?: boolean } = {},
  ): Promise<void> {
    const queue: T[] = [];
    let drained = false;
    let refilling: Promise<void> | undefined;
    const next = async (): Promise<T | undefined> => {
      while (!queue.length && !drained) {
        refilling ??= take(concurrency)
          .then((batch) => {
            if (!batch.length) drained = true;
            queue.push(...batch.sort((a, b) => a.id - b.id));
          })
          .finally(() => {
            refilling = undefined;
          });
        await refilling;
      }
      return queue.shift();
    };
    const worker = async () => {
      for (let row = await next(); row; row = await next()) {
        this.renewedAt.set(row.id, Date.now());
        try {
          await serve(row);
        } finally {
          this.renewedAt.delete(row.id);
          if (!opts.keepClaims) await this.claims.release(row.id, this.owner);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  /** Keeps this worker's claim on a row alive while it is served; throws ClaimLost when it was lost. */
  async renew(id: number): Promise<void> {
    const last = this.renewedAt.get(id) ?? 0;
    if (Date.now() - last < this.ttlMs / 3) return;
    if (!(await this.claims.renew(id, this.owner, this.until()))) throw new ClaimLost();
    this.renewedAt.set(id, Date.now());
  }
}
