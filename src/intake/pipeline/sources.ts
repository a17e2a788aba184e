// The feeds blocwatch reads and what it has seen of them. Poll state (validators, failures, backoff,
// disabling) lives here so that any process on the database picks up where another left off.
import { inTransaction, type Db } from '../../store/db.ts';

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
  primed: r.primed === 1,
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

export class SourceStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      byId: db.prepare<[number], SourceRow>('SELECT * FROM intake_sources WHERE id = ?'),
      byKey: db.prepare<[string], SourceRow>('SELECT * FROM intake_sources WHERE url_key = ?'),
      all: db.prepare<[], SourceRow>('SELECT * FROM intake_sources ORDER BY id'),
      due: db.prepare<[string, number], SourceRow>(
        'SELECT * FROM intake_sources WHERE disabled_at IS NULL AND next_poll_at <= ? ORDER BY next_poll_at, id LIMIT ?',
      ),
      enabled: db.prepare<[number], SourceRow>('SELECT * FROM intake_sources WHERE disabled_at IS NULL ORDER BY next_poll_at, id LIMIT ?'),
      insert: db.prepare(
        `INSERT INTO intake_sources (url, url_key, name, countries, blocs, keywords, backfill, added_by, added_at, next_poll_at)
         VALUES (@url, @urlKey, @name, @countries, @blocs, @keywords, @backfill, @addedBy, @now, @now)`,
      ),
      remove: db.prepare<[number]>('DELETE FROM intake_sources WHERE id = ?'),
      ok: db.prepare(
        `UPDATE intake_sources SET etag = CASE WHEN @keepEtag = 1 THEN etag ELSE @etag END,
           last_modified = CASE WHEN @keepLastModified = 1 THEN last_modified ELSE @lastModified END,
           last_polled_at = @now, last_ok_at = @now, next_poll_at = @next, failures = 0, last_error = NULL, primed = 1
         WHERE id = @id`,
      ),
      failed: db.prepare(
        `UPDATE intake_sources SET last_polled_at = @now, failures = failures + 1, last_error = @error, next_poll_at = @next
         WHERE id = @id AND disabled_at IS NULL RETURNING failures`,
      ),
      disable: db.prepare(
        `UPDATE intake_sources SET disabled_reason = @reason, disabled_at = @now, disabled_notified = 0, last_polled_at = @now, last_error = @reason
         WHERE id = @id AND disabled_at IS NULL`,
      ),
      untold: db.prepare<[], SourceRow>('SELECT * FROM intake_sources WHERE disabled_at IS NOT NULL AND disabled_notified = 0 ORDER BY id'),
      claimTelling: db.prepare<[number]>(
        'UPDATE intake_sources SET disabled_notified = 1 WHERE id = ? AND disabled_at IS NOT NULL AND disabled_notified = 0',
      ),
      seenGuid: db.prepare<[number, string], { n: number }>('SELECT 1 AS n FROM intake_seen WHERE source_id = ? AND guid = ?'),
      seenUrl: db.prepare<[number, string], { n: number }>('SELECT 1 AS n FROM intake_seen WHERE source_id = ? AND url_key = ?'),
      // A GUID or URL already recorded is left as it is: the first sighting wins.
      markSeen: db.prepare('INSERT OR IGNORE INTO intake_seen (source_id, guid, url_key, seen_at) VALUES (?, ?, ?, ?)'),
    };
  }

  get(id: number): IntakeSource | undefined {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const r = this.s.byId.get(id);
    return r && toSource(r);
  }

  byKey(urlKey: string): IntakeSource | undefined {
    const r = this.s.byKey.get(urlKey);
    return r && toSource(r);
  }

  list(): IntakeSource[] {
    return this.s.all.all().map(toSource);
  }

  /** Enabled sources whose next poll is due (or every enabled one, `force`). */
  due(now: Date, opts: { force?: boolean; limit?: number } = {}): IntakeSource[] {
    const limit = opts.limit ?? 10_000;
    return (opts.force ? this.s.enabled.all(limit) : this.s.due.all(now.toISOString(), limit)).map(toSource);
  }

  add(input: NewSource, now: Date): IntakeSource {
    return inTransaction(this.db, () => {
      const existing = this.byKey(input.urlKey);
      if (existing) throw new DuplicateSourceError(existing);
      const { lastInsertRowid } = this.s.insert.run({
        url: input.url,
        urlKey: input.urlKey,
        name: input.name,
        countries: JSON.stringify(input.countries),
        blocs: JSON.stringify(input.blocs),
        keywords: JSON.stringify(input.keywords ?? []),
        backfill: input.backfill,
        addedBy: input.addedBy,
        now: now.toISOString(),
      });
      return this.get(Number(lastInsertRowid))!;
    });
  }

  remove(id: number): boolean {
    return this.s.remove.run(id).changes === 1;
  }

  /**
   * A successful poll: failures cleared, next poll after `intervalMs`. Validators: a value replaces the
   * stored one, undefined keeps it (a 304), null forgets it (the next poll fetches the whole feed).
   */
  recordOk(id: number, now: Date, intervalMs: number, validators: { etag?: string | null; lastModified?: string | null }): void {
    this.s.ok.run({
      id,
      now: now.toISOString(),
      next: new Date(now.getTime() + intervalMs).toISOString(),
      etag: validators.etag ?? null,
      keepEtag: validators.etag === undefined ? 1 : 0,
      lastModified: validators.lastModified ?? null,
      keepLastModified: validators.lastModified === undefined ? 1 : 0,
    });
  }

  /** A failed poll: back off, and disable after `maxFailures` in a row. Returns true if it disabled the source. */
  recordFailure(id: number, now: Date, error: string, maxFailures: number): boolean {
    return inTransaction(this.db, () => {
      const r = this.s.failed.get({
        id,
        now: now.toISOString(),
        error,
        next: new Date(now.getTime() + 60_000 * backoffMinutes((this.get(id)?.failures ?? 0) + 1)).toISOString(),
      }) as { failures: number } | undefined;
      if (!r || r.failures < maxFailures) return false;
      return this.disable(id, now, `${r.failures} failures in a row, the last: ${error}`);
    });
  }

  disable(id: number, now: Date, reason: string): boolean {
    return this.s.disable.run({ id, now: now.toISOString(), reason: reason.slice(0, 300) }).changes === 1;
  }

  /** Disabled sources editors have not been told about yet. */
  untold(): IntakeSource[] {
    return this.s.untold.all().map(toSource);
  }

  /** True for exactly one caller per disabling, however many processes ask. */
  claimTelling(id: number): boolean {
    return this.s.claimTelling.run(id).changes === 1;
  }

  hasSeen(sourceId: number, item: ItemKey): boolean {
    return Boolean((item.guid && this.s.seenGuid.get(sourceId, item.guid)) || (item.urlKey && this.s.seenUrl.get(sourceId, item.urlKey)));
  }

  /** Records the item; false when this source had already seen it (by GUID or URL). Call inside a transaction. */
  markSeen(sourceId: number, item: ItemKey, now: Date): boolean {
    if (this.hasSeen(sourceId, item)) return false;
    this.s.markSeen.run(sourceId, item.guid ?? null, item.urlKey ?? null, now.toISOString());
    return true;
  }
}
