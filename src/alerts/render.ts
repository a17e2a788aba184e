// An alert as a neutral Reply: the event drawn as a timeline entry is (date, kind, number, title, summary,
// sources), under a title that says what kind of news it is, with the subscription's filters in the
// footer. Always one message: an entry too long for one (five long source addresses and a full
// summary) has its summary shortened, with where to read the rest.
import type { Core } from '../core.ts';
import type { EventRecord } from '../domain/event-record.ts';
import type { EventFilter } from '../domain/filters.ts';
import { KIND_LABELS, toItem } from '../presentation/items.ts';
import type { Reply } from '../reply.ts';

export function alertReply(core: Core, event: EventRecord, filter: EventFilter, summaryMax?: number): Reply {
  const item = toItem(event);
  if (summaryMax !== undefined && item.summary && item.summary.length > summaryMax)
    item.summary = `${item.summary.slice(0, summaryMax).trimEnd()}… (the rest: /event show ${event.id})`;
  const base = core.settings.publicUrl;
  return {
    kind: 'reply',
    visibility: 'public',
    tone: 'warning',
    title: `Alert · ${KIND_LABELS[event.kind]}`,
    blocks: [{ type: 'events', events: [item] }],
    ...(base ? { links: [{ label: 'Open on the web', url: `${base}/event/${event.id}` }] } : {}),
    footer: `blocwatch alert · ${filterText(core, filter)} · /event show ${event.id} for details`,
  };
}

/** "Status changes · Armenia, Belarus · CSTO": what a subscription asked for, in words. */
export function filterText(core: Core, f: EventFilter): string {
  const names = (ids: readonly string[]) => ids.map((id) => core.entities.get(id)?.name ?? id).join(', ');
  const kinds = f.kinds?.length ? f.kinds.map((k) => KIND_LABELS[k]).join(', ') : 'every kind';
  return [kinds, f.countries.length ? names(f.countries) : '', f.blocs.length ? `in ${names(f.blocs)}` : ''].filter(Boolean).join(' · ');
}

/**
 * The bodies of an alert's one message: drawn in full when it fits one, else with the summary
 * shortened until it does (a renderer never cuts text silently, so it would split instead).
 */
export function drawAlert(core: Core, event: EventRecord, filter: EventFilter, render: (r: Reply) => string[]): string {
  let bodies = render(alertReply(core, event, filter));
  for (let max = 1200; bodies.length > 1 && max >= 0; max -= 300) bodies = render(alertReply(core, event, filter, max));
  return bodies[0]!;
}
