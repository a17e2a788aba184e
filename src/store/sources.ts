// The feeds news intake reads and what it has seen of them. Poll state (validators, failures, backoff,
// disabling) lives here so that any process on the database picks up where another left off.
import type { Sql } from './sql.ts';
import { ClaimStore } from './claims.ts';

export interface IntakeSource {
  id: number;
  url: string;
  urlKey: string;
  name: string;
  countries: string[];
  blocs: string[];
  keywords: string[];
  backfill: number;
  primed: boolean;
  addedBy: string;
  addedAt: string;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: string | null;
  lastOkAt: string | null;
  nextPollAt: string;
  failures: number;
  lastError: string | null;
  disabledReason: string | null;
  disabledAt: string | null;
}

export interface NewSource {
  url: string;
  urlKey: string;
  name: string;
  countries: string[];
  blocs: string[];
  keywords?: string[];
  backfill: number;
  addedBy: string;
}

/** An item as the dedupe index knows it. */
export interface ItemKey {
  guid?: string;
  urlKey?: string;
}

interface SourceRow {
  id: number;
  url: string;
  url_key: string;
  name: string;
  countries: string;
  blocs: string;
  keywords: string;
  backfill: number;
  primed: number;
  added_by: string;
  added_at: string;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_ok_at: string | null;
  next_poll_at: string;
  failures: number;
  last_error: string | null;
  disabled_reason: string | null;
  disabled_at: string | null;
}

const toSource = (r: SourceRow): IntakeSource => ({
  id: r.id,
  url: r.url,
  urlKey: r.url_key,
  name: r.name,
  countries: JSON.parse(r.countries) as string[],
  blocs: JSON.parse(r.blocs) as string[],
  keywords: JSON.parse(r.keywords) as string[],
  backfill: r.backfill,
  primed: Boolean(r.primed),
  addedBy: r.added_by,
  addedAt: r.added_at,
  etag: r.etag,
  lastModified: r.last_modified,
  lastPolledAt: r.last_polled_at,
  lastOkAt: r.last_ok_at,
  nextPollAt: r.next_poll_at,
  failures: r.failures,
  lastError: r.last_error,
  disabledReason: r.disabled_reason,
  disabledAt: r.disabled_at,
});

export class DuplicateSourceError extends Error {
  constructor(readonly existing: IntakeSource) {
    super(`That feed is already source #${existing.id} (${existing.name}).`);
  }
}

/** Minutes to wait after the nth failure in a row: 15, 30, 60, … capped at a day. */
export function backoffMinutes(failures: number): number {
  return Math.min(24 * 60, 15 * 2 ** Math.max(0, failures - 1));
}

const SOURCES = 'SELECT * FROM intake_sources';

/** Sources a pass polls (the rows a claim takes; src/store/claims.ts). */
const CLAIMABLE = {
  due: 'disabled_at IS NULL AND next_poll_at <= @pollAt',
  force: 'disabled_at IS NULL',
  one: 'id = @sourceId',
};

export class SourceStore {
  /** Sources claimed by the worker polling them. */
  readonly claims: ClaimStore;

  constructor(private readonly sql: Sql) {
    this.claims = new ClaimStore(sql, 'intake_sources');
  }

  /** Claims up to `limit` sources to poll now (due ones, every enabled one with `force`, or just `sourceId`). */
  async claim(
    owner: string,
    now: Date,
    until: Date,
    limit: number,
    which: { force?: boolean; sourceId?: number } = {},
  ): Promise<IntakeSource[]> {
    const rows = await this.claims.claim<SourceRow>({
      owner,
      now,
      until,
      limit,
      due: which.sourceId !== undefined ? CLAIMABLE.one : which.force ? CLAIMABLE.force : CLAIMABLE.due,
      order: 'next_poll_at, id',
      columns: '*',
      params: { pollAt: now.toISOString(), sourceId: which.sourceId ?? 0 },
    });
    return rows.map(toSource);
  }

  async get(id: number): Promise<IntakeSource | undefined> {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const r = await this.sql.get<SourceRow>(`${SOURCES} WHERE id = ?`, [id]);
    return r && toSource(r);
  }

  async byKey(urlKey: string): Promise<IntakeSource | undefined> {
    const r = await this.sql.get<SourceRow>(`${SOURCES} WHERE url_key = ?`, [urlKey]);
    return r && toSource(r);
  }

  async list(): Promise<IntakeSource[]> {
    return (await this.sql.all<SourceRow>(`${SOURCES} ORDER BY id`)).map(toSource);
  }

  /** Enabled sources whose next poll is due (or every enabled one, `force`). */
  async due(now: Date, opts: { force?: boolean; limit?: number } = {}): Promise<IntakeSource[]> {
    const limit = opts.limit ?? 10_000;
    const rows = opts.force
      ? await this.sql.all<SourceRow>(`${SOURCES} WHERE disabled_at IS NULL ORDER BY next_poll_at, id LIMIT ?`, [limit])
      : await this.sql.all<SourceRow>(`${SOURCES} WHERE disabled_at IS NULL AND next_poll_at <= ? ORDER BY next_poll_at, id LIMIT ?`, [
          now.toISOString(),
          limit,
        ]);
    return rows.map(toSource);
  }

