// /search <query>: full-text search over live events, best match first.
import * as z from 'zod';
import type { SearchHit } from '../src/domain/event-record.ts';
import { reply, type Inline, type Reply, type Text } from '../src/reply.ts';
import { fitToBudget, requiredText, toItem } from './shared.ts';
import type { CommandDef, Handler, HandlerContext } from './types.ts';

const PAGE_SIZE = 5;
/** Kept short so that the query fits in the paging buttons' ids (Discord: 100 characters). */
export const QUERY_MAX = 80;

const schema = z.object({ query: requiredText('query', QUERY_MAX) });

/** FTS5 snippets mark matches with \u0002…\u0003; turn them into bold runs. */
export function excerptText(snippet: string): Text {
  const out: Inline[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: \u0002 and \u0003 are the store's match markers
  const re = /\u0002([^\u0003]*)\u0003/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) out.push(snippet.slice(last, m.index));
    out.push({ bold: m[1]! });
    last = m.index + m[0].length;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: \u0002 and \u0003 are the store's match markers
  if (last < snippet.length) out.push(snippet.slice(last).replace(/[\u0002\u0003]/g, ''));
  return out;
}

/**
 * One page of results. Pages hold at most PAGE_SIZE hits, fewer when long ones would not fit one
 * message, so a page is named by where it starts (going on) or by where the page after it starts
 * (going back): either way, no result is skipped or shown twice.
 */
async function results(
  ctx: HandlerContext,
  query: string,
  at: number,
  replaceOriginal: boolean,
  direction: 'next' | 'prev' = 'next',
): Promise<Reply> {
  const start = direction === 'next' ? at : Math.max(0, at - PAGE_SIZE);
  const { hits, hasMore } = await ctx.core.events.search(query, direction === 'next' ? PAGE_SIZE : at - start, start);
  if (!hits.length) {
    return reply.public(
      `Search: ${query}`,
      [
        {
          type: 'text',
          text: at ? 'No more results.' : `Nothing matches "${query}". Try fewer or different words, or a country with /timeline.`,
        },
      ],
      { replaceOriginal },
    );
  }
  const all = hits.map((h: SearchHit) => ({ ...toItem(h.event, { summary: false }), excerpt: excerptText(h.snippet) }));
  // Going back, the page is the hits just before `at` that fit: fitted from the end.
  const items = direction === 'next' ? fitToBudget(all) : fitToBudget([...all].reverse()).reverse();
  const offset = direction === 'next' ? start : at - items.length;
  const more = direction === 'prev' || hasMore || items.length < hits.length;
  const nextOffset = offset + items.length;
  return {
    ...reply.public(`Search: ${query}`, [{ type: 'events', events: items }], { replaceOriginal }),
    actions:
      offset > 0 || more
        ? [
            { id: `search:prev:${offset}:${query}`, label: '◀ Previous', style: 'secondary', disabled: offset === 0 },
            { id: `search:page:${nextOffset}:${query}`, label: 'More ▶', style: 'secondary', disabled: !more },
          ]
        : undefined,
    footer: `Results ${offset + 1}–${offset + items.length}, best match first · /event show <number> for details`,
  };
}

/** Button state: a result offset (at most 5 digits) and the query, as `offset:query`. */
function pageAction(direction: 'next' | 'prev') {
  return {
    access: 'anyone' as const,
    cached: true,
    run(args: string[], ctx: HandlerContext) {
      const [offset, ...rest] = args;
      const query = rest.join(':');
      if (!/^\d{1,5}$/.test(offset ?? '') || !query) return reply.error('That button is no longer valid. Run /search again.');
      return results(ctx, query, Number(offset), true, direction);
    },
  };
}

const handler: Handler<z.infer<typeof schema>> = {
  name: 'search',
  description: 'Full-text search over events',
  access: 'anyone',
  cached: true,
  options: [{ name: 'query', description: 'Words to look for', type: 'string', required: true, rest: true, maxLength: QUERY_MAX }],
  schema,
  examples: ['ambassador', 'strategic partnership'],
  run: (o, ctx) => results(ctx, o.query, 0, false),
};

export const search: CommandDef = {
  name: 'search',
  description: 'Full-text search over events',
  adminByDefault: false,
  handler,
  actions: { page: pageAction('next'), prev: pageAction('prev') },
};
