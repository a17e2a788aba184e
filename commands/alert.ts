// /alert subscribe · unsubscribe · list: a channel's instant alerts, one message per newly published
// event that matches. Delivery is the alert service's job (src/alerts/); this only manages subscriptions.
import * as z from 'zod';
import { postingNote } from '../src/channels.ts';
import { filterText } from '../src/alerts/render.ts';
import { formatDay } from '../src/domain/dates.ts';
import { parseKind } from '../src/domain/filters.ts';
import type { EventKind } from '../src/domain/types.ts';
import { KIND_LABELS } from '../src/presentation/items.ts';
import { reply, type Block, type Field, type Inline } from '../src/reply.ts';
import type { AlertSubscription } from '../src/store/alerts.ts';
import { optionalText } from './shared.ts';
import {
  channelOption,
  channelRef,
  disabledText,
  FILTER_MAX,
  filterOptions,
  fixThese,
  resolveList,
  unsubscribeHandler,
  whereOf,
  type Where,
} from './subscriptions.ts';
import type { CommandDef, Handler, HandlerContext } from './types.ts';

const alertChannel = channelOption('Channel for the alerts (default: this one)');
export const DEFAULT_KINDS: readonly EventKind[] = ['status_change'];

export const alertSubscribeSchema = z.object({
  channel: optionalText(200),
  countries: optionalText(FILTER_MAX),
  blocs: optionalText(FILTER_MAX),
  kinds: optionalText(FILTER_MAX),
});

/** Comma-separated kinds to kind ids; every unknown one named, with the kinds there are. */
function resolveKinds(text: string | undefined, problems: string[]): EventKind[] {
  if (!text) return [...DEFAULT_KINDS];
  const kinds: EventKind[] = [];
  for (const word of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const kind = parseKind(word);
    if (kind) {
      if (!kinds.includes(kind)) kinds.push(kind);
    } else problems.push(`kinds: "${word.slice(0, 40)}" is not a kind of event; use ${Object.keys(KIND_LABELS).join(', ')}.`);
  }
  return kinds.length ? kinds : [...DEFAULT_KINDS];
}

/** The platform's word on whether the bot can post there: a reason to refuse, or a note when it could not be asked. */
async function postingProblem(ctx: HandlerContext, where: Extract<Where, { ok: true }>): Promise<{ refuse?: string; note?: string }> {
  if (!ctx.channels) return {};
  try {
    const reason = await ctx.channels.cannotPost(where.platform, where.channel, where.space);
    return reason ? { refuse: reason } : {};
  } catch {
    return {
      note: 'Could not ask the platform whether the bot may post there just now; if it cannot, /alert list will say why after the first alert.',
    };
  }
}

const subscribe: Handler<z.infer<typeof alertSubscribeSchema>> = {
  name: 'subscribe',
  description: 'Post each newly published event that matches to a channel, within a minute',
  access: 'space_admin',
  options: [
    alertChannel,
    ...filterOptions,
    {
      name: 'kinds',
      description: 'Event kinds, comma-separated (default: status_change)',
      type: 'string',
      namedOnly: true,
      hint: '<kind,kind>',
      maxLength: FILTER_MAX,
    },
  ],
  schema: alertSubscribeSchema,
  examples: ['#news countries:armenia,belarus', '#csto-watch blocs:csto kinds:status_change,military'],
  async run(o, ctx) {
    const { core, caller } = ctx;
    const where = whereOf(caller, o.channel, 'alert');
    if (!where.ok) return where.reply;
    const problems: string[] = [];
    const countries = resolveList(core, o.countries, 'country', problems);
    const blocs = resolveList(core, o.blocs, 'bloc', problems);
    const kinds = resolveKinds(o.kinds, problems);
    if (problems.length) return fixThese('alert', problems);
    const access = await postingProblem(ctx, where);
    if (access.refuse)
      return reply.error(['Nothing was changed: the bot cannot post in ', ...channelRef(where.channel), `: ${access.refuse}`]);

    const { subscription: s, created } = await core.alerts.subscribe(
      {
        platform: where.platform,
        spaceId: where.space,
        channelId: where.channel,
        countries,
        blocs,
        kinds,
        createdBy: `${caller.platform}:${caller.userId}`,
      },
      core.now(),
    );
    const cap = core.settings.alertMaxPerHour;
    const digest = await core.digests.byChannel(where.platform, where.channel);
    const fields: Field[] = [
      { label: 'Channel', value: channelRef(s.channelId), inline: true },
      { label: 'Alerts for', value: filterText(core, s), inline: true },
      { label: 'At most', value: `${cap} an hour`, inline: true },
    ];
    const blocks: Block[] = [
      { type: 'fields', fields },
      {
        type: 'note',
        text: created
          ? 'It starts from now: each event published from this moment that matches is posted within a minute; nothing earlier is.'
          : 'Filters updated; alerts already waiting still go out.',
      },
      {
        type: 'note',
        text:
          digest && !digest.disabledAt
            ? `Beyond ${cap} in an hour, the rest go in this channel's daily digest, which says so; the digest lists what was alerted in one line each.`
            : `Beyond ${cap} in an hour, the rest wait and go out as the hour allows, oldest first.`,
      },
    ];
    if (access.note) blocks.push({ type: 'note', text: access.note });
    const setup = postingNote(where.platform);
    if (setup) blocks.push({ type: 'note', text: setup });
    return reply.private(created ? 'Alerts subscribed' : 'Alerts updated', blocks, { tone: 'success' });
  },
};

const unsubscribe = unsubscribeHandler('alert', { what: 'alerts', them: 'alerts' }, alertChannel, (core, platform, channel) =>
  core.alerts.unsubscribe(platform, channel),
);

/** One subscription in one line: channel, filters, last post, and why it stopped if it did. */
export function alertLine(core: HandlerContext['core'], s: AlertSubscription): Inline[] {
  const last = s.lastPostedAt ? `last alert ${formatDay(s.lastPostedAt.slice(0, 10))} ${s.lastPostedAt.slice(11, 16)} UTC` : 'no alert yet';
  const state = s.disabledAt ? ` · ${disabledText('alert', { disabledAt: s.disabledAt, disabledReason: s.disabledReason })}` : '';
  return [{ channel: s.channelId }, ` · ${filterText(core, s)} · ${last}${state}`];
}

const list: Handler<Record<string, never>> = {
  name: 'list',
  description: 'Every alert subscription here, its filters and last alert',
  access: 'space_admin',
  options: [],
  schema: z.object({}),
  examples: [''],
  async run(_o, { core, caller }) {
    const where = whereOf(caller, undefined, 'alert');
    if (!where.ok) return where.reply;
    const subs = await core.alerts.inSpace(where.platform, where.space);
    if (!subs.length)
      return reply.private('No alerts here yet', [
        { type: 'text', text: 'Start with /alert subscribe, e.g. /alert subscribe #news countries:armenia (status changes by default)' },
      ]);
    return reply.private(`Alert subscriptions (${subs.length})`, [
      { type: 'list', items: subs.map((s) => alertLine(core, s)) },
      { type: 'note', text: `At most ${core.settings.alertMaxPerHour} alerts an hour per channel.` },
    ]);
  },
};

export const alert: CommandDef = {
  name: 'alert',
  description: 'Instant alerts of newly published events in a channel',
  adminByDefault: true,
  subcommands: [subscribe, unsubscribe, list],
};