  add(input: NewSource, now: Date): Promise<IntakeSource> {
    return this.sql.transaction(async () => {
      const existing = await this.byKey(input.urlKey);
      if (existing) throw new DuplicateSourceError(existing);
      const row = await this.sql.get<{ id: number }>(
        `INSERT INTO intake_sources (url, url_key, name, countries, blocs, keywords, backfill, added_by, added_at, next_poll_at)
         VALUES (@url, @urlKey, @name, @countries, @blocs, @keywords, @backfill, @addedBy, @now, @now) RETURNING id`,
        {
          url: input.url,
          urlKey: input.urlKey,
          name: input.name,
          countries: JSON.stringify(input.countries),
          blocs: JSON.stringify(input.blocs),
          keywords: JSON.stringify(input.keywords ?? []),
          backfill: input.backfill,
          addedBy: input.addedBy,
          now: now.toISOString(),
        },
      );
      return (await this.get(row!.id))!;
    });
  }

  async remove(id: number): Promise<boolean> {
    return (await this.sql.run('DELETE FROM intake_sources WHERE id = ?', [id])) === 1;
  }

  /**
   * A successful poll: failures cleared, next poll after `intervalMs`. Validators: a value replaces the
   * stored one, undefined keeps it (a 304), null forgets it (the next poll fetches the whole feed).
   */
  async recordOk(
    id: number,
    now: Date,
    intervalMs: number,
    validators: { etag?: string | null; lastModified?: string | null },
  ): Promise<void> {
    await this.sql.run(
      `UPDATE intake_sources SET etag = CASE WHEN @keepEtag = 1 THEN etag ELSE @etag END,
         last_modified = CASE WHEN @keepLastModified = 1 THEN last_modified ELSE @lastModified END,
         last_polled_at = @now, last_ok_at = @now, next_poll_at = @next, failures = 0, last_error = NULL, primed = 1
       WHERE id = @id`,
      {
        id,
        now: now.toISOString(),
        next: new Date(now.getTime() + intervalMs).toISOString(),
        etag: validators.etag ?? null,
        keepEtag: validators.etag === undefined ? 1 : 0,
        lastModified: validators.lastModified ?? null,
        keepLastModified: validators.lastModified === undefined ? 1 : 0,
      },
    );
  }

  /** A failed poll: back off, and disable after `maxFailures` in a row. Returns true if it disabled the source. */
  recordFailure(id: number, now: Date, error: string, maxFailures: number): Promise<boolean> {
    return this.sql.transaction(async () => {
      const r = await this.sql.get<{ failures: number }>(
        `UPDATE intake_sources SET last_polled_at = @now, failures = failures + 1, last_error = @error, next_poll_at = @next
         WHERE id = @id AND disabled_at IS NULL RETURNING failures`,
        {
          id,
          now: now.toISOString(),
          error,
          next: new Date(now.getTime() + 60_000 * backoffMinutes(((await this.get(id))?.failures ?? 0) + 1)).toISOString(),
        },
      );
      if (!r || r.failures < maxFailures) return false;
      return this.disable(id, now, `${r.failures} failures in a row, the last: ${error}`);
    });
  }

  async disable(id: number, now: Date, reason: string): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE intake_sources SET disabled_reason = @reason, disabled_at = @now, disabled_notified = 0, last_polled_at = @now, last_error = @reason
       WHERE id = @id AND disabled_at IS NULL`,
      { id, now: now.toISOString(), reason: reason.slice(0, 300) },
    );
    return changed === 1;
  }

  /** Disabled sources editors have not been told about yet. */
  async untold(): Promise<IntakeSource[]> {
    return (await this.sql.all<SourceRow>(`${SOURCES} WHERE disabled_at IS NOT NULL AND disabled_notified = 0 ORDER BY id`)).map(toSource);
  }

  /** True for exactly one caller per disabling, however many processes ask. */
  async claimTelling(id: number): Promise<boolean> {
    const changed = await this.sql.run(
      'UPDATE intake_sources SET disabled_notified = 1 WHERE id = ? AND disabled_at IS NOT NULL AND disabled_notified = 0',
      [id],
    );
    return changed === 1;
  }

  async hasSeen(sourceId: number, item: ItemKey): Promise<boolean> {
    if (item.guid && (await this.sql.get('SELECT 1 AS one FROM intake_seen WHERE source_id = ? AND guid = ?', [sourceId, item.guid])))
      return true;
    return Boolean(
      item.urlKey && (await this.sql.get('SELECT 1 AS one FROM intake_seen WHERE source_id = ? AND url_key = ?', [sourceId, item.urlKey])),
    );
  }

  /** Records the item; false when this source had already seen it (by GUID or URL). Call inside a transaction. */
  async markSeen(sourceId: number, item: ItemKey, now: Date): Promise<boolean> {
    if (await this.hasSeen(sourceId, item)) return false;
    // A GUID or URL already recorded (by another process meanwhile) is left as it is: the first sighting wins.
    const added = await this.sql.run(
      'INSERT INTO intake_seen (source_id, guid, url_key, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [sourceId, item.guid ?? null, item.urlKey ?? null, now.toISOString()],
    );
    return added === 1;
  }
}
