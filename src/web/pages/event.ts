// GET /event/<id>: one published event in full, its date with its precision, every source with its
// publisher, and its revision history: when and what changed, never who (editors stay private).
import type { EventRecord } from '../../domain/event-record.ts';
import { type FieldChange, fieldLabel } from '../../domain/history.ts';
import { KIND_LABELS } from '../../presentation/items.ts';
import type { PublicRevision } from '../../store/public.ts';
import { html, type Markup } from '../kit/html.ts';
import { entityLink, instantOf, precisionNote, sourceLink, timeOf } from '../kit/layout.ts';
import { feedPath } from '../kit/links.ts';
import { notFound, page, type PageAnswer, type PageContext } from './common.ts';

const ACTIONS: Record<PublicRevision['action'], string> = {
  seed: 'Recorded from the curated dataset',
  import: 'Recorded from an import',
  add: 'Recorded by an editor',
  approve: 'Recorded from the news, approved by an editor',
  edit: 'Corrected',
  delete: 'Withdrawn',
  restore: 'Restored',
  reject: 'Rejected',
};

function change(c: FieldChange): Markup {
  return html`<li>${fieldLabel(c.field)}: ${c.from !== undefined ? html`<del>${c.from}</del> ` : ''}${c.to !== undefined ? html`<ins>${c.to}</ins>` : html`(removed)`}</li>`;
}

function revision(r: PublicRevision): Markup {
  // A first recording lists no fields: they are the event shown above.
  const first = r.action === 'seed' || r.action === 'import' || r.action === 'add' || (r.action === 'approve' && r.revision === 1);
  return html`<li>${instantOf(r.at)}: ${ACTIONS[r.action]}${r.revision ? html` (revision ${r.revision})` : ''}
${!first && r.changes.length ? html`<ul>${r.changes.map(change)}</ul>` : ''}</li>\n`;
}

export async function eventPage(ctx: PageContext, rawId: string): Promise<PageAnswer> {
  const id = /^\d{1,12}$/.test(rawId) ? Number(rawId) : Number.NaN;
  const event: EventRecord | undefined = Number.isSafeInteger(id) ? await ctx.core.published.event(id) : undefined;
  if (!event) return notFound(ctx, 'event', rawId);
  const { revisions, truncated } = await ctx.core.published.history(event.id);
  const who = [...event.countries, ...event.blocs];
  const main = html`<article>
<h1>${event.title}</h1>
<dl class="facts">
<dt>Date</dt><dd>${timeOf(event.date)} <span class="note">(${precisionNote(event.date)})</span></dd>
<dt>Kind</dt><dd>${KIND_LABELS[event.kind]}</dd>
${who.length ? html`<dt>About</dt><dd>${who.map((x, i) => html`${i ? ', ' : ''}${entityLink(x)}`)}</dd>` : ''}
<dt>Event</dt><dd>#${event.id}</dd>
</dl>
${event.summary ? html`<p>${event.summary}</p>` : ''}
<h2 id="sources">Sources</h2>
<ul>${event.sources.map((s) => html`<li>${sourceLink(s)}</li>`)}</ul>
<h2 id="history">Revision history</h2>
<ol class="history">
${revisions.map(revision)}</ol>
${truncated ? html`<p class="note">Older revisions are not shown.</p>` : ''}
</article>`;
  return page(ctx, {
    title: event.title,
    description: `${event.title}: ${event.summary}`.slice(0, 300),
    main,
    feeds: [{ title: 'All events (Atom)', href: feedPath() }],
  });
}
