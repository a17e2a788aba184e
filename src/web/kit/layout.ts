// The page shell and the pieces every page is made of: dates in <time>, events, statuses, pagers.
// Links inside the site are root-relative; feeds and chat answers use PUBLIC_URL (see links.ts).
import { formatPartialDate, type PartialDate } from '../../domain/dates.ts';
import type { Entity } from '../../domain/entities.ts';
import type { EventRecord } from '../../domain/event-record.ts';
import type { MembershipStatus } from '../../domain/types.ts';
import { KIND_LABELS } from '../../presentation/items.ts';
import { STATUS_LABELS } from '../../store/membership.ts';
import { html, type Markup } from './html.ts';
import { entityPath, eventPath, safeHref } from './links.ts';

export interface FeedLink {
  title: string;
  href: string;
}

export interface PageSpec {
  title: string;
  description: string;
  main: Markup;
  /** Atom feeds of what the page shows, offered to feed readers with <link rel="alternate">. */
  feeds: FeedLink[];
  /** The search box in the header; off on the search page, which has its own. */
  searchBox?: boolean;
}

const NAV: readonly [string, string][] = [
  ['/bloc/csto', 'CSTO'],
  ['/country/armenia', 'Armenia'],
  ['/country/belarus', 'Belarus'],
  ['/search', 'Search'],
];

export function document(p: PageSpec, dataTo: string): Markup {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} · blocwatch</title>
<meta name="description" content="${p.description}">
<link rel="stylesheet" href="/style.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${p.feeds.map((f) => html`<link rel="alternate" type="application/atom+xml" title="${f.title}" href="${f.href}">\n`)}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">blocwatch</a>
<nav aria-label="Site"><ul>${NAV.map(([href, label]) => html`<li><a href="${href}">${label}</a></li>`)}</ul></nav>
${
  p.searchBox !== false &&
  html`<form role="search" action="/search" method="get"><label class="skip" for="site-q">Search events</label><input id="site-q" name="q" type="search" placeholder="Search events"><button type="submit">Search</button></form>`
}
</header>
<main id="main">
${p.main}
</main>
<footer class="foot">
<p>${dataTo}. Every event is dated with its precision and sourced. ${p.feeds.map((f, i) => html`${i ? ' · ' : ''}<a href="${f.href}">${f.title}</a>`)} · <a href="/api/v1/events">JSON API</a></p>
</footer>
</body>
</html>
`;
}

/** A date as a reader reads it and as a machine does: '22 Feb 2024' in <time datetime="2024-02-22">. */
export function timeOf(d: Pick<PartialDate, 'text' | 'precision'>): Markup {
  return html`<time datetime="${d.text}">${formatPartialDate(d)}</time>`;
}

/** A stored timestamp ('2025-01-02T10:00:00.000Z') as a date and UTC time. */
export function instantOf(iso: string): Markup {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return html`${iso}`;
  const day = formatPartialDate({ text: at.toISOString().slice(0, 10), precision: 'day' });
  return html`<time datetime="${at.toISOString()}">${day}, ${at.toISOString().slice(11, 16)} UTC</time>`;
}

const STATUS_TONES: Record<MembershipStatus, string> = {
  member: 'ok',
  founding_member: 'ok',
  observer: 'ok',
  dialogue_partner: 'ok',
  applicant: 'warn',
  frozen: 'warn',
  suspended: 'warn',
  withdrawn: 'off',
};

export function statusOf(status: MembershipStatus): Markup {
  return html`<span class="status status-${STATUS_TONES[status]}">${STATUS_LABELS[status]}</span>`;
}

export function entityLink(e: Pick<Entity, 'id' | 'kind' | 'name'>): Markup {
  return html`<a href="${entityPath(e)}">${e.name}</a>`;
}

const PRECISION_WORDS = { day: 'known to the day', month: 'known to the month', year: 'known to the year' } as const;

export function precisionNote(d: PartialDate): string {
  return PRECISION_WORDS[d.precision];
}

/** A source as a link when its address is http(s), as text otherwise: escaping alone would not stop a javascript: URL. */
export function sourceLink(s: { url: string; publisher: string }): Markup {
  const href = safeHref(s.url);
  return href ? html`<a href="${href}" rel="external noopener noreferrer">${s.publisher || href}</a>` : html`${s.publisher} (${s.url})`;
}

/** One event in a list: date, kind and who, the title linking to the event's page, its summary and sources. */
export function eventItem(e: EventRecord, opts: { excerpt?: Markup; headingLevel?: 2 | 3 } = {}): Markup {
  const who = [...e.countries, ...e.blocs];
  const title = html`<a href="${eventPath(e.id)}">${e.title}</a>`;
  return html`<li><article>
<p class="meta">${timeOf(e.date)} · ${KIND_LABELS[e.kind]}${who.length ? html` · ${who.map((x, i) => html`${i ? ', ' : ''}${entityLink(x)}`)}` : ''}</p>
${opts.headingLevel === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}
${opts.excerpt ? html`<p>${opts.excerpt}</p>` : e.summary ? html`<p>${e.summary}</p>` : ''}
${e.sources.length ? html`<p class="sources">Sources: ${e.sources.map((s, i) => html`${i ? ', ' : ''}${sourceLink(s)}`)}</p>` : ''}
</article></li>
`;
}

export function eventList(events: readonly EventRecord[], empty: string): Markup {
  if (!events.length) return html`<p>${empty}</p>`;
  return html`<ol class="events">
${events.map((e) => eventItem(e))}</ol>`;
}

/** Links to the previous and next pages; a missing side is left out, not shown disabled. */
export function pager(
  prev: string | undefined,
  next: string | undefined,
  labels: readonly [string, string] = ['← Newer events', 'Older events →'],
): Markup {
  if (!prev && !next) return html``;
  return html`<nav class="pager" aria-label="Pages">
<span>${prev ? html`<a href="${prev}" rel="prev">${labels[0]}</a>` : ''}</span>
<span>${next ? html`<a href="${next}" rel="next">${labels[1]}</a>` : ''}</span>
</nav>`;
}
