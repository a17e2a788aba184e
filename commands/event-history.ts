// /event history <id> (anyone): every revision of an event, newest first — when, who (platform and
// user), and which fields went from what to what; deletes, restores and approvals included. Long
// histories are paged to the reply budget with buttons that name their page.
import * as z from 'zod';
import { formatDay } from '../src/domain/dates.ts';
import { type FieldChange, fieldLabel, type Revision } from '../src/domain/history.ts';
import { reply, REPLY_TEXT_BUDGET, textLength, type Block, type Inline, type Reply, type Text } from '../src/reply.ts';
import { eventId } from './shared.ts';
import type { ActionHandler, Handler, HandlerContext } from './types.ts';

/** A changed value longer than this is shown shortened, with an ellipsis; /event show has it whole. */
const VALUE_MAX = 200;
const PAGES_MAX = 999;

const ACTION_LABELS: Record<Revision['action'], string> = {
  add: 'added',
  edit: 'edited',
  delete: 'deleted',
  restore: 'restored',
  seed: 'loaded from the curated dataset',
  import: 'imported',
  approve: 'approved from review',
  reject: 'rejected in review',
};

const clip = (s: string) => (s.length > VALUE_MAX ? `${s.slice(0, VALUE_MAX - 1)}…` : s);

function who(r: Revision): string {
  if (r.platform === 'discord') return `Discord user ${r.user}`;
  if (r.platform === 'slack') return `Slack user ${r.user}`;
  if (r.platform === 'console') return `console (${r.user})`;
  if (r.user.startsWith('blocwatch:')) return 'blocwatch';
  return r.user;
}

function changeLine(c: FieldChange): Text {
  const label = { bold: fieldLabel(c.field) };
  if (c.from === undefined) return [label, `: ${clip(c.to ?? '')}`];
  if (c.to === undefined) return [label, `: removed (was "${clip(c.from)}")`];
  return [label, `: "${clip(c.from)}" → "${clip(c.to)}"`];
}

function revisionBlocks(r: Revision): Block[] {
  const when = `${formatDay(r.at.slice(0, 10))} ${r.at.slice(11, 16)} UTC`;
  const head: Inline[] = [
    { bold: when },
    ` · ${ACTION_LABELS[r.action] ?? r.action}${r.draft ? ` from review of draft #${r.draft}` : ''} by ${who(r)}${r.revision ? ` · revision ${r.revision}` : ''}`,
  ];
  const blocks: Block[] = [{ type: 'text', text: head }];
  if (r.changes.length) blocks.push({ type: 'list', items: r.changes.map(changeLine) });
  return blocks;
}

const blocksLength = (blocks: Block[]) =>
  blocks.reduce(
    (n, b) => n + (b.type === 'text' ? textLength(b.text) : b.type === 'list' ? b.items.reduce((m, t) => m + textLength(t) + 4, 0) : 0) + 2,
    0,
  );

/** Revisions cut into pages that each fit one reply; the same history always pages the same way. */
function paginate(revisions: Revision[]): Block[][][] {
  const pages: Block[][][] = [];
  let page: Block[][] = [];
  let used = 0;
  for (const r of revisions) {
    const blocks = revisionBlocks(r);
    const size = blocksLength(blocks);
    if (page.length && used + size > REPLY_TEXT_BUDGET - 300) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(blocks);
    used += size;
  }
  if (page.length) pages.push(page);
  return pages;
}

async function historyReply(ctx: HandlerContext, id: number, pageNo: number, fromButton: boolean): Promise<Reply> {
  const [{ revisions, truncated }, event] = await Promise.all([ctx.core.history.of(id), ctx.core.events.get(id, { includeDeleted: true })]);
  if (!event || !revisions.length) return reply.error(`No event #${id}. Find its number with /search or /timeline.`);
  const pages = paginate(revisions).slice(0, PAGES_MAX);
  const n = Math.min(Math.max(pageNo, 1), pages.length);
  const blocks: Block[] = pages[n - 1]!.flatMap((b, i) => (i ? [{ type: 'divider' as const }, ...b] : b));
  if (truncated && n === pages.length) blocks.push({ type: 'note', text: 'Older revisions are not shown.' });
  const title = `History of #${id} · ${event.title}`;
  return {
    ...reply.public(title.length > 200 ? `${title.slice(0, 199)}…` : title, blocks, { replaceOriginal: fromButton }),
    footer: `${event.deletedAt ? 'Deleted · ' : ''}${revisions.length} revision${revisions.length === 1 ? '' : 's'}, newest first${pages.length > 1 ? ` · page ${n} of ${pages.length}` : ''} · /event show ${id} for the full text`,
    actions:
      pages.length > 1
        ? [
            { id: `event:history:${id}:${n - 1}`, label: '◀ Newer', style: 'secondary', disabled: n <= 1 },
            { id: `event:history:${id}:${n + 1}`, label: 'Older ▶', style: 'secondary', disabled: n >= pages.length },
          ]
        : undefined,
  };
}

export const history: Handler<{ id: number }> = {
  name: 'history',
  description: 'Every revision of an event: when, who, what changed',
  access: 'anyone',
  cached: true,
  options: [{ name: 'id', description: 'Event number, as shown: #12', type: 'integer', required: true, minValue: 1, hint: '<id>' }],
  schema: z.object({ id: eventId }),
  examples: ['12'],
  run: (o, ctx) => historyReply(ctx, o.id, 1, false),
};

/** The paging buttons: `event:history:<id>:<page>`. */
export const historyPage: ActionHandler = {
  access: 'anyone',
  cached: true,
  run([id, page], ctx) {
    if (!/^\d{1,12}$/.test(id ?? '') || !/^\d{1,3}$/.test(page ?? ''))
      return reply.error('That button is no longer valid. Run /event history again.');
    return historyReply(ctx, Number(id), Number(page), true);
  },
};
