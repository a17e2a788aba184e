// The event store: reads answer from indexes only (timeline: one range scan of event_entities in date
// order; search: FTS5; one event: primary keys), and every write is one transaction that also lands in
// the audit log.
import { fromStored } from '../domain/dates.ts';
import type { Entity } from '../domain/entities.ts';
import {
  ConflictError,
  NotFoundError,
  type EventRecord,
  type SearchHit,
  type TimelinePage,
  type TimelineQuery,
} from '../domain/event-record.ts';
import type { ValidEvent } from '../domain/event-input.ts';
import type { EventKind, Precision } from '../domain/types.ts';
import { AlertOutbox } from './alerts.ts';
import { inTransaction, type Db } from './db.ts';
import type { EntityDirectory } from './entities.ts';

/**
 * An event row with its sources and links aggregated as JSON by correlated subqueries: one statement
 * returns everything an answer shows, and the subqueries run only for the rows actually returned.
 */
export const FULL_COLUMNS = `e.id, e.title, e.summary, e.kind, e.occurred, e.precision, e.created_at, e.updated_at, e.revision, e.deleted_at,
  (SELECT json_group_array(json_array(s.url, s.publisher))
     FROM (SELECT url, publisher FROM event_sources WHERE event_id = e.id ORDER BY position) s) AS sources_json,
  (SELECT json_group_array(x.entity_id)
     FROM (SELECT entity_id FROM event_entities WHERE event_id = e.id ORDER BY position) x) AS links_json`;

export interface EventRow {
  sources_json: string;
  links_json: string;
  id: number;
  title: string;
  summary: string;
  kind: EventKind;
  occurred: string;
  precision: Precision;
  created_at: string;
  updated_at: string;
  revision: number;
  deleted_at: string | null;
}

/** Extra facts recorded with a write in the audit log, e.g. the intake draft an approval came from. */
export type AuditNote = Record<string, string | number>;

export interface AddOptions {
  seedKey?: string;
  action?: 'add' | 'seed' | 'import';
  note?: AuditNote;
}

/** The timeline statement: newest first ('older') or oldest first ('newer') from a cursor. */
export function timelineSql(dir: 'older' | 'newer', byPair: boolean): string {
  const [l, entity] = byPair ? ['p', 'p.country_id = @entity AND p.bloc_id = @bloc'] : ['l', 'l.entity_id = @entity'];
  const order = dir === 'older' ? 'DESC' : 'ASC';
  return `SELECT ${FULL_COLUMNS} FROM ${byPair ? 'event_pairs p' : 'event_entities l'} JOIN events e ON e.id = ${l}.event_id
    WHERE ${entity} AND e.deleted_at IS NULL
      AND ${l}.occurred_start >= @from AND ${l}.occurred_start <= @to
      ${
        dir === 'older'
          ? `AND ${l}.occurred_start <= @cs AND (${l}.occurred_start < @cs OR ${l}.event_id < @cid)`
          : `AND ${l}.occurred_start >= @cs AND (${l}.occurred_start > @cs OR ${l}.event_id > @cid)`
      }
      ${byPair ? '' : 'AND (@bloc IS NULL OR EXISTS (SELECT 1 FROM event_entities b WHERE b.event_id = l.event_id AND b.entity_id = @bloc))'}
    ORDER BY ${l}.occurred_start ${order}, ${l}.event_id ${order}
    LIMIT @limit`;
}

/** Latest status changes and statements about a country in a bloc: two short range scans, merged. */
export const STATUS_EVENTS_SQL = `SELECT ${FULL_COLUMNS} FROM (
    SELECT * FROM (SELECT event_id, occurred_start FROM event_pairs WHERE country_id = @country AND bloc_id = @bloc AND kind = 'status_change'
                   AND occurred_start <= @asOf ORDER BY occurred_start DESC, event_id DESC LIMIT @limit)
    UNION ALL
    SELECT * FROM (SELECT event_id, occurred_start FROM event_pairs WHERE country_id = @country AND bloc_id = @bloc AND kind = 'statement'
                   AND occurred_start <= @asOf ORDER BY occurred_start DESC, event_id DESC LIMIT @limit)
  ) p JOIN events e ON e.id = p.event_id
  ORDER BY p.occurred_start DESC, p.event_id DESC LIMIT @limit`;

