// What the public web reads, and nothing else: live events (never drafts, never deleted ones), their
// revision history without who made it, and the dataset's revision for caching. Every query pages by
// an index: a filtered event list walks event_pairs, event_entities or events_occurred_live in date
// order, a feed walks events_updated.
import type { EventRecord, TimelineCursor } from '../domain/event-record.ts';
import { FIELD_ORDER, type AuditAction, type FieldChange } from '../domain/history.ts';
import type { EventKind } from '../domain/types.ts';
import type { EntityDirectory } from './entities.ts';
import { fullColumns } from './event-sql.ts';
import { toEventRecord, type EventRow } from './events.ts';
import type { EventHistory } from './history.ts';
import { DatasetRevision, type Revision } from './revision.ts';
import type { Engine, Sql } from './sql.ts';

export interface EventsFilter {
  countryId?: string;
  blocId?: string;
  kind?: EventKind;
  /** Inclusive ISO days on the event's first day. */
  from?: string;
  to?: string;
  /** Events strictly older than this (date, id) position: newest first. */
  cursor?: TimelineCursor;
  limit: number;
}

export interface EventsPage {
  events: EventRecord[];
  /** Where the next page starts; undefined on the last page. */
  next?: TimelineCursor;
}

/** One revision as the public sees it: when, what kind of write, which published fields changed. Never who. */
export interface PublicRevision {
  at: string;
  action: AuditAction;
  revision: number | null;
  changes: FieldChange[];
}

const MIN_DAY = '0000-01-01';
const MAX_DAY = '9999-12-31';
const PUBLIC_FIELDS: ReadonlySet<string> = new Set(FIELD_ORDER);

/** The newest-first keyset statement for one shape of filter; `x` is the index walked. */
function eventsSql(engine: Engine, by: 'pair' | 'entity' | 'all', kind: boolean): string {
  const [from, start, id, where] =
    by === 'pair'
      ? [
          'event_pairs x JOIN events e ON e.id = x.event_id',
          'x.occurred_start',
          'x.event_id',
          'x.country_id = @country AND x.bloc_id = @bloc',
        ]
      : by === 'entity'
        ? ['event_entities x JOIN events e ON e.id = x.event_id', 'x.occurred_start', 'x.event_id', 'x.entity_id = @entity']
        : ['events e', 'e.occurred_start', 'e.id', '1 = 1'];
  return `SELECT ${fullColumns(engine)} FROM ${from}
    WHERE ${where} AND e.deleted_at IS NULL ${kind ? (by === 'pair' ? 'AND x.kind = @kind' : 'AND e.kind = @kind') : ''}
      AND ${start} >= @from AND ${start} <= @to
      AND (${start} < @cs OR (${start} = @cs AND ${id} < @cid))
    ORDER BY ${start} DESC, ${id} DESC
    LIMIT @limit`;
}

export class PublicStore {
  private readonly revisions: DatasetRevision;
  private readonly q;

  constructor(
    private readonly sql: Sql,
    private readonly entities: EntityDirectory,
    private readonly eventHistory: EventHistory,
  ) {
    this.revisions = new DatasetRevision(sql);
    const full = fullColumns(sql.engine);
    this.q = {
      changedAll: `SELECT ${full} FROM events e WHERE e.deleted_at IS NULL ORDER BY e.updated_at DESC, e.id DESC LIMIT ?`,
      changedOf: `SELECT ${full} FROM events e
         WHERE e.deleted_at IS NULL AND e.id IN (SELECT event_id FROM event_entities WHERE entity_id = ?)
         ORDER BY e.updated_at DESC, e.id DESC LIMIT ?`,
      live: `SELECT ${full} FROM events e WHERE e.id = ? AND e.deleted_at IS NULL`,
      events: new Map<string, string>(),
    };
  }

  /** The published data's revision: moves with every change to it, and only then. */
  revision(): Promise<Revision> {
    return this.revisions.current();
  }

  /** Live events newest first by date, filtered and keyset-paged: a page is stable however many events are added. */
  async events(f: EventsFilter): Promise<EventsPage> {
    const by = f.countryId && f.blocId ? 'pair' : f.countryId || f.blocId ? 'entity' : 'all';
    const key = `${by}:${f.kind ? 'k' : ''}`;
    let text = this.q.events.get(key);
    if (!text) {
      text = eventsSql(this.sql.engine, by, f.kind !== undefined);
      this.q.events.set(key, text);
    }
    const limit = Math.max(1, Math.min(f.limit, 500));
    const rows = await this.sql.all<EventRow>(text, {
      ...(by === 'pair' ? { country: f.countryId, bloc: f.blocId } : by === 'entity' ? { entity: f.countryId ?? f.blocId } : {}),
      ...(f.kind ? { kind: f.kind } : {}),
      from: f.from ?? MIN_DAY,
      to: f.to ?? MAX_DAY,
      cs: f.cursor?.start ?? MAX_DAY,
      cid: f.cursor?.id ?? Number.MAX_SAFE_INTEGER,
      limit: limit + 1,
    });
    const events = rows.slice(0, limit).map((r) => toEventRecord(r, this.entities));
    const last = events.at(-1);
    return { events, next: rows.length > limit && last ? { start: last.date.start, id: last.id } : undefined };
  }

  /** The newest events by date, everywhere. */
  async latest(limit: number): Promise<EventRecord[]> {
    return (await this.events({ limit })).events;
  }

  /** Events most recently recorded or corrected first (what a feed shows), everywhere or about one entity. */
  async changed(entityId: string | undefined, limit: number): Promise<EventRecord[]> {
    const rows = await (entityId
      ? this.sql.all<EventRow>(this.q.changedOf, [entityId, limit])
      : this.sql.all<EventRow>(this.q.changedAll, [limit]));
    return rows.map((r) => toEventRecord(r, this.entities));
  }

  /** A live event; undefined for a deleted or unknown one. */
  async event(id: number): Promise<EventRecord | undefined> {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const row = await this.sql.get<EventRow>(this.q.live, [id]);
    return row ? toEventRecord(row, this.entities) : undefined;
  }

  /**
   * An event's revisions, newest first, with only the published fields: never who wrote them, never a
   * note such as the review draft an approval came from.
   */
  async history(eventId: number): Promise<{ revisions: PublicRevision[]; truncated: boolean }> {
    const { revisions, truncated } = await this.eventHistory.of(eventId);
    return {
      truncated,
      revisions: revisions.map((r) => ({
        at: r.at,
        action: r.action,
        revision: r.revision,
        changes: r.changes.filter((c) => PUBLIC_FIELDS.has(c.field)),
      })),
    };
  }
}
