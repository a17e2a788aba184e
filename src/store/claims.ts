// Work claimed row by row: the one mechanism behind digests (a subscription), alerts (an alert
// subscription) and intake (a source). A claim is two columns on the work's own row, claimed_by and
// claimed_until: a worker takes rows that are due and not claimed (or whose claim lapsed), renews its
// claims while it works, and releases them when done. A worker that dies stops renewing; its rows
// return when their claims lapse (at once when its process is gone on this host: see ownerIsDeadHere).
//
// On PostgreSQL the claim is `SELECT … FOR UPDATE SKIP LOCKED` in one statement, outside the store's
// SERIALIZABLE transactions (READ COMMITTED, the server's default): workers claiming at the same moment
// pass over each other's rows instead of waiting for them or failing to serialize, and a row whose
// claim another worker committed meanwhile is re-checked on its new version and left alone. On SQLite
// (one writer) the same UPDATE … RETURNING is atomic by itself.
import { bySql, type Params, type Sql } from './sql.ts';

export type ClaimTable = 'digest_subscriptions' | 'alert_subscriptions' | 'intake_sources';

export interface ClaimQuery {
  owner: string;
  now: Date;
  until: Date;
  limit: number;
  /** Which rows are due: SQL over the table's columns (no alias), with @named parameters from `params`. */
  due: string;
  /** How rows are taken, e.g. `id`. */
  order: string;
  /** The columns returned for each row claimed. */
  columns: string;
  params?: Readonly<Record<string, unknown>>;
}

const FREE = '(claimed_until IS NULL OR claimed_until <= @claimNow)';

export class ClaimStore {
  constructor(
    private readonly sql: Sql,
    private readonly table: ClaimTable,
  ) {}

  /** Claims up to `limit` due rows not claimed by a live worker, for `owner` until `until`; the rows claimed. */
  claim<R>(q: ClaimQuery): Promise<R[]> {
    const pick = `SELECT id FROM ${this.table} WHERE (${q.due}) AND ${FREE} ORDER BY ${q.order} LIMIT @claimLimit`;
    const text = bySql(this.sql, {
      sqlite: `UPDATE ${this.table} SET claimed_by = @claimOwner, claimed_until = @claimUntil WHERE id IN (${pick}) RETURNING ${q.columns}`,
      // A CTE is computed once, so the rows locked are exactly the rows updated.
      postgres: `WITH picked AS (${pick.replace('SELECT id', 'SELECT id AS claim_id')} FOR UPDATE SKIP LOCKED)
        UPDATE ${this.table} SET claimed_by = @claimOwner, claimed_until = @claimUntil FROM picked WHERE id = picked.claim_id
        RETURNING ${q.columns}`,
    });
    const params: Params = {
      ...q.params,
      claimOwner: q.owner,
      claimUntil: q.until.toISOString(),
      claimNow: q.now.toISOString(),
      claimLimit: q.limit,
    };
    return this.sql.all<R>(text, params);
  }

  /** Extends one claim; false when it is no longer this owner's (it lapsed and another worker took it). */
  async renew(id: number, owner: string, until: Date): Promise<boolean> {
    const changed = await this.sql.run(`UPDATE ${this.table} SET claimed_until = ? WHERE id = ? AND claimed_by = ?`, [
      until.toISOString(),
      id,
      owner,
    ]);
    return changed > 0;
  }

  /** Extends every claim this owner holds; how many it still holds. */
  renewAll(owner: string, until: Date): Promise<number> {
    return this.sql.run(`UPDATE ${this.table} SET claimed_until = ? WHERE claimed_by = ?`, [until.toISOString(), owner]);
  }

  async release(id: number, owner: string): Promise<void> {
    await this.sql.run(`UPDATE ${this.table} SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?`, [id, owner]);
  }

  async releaseAll(owner: string): Promise<void> {
    await this.sql.run(`UPDATE ${this.table} SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?`, [owner]);
  }

  /** Owners holding a live claim now (of one platform's rows, when the table has platforms). */
  async claimants(now: Date, platform?: string): Promise<string[]> {
    const rows = await this.sql.all<{ owner: string }>(
      `SELECT DISTINCT claimed_by AS owner FROM ${this.table} WHERE claimed_by IS NOT NULL AND claimed_until > ?${platform ? ' AND platform = ?' : ''} ORDER BY owner`,
      platform ? [now.toISOString(), platform] : [now.toISOString()],
    );
    return rows.map((r) => r.owner);
  }

  /** Lets a dead owner's claims go at once. */
  async expire(owner: string): Promise<void> {
    await this.sql.run(`UPDATE ${this.table} SET claimed_until = NULL WHERE claimed_by = ?`, [owner]);
  }
}