/** A row of FULL_COLUMNS as the record every layer reads. */
export function toEventRecord(row: EventRow, entities: Pick<EntityDirectory, 'get'>): EventRecord {
  const countries: Entity[] = [];
  const blocs: Entity[] = [];
  for (const id of JSON.parse(row.links_json) as string[]) {
    const e = entities.get(id);
    if (e) (e.kind === 'country' ? countries : blocs).push(e);
  }
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    date: fromStored(row.occurred, row.precision),
    countries,
    blocs,
    sources: (JSON.parse(row.sources_json) as [string, string][]).map(([url, publisher]) => ({ url, publisher })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    deletedAt: row.deleted_at,
  };
}

const MIN_DAY = '0000-01-01';
const MAX_DAY = '9999-12-31';
const MAX_ID = Number.MAX_SAFE_INTEGER;

export class EventStore {
  private readonly s;
  /** Alert posts for what is published, written in the publishing transaction. */
  private readonly alerts: AlertOutbox;

  constructor(
    private readonly db: Db,
    private readonly entities: EntityDirectory,
  ) {
    this.alerts = new AlertOutbox(db);
    const timeline = (dir: 'older' | 'newer', byPair: boolean) => db.prepare<Record<string, unknown>, EventRow>(timelineSql(dir, byPair));
    this.s = {
      event: db.prepare<[number], EventRow>(`SELECT ${FULL_COLUMNS} FROM events e WHERE e.id = ?`),
      older: timeline('older', false),
      newer: timeline('newer', false),
      pairOlder: timeline('older', true),
      pairNewer: timeline('newer', true),
      search: db.prepare<[string, number, number], { id: number; snip: string }>(
        `SELECT rowid AS id, snippet(events_fts, -1, char(2), char(3), '…', 24) AS snip
         FROM events_fts WHERE events_fts MATCH ? ORDER BY bm25(events_fts, 4.0, 1.0) LIMIT ? OFFSET ?`,
      ),
      statusEvents: db.prepare<[{ country: string; bloc: string; asOf: string; limit: number }], EventRow>(STATUS_EVENTS_SQL),
      insert: db.prepare(
        `INSERT INTO events (seed_key, title, summary, kind, occurred, precision, occurred_start, occurred_end,
                             created_at, updated_at, revision, created_by, updated_by)
         VALUES (@seedKey, @title, @summary, @kind, @occurred, @precision, @start, @end, @now, @now, 1, @actor, @actor)`,
      ),
      update: db.prepare(
        `UPDATE events SET title = @title, summary = @summary, kind = @kind, occurred = @occurred, precision = @precision,
           occurred_start = @start, occurred_end = @end, updated_at = @now, updated_by = @actor, revision = revision + 1
         WHERE id = @id AND deleted_at IS NULL`,
      ),
      softDelete: db.prepare(
        'UPDATE events SET deleted_at = @now, updated_at = @now, updated_by = @actor, revision = revision + 1 WHERE id = @id AND deleted_at IS NULL',
      ),
      restore: db.prepare(
        'UPDATE events SET deleted_at = NULL, updated_at = @now, updated_by = @actor, revision = revision + 1 WHERE id = @id AND deleted_at IS NOT NULL',
      ),
      clearSources: db.prepare('DELETE FROM event_sources WHERE event_id = ?'),
      addSource: db.prepare('INSERT INTO event_sources (event_id, position, url, publisher) VALUES (?, ?, ?, ?)'),
      clearLinks: db.prepare('DELETE FROM event_entities WHERE event_id = ?'),
      clearPairs: db.prepare('DELETE FROM event_pairs WHERE event_id = ?'),
      addPair: db.prepare('INSERT INTO event_pairs (country_id, bloc_id, occurred_start, event_id, kind) VALUES (?, ?, ?, ?, ?)'),
      addLink: db.prepare('INSERT INTO event_entities (entity_id, occurred_start, event_id, position) VALUES (?, ?, ?, ?)'),
      audit: db.prepare(
        `INSERT INTO audit_log (at, actor, action, event_id, revision, before, after)
         VALUES (@at, @actor, @action, @eventId, @revision, @before, @after)`,
      ),
    };
  }

