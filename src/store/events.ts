// The event store: reads answer from indexes only (timeline: one range scan of event_entities in date
// order; search: the full-text index; one event: primary keys), and every write is one transaction that
// also lands in the audit log. The statements are in ./event-sql.ts.
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
import type { EntityDirectory } from './entities.ts';
import { foldForSearch, SEARCH_MAX_WORDS, searchExcerpt, searchTerms, type SearchTerms } from './search-text.ts';
import {
  AUDIT_IN_ORDER,
  fullColumns,
  INSERT_AUDIT,
  INSERT_EVENT,
  RESTORE_EVENT,
  SOFT_DELETE_EVENT,
  searchSql,
  statusEventsSql,
  timelineSql,
  UPDATE_EVENT,
} from './event-sql.ts';
import { bySql, type Engine, type Sql } from './sql.ts';

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

/** A row of fullColumns() as the record every layer reads. */
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
  private readonly q;
  /** Alert posts for what is published, written in the publishing transaction. */
  private readonly alerts: AlertOutbox;

  constructor(
    private readonly sql: Sql,
    private readonly entities: EntityDirectory,
  ) {
    this.alerts = new AlertOutbox(sql);
    const e = sql.engine;
    this.q = {
      event: `SELECT ${fullColumns(e)} FROM events e WHERE e.id = ?`,
      liveAfter: `SELECT ${fullColumns(e)} FROM events e WHERE e.id > ? AND e.deleted_at IS NULL ORDER BY e.id LIMIT ?`,
      older: timelineSql(e, 'older', false),
      newer: timelineSql(e, 'newer', false),
      pairOlder: timelineSql(e, 'older', true),
      pairNewer: timelineSql(e, 'newer', true),
      search: Array.from({ length: SEARCH_MAX_WORDS }, (_, i) => searchSql(e, i + 1)),
      statusEvents: statusEventsSql(e),
    };
  }

  async get(id: number, opts: { includeDeleted?: boolean } = {}): Promise<EventRecord | undefined> {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const row = await this.sql.get<EventRow>(this.q.event, [id]);
    if (!row || (row.deleted_at && !opts.includeDeleted)) return undefined;
    return this.hydrate(row);
  }

  private hydrate(row: EventRow): EventRecord {
    return toEventRecord(row, this.entities);
  }

  /** Newest first, keyset-paged: cost is the page, not the history. */
  async timeline(q: TimelineQuery): Promise<TimelinePage> {
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
    const text = byPair
      ? direction === 'older'
        ? this.q.pairOlder
        : this.q.pairNewer
      : direction === 'older'
        ? this.q.older
        : this.q.newer;
    const rows = await this.sql.all<EventRow>(text, params);
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
  async search(query: string, limit: number, offset = 0): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
    const terms = searchTerms(query);
    if (!terms) return { hits: [], hasMore: false };
    const rows = await this.sql.all<EventRow>(
      this.q.search[terms.words.length - 1]!,
      { ...searchParams(this.sql.engine, terms), limit: limit + 1, offset },
      { keepPlan: true },
    );
    const hits = rows.slice(0, limit).map((r) => {
      const event = this.hydrate(r);
      return { event, snippet: searchExcerpt(event, terms) };
    });
    return { hits, hasMore: rows.length > limit };
  }

  /** Live events after an id, oldest id first: export reads every event a page at a time. */
  async liveAfter(afterId: number, limit: number): Promise<EventRecord[]> {
    const rows = await this.sql.all<EventRow>(this.q.liveAfter, [afterId, limit]);
    return rows.map((r) => this.hydrate(r));
  }

  /**
   * Live events about an entity whose time overlaps the days `from`..`to` (the published events a news
   * report may tell): at most 50. An event dated to its month or year starts on the 1st of it, so
   * beside the index range of days, the first days of the months and years the span touches are looked
   * up too: a few index points, not a month of rows.
   */
  async idsOverlapping(entityId: string, from: string, to: string): Promise<number[]> {
    const rows = await this.sql.all<{ event_id: number }>(
      `SELECT DISTINCT l.event_id FROM event_entities l JOIN events e ON e.id = l.event_id
       WHERE l.entity_id = @entityId
         AND (l.occurred_start BETWEEN @from AND @to OR l.occurred_start IN (@fromMonth, @toMonth, @fromYear, @toYear))
         AND e.occurred_start <= @to AND e.occurred_end >= @from AND e.deleted_at IS NULL
       ORDER BY l.event_id LIMIT 50`,
      {
        entityId,
        from,
        to,
        fromMonth: `${from.slice(0, 7)}-01`,
        toMonth: `${to.slice(0, 7)}-01`,
        fromYear: `${from.slice(0, 4)}-01-01`,
        toYear: `${to.slice(0, 4)}-01-01`,
      },
    );
    return rows.map((r) => r.event_id);
  }

  /** Every entity with each of its aliases, by id then alias: what news intake matches articles against. */
  aliasIndex(): Promise<{ id: string; kind: 'country' | 'bloc'; name: string; alias: string }[]> {
    return this.sql.all(
      'SELECT e.id, e.kind, e.name, a.alias FROM entities e JOIN entity_aliases a ON a.entity_id = e.id ORDER BY e.id, a.alias',
    );
  }

  /** Latest status changes and statements about a country in a bloc, up to a day. */
  async statusEvents(countryId: string, blocId: string, asOf: string, limit: number): Promise<EventRecord[]> {
    const rows = await this.sql.all<EventRow>(this.q.statusEvents, { country: countryId, bloc: blocId, asOf, limit });
    return rows.map((r) => this.hydrate(r));
  }

  /** Records a new event with its sources and links, and its audit row, in one transaction (or the caller's). */
  add(input: ValidEvent, actor: string, now: Date, opts: AddOptions = {}): Promise<EventRecord> {
    return this.sql.transaction(async () => {
      const at = now.toISOString();
      const row = await this.sql.get<{ id: number }>(INSERT_EVENT, { seedKey: opts.seedKey ?? null, ...contentParams(input, at, actor) });
      const id = row!.id;
      await this.writeChildren(id, input);
      const after = (await this.get(id))!;
      await this.audit({
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
      if (opts.action !== 'seed') await this.alerts.queue(after, at);
      return after;
    });
  }

  /** Replaces an event's content. expectedRevision guards against two admins editing at once. */
  edit(
    id: number,
    input: ValidEvent,
    actor: string,
    now: Date,
    expectedRevision?: number,
    opts: { note?: AuditNote } = {},
  ): Promise<EventRecord> {
    return this.sql.transaction(async () => {
      const before = await this.get(id);
      if (!before) throw new NotFoundError(`No event #${id}.`);
      if (expectedRevision !== undefined && before.revision !== expectedRevision) {
        throw new ConflictError(
          `Event #${id} was changed by someone else while you edited it (now revision ${before.revision}). Open the form again to see the latest text.`,
        );
      }
      const at = now.toISOString();
      await this.sql.run(UPDATE_EVENT, { id, ...contentParams(input, at, actor) });
      await this.sql.run('DELETE FROM event_sources WHERE event_id = ?', [id]);
      await this.sql.run('DELETE FROM event_entities WHERE event_id = ?', [id]);
      await this.sql.run('DELETE FROM event_pairs WHERE event_id = ?', [id]);
      await this.writeChildren(id, input);
      const after = (await this.get(id))!;
      await this.audit({
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

  delete(id: number, actor: string, now: Date, expectedRevision?: number): Promise<EventRecord> {
    return this.sql.transaction(async () => {
      const before = await this.get(id);
      if (!before) throw new NotFoundError(`No event #${id}.`);
      if (expectedRevision !== undefined && before.revision !== expectedRevision) {
        throw new ConflictError(`Event #${id} changed after you asked to delete it. Look at it again with /event show ${id}.`);
      }
      const at = now.toISOString();
      await this.sql.run(SOFT_DELETE_EVENT, { id, now: at, actor });
      // Links stay (digests still show what a deleted event was about); the pair index serves live events only.
      await this.sql.run('DELETE FROM event_pairs WHERE event_id = ?', [id]);
      await this.audit({ at, actor, action: 'delete', eventId: id, revision: before.revision + 1, before: snapshot(before), after: null });
      return (await this.get(id, { includeDeleted: true }))!;
    });
  }

  /** Brings a deleted event back where it was: its links were kept, its pair index is rebuilt. */
  restore(id: number, actor: string, now: Date): Promise<EventRecord> {
    return this.sql.transaction(async () => {
      const before = await this.get(id, { includeDeleted: true });
      if (!before) throw new NotFoundError(`No event #${id}.`);
      if (!before.deletedAt) throw new ConflictError(`Event #${id} is not deleted; nothing to restore.`);
      const at = now.toISOString();
      await this.sql.run(RESTORE_EVENT, { id, now: at, actor });
      for (const c of before.countries) for (const b of before.blocs) await this.addPair(c.id, b.id, before.date.start, id, before.kind);
      const after = (await this.get(id))!;
      await this.audit({ at, actor, action: 'restore', eventId: id, revision: after.revision, before: null, after: snapshot(after) });
      return after;
    });
  }

  private async writeChildren(id: number, input: ValidEvent): Promise<void> {
    for (const [i, s] of input.sources.entries()) {
      await this.sql.run('INSERT INTO event_sources (event_id, position, url, publisher) VALUES (?, ?, ?, ?)', [id, i, s.url, s.publisher]);
    }
    for (const [i, entityId] of [...input.countryIds, ...input.blocIds].entries()) {
      await this.sql.run('INSERT INTO event_entities (entity_id, occurred_start, event_id, position) VALUES (?, ?, ?, ?)', [
        entityId,
        input.date.start,
        id,
        i,
      ]);
    }
    for (const c of input.countryIds) for (const b of input.blocIds) await this.addPair(c, b, input.date.start, id, input.kind);
  }

  private addPair(country: string, bloc: string, start: string, id: number, kind: string): Promise<number> {
    return this.sql.run('INSERT INTO event_pairs (country_id, bloc_id, occurred_start, event_id, kind) VALUES (?, ?, ?, ?, ?)', [
      country,
      bloc,
      start,
      id,
      kind,
    ]);
  }

  private async audit(row: {
    at: string;
    actor: string;
    action: string;
    eventId: number;
    revision: number;
    before: string | null;
    after: string | null;
  }): Promise<number> {
    const inOrder = bySql(this.sql, AUDIT_IN_ORDER);
    if (inOrder) await this.sql.get(inOrder);
    return this.sql.run(INSERT_AUDIT, row);
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
 * What a person typed as the engine's query, never its syntax: every word becomes a quoted term (so
 * operators, quotes and column filters in the input are just text) and all words must match.
 */
export function searchParams(engine: Engine, t: SearchTerms): Record<string, unknown> {
  // PostgreSQL: the words folded as the index folds titles and summaries (lower case, no diacritics);
  // the statement makes its text-search query of them (./event-sql.ts).
  if (engine === 'postgres') return { terms: t.words.map(foldForSearch), prefix: t.prefix ? 1 : 0 };
  return { query: t.words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === t.words.length - 1 && t.prefix ? '*' : ''}`).join(' ') };
}

/** What a person typed as an FTS5 query of quoted terms, the last maybe a prefix; undefined for no words. */
export function toFtsQuery(input: string): string | undefined {
  const t = searchTerms(input);
  return t && (searchParams('sqlite', t).query as string);
}
