// /digest subscribe · unsubscribe · list · preview: the daily digest of a channel. The schedule lives in
// the subscription (local time and IANA zone); delivery is the scheduler's job (src/digest/).
import * as z from 'zod';
import { postingNote } from '../src/channels.ts';
import type { Core } from '../src/core.ts';
import { formatDay } from '../src/domain/dates.ts';
import { DigestComposer } from '../src/digest/compose.ts';
import { describeDue, isValidZone, normaliseTime } from '../src/domain/time.ts';
import type { Subscription } from '../src/store/digests.ts';
import { reply, type Block, type Field, type Inline, type Reply } from '../src/reply.ts';
import { optionalText } from './shared.ts';
import {
  channelOption,
  channelRef,
  disabledText,
  entityNames as names,
  FILTER_MAX,
  filterOptions,
  fixThese,
  resolveList,
  unsubscribeHandler,
  whereOf,
} from './subscriptions.ts';
import type { CommandDef, Handler, HandlerContext } from './types.ts';

const digestChannel = channelOption('Channel for the digest (default: this one)');

export const subscribeSchema = z.object({
  channel: optionalText(200),
  time: optionalText(5),
  timezone: optionalText(64),
  countries: optionalText(FILTER_MAX),
  blocs: optionalText(FILTER_MAX),
});

const PREVIEW_MAX_EVENTS = 15;

/** Subscriptions live in the core's store; a composer is cheap, so a preview makes its own. */
function digestOf(core: Core) {
  return { store: core.digests, composer: new DigestComposer(core, core.digests) };
}

function filtersText(core: Core, s: Pick<Subscription, 'countries' | 'blocs'>): string {
  const parts = [s.countries.length && names(core, s.countries), s.blocs.length && `in ${names(core, s.blocs)}`].filter(Boolean);
  return parts.length ? parts.join(' ') : 'Every country and bloc';
}

const subscribe: Handler<z.infer<typeof subscribeSchema>> = {
  name: 'subscribe',
  description: 'Post a daily digest of new and corrected events to a channel',
  access: 'space_admin',
  options: [
    digestChannel,
    {
      name: 'time',
      description: 'Local time HH:MM (default from DIGEST_TIME)',
      type: 'string',
      aliases: ['at'],
      namedOnly: true,
      hint: '<HH:MM>',
      maxLength: 5,
    },
    {
      name: 'timezone',
      description: 'IANA time zone, e.g. Asia/Yerevan',
      type: 'string',
      aliases: ['tz'],
      namedOnly: true,
      hint: '<Area/City>',
      maxLength: 64,
    },
    ...filterOptions,
  ],
  schema: subscribeSchema,
  examples: ['#news at:08:00 tz:Asia/Yerevan countries:armenia,belarus'],
  async run(o, ctx) {
    const { core, caller } = ctx;
    const where = whereOf(caller, o.channel, 'digest');
    if (!where.ok) return where.reply;
    const problems: string[] = [];
    const time = o.time ? normaliseTime(o.time) : core.settings.digestTime;
    if (!time) problems.push(`time: "${o.time}" is not a time of day; use HH:MM on a 24-hour clock, e.g. 08:00 or 18:30.`);
    const timezone = o.timezone ?? core.settings.digestTimezone;
    if (!isValidZone(timezone))
      problems.push(`timezone: "${timezone}" is not an IANA time zone; use Area/City, e.g. Asia/Yerevan, Europe/Minsk or UTC.`);
    const countries = resolveList(core, o.countries, 'country', problems);
    const blocs = resolveList(core, o.blocs, 'bloc', problems);
    if (problems.length) return fixThese('digest', problems);

    const { store } = digestOf(core);
    const { subscription: s, created } = await store.subscribe(
      {
        platform: where.platform,
        spaceId: where.space,
        channelId: where.channel,
        localTime: time!,
        timezone,
        countries,
        blocs,
        createdBy: `${caller.platform}:${caller.userId}`,
      },
      core.now(),
    );
    const fields: Field[] = [
      { label: 'Channel', value: channelRef(s.channelId), inline: true },
      { label: 'Every day at', value: `${s.localTime} (${s.timezone})`, inline: true },
      { label: 'Filters', value: filtersText(core, s), inline: true },
      { label: 'Next digest', value: describeDue(new Date(s.nextDueAt), s.timezone) },
    ];
    const blocks: Block[] = [
      { type: 'fields', fields },
      {
        type: 'note',
        text: created
          ? 'It starts from now: events recorded before this moment are not posted. Quiet days post nothing.'
          : 'Schedule and filters updated; what was already pending is kept.',
      },
    ];
    const setup = postingNote(where.platform);
    if (setup) blocks.push({ type: 'note', text: setup });
    return reply.private(created ? 'Digest subscribed' : 'Digest updated', blocks, { tone: 'success' });
  },
};