  get(id: number, opts: { includeDeleted?: boolean } = {}): EventRecord | undefined {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const row = this.s.event.get(id);
    if (!row || (row.deleted_at && !opts.includeDeleted)) return undefined;
    return this.hydrate(row);
  }

  private hydrate(row: EventRow): EventRecord {
    return toEventRecord(row, this.entities);
  }

  /** Newest first, keyset-paged: cost is the page, not the history. */
  timeline(q: TimelineQuery): TimelinePage {
    const direction = q.direction ?? 'older';
    const params = {
      entity: q.entityId,
      bloc: q.blocId ?? null,
      from: q.from ?? MIN_DAY,
      to: q.to ?? MAX_DAY,
      cs: q.cursor?.start ?? (direction === 'older' ? MAX_DAY : MIN_DAY),
      cid: q.cursor?.id ?? (direction === 'older' ? MAX_ID : 0),
      limit: q.limit + 1,
    };
    // A country's timeline in one bloc walks the pair index; anything else walks the entity's links.
    const byPair = q.blocId !== undefined && this.entities.get(q.entityId)?.kind === 'country';
    const stmt = byPair
      ? direction === 'older'
        ? this.s.pairOlder
        : this.s.pairNewer
      : direction === 'older'
        ? this.s.older
        : this.s.newer;
    const rows = stmt.all(params);
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    if (direction === 'newer') page.reverse();
    return {
      events: page.map((r) => this.hydrate(r)),
      hasOlder: direction === 'older' ? more : q.cursor !== undefined,
      hasNewer: direction === 'newer' ? more : q.cursor !== undefined,
    };
  }

  /** Full-text search ranked by relevance (title matches weigh more); limit+1 tells if there is more. */
  search(query: string, limit: number, offset = 0): { hits: SearchHit[]; hasMore: boolean } {
    const match = toFtsQuery(query);
    if (!match) return { hits: [], hasMore: false };
    const rows = this.s.search.all(match, limit + 1, offset);
    const hits = rows.slice(0, limit).flatMap((r) => {
      const event = this.get(r.id);
      return event ? [{ event, snippet: r.snip }] : [];
    });
    return { hits, hasMore: rows.length > limit };
  }

  /** Latest status changes and statements about a country in a bloc, up to a day. */
  statusEvents(countryId: string, blocId: string, asOf: string, limit: number): EventRecord[] {
    return this.s.statusEvents.all({ country: countryId, bloc: blocId, asOf, limit }).map((r) => this.hydrate(r));
  }

  add(input: ValidEvent, actor: string, now: Date, opts: AddOptions = {}): EventRecord {
    return inTransaction(this.db, () => this.addInTransaction(input, actor, now, opts));
  }

  /** For callers that batch many adds in their own transaction (seed, import). */
  addInTransaction(input: ValidEvent, actor: string, now: Date, opts: AddOptions = {}): EventRecord {
    const at = now.toISOString();
    const { lastInsertRowid } = this.s.insert.run({ seedKey: opts.seedKey ?? null, ...contentParams(input, at, actor) });
    const id = Number(lastInsertRowid);
    this.writeChildren(id, input);
    const after = this.get(id)!;
    this.s.audit.run({
      at,
      actor,
      action: opts.action ?? 'add',
      eventId: id,
      revision: 1,
      before: null,
      after: snapshot(after, opts.note),
    });
    // Newly published (the form, an approved draft, an import) alerts; the curated dataset a release
    // loads is back catalogue and does not. Corrections, deletions and restores never alert.
    if (opts.action !== 'seed') this.alerts.queue(after, at);
    return after;
  }

