// The revision of the published dataset: a fingerprint that moves whenever any connection, in any
// process, changes events, memberships or names, or the day news sources were last read (what "data
// to" says depends on it), and the time of the latest such change. Charts are
// cached under it and the web's ETag and Last-Modified are made from it.
import { createHash } from 'node:crypto';
import { bySql, type Sql } from './sql.ts';

const FINGERPRINT_SQL = {
  sqlite: `SELECT
  (SELECT count(*) || ':' || ifnull(max(updated_at), '') || ':' || total(revision) FROM events) AS events,
  (SELECT count(*) || ':' || ifnull(group_concat(id || status || since || country_id || bloc_id, ','), '') FROM memberships) AS memberships,
  (SELECT count(*) || ':' || ifnull(group_concat(id || '=' || name || '=' || ifnull(full_name, ''), ','), '') FROM entities) AS entities,
  (SELECT count(*) || ':' || ifnull(substr(max(last_ok_at), 1, 10), '') FROM intake_sources) AS sources`,
  postgres: `SELECT
  (SELECT count(*) || ':' || coalesce(max(updated_at), '') || ':' || coalesce(sum(revision), 0) FROM events) AS events,
  (SELECT count(*) || ':' || coalesce(string_agg(id || status || since || country_id || bloc_id, ',' ORDER BY id), '') FROM memberships) AS memberships,
  (SELECT count(*) || ':' || coalesce(string_agg(id || '=' || name || '=' || coalesce(full_name, ''), ',' ORDER BY id), '') FROM entities) AS entities,
  (SELECT count(*) || ':' || coalesce(substr(max(last_ok_at), 1, 10), '') FROM intake_sources) AS sources`,
};

/** Events change with their updated_at; memberships and names only with a dataset update, which dates itself. */
const CHANGED_AT_SQL = {
  sqlite: `SELECT max(ifnull((SELECT max(updated_at) FROM events), ''),
                      ifnull((SELECT updated_at FROM dataset_state WHERE id = 1), '')) AS changed_at`,
  postgres: 'SELECT greatest((SELECT max(updated_at) FROM events), (SELECT updated_at FROM dataset_state WHERE id = 1)) AS changed_at',
};

export interface Revision {
  /** 22 characters of base64url: equal tags, equal published data. */
  tag: string;
  /** ISO time of the latest change to the published data ('' for an empty database). */
  changedAt: string;
}

/**
 * Events: an edit or soft delete bumps updated_at and revision, an insert or hard delete the count.
 * Memberships and entities have no revision column and are few (dozens of rows), so their content is
 * hashed whole. The fingerprint reads every events row's index entry, so it is taken again only when
 * the store's change token moved (see Sql.changes: on SQLite and PostgreSQL alike, a commit by any
 * connection of any process), as the answer cache does.
 */
export class DatasetRevision {
  private generation = '';
  private known: Revision | undefined;

  constructor(private readonly sql: Sql) {}

  async current(): Promise<Revision> {
    const generation = await this.sql.changes();
    if (this.known && generation === this.generation) return this.known;
    const [fingerprint, changed] = await Promise.all([
      this.sql.get<Record<string, unknown>>(bySql(this.sql, FINGERPRINT_SQL)),
      this.sql.get<{ changed_at: string | null }>(bySql(this.sql, CHANGED_AT_SQL)),
    ]);
    const tag = createHash('sha256')
      .update(JSON.stringify(Object.values(fingerprint!)))
      .digest('base64url')
      .slice(0, 22);
    this.known = { tag, changedAt: changed?.changed_at ?? '' };
    this.generation = generation;
    return this.known;
  }
}
