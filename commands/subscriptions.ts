// What /digest and /alert share: the channel a subscription is about (named, or the one typed in),
// the country and bloc filter options and their resolution to ids (every miss named at once), and
// unsubscribing.
import * as z from 'zod';
import { channelIdFor, howToNameChannel } from '../src/channels.ts';
import type { Core } from '../src/core.ts';
import { formatDay } from '../src/domain/dates.ts';
import { describeMiss } from '../src/domain/entities.ts';
import type { DigestPlatform } from '../src/store/digests.ts';
import { reply, type Inline, type Reply } from '../src/reply.ts';
import { optionalText } from './shared.ts';
import type { Caller, Handler, OptionDef } from './types.ts';

/** The longest filter value (a comma list of names) either command takes. */
export const FILTER_MAX = 300;

export const channelOption = (description: string): OptionDef => ({ name: 'channel', description, type: 'channel', hint: '<#channel>' });

export const filterOptions: readonly OptionDef[] = [
  {
    name: 'countries',
    description: 'Only these countries (comma-separated)',
    type: 'string',
    autocomplete: 'country',
    namedOnly: true,
    hint: '<a,b>',
    maxLength: FILTER_MAX,
  },
  {
    name: 'blocs',
    description: 'Only these blocs (comma-separated)',
    type: 'string',
    autocomplete: 'bloc',
    namedOnly: true,
    hint: '<a,b>',
    maxLength: FILTER_MAX,
  },
];

export type Where = { ok: true; platform: DigestPlatform; channel: string; space: string } | { ok: false; reply: Reply };

const WHAT = { digest: 'Digests', alert: 'Alerts' } as const;

/** The channel a /digest or /alert command is about: the one named, or the one it was typed in. */
export function whereOf(caller: Caller, named: string | undefined, command: 'digest' | 'alert'): Where {
  const what = WHAT[command];
  if (caller.platform === 'console') {
    return {
      ok: false,
      reply: reply.error(
        `${what} post to Discord or Slack channels. Run /${command} there, in the channel that should get them (or name one).`,
      ),
    };
  }
  const platform = caller.platform;
  const space = caller.spaceId ?? '';
  if (!named) {
    if (!caller.channelId) return { ok: false, reply: reply.error(`channel: name the channel, e.g. /${command} subscribe #news.`) };
    // A direct message is no place for a channel's subscription (and a bot cannot post to a Slack DM it was not opened in).
    if ((platform === 'slack' && /^D/.test(caller.channelId)) || (platform === 'discord' && !caller.spaceId)) {
      return {
        ok: false,
        reply: reply.error(
          `${what} post to channels, not direct messages. Run /${command} in the channel that should get them, or name one.`,
        ),
      };
    }
    return { ok: true, platform, channel: caller.channelId, space };
  }
  const id = channelIdFor(platform, named);
  if (!id) return { ok: false, reply: reply.error(`channel: "${named}" is not a channel here; ${howToNameChannel(platform)}.`) };
  return { ok: true, platform, channel: id, space };
}

/** Comma-separated country or bloc names to ids, every miss named at once. */
export function resolveList(core: Core, text: string | undefined, kind: 'country' | 'bloc', problems: string[]): string[] {
  if (!text) return [];
  const ids: string[] = [];
  for (const name of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const r = core.entities.resolve(name, kind);
    if (r.ok) {
      if (!ids.includes(r.entity.id)) ids.push(r.entity.id);
    } else problems.push(`${kind === 'country' ? 'countries' : 'blocs'}: ${describeMiss(r, kind)}`);
  }
  return ids;
}

export const entityNames = (core: Core, ids: readonly string[]) => ids.map((id) => core.entities.get(id)?.name ?? id).join(', ');

export const channelRef = (id: string): Inline[] => [{ channel: id }];

/** "Nothing was changed. Fix these and run /x subscribe again:" with the list. */
export function fixThese(command: string, problems: string[]): Reply {
  const head = `Nothing was changed. Fix these and run /${command} subscribe again:`;
  return reply.error(head, {
    blocks: [
      { type: 'text', text: head },
      { type: 'list', items: problems },
    ],
  });
}

/** Why a subscription stopped, and how to restart it, for `/<command> list`. */
export const disabledText = (command: 'digest' | 'alert', s: { disabledAt: string; disabledReason: string | null }) =>
  `⛔ disabled ${formatDay(s.disabledAt.slice(0, 10))}: ${s.disabledReason ?? 'unknown reason'} (run /${command} subscribe there again to restart it)`;

/** `/<command> unsubscribe [channel]`: removes that channel's subscription, or says it has none. */
export function unsubscribeHandler(
  command: 'digest' | 'alert',
  words: { what: string; them: string },
  channel: OptionDef,
  remove: (core: Core, platform: DigestPlatform, channel: string) => Promise<unknown>,
): Handler<{ channel?: string }> {
  return {
    name: 'unsubscribe',
    description: `Stop a channel's ${words.what}`,
    access: 'space_admin',
    options: [channel],
    schema: z.object({ channel: optionalText(200) }),
    examples: ['#news'],
    async run(o, { core, caller }) {
      const where = whereOf(caller, o.channel, command);
      if (!where.ok) return where.reply;
      if (!(await remove(core, where.platform, where.channel)))
        return reply.error([...channelRef(where.channel), ` has no ${command} subscription. /${command} list shows the ones here.`]);
      const title = `${words.what[0]!.toUpperCase()}${words.what.slice(1)} stopped`;
      return reply.private(title, [{ type: 'text', text: [...channelRef(where.channel), ` will get no more ${words.them}.`] }], {
        tone: 'success',
      });
    },
  };
}
