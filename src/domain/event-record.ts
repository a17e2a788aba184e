// An event as the store returns it and every layer above reads it, and the shapes of the store's queries.
import type { PartialDate } from './dates.ts';
import type { Entity } from './entities.ts';
import type { EventKind } from './types.ts';

export interface Source {
  url: string;
  publisher: string;
}

export interface EventRecord {
  id: number;
  title: string;
  summary: string;
  kind: EventKind;
  date: PartialDate;
  countries: Entity[];
  blocs: Entity[];
  sources: Source[];
  createdAt: string;
  updatedAt: string;
  revision: number;
  deletedAt: string | null;
}

/** Position in a newest-first timeline: the (date, id) of an event on the page's edge. */
/**
 * An event as `blocwatch export --format json` and the JSON API (/api/v1) write it: ids for its
 * countries and blocs, sources with their publishers. One shape, so that what a script reads from one
 * it can read from the other.
 */
export function exportedEvent(e: EventRecord) {
  return {
    id: e.id,
    date: e.date.text,
    precision: e.date.precision,
    kind: e.kind,
    title: e.title,
    summary: e.summary,
    countries: e.countries.map((c) => c.id),
    blocs: e.blocs.map((b) => b.id),
    sources: e.sources.map((s) => ({ url: s.url, publisher: s.publisher })),
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    revision: e.revision,
  };
}

export interface TimelineCursor {
  start: string;
  id: number;
}

export interface TimelineQuery {
  entityId: string;
  blocId?: string;
  /** Inclusive day range, ISO. */
  from?: string;
  to?: string;
  /** 'older': events strictly older than the cursor; 'newer': strictly newer. */
  cursor?: TimelineCursor;
  direction?: 'older' | 'newer';
  limit: number;
}

export interface TimelinePage {
  events: EventRecord[];
  hasOlder: boolean;
  hasNewer: boolean;
}

export interface SearchHit {
  event: EventRecord;
  /** Summary or title excerpt with matches wrapped in \u0002…\u0003 for renderers to emphasise. */
  snippet: string;
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
export class ConflictError extends Error {
  override name = 'ConflictError';
}
