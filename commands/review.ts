// /review: the queue of draft events made from the news, one card at a time, oldest first. Approve
// publishes (a new event, or a further source of a published one), Edit opens the event form prefilled
// and approves what the editor saves, Reject drops it. Every button carries the draft id only.
import * as z from 'zod';
import type { EventKind } from '../src/domain/types.ts';
import { EVENT_KINDS, type EventField } from '../src/domain/event-input.ts';
import { draftCard } from '../src/intake/pipeline/card.ts';
import { withSources, type Draft } from '../src/intake/pipeline/drafts.ts';
import { intakeStores } from '../src/intake/pipeline/index.ts';
import { reply, type Action, type Reply } from '../src/reply.ts';
import { eventForm, submitted } from './event.ts';
import { actorOf } from './source.ts';
import { toItem } from './shared.ts';
import type { CommandDef, Handler, HandlerContext } from './types.ts';

const EMPTY_QUEUE = 'No drafts are waiting. New ones arrive as the news sources are polled (/source list), or from /event import <url>.';

/** The card of one pending draft with Previous / Next buttons through the queue. */
async function queueCard(ctx: HandlerContext, d: Draft, replaceOriginal: boolean): Promise<Reply> {
  const drafts = intakeStores(ctx.core).drafts;
  const [total, rank, older, newer] = await Promise.all([
    drafts.pendingCount(),
    drafts.pendingRank(d.id),
    drafts.pendingBefore(d.id),
    drafts.pending(1, d.id),
  ]);
  const hasOlder = older !== undefined;
  const hasNewer = newer.length > 0;
  const nav: Action[] =
    hasOlder || hasNewer
      ? [
          { id: `review:show:${d.id}:p`, label: '◀ Previous', style: 'secondary', disabled: !hasOlder },
          { id: `review:show:${d.id}:n`, label: 'Next ▶', style: 'secondary', disabled: !hasNewer },
        ]
      : [];
  return draftCard(ctx.core, d, {
    extraActions: nav,
    replaceOriginal,
    footer: `Draft ${rank} of ${total} waiting · oldest first`,
  });
}

/** After a decision: the next waiting draft, if any, in place of the one decided. */
async function nextAfter(ctx: HandlerContext, id: number): Promise<Action[]> {
  const drafts = intakeStores(ctx.core).drafts;
  const next = (await drafts.pending(1, id))[0] ?? (await drafts.pending(1))[0];
  return next ? [{ id: `review:show:${next.id - 1}:n`, label: 'Next draft ▶', style: 'primary' }] : [];
}

