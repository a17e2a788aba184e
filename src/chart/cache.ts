// Rendered charts, kept per (chart, dataset revision) in a small LRU. The revision is read from the data
// itself, so it moves whenever any connection, in any process, changes events, memberships, names or
// news sources: unlike PRAGMA data_version, which only tells one connection about the others' commits.
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/db.ts';

const REVISION_SQL = `SELECT
  (SELECT count(*) || ':' || ifnull(max(updated_at), '') || ':' || total(revision) FROM events),
  (SELECT count(*) || ':' || ifnull(group_concat(id || status || since || country_id || bloc_id, ','), '') FROM memberships),
  (SELECT count(*) || ':' || ifnull(group_concat(id || '=' || name || '=' || ifnull(full_name, ''), ','), '') FROM entities),
  (SELECT count(*) || ':' || ifnull(substr(max(last_ok_at), 1, 10), '') FROM intake_sources)`;

/**
 * A fingerprint of what charts are drawn from. Events: an edit or soft delete bumps updated_at and
 * revision, an insert or hard delete the count. Memberships and entities have no revision column and are
 * few (dozens of rows), so their content is hashed whole. News sources count for "data to": how many
 * there are, and the day (not the minute, or every poll would redraw) they were last read.
 */
export class DatasetRevision {
  private readonly probe: Statement<[], unknown[]>;
  constructor(db: Db) {
    this.probe = db.prepare<[], unknown[]>(REVISION_SQL).raw();
  }
  current(): string {
    return createHash('sha256').update(JSON.stringify(this.probe.get())).digest('base64url').slice(0, 22);
  }
}

/** A bounded least-recently-used map: Map keeps insertion order, so the first key is the oldest. */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
