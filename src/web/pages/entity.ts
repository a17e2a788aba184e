// GET /country/<id> and GET /bloc/<id>: who it is, its memberships, the membership chart, and its
// timeline with filters and pages. A bad filter is a 400 page that names it, with the form to fix it.
import type { Entity } from '../../domain/entities.ts';
import { STATUS_LABELS } from '../../store/membership.ts';
import { html, type Markup } from '../kit/html.ts';
import { entityLink, statusOf, timeOf } from '../kit/layout.ts';
import { feedPath } from '../kit/links.ts';
import { readQuery, searchOf } from '../kit/query.ts';
import { badRequest, findEntity, page, type PageAnswer, type PageContext } from './common.ts';
import { namedRoster, rosterTable } from './home.ts';
import { chartFigure, filterForm, timelinePage, timelineQuery, typedFilters, type TimelineFilters } from './timeline.ts';

function describe(e: Entity): Markup {
  const codes = [e.iso2, e.iso3].filter(Boolean).join(', ');
  return html`<p class="lede">${e.fullName ?? e.name}${codes ? html` · ISO ${codes}` : ''}</p>`;
}

/** The filters of a page's query, checked; the typed bloc name resolved to its id. */
async function filtersOf(
  ctx: PageContext,
  entity: Entity,
  target: string,
): Promise<{ ok: true; filters: TimelineFilters } | { ok: false; answer: PageAnswer }> {
  const search = searchOf(target);
  const typed = typedFilters(search);
  const blocs = await ctx.core.entities.list('bloc');
  const refuse = (param: string, error: string) => ({
    ok: false as const,
    answer: badRequest(ctx, `${entity.name}: timeline`, error, filterForm(entity, blocs, typed, { param })),
  });
  const q = readQuery(search, timelineQuery, { strict: false });
  if (!q.ok) return refuse(q.param, q.error);
  const { bloc, from, to, before, after } = q.value;
  let blocId: string | undefined;
  if (bloc && entity.kind === 'country') {
    const r = await ctx.core.entities.resolve(bloc, 'bloc');
    if (!r.ok) return refuse('bloc', `bloc: no bloc “${bloc}”${r.suggestion ? `; did you mean ${r.suggestion.name}?` : ''}`);
    blocId = r.entity.id;
  }
  if (from && to && from.start > to.end) return refuse('from', `from: ${from.text} is after to (${to.text}); swap them`);
  return { ok: true, filters: { blocId, from: from?.start, to: to?.end, before, after } };
}

export async function countryPage(ctx: PageContext, rawId: string, target: string): Promise<PageAnswer> {
  const found = await findEntity(ctx, rawId, 'country', target.includes('?') ? `?${searchOf(target)}` : '');
  if (!found.ok) return found.answer;
  const country = found.entity;
  const checked = await filtersOf(ctx, country, target);
  if (!checked.ok) return checked.answer;
  const memberships = await ctx.core.memberships.blocsOf(country.id, ctx.today);
  const rows = [];
  for (const m of memberships) {
    const bloc = await ctx.core.entities.get(m.blocId);
    if (bloc) rows.push(html`<li>${entityLink(bloc)}: ${statusOf(m.status)} since ${timeOf(m.since)}</li>\n`);
  }
  const blocs = await ctx.core.entities.list('bloc');
  const typed = typedFilters(searchOf(target));
  const main = html`<h1>${country.name}</h1>
${describe(country)}
<h2 id="blocs">In the blocs</h2>
${rows.length ? html`<ul>\n${rows}</ul>` : html`<p>${country.name} has no membership in the blocs followed here.</p>`}
${await chartFigure(ctx, country)}
<h2 id="timeline">Timeline</h2>
${filterForm(country, blocs, typed)}
${await timelinePage(ctx, country, checked.filters, typed)}`;
  return page(ctx, {
    title: `${country.name}: timeline`,
    description: `${country.name}'s events and membership in the CSTO and the blocs around it, dated and sourced.`,
    main,
    feeds: [
      { title: `${country.name} (Atom)`, href: feedPath(country) },
      { title: 'All events (Atom)', href: feedPath() },
    ],
  });
}

export async function blocPage(ctx: PageContext, rawId: string, target: string): Promise<PageAnswer> {
  const found = await findEntity(ctx, rawId, 'bloc', target.includes('?') ? `?${searchOf(target)}` : '');
  if (!found.ok) return found.answer;
  const bloc = found.entity;
  const checked = await filtersOf(ctx, bloc, target);
  if (!checked.ok) return checked.answer;
  const roster = await namedRoster(ctx, bloc.id);
  const history = await ctx.core.memberships.blocHistory(bloc.id);
  const names = new Map(roster.map((r) => [r.row.countryId, r.name]));
  const changes = history.map(
    (h) =>
      html`<li>${timeOf(h.since)}: ${entityLink({ id: h.countryId, kind: 'country', name: names.get(h.countryId) ?? h.countryId })}, ${STATUS_LABELS[h.status].toLowerCase()}</li>\n`,
  );
  const typed = typedFilters(searchOf(target));
  const main = html`<h1>${bloc.name}</h1>
${describe(bloc)}
<h2 id="members">Members</h2>
${roster.length ? rosterTable(roster, `${bloc.name} members: status and since when`) : html`<p>No memberships recorded for ${bloc.name}.</p>`}
${await chartFigure(ctx, bloc)}
${history.length ? html`<h2 id="history">Membership history</h2>\n<ul class="changes">\n${changes}</ul>` : ''}
<h2 id="timeline">Events</h2>
${filterForm(bloc, [], typed)}
${await timelinePage(ctx, bloc, checked.filters, typed)}`;
  return page(ctx, {
    title: `${bloc.name}: members and history`,
    description: `${bloc.fullName ?? bloc.name}: members with their status and since when, membership history and events.`,
    main,
    feeds: [
      { title: `${bloc.name} (Atom)`, href: feedPath(bloc) },
      { title: 'All events (Atom)', href: feedPath() },
    ],
  });
}
