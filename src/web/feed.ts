// Atom 1.0 feeds of published events: everything, one country's or one bloc's. Newest first by when an
// event was recorded or last corrected, so a correction comes back to the top with a new <updated>;
// entry ids never change (tag URIs on the event number), so readers update an entry rather than repeat it.
import type { Entity } from '../domain/entities.ts';
import type { EventRecord } from '../domain/event-record.ts';
import { formatPartialDate } from '../domain/dates.ts';
import { KIND_LABELS } from '../presentation/items.ts';
import { toText, xml, type Markup } from './kit/html.ts';
import { absolute, entityPath, eventPath, feedPath, safeHref } from './kit/links.ts';

export const FEED_ENTRIES = 50;
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

/** Stable for ever: neither PUBLIC_URL nor a title goes into an id. */
const TAG = 'tag:blocwatch,2025:';

function entry(e: EventRecord, base: string | undefined): Markup {
  const who = [...e.countries, ...e.blocs].map((x) => x.name).join(', ');
  const summary = `${formatPartialDate(e.date)} · ${KIND_LABELS[e.kind]}${who ? ` · ${who}` : ''}. ${e.summary}`.trim();
  return xml`  <entry>
    <id>${TAG}event/${e.id}</id>
    <title type="text">${e.title}</title>
    <link rel="alternate" type="text/html" href="${absolute(base, eventPath(e.id))}"/>
${e.sources.map((s) => {
  const href = safeHref(s.url);
  return href ? xml`    <link rel="related" type="text/html" href="${href}" title="${s.publisher}"/>\n` : '';
})}    <published>${e.createdAt}</published>
    <updated>${e.updatedAt}</updated>
    <category term="${e.kind}" label="${KIND_LABELS[e.kind]}"/>
${[...e.countries, ...e.blocs].map((x) => xml`    <category term="${x.id}" label="${x.name}" scheme="${TAG}${x.kind}"/>\n`)}    <summary type="text">${summary}</summary>
  </entry>
`;
}

/** The whole feed document; `updated` is the newest entry's, or the dataset's last change for an empty feed. */
export function atomFeed(o: { about?: Entity; events: readonly EventRecord[]; base: string | undefined; changedAt: string }): string {
  const { about, events, base } = o;
  const title = about ? `blocwatch: ${about.name}` : 'blocwatch: the CSTO and the blocs around it';
  const subtitle = about
    ? `Published events about ${about.fullName ?? about.name}, dated and sourced.`
    : 'Published events about the CSTO and the blocs around it, dated and sourced.';
  // ISO times in UTC order as text.
  const updated =
    events
      .map((e) => e.updatedAt)
      .sort()
      .at(-1) ||
    o.changedAt ||
    '1970-01-01T00:00:00.000Z';
  return toText(xml`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${TAG}${about ? `${about.kind}/${about.id}` : 'all'}</id>
  <title type="text">${title}</title>
  <subtitle type="text">${subtitle}</subtitle>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${absolute(base, feedPath(about))}"/>
  <link rel="alternate" type="text/html" href="${absolute(base, about ? entityPath(about) : '/')}"/>
  <author><name>blocwatch</name></author>
  <generator>blocwatch</generator>
${events.map((e) => entry(e, base))}</feed>
`);
}
