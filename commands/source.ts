// /source add · list · remove · poll: the news feeds blocwatch reads. Editors add and remove them;
// anyone may see the list with each feed's health.
import * as z from 'zod';
import type { Core } from '../src/core.ts';
import { formatDay } from '../src/domain/dates.ts';
import { describeMiss } from '../src/domain/entities.ts';
import { intakeOf, intakeStores } from '../src/intake/pipeline/index.ts';
import { describeFailure } from '../src/intake/pipeline/failure-text.ts';
import { FetchFailure } from '../src/intake/net/failure.ts';
import { normalizeUrl } from '../src/intake/net/normalize-url.ts';
import type { SourceReport } from '../src/intake/pipeline/service.ts';
import { DuplicateSourceError, type IntakeSource } from '../src/store/sources.ts';
import { reply, type Inline, type Reply } from '../src/reply.ts';
import { optionalText, requiredText } from './shared.ts';
import type { CommandDef, Handler, HandlerContext } from './types.ts';

/** As DESIGN.md fixes it; a first poll reads at most MAX_ITEMS_PER_POLL of them, the rest in the next passes. */
export const BACKFILL_MAX = 100;

const idSchema = z.union([z.string(), z.number()], { error: 'give the source number, e.g. 3' }).transform((v, ctx) => {
  const s = String(v).trim().replace(/^#/, '');
  if (!/^\d{1,9}$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 20)}" is not a source number; /source list shows them` });
    return z.NEVER;
  }
  return Number(s);
});
const idOption = {
  name: 'id',
  description: 'Source number, as /source list shows it',
  type: 'integer',
  required: true,
  minValue: 1,
  hint: '<id>',
} as const;

const addSchema = z.object({
  url: requiredText('url', 500),
  name: optionalText(100),
  countries: optionalText(300),
  blocs: optionalText(300),
  backfill: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || String(v).trim() === '') return 0;
      const n = Number(String(v).trim());
      if (!Number.isInteger(n) || n < 0 || n > BACKFILL_MAX) {
        ctx.addIssue({ code: 'custom', message: `backfill must be a whole number from 0 to ${BACKFILL_MAX}` });
        return z.NEVER;
      }
      return n;
    }),
});

