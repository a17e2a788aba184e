// /timeline <country> [bloc] [from] [to]: events newest first, paged with buttons whose state (filters
// and the keyset cursor) lives in the button id, so paging works after a restart and on any process.
import * as z from 'zod';
import { formatPartialDate } from '../src/domain/dates.ts';
import type { TimelineCursor } from '../src/domain/event-record.ts';
import { reply, type Action, type Reply } from '../src/reply.ts';
import { entityPath, withQuery } from '../src/web/kit/links.ts';
import { dataTo, fitToBudget, lookup, optionalDate, packDay, requiredText, toItem, unpackDay, webLink } from './shared.ts';
import type { CommandDef, Handler, HandlerContext } from './types.ts';

export const PAGE_SIZE = 5;

const schema = z.object({
  country: requiredText('country'),
  bloc: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined),
  from: optionalDate,
  to: optionalDate,
});
type Options = z.infer<typeof schema>;

interface PageState {
  entity: string;
  bloc?: string;
  from?: string;
  to?: string;
  direction: 'older' | 'newer';
  cursor?: TimelineCursor;
  page: number;
}

function encode(s: PageState): string {
  const cursor = s.cursor ? `${packDay(s.cursor.start)}.${s.cursor.id}` : '';
  return [
    'timeline',
    'page',
    s.entity,
    s.bloc ?? '',
    packDay(s.from),
    packDay(s.to),
    s.direction === 'older' ? 'o' : 'n',
    cursor,
    String(s.page),
  ].join(':');
}

function decode(args: string[]): PageState | undefined {
  const [entity, bloc, from, to, dir, cursor, page] = args;
  if (!entity || (dir !== 'o' && dir !== 'n')) return undefined;
  const [cs, cid] = (cursor ?? '').split('.');
  const start = unpackDay(cs);
  return {
    entity,
    bloc: bloc || undefined,
    from: unpackDay(from),
    to: unpackDay(to),
    direction: dir === 'o' ? 'older' : 'newer',
    cursor: start && cid && /^\d+$/.test(cid) ? { start, id: Number(cid) } : undefined,
    page: Math.max(1, Number(page) || 1),
  };
}

async function renderPage(ctx: HandlerContext, s: PageState, replaceOriginal: boolean): Promise<Reply> {
  const { core } = ctx;
  const entity = core.entities.get(s.entity);
  if (!entity) return reply.error('That timeline is no longer available. Run /timeline again.');
  const bloc = s.bloc ? core.entities.get(s.bloc) : undefined;
  const [result, currency] = await Promise.all([
    core.events.timeline({
      entityId: s.entity,
      blocId: s.bloc,
      from: s.from,
      to: s.to,
      cursor: s.cursor,
      direction: s.direction,
      limit: PAGE_SIZE,
    }),
    core.currency.read(),
  ]);
  const filters = [bloc ? bloc.name : undefined, rangeLabel(s.from, s.to)].filter(Boolean).join(' · ');
  const links = webLink(ctx, 'Full timeline', withQuery(entityPath(entity), { bloc: s.bloc, from: s.from, to: s.to }));
  const title = `${entity.name}: timeline${filters ? ` (${filters})` : ''}`;
  if (!result.events.length) {
    return reply.public(
      title,
      [
        {
          type: 'text',
          text: s.cursor
            ? 'No more events in this direction.'
            : `No events recorded for ${entity.name}${filters ? ` with these filters (${filters})` : ''}.`,
        },
      ],
      { replaceOriginal, footer: dataTo(currency), links },
    );
  }
  // Keep the page within the message budget; the keyset cursor makes a shorter page seamless.
  let items = result.events.map((e) => toItem(e));
  let events = result.events;
  let hasOlder = result.hasOlder;
  let hasNewer = result.hasNewer;
  const fitted = fitToBudget(items);
  if (fitted.length < items.length) {
    if (s.direction === 'older') {
      items = fitted;
      events = events.slice(0, fitted.length);
      hasOlder = true;
    } else {
      // Paging back: keep the events nearest the page we came from.
      items = items.slice(items.length - fitted.length);
      events = events.slice(events.length - fitted.length);
      hasNewer = true;
    }
  }
  const first = events[0]!;
  const last = events.at(-1)!;
  const base = { entity: s.entity, bloc: s.bloc, from: s.from, to: s.to };
  const actions: Action[] = [
    {
      id: encode({ ...base, direction: 'newer', cursor: { start: first.date.start, id: first.id }, page: s.page - 1 }),
      label: '◀ Newer',
      style: 'secondary',
      disabled: !hasNewer,
    },
    {
      id: encode({ ...base, direction: 'older', cursor: { start: last.date.start, id: last.id }, page: s.page + 1 }),
      label: 'Older ▶',
      style: 'secondary',
      disabled: !hasOlder,
    },
  ];
  return {
    ...reply.public(title, [{ type: 'events', events: items }], { replaceOriginal, links }),
    actions: hasOlder || hasNewer ? actions : undefined,
    footer: `Page ${s.page} · ${items.at(-1)!.date} – ${items[0]!.date} · newest first · ${dataTo(currency)}`,
  };
}

function rangeLabel(from?: string, to?: string): string | undefined {
  const f = from ? formatPartialDate({ text: from, precision: 'day' }) : undefined;
  const t = to ? formatPartialDate({ text: to, precision: 'day' }) : undefined;
  if (f && t) return `${f} – ${t}`;
  if (f) return `from ${f}`;
  if (t) return `until ${t}`;
  return undefined;
}

const handler: Handler<Options> = {
  name: 'timeline',
  description: "A country's events, newest first, with dates, summaries and sources",
  access: 'anyone',
  cached: true,
  options: [
    {
      name: 'country',
      description: 'Country (or bloc) name, code or capital',
      type: 'string',
      required: true,
      autocomplete: 'entity',
      maxLength: 100,
    },
    { name: 'bloc', description: 'Only events involving this bloc', type: 'string', autocomplete: 'bloc', maxLength: 100 },
    { name: 'from', description: 'From date: YYYY, YYYY-MM or YYYY-MM-DD', type: 'string', namedOnly: true, hint: '<date>', maxLength: 10 },
    { name: 'to', description: 'To date: YYYY, YYYY-MM or YYYY-MM-DD', type: 'string', namedOnly: true, hint: '<date>', maxLength: 10 },
  ],
  schema,
  examples: ['belarus', 'belarus from:2024-01 bloc:sco', 'armenia bloc:csto to:2023'],
  run(o, ctx) {
    const entity = lookup(ctx, o.country, undefined, 'country');
    if (!entity.ok) return entity.reply;
    let blocId: string | undefined;
    if (o.bloc) {
      const bloc = lookup(ctx, o.bloc, 'bloc', 'bloc');
      if (!bloc.ok) return bloc.reply;
      blocId = bloc.entity.id;
    }
    if (o.from && o.to && o.from.start > o.to.end) {
      return reply.error(`"from" (${o.from.text}) is after "to" (${o.to.text}); swap them.`);
    }
    return renderPage(
      ctx,
      { entity: entity.entity.id, bloc: blocId, from: o.from?.start, to: o.to?.end, direction: 'older', page: 1 },
      false,
    );
  },
};

export const timeline: CommandDef = {
  name: 'timeline',
  description: "A country's events, newest first",
  adminByDefault: false,
  handler,
  actions: {
    page: {
      access: 'anyone',
      cached: true,
      run(args, ctx) {
        const state = decode(args);
        return state ? renderPage(ctx, state, true) : reply.error('That button is no longer valid. Run /timeline again.');
      },
    },
  },
};
