// A draft event as review sees it: what its articles say together, and the articles themselves.
import type { PartialDate } from '../domain/dates.ts';
import type { EventKind } from '../domain/types.ts';

export type DraftStatus = 'pending' | 'approved' | 'rejected';

export interface DraftSource {
  url: string;
  urlKey: string;
  publisher: string;
  publishedAt: string | null;
  /** ISO 639-3 of the article; null for articles stored before languages were kept. */
  lang: string | null;
}

export interface Draft {
  id: number;
  status: DraftStatus;
  title: string;
  summary: string;
  date: PartialDate;
  kind: EventKind;
  language: string;
  matchedBecause: string;
  dateReason: string;
  /** Why it is bloc news ('' for drafts made before relevance was judged). */
  relevance: string;
  /** The published event this article would become a further source of. */
  eventId: number | null;
  sourceId: number | null;
  countries: string[];
  blocs: string[];
  /** English first, then the first published: the order approval takes them in. */
  sources: DraftSource[];
  createdBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  resultingEventId: number | null;
}
