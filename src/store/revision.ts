// The revision of the published dataset: a fingerprint that moves whenever any connection, in any
// process, changes events, memberships or names, or the day news sources were last read (what "data
// to" says depends on it), and the time of the latest such change. Charts are
// cached under it and the web's ETag and Last-Modified are made from it.
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

const FINGERPRINT_SQL = `SELECT
  (SELECT count(*) || ':' || ifnull(max(updated_at), '') || ':' || total(revision) FROM events),
  (SELECT count(*) || ':' || ifnull(group_concat(id || status || since || country_id || bloc_id, ','), '') FROM memberships),
  (SELECT count(*) || ':' || ifnull(group_concat(id || '=' || name || '=' || ifnull(full_name, ''), ','), '') FROM entities),
  (SELECT count(*) || ':' || ifnull(substr(max(last_ok_at), 1, 10), '') FROM intake_sources)`;

/** Events change with their updated_at; memberships and names only with a dataset update, which dates itself. */
const CHANGED_AT_SQL = `SELECT max(ifnull((SELECT max(updated_at) FROM events), ''),
                               ifnull((SELECT updated_at FROM dataset_state WHERE id = 1), ''))`;

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
 * the database changed at all: SQLite's data_version moves when another connection commits and
 * total_changes() when this one writes, exactly and for a microsecond a request (as the answer cache does).
 */
export class DatasetRevision {
  private readonly fingerprint: Statement<[], unknown[]>;
  private readonly changedAt: Statement<[], unknown[]>;
  private readonly generationProbe: Statement<[], [number, number]>;
  private generation = '';
  private known: Revision | undefined;

  constructor(db: Db) {
    this.fingerprint = db.prepare<[], unknown[]>(FINGERPRINT_SQL).raw();
    this.changedAt = db.prepare<[], unknown[]>(CHANGED_AT_SQL).raw();
    this.generationProbe = db.prepare<[], [number, number]>('SELECT total_changes(), data_version FROM pragma_data_version').raw();
  }

  current(): Revision {
    const [changes, version] = this.generationProbe.get()!;
    const generation = `${changes}:${version}`;
    if (this.known && generation === this.generation) return this.known;
    const tag = createHash('sha256').update(JSON.stringify(this.fingerprint.get())).digest('base64url').slice(0, 22);
    this.known = { tag, changedAt: String(this.changedAt.get()?.[0] ?? '') };
    this.generation = generation;
    return this.known;
  }
}