const handler: Handler<{ draft?: number }> = {
  name: 'review',
  description: 'Draft events made from the news: approve, edit or reject them',
  access: 'editor',
  options: [
    { name: 'draft', description: 'Open this draft (default: the oldest waiting)', type: 'integer', minValue: 1, hint: '<draft number>' },
  ],
  schema: z.object({
    draft: z
      .union([z.string(), z.number()])
      .optional()
      .transform((v, zc) => {
        const s = v === undefined ? '' : String(v).trim().replace(/^#/, '');
        if (s === '') return undefined;
        if (!/^\d{1,12}$/.test(s)) {
          zc.addIssue({ code: 'custom', message: `"${s.slice(0, 20)}" is not a draft number` });
          return z.NEVER;
        }
        return Number(s);
      }),
  }),
  examples: ['', '12'],
  async run(o, ctx) {
    if (o.draft !== undefined) {
      const d = await intakeStores(ctx.core).drafts.get(o.draft);
      if (!d) return reply.error(`No draft #${o.draft}. /review lists the waiting ones.`);
      return d.status === 'pending' ? queueCard(ctx, d, false) : draftCard(ctx.core, d);
    }
    const first = (await intakeStores(ctx.core).drafts.pending(1))[0];
    if (!first) return reply.private('Nothing to review', [{ type: 'text', text: EMPTY_QUEUE }]);
    return queueCard(ctx, first, false);
  },
};

const draftId = (s: string | undefined) => (s && /^\d{1,12}$/.test(s) ? Number(s) : undefined);
const parseKind = (s: string | undefined): EventKind | undefined =>
  (EVENT_KINDS as readonly string[]).includes(s ?? '') ? (s as EventKind) : undefined;

async function formValues(ctx: HandlerContext, d: Draft): Promise<{ values: Record<EventField, string>; revision: number | undefined }> {
  const names = (ids: string[]) => ids.map((id) => ctx.core.entities.get(id)?.name ?? id);
  const target = d.eventId !== null ? await ctx.core.events.get(d.eventId) : undefined;
  if (target) {
    // A further source for a published event: the form shows that event with the new article added.
    const merged = (() => {
      try {
        return withSources(target, d).sources;
      } catch {
        return [...target.sources, ...d.sources];
      }
    })();
    return {
      values: {
        title: target.title,
        date: target.date.text,
        countries: [...target.countries, ...target.blocs].map((e) => e.name).join(', '),
        summary: target.summary,
        sources: merged.map((s) => s.url).join('\n'),
      },
      revision: target.revision,
    };
  }
  return {
    values: {
      title: d.title,
      date: d.date.text,
      countries: [...names(d.countries), ...names(d.blocs)].join(', '),
      summary: d.summary,
      sources: d.sources.map((s) => s.url).join('\n'),
    },
    revision: undefined,
  };
}

export const review: CommandDef = {
  name: 'review',
  description: 'Review draft events made from the news',
  // Editors need not hold Manage Server: the handler checks who is an editor.
  adminByDefault: false,
  handler,
  actions: {
    show: {
      access: 'editor',
      async run([from, dir], ctx) {
        const drafts = intakeStores(ctx.core).drafts;
        const at = draftId(from) ?? 0;
        const d = dir === 'p' ? await drafts.pendingBefore(at) : (await drafts.pending(1, at))[0];
        if (!d) {
          const any = (await drafts.pending(1))[0];
          return any
            ? queueCard(ctx, any, true)
            : reply.private('Nothing to review', [{ type: 'text', text: EMPTY_QUEUE }], { replaceOriginal: true });
        }
        return queueCard(ctx, d, true);
      },
    },
    approve: {
      access: 'editor',
      async run([id], ctx) {
        const n = draftId(id);
        if (n === undefined) return reply.error('That button is no longer valid. Run /review again.');
        const event = await intakeStores(ctx.core).drafts.approve(n, actorOf(ctx), ctx.core.now());
        return reply.private(`Draft #${n} approved: event #${event.id}`, [{ type: 'events', events: [toItem(event)] }], {
          tone: 'success',
          replaceOriginal: true,
          actions: await nextAfter(ctx, n),
          footer: `It shows in /timeline ${event.countries[0]?.id ?? ''} and in the next digests · /event edit ${event.id} to correct it`,
        });
      },
    },
    reject: {
      access: 'editor',
      async run([id], ctx) {
        const n = draftId(id);
        if (n === undefined) return reply.error('That button is no longer valid. Run /review again.');
        const d = await intakeStores(ctx.core).drafts.reject(n, actorOf(ctx), ctx.core.now());
        return reply.private(`Draft #${n} rejected`, [{ type: 'text', text: `"${d.title}" will not be published.` }], {
          replaceOriginal: true,
          actions: await nextAfter(ctx, n),
        });
      },
    },
    edit: {
      access: 'editor',
      async run([id], ctx) {
        const d = await intakeStores(ctx.core).drafts.get(draftId(id) ?? 0);
        if (!d) return reply.error('That draft no longer exists. Run /review again.');
        if (d.status !== 'pending') return reply.error(`Draft #${d.id} was already ${d.status}.`);
        const { values, revision } = await formValues(ctx, d);
        return eventForm(`review:edit:${d.id}:${d.kind}:${revision ?? ''}`, `Edit draft #${d.id}`.slice(0, 24), 'Approve', values);
      },
    },
  },
  forms: {
    edit: {
      access: 'editor',
      run([id, kind, revision], values, ctx) {
        const intake = intakeStores(ctx.core);
        const n = draftId(id) ?? 0;
        const k = parseKind(kind) ?? 'other';
        const rev = draftId(revision);
        const form = eventForm(`review:edit:${n}:${k}:${revision ?? ''}`, `Edit draft #${n}`.slice(0, 24), 'Approve');
        return submitted(
          ctx,
          form,
          values,
          k,
          async (r) => {
            const d = await intake.drafts.get(n);
            // The form carries URLs only: an article from the draft or the event keeps its publisher name.
            const known = new Map<string, string>([...(d?.sources ?? []).map((s) => [s.url, s.publisher] as const)]);
            if (d?.eventId) for (const s of (await ctx.core.events.get(d.eventId))?.sources ?? []) known.set(s.url, s.publisher);
            const edited = { ...r.value, sources: r.value.sources.map((s) => ({ ...s, publisher: known.get(s.url) ?? s.publisher })) };
            return intake.drafts.approve(n, actorOf(ctx), ctx.core.now(), edited, rev);
          },
          'approved',
        );
      },
    },
  },
};