/** Comma-separated names to entity ids; every miss is reported. */
export function resolveScope(core: Core, text: string | undefined, kind: 'country' | 'bloc', problems: string[]): string[] {
  const ids: string[] = [];
  for (const name of (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const r = core.entities.resolve(name, kind);
    if (r.ok) ids.includes(r.entity.id) || ids.push(r.entity.id);
    else problems.push(`${kind === 'country' ? 'countries' : 'blocs'}: ${describeMiss(r, kind)}`);
  }
  return ids;
}

export const actorOf = (ctx: HandlerContext) => `${ctx.caller.platform}:${ctx.caller.userId}`;

function scopeText(core: Core, s: Pick<IntakeSource, 'countries' | 'blocs'>): string {
  const names = (ids: string[]) => ids.map((id) => core.entities.get(id)?.name ?? id).join(', ');
  const parts = [s.countries.length ? names(s.countries) : '', s.blocs.length ? names(s.blocs) : ''].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'every tracked country and bloc';
}

const add: Handler<z.infer<typeof addSchema>> = {
  name: 'add',
  description: 'Read a news feed (RSS, Atom, RDF or JSON Feed) and draft events from it',
  access: 'editor',
  options: [
    { name: 'url', description: 'The feed address (https://…)', type: 'string', required: true, maxLength: 500, hint: '<url>' },
    {
      name: 'name',
      description: 'Name shown for it (default: the feed title)',
      type: 'string',
      namedOnly: true,
      maxLength: 100,
      hint: '<name>',
    },
    {
      name: 'countries',
      description: 'Only articles about these countries (comma-separated)',
      type: 'string',
      autocomplete: 'country',
      namedOnly: true,
      maxLength: 300,
      hint: '<a,b>',
    },
    {
      name: 'blocs',
      description: 'Only articles about these blocs (comma-separated)',
      type: 'string',
      autocomplete: 'bloc',
      namedOnly: true,
      maxLength: 300,
      hint: '<a,b>',
    },
    {
      name: 'backfill',
      description: `Draft the newest N items already in the feed (0-${BACKFILL_MAX}, default 0)`,
      type: 'integer',
      namedOnly: true,
      minValue: 0,
      hint: '<N>',
    },
  ],
  schema: addSchema,
  examples: ['https://oc-media.org/feed/ countries:armenia', 'https://example.org/rss name:Example blocs:csto backfill:3'],
  async run(o, ctx) {
    const { core } = ctx;
    const problems: string[] = [];
    let url: URL | undefined;
    try {
      url = new URL(o.url);
    } catch {
      problems.push(`url: "${o.url.slice(0, 80)}" is not a web address; give the feed's full address, starting with https://`);
    }
    if (url && url.protocol !== 'https:' && url.protocol !== 'http:') problems.push('url: only http and https feeds can be read.');
    const countries = resolveScope(core, o.countries, 'country', problems);
    const blocs = resolveScope(core, o.blocs, 'bloc', problems);
    if (problems.length || !url)
      return reply.error('Nothing was added. Fix these and run /source add again:', {
        blocks: [
          { type: 'text', text: 'Nothing was added. Fix these and run /source add again:' },
          { type: 'list', items: problems },
        ],
      });

    const intake = await intakeOf(core);
    const urlKey = normalizeUrl(url.href);
    const existing = await intake.sources.byKey(urlKey);
    if (existing) return reply.error(`That feed is already source #${existing.id} (${existing.name}).`);
    let title: string | undefined;
    let items = 0;
    try {
      const { fetchFeed } = await import('../src/intake/pipeline/parts.ts');
      const r = await fetchFeed(url.href, intake.limits, {});
      title = r.feed?.title?.trim();
      items = r.feed?.items.length ?? 0;
    } catch (err) {
      if (err instanceof FetchFailure && err.code === 'not_a_feed') {
        const advertised = err.feedLinks?.length
          ? ` The page names its feed${err.feedLinks.length > 1 ? 's' : ''}: ${err.feedLinks.slice(0, 3).join(', ')}; add that instead.`
          : ' Look on the site for its RSS link.';
        return reply.error(
          `${url.href} is a web page, not a feed (RSS, Atom, RDF or JSON Feed), so nothing was added.${advertised} To make a draft from this one article, use /event import ${url.href}`,
        );
      }
      if (err instanceof FetchFailure) return reply.error(`Could not read ${url.href}: ${describeFailure(err)}. Nothing was added.`);
      throw err;
    }
    let source: IntakeSource;
    try {
      source = await intake.sources.add(
        {
          url: url.href,
          urlKey,
          name: (o.name ?? title ?? url.hostname).slice(0, 100),
          countries,
          blocs,
          backfill: o.backfill,
          addedBy: actorOf(ctx),
        },
        core.now(),
      );
    } catch (err) {
      if (err instanceof DuplicateSourceError) return reply.error(err.message);
      throw err;
    }
    const first = o.backfill
      ? `The first poll drafts the newest ${o.backfill} of its ${items} items and marks the rest seen.`
      : `Its ${items} current items are marked seen on the first poll; only new ones become drafts.`;
    return reply.private(
      `Source #${source.id} added: ${source.name}`,
      [
        { type: 'text', text: [`Scope: ${scopeText(core, source)}. `, first] },
        { type: 'note', text: `Polled on the schedule, or now with /source poll ${source.id}. Drafts wait in /review.` },
      ],
      { tone: 'success' },
    );
  },
};

function sourceLine(core: Core, s: IntakeSource): Inline[] {
  const health = s.disabledAt
    ? `⛔ disabled ${formatDay(s.disabledAt.slice(0, 10))}: ${s.disabledReason}`
    : `${s.lastOkAt ? `last ok ${formatDay(s.lastOkAt.slice(0, 10))}` : 'not polled yet'}${s.failures ? ` · ${s.failures} failure${s.failures === 1 ? '' : 's'} in a row (${s.lastError ?? ''})` : ''}`;
  return [{ bold: `#${s.id} ${s.name}` }, ' · ', { link: s.url, text: s.url }, ` · ${scopeText(core, s)} · ${health}`];
}

const list: Handler<Record<string, never>> = {
  name: 'list',
  description: 'The news sources blocwatch reads, and how each is doing',
  access: 'anyone',
  options: [],
  schema: z.object({}),
  examples: [''],
  async run(_o, { core }) {
    const sources = await intakeStores(core).sources.list();
    if (!sources.length)
      return reply.private('No news sources yet', [{ type: 'text', text: 'Editors add one with /source add <feed url>.' }]);
    return reply.private(`News sources (${sources.length})`, [{ type: 'list', items: sources.map((s) => sourceLine(core, s)) }]);
  },
};

const remove: Handler<{ id: number }> = {
  name: 'remove',
  description: 'Stop reading a source (its drafts stay in /review)',
  access: 'editor',
  options: [idOption],
  schema: z.object({ id: idSchema }),
  examples: ['3'],
  async run(o, { core }) {
    const { sources } = intakeStores(core);
    const s = await sources.get(o.id);
    if (!s || !(await sources.remove(o.id))) return reply.error(`No source #${o.id}. /source list shows them.`);
    return reply.private(
      `Source #${s.id} removed`,
      [{ type: 'text', text: `${s.name} is no longer read. Drafts already made from it stay in /review.` }],
      { tone: 'success' },
    );
  },
};

const poll: Handler<{ id: number }> = {
  name: 'poll',
  description: 'Read a source now and report what it drafted',
  access: 'editor',
  options: [idOption],
  schema: z.object({ id: idSchema }),
  examples: ['3'],
  async run(o, { core }) {
    const intake = await intakeOf(core);
    const s = await intake.sources.get(o.id);
    if (!s) return reply.error(`No source #${o.id}. /source list shows them.`);
    if (s.disabledAt)
      return reply.error(`Source #${s.id} is disabled: ${s.disabledReason}. Remove it and add it again once the feed works.`);
    const r = await intake.pass({ sourceId: s.id });
    if (!r.leased) return reply.error('Another blocwatch process is polling the sources right now; try again in a minute.');
    const p = r.polled[0];
    if (!p) return reply.error(`Source #${s.id} is being polled already; try again in a minute.`);
    return pollReply(p);
  },
};

function pollReply(p: SourceReport): Reply {
  if (p.status === 'failed' || p.status === 'disabled') {
    return reply.error(
      `Source #${p.sourceId} (${p.name}) could not be read: ${p.error}.${p.status === 'disabled' ? ' It is now disabled.' : ' It is retried later.'}`,
    );
  }
  if (p.status === 'not_modified')
    return reply.private(`Source #${p.sourceId}: nothing new`, [{ type: 'text', text: `${p.name} has not changed since the last poll.` }]);
  const lines = [
    ...p.drafted.map((d) => `New draft #${d.id}: ${d.title}`),
    ...p.merged.map((d) => `Further source for draft #${d.id}: ${d.title}`),
  ];
  return reply.private(
    `Source #${p.sourceId}: ${p.drafted.length} new draft${p.drafted.length === 1 ? '' : 's'}`,
    [
      { type: 'text', text: `${p.newItems} new item${p.newItems === 1 ? '' : 's'} in ${p.name}.` },
      ...(lines.length ? [{ type: 'list' as const, items: lines }] : []),
      { type: 'note', text: 'Review drafts with /review.' },
    ],
    { tone: 'success' },
  );
}

export const source: CommandDef = {
  name: 'source',
  description: 'The news sources blocwatch reads; editors add and remove them',
  adminByDefault: false,
  subcommands: [add, list, remove, poll],
};