const unsubscribe = unsubscribeHandler('digest', { what: 'digest', them: 'digests' }, digestChannel, (core, platform, channel) =>
  digestOf(core).store.unsubscribe(platform, channel),
);

const list: Handler<Record<string, never>> = {
  name: 'list',
  description: 'Every digest subscription here, its schedule and last delivery',
  access: 'space_admin',
  options: [],
  schema: z.object({}),
  examples: [''],
  async run(_o, { core, caller }) {
    const where = whereOf(caller, undefined, 'digest');
    if (!where.ok) return where.reply;
    const subs = await digestOf(core).store.inSpace(where.platform, where.space);
    if (!subs.length)
      return reply.private('No digests here yet', [
        { type: 'text', text: 'Start one with /digest subscribe, e.g. /digest subscribe #news at:08:00 tz:Asia/Yerevan countries:armenia' },
      ]);
    const items = subs.map((s): Inline[] => {
      const state = s.disabledAt
        ? disabledText('digest', { disabledAt: s.disabledAt, disabledReason: s.disabledReason })
        : `next ${describeDue(new Date(s.nextDueAt), s.timezone)}`;
      const last = s.lastDeliveredAt
        ? `last sent ${formatDay(s.lastDeliveredAt.slice(0, 10))} (${s.lastEventCount} event${s.lastEventCount === 1 ? '' : 's'})`
        : 'nothing sent yet';
      return [{ channel: s.channelId }, ` · ${s.localTime} ${s.timezone} · ${filtersText(core, s)} · ${last} · ${state}`];
    });
    return reply.private(`Digest subscriptions (${subs.length})`, [{ type: 'list', items }]);
  },
};

const preview: Handler<{ channel?: string }> = {
  name: 'preview',
  description: 'The digest as it would read now (only you see it)',
  access: 'anyone',
  options: [digestChannel],
  schema: z.object({ channel: optionalText(200) }),
  examples: [''],
  run(o, ctx) {
    return previewReply(ctx, o.channel);
  },
};

async function previewReply({ core, caller }: HandlerContext, named: string | undefined): Promise<Reply> {
  const { store, composer } = digestOf(core);
  const where = caller.platform === 'console' && !named ? undefined : whereOf(caller, named, 'digest');
  if (where && !where.ok) return where.reply;
  const sub = where ? await store.byChannel(where.platform, where.channel) : undefined;
  const now = core.now();
  const from = sub ? sub.cursor : await composer.changeBefore(new Date(now.getTime() - 24 * 3600 * 1000));
  const since = sub
    ? sub.lastDeliveredAt
      ? `the ${formatDay(sub.lastDate ?? sub.lastDeliveredAt.slice(0, 10))} digest`
      : 'the subscription started'
    : 'the last 24 hours';
  const composed = await composer.compose(sub ?? { countries: [], blocs: [] }, from, {
    title: 'Digest preview',
    since: sub ? since : undefined,
    maxEvents: PREVIEW_MAX_EVENTS,
  });
  const when = sub
    ? `The next digest is due ${describeDue(new Date(sub.nextDueAt), sub.timezone)}.`
    : 'No digest is subscribed here; this is what the last 24 hours would look like. /digest subscribe starts one.';
  if (!composed.reply)
    return reply.private('Digest preview', [
      { type: 'text', text: `Nothing new since ${since}: the digest would post nothing.` },
      { type: 'note', text: when },
    ]);
  return { ...composed.reply, visibility: 'private', blocks: [...composed.reply.blocks, { type: 'note', text: when }] };
}

export const digest: CommandDef = {
  name: 'digest',
  description: 'Daily digest of new events for a channel',
  adminByDefault: true,
  subcommands: [subscribe, unsubscribe, list, preview],
};
