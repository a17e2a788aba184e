// GET /search?q=: full-text search over published events, ranked, paged by links. What was searched
// for is shown back only as escaped text (in the box and in the heading).
import * as z from 'zod';
import { html, type Markup } from '../kit/html.ts';
import { eventItem, pager } from '../kit/layout.ts';
import { feedPath, withQuery } from '../kit/links.ts';
import { limitParam, readQuery, searchOf } from '../kit/query.ts';
import { page, type PageAnswer, type PageContext } from './common.ts';

const PER_PAGE = 20;
const MAX_PAGES = 50;
const MAX_QUERY = 200;

const searchQuery = z.object({ q: z.string().optional(), page: limitParam(MAX_PAGES, 1) });

/** The store marks matches with \u0002…\u0003; here they become <mark>, everything else stays text. */
function excerpt(snippet: string): Markup {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: \u0002 and \u0003 are the store's match markers
  const parts = snippet.split(/([\u0002\u0003])/);
  const out: Markup[] = [];
  let marked = false;
  for (const p of parts) {
    if (p === '\u0002') marked = true;
    else if (p === '\u0003') marked = false;
    else if (p) out.push(marked ? html`<mark>${p}</mark>` : html`${p}`);
  }
  return html`${out}`;
}

function form(q: string): Markup {
  return html`<form role="search" method="get" action="/search" class="filters">
<div><label for="q">Search the events</label><input id="q" name="q" type="search" value="${q}" maxlength="${MAX_QUERY}"></div>
<div><button type="submit">Search</button></div>
</form>`;
}

export async function searchPage(ctx: PageContext, target: string): Promise<PageAnswer> {
  const parsed = readQuery(searchOf(target), searchQuery, { strict: false });
  const q = (parsed.ok ? (parsed.value.q ?? '') : (new URLSearchParams(searchOf(target)).get('q') ?? '')).slice(0, MAX_QUERY).trim();
  const pageNo = parsed.ok ? parsed.value.page : 1;
  const spec = (main: Markup, status: 200 | 400 = 200) =>
    page(
      ctx,
      {
        title: q ? `Search: ${q}` : 'Search',
        description: 'Full-text search over the published events.',
        main,
        feeds: [{ title: 'All events (Atom)', href: feedPath() }],
        searchBox: false,
      },
      status,
    );
  if (!parsed.ok) return spec(html`<h1>Search</h1>\n<p class="error" role="alert">${parsed.error}</p>\n${form(q)}`, 400);
  if (!q)
    return spec(
      html`<h1>Search</h1>\n${form('')}\n<p>Words from a title or summary: <a href="/search?q=ambassador">ambassador</a>, <a href="/search?q=frozen">frozen</a>, <a href="/search?q=observer">observer</a>.</p>`,
    );
  const { hits, hasMore } = await ctx.core.events.search(q, PER_PAGE, (pageNo - 1) * PER_PAGE);
  const link = (n: number) => withQuery('/search', { q, page: n > 1 ? String(n) : undefined });
  const main = html`<h1>Search: “${q}”</h1>
${form(q)}
${
  hits.length
    ? html`<p>${hits.length}${hasMore ? '+' : ''} ${hits.length === 1 ? 'event' : 'events'}${pageNo > 1 ? html` on page ${pageNo}` : ''}, best match first.</p>
<ol class="events">
${hits.map((h) => eventItem(h.event, { excerpt: excerpt(h.snippet) }))}</ol>`
    : html`<p>No events match “${q}”${pageNo > 1 ? ' on this page' : ''}.</p>`
}
${pager(pageNo > 1 ? link(pageNo - 1) : undefined, hasMore && pageNo < MAX_PAGES ? link(pageNo + 1) : undefined, ['← Better matches', 'More matches →'])}`;
  return spec(main);
}