  /** Replaces an event's content. expectedRevision guards against two admins editing at once. */
  edit(id: number, input: ValidEvent, actor: string, now: Date, expectedRevision?: number, opts: { note?: AuditNote } = {}): EventRecord {
    return inTransaction(this.db, () => {
      const before = this.get(id);
      if (!before) throw new NotFoundError(`No event #${id}.`);
      if (expectedRevision !== undefined && before.revision !== expectedRevision) {
        throw new ConflictError(
          `Event #${id} was changed by someone else while you edited it (now revision ${before.revision}). Open the form again to see the latest text.`,
        );
      }
      const at = now.toISOString();
      this.s.update.run({ id, ...contentParams(input, at, actor) });
      this.s.clearSources.run(id);
      this.s.clearLinks.run(id);
      this.s.clearPairs.run(id);
      this.writeChildren(id, input);
      const after = this.get(id)!;
      this.s.audit.run({
        at,
        actor,
        action: 'edit',
        eventId: id,
        revision: after.revision,
        before: snapshot(before),
        after: snapshot(after, opts.note),
      });
      return after;
    });
  }

  delete(id: number, actor: string, now: Date, expectedRevision?: number): EventRecord {
    return inTransaction(this.db, () => {
      const before = this.get(id);
      if (!before) throw new NotFoundError(`No event #${id}.`);
      if (expectedRevision !== undefined && before.revision !== expectedRevision) {
        throw new ConflictError(`Event #${id} changed after you asked to delete it. Look at it again with /event show ${id}.`);
      }
      const at = now.toISOString();
      this.s.softDelete.run({ id, now: at, actor });
      // Links stay (digests still show what a deleted event was about); the pair index serves live events only.
      this.s.clearPairs.run(id);
      this.s.audit.run({ at, actor, action: 'delete', eventId: id, revision: before.revision + 1, before: snapshot(before), after: null });
      return this.get(id, { includeDeleted: true })!;
    });
  }

  /** Brings a deleted event back where it was: its links were kept, its pair index is rebuilt. */
  restore(id: number, actor: string, now: Date): EventRecord {
    return inTransaction(this.db, () => {
      const before = this.get(id, { includeDeleted: true });
      if (!before) throw new NotFoundError(`No event #${id}.`);
      if (!before.deletedAt) throw new ConflictError(`Event #${id} is not deleted; nothing to restore.`);
      const at = now.toISOString();
      this.s.restore.run({ id, now: at, actor });
      for (const c of before.countries) for (const b of before.blocs) this.s.addPair.run(c.id, b.id, before.date.start, id, before.kind);
      const after = this.get(id)!;
      this.s.audit.run({ at, actor, action: 'restore', eventId: id, revision: after.revision, before: null, after: snapshot(after) });
      return after;
    });
  }

  private writeChildren(id: number, input: ValidEvent): void {
    input.sources.forEach((s, i) => {
      this.s.addSource.run(id, i, s.url, s.publisher);
    });
    [...input.countryIds, ...input.blocIds].forEach((entityId, i) => {
      this.s.addLink.run(entityId, input.date.start, id, i);
    });
    for (const c of input.countryIds) for (const b of input.blocIds) this.s.addPair.run(c, b, input.date.start, id, input.kind);
  }
}

/** The events row's own columns for an insert or an update, as the statements name them. */
function contentParams(input: ValidEvent, at: string, actor: string) {
  return {
    title: input.title,
    summary: input.summary,
    kind: input.kind,
    occurred: input.date.text,
    precision: input.date.precision,
    start: input.date.start,
    end: input.date.end,
    now: at,
    actor,
  };
}

function snapshot(e: EventRecord, note?: AuditNote): string {
  return JSON.stringify({
    ...note,
    title: e.title,
    summary: e.summary,
    kind: e.kind,
    date: e.date.text,
    countries: e.countries.map((c) => c.id),
    blocs: e.blocs.map((b) => b.id),
    sources: e.sources,
  });
}

/**
 * Turns what a person typed into a safe FTS5 query: every word becomes a quoted term (so operators,
 * quotes and column filters in the input are just text), all words must match, the last may be a prefix.
 */
export function toFtsQuery(input: string): string | undefined {
  const words = input
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
  if (words.length === 0) return undefined;
  return words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 && w.length >= 3 ? '*' : ''}`).join(' ');
}
