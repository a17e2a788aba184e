// An entity's timeline on its page: the filter form (a plain GET form: bloc, from, to), a page of
// events newest first, and links to the newer and older pages that keep the filters.
import * as z from 'zod';
import type { Entity } from '../../domain/entities.ts';
import type { TimelineCursor } from '../../domain/event-record.ts';
import { chartsOf } from '../../chart/index.ts';
import { STATUS_LABELS } from '../../store/membership.ts';
import { html, type Markup } from '../kit/html.ts';
import { eventList, pager } from '../kit/layout.ts';
import { chartPath, entityPath, withQuery } from '../kit/links.ts';
import { dateParam, nameParam, positionParam, writePosition } from '../kit/query.ts';
import type { PageContext } from './common.ts';

export const WEB_PAGE_SIZE = 20;

export const timelineQuery = z.object({ bloc: nameParam, from: dateParam, to: dateParam, before: positionParam, after: positionParam });

/** The filters as they were typed, to put back in the form. */
interface Typed {
  bloc?: string;
  from?: string;
  to?: string;
}

export function typedFilters(search: string): Typed {
  const q = new URLSearchParams(search);
  const get = (k: string) => q.get(k)?.slice(0, 100) || undefined;
  return { bloc: get('bloc'), from: get('from'), to: get('to') };
}

export function filterForm(entity: Entity, blocs: readonly Entity[], typed: Typed, problem?: { param: string }): Markup {
  const invalid = (name: string) => (problem?.param === name ? html` aria-invalid="true" aria-describedby="problem"` : '');
  const field = (name: 'from' | 'to', label: string) =>
    html`<div><label for="f-${name}">${label}</label><input id="f-${name}" name="${name}" type="text" inputmode="numeric" placeholder="YYYY-MM-DD" value="${typed[name] ?? ''}"${invalid(name)}></div>`;
  return html`<form class="filters" method="get" action="${entityPath(entity)}" aria-label="Filter the timeline">
${
  entity.kind === 'country'
    ? html`<div><label for="f-bloc">Bloc</label><select id="f-bloc" name="bloc"${invalid('bloc')}><option value="">All blocs</option>${blocs.map(
        (b) => html`<option value="${b.id}"${typed.bloc === b.id ? ' selected' : ''}>${b.name}</option>`,
      )}</select></div>`
    : ''
}
${field('from', 'From')}
${field('to', 'To')}
<div><button type="submit">Filter</button></div>
<p class="note">Dates as YYYY, YYYY-MM or YYYY-MM-DD. <a href="${entityPath(entity)}#timeline">Clear the filters</a></p>
</form>`;
}

export interface TimelineFilters {
  blocId?: string;
  from?: string;
  to?: string;
  before?: TimelineCursor;
  after?: TimelineCursor;
}

/** One page of the timeline with its pager; the pager's links carry the filters as typed. */
export async function timelinePage(ctx: PageContext, entity: Entity, f: TimelineFilters, typed: Typed): Promise<Markup> {
  const result = await ctx.core.events.timeline({
    entityId: entity.id,
    blocId: f.blocId,
    from: f.from,
    to: f.to,
    cursor: f.after ?? f.before,
    direction: f.after ? 'newer' : 'older',
    limit: WEB_PAGE_SIZE,
  });
  const first = result.events[0];
  const last = result.events.at(-1);
  const link = (k: 'before' | 'after', c: TimelineCursor) =>
    `${withQuery(entityPath(entity), { bloc: f.blocId, from: typed.from, to: typed.to, [k]: writePosition(c) })}#timeline`;
  const filtered = f.blocId || f.from || f.to;
  const empty =
    f.before || f.after
      ? 'No more events in this direction.'
      : `No events recorded for ${entity.name}${filtered ? ' with these filters' : ''}.`;
  return html`${eventList(result.events, empty)}
${pager(
  result.hasNewer && first ? link('after', { start: first.date.start, id: first.id }) : undefined,
  result.hasOlder && last ? link('before', { start: last.date.start, id: last.id }) : undefined,
)}`;
}

/** The membership chart the chat commands post, from the same cache, with its history in words beside it. */
export async function chartFigure(ctx: PageContext, entity: Entity): Promise<Markup> {
  const charts = chartsOf(ctx.core);
  const chart = await (entity.kind === 'bloc' ? charts.bloc(entity.id) : charts.country(entity.id));
  if (!chart) return html``;
  const { width, height } = pngSize(chart.png);
  const alt =
    entity.kind === 'bloc'
      ? `Chart of ${entity.name} membership since 1991`
      : `Chart of ${entity.name}'s membership in the blocs since 1991`;
  return html`<figure>
<img src="${chartPath(entity)}" alt="${alt}" width="${width}" height="${height}">
<figcaption>${chart.data.input.title}, data to ${chart.data.input.dataTo}:
<ul>${chart.data.roster.map((line) => html`<li>${line.label}: ${line.steps.map((s, i) => html`${i ? '; ' : ''}${STATUS_LABELS[s.status]} from ${s.since}`)}</li>`)}</ul>
</figcaption>
</figure>`;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
