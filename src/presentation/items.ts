// Stored events as reply items, and the words for event kinds: shared by the commands, the digest and
// every platform's renderer, so it sits below all of them.
import { formatPartialDate } from '../domain/dates.ts';
import type { EventRecord } from '../domain/event-record.ts';
import type { EventItem } from '../reply.ts';

export const KIND_LABELS: Record<EventRecord['kind'], string> = {
  status_change: 'Status change',
  diplomatic: 'Diplomatic',
  military: 'Military',
  statement: 'Statement',
  economic: 'Economic',
  legal: 'Legal',
  other: 'Other',
};

export function toItem(e: EventRecord, opts: { summary?: boolean } = {}): EventItem {
  return {
    id: e.id,
    date: formatPartialDate(e.date),
    title: e.title,
    kind: e.kind,
    summary: opts.summary === false ? undefined : e.summary || undefined,
    tags: [...e.countries, ...e.blocs].map((x) => x.name),
    sources: e.sources,
  };
}
