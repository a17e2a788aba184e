// Signed requests already answered, shared by every process on the database (Slack's replay
// protection): the first process to record a signature answers it, any other refuses the copy. One
// INSERT … ON CONFLICT DO NOTHING decides, so two processes given the same request at the same moment
// cannot both win. Recorded with Sql.mark: these rows are bookkeeping no answer depends on, so they do
// not empty the answer caches kept under Sql.changes().
import type { Sql } from './sql.ts';

/** How often expired marks are deleted: every so many new ones (each process prunes for all). */
const PRUNE_EVERY = 256;

export class ReplayStore {
  private sincePrune = 0;

  constructor(private readonly sql: Sql) {}

  /**
   * True the first time (signature, timestamp) is recorded, false for a replay. `expiresAt` (epoch ms)
   * is when the platform would refuse the request anyway: the mark is kept until then.
   */
  async firstTime(signature: string, timestampSec: number, expiresAt: number, now = Date.now()): Promise<boolean> {
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      await this.prune(now);
    }
    const added = await this.sql.mark(
      'INSERT INTO slack_replays (signature, timestamp, expires_at) VALUES (?, ?, ?) ON CONFLICT (signature, timestamp) DO NOTHING',
      [signature, timestampSec, expiresAt],
    );
    return added === 1;
  }

  /** Deletes the marks whose window has closed; resolves to how many. */
  prune(now = Date.now()): Promise<number> {
    return this.sql.mark('DELETE FROM slack_replays WHERE expires_at < ?', [now]);
  }

  async count(): Promise<number> {
    return (await this.sql.get<{ n: number }>('SELECT count(*) AS n FROM slack_replays'))!.n;
  }
}
