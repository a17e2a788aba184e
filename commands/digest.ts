// /digest subscribe · unsubscribe · list · preview: the daily digest of a channel.
// The definition lives here so every platform registers the same command; the handlers arrive with
// the digest scheduler and delivery (src/digest/).
import { z } from 'zod';
import { reply } from '../src/reply.ts';
import { optionalText } from './shared.ts';
import type { CommandDef, Handler } from './types.ts';

const notYet = () =>
  reply.error('Daily digests are not available in this build yet.');

const channelOption = { name: 'channel', description: 'Channel for the digest (default: this one)', type: 'channel', hint: '<#channel>' } as const;

export const subscribeSchema = z.object({
  channel: optionalText(200),
  time: optionalText(5),
  timezone: optionalText(64),
  countries: optionalText(300),
  blocs: optionalText(300),
});

const subscribe: Handler<z.infer<typeof subscribeSchema>> = {
  name: 'subscribe',
  description: 'Post a daily digest of new and corrected events to a channel',
  access: 'admin',
  options: [
    channelOption,
    { name: 'time', description: 'Local time HH:MM (default from DIGEST_TIME)', type: 'string', aliases: ['at'], namedOnly: true, hint: '<HH:MM>', maxLength: 5 },
    { name: 'timezone', description: 'IANA time zone, e.g. Asia/Yerevan', type: 'string', aliases: ['tz'], namedOnly: true, hint: '<Area/City>', maxLength: 64 },
    { name: 'countries', description: 'Only these countries (comma-separated)', type: 'string', autocomplete: 'country', namedOnly: true, hint: '<a,b>', maxLength: 300 },
    { name: 'blocs', description: 'Only these blocs (comma-separated)', type: 'string', autocomplete: 'bloc', namedOnly: true, hint: '<a,b>', maxLength: 300 },
  ],
  schema: subscribeSchema,
  examples: ['#news at:08:00 tz:Asia/Yerevan countries:armenia,belarus'],
  run: notYet,
};

const unsubscribe: Handler<{ channel?: string }> = {
  name: 'unsubscribe',
  description: "Stop a channel's digest",
  access: 'admin',
  options: [channelOption],
  schema: z.object({ channel: optionalText(200) }),
  examples: ['#news'],
  run: notYet,
};

const list: Handler<Record<string, never>> = {
  name: 'list',
  description: 'Every digest subscription here, its schedule and last delivery',
  access: 'admin',
  options: [],
  schema: z.object({}),
  examples: [''],
  run: notYet,
};

const preview: Handler<{ channel?: string }> = {
  name: 'preview',
  description: 'The digest as it would read now (only you see it)',
  access: 'anyone',
  options: [channelOption],
  schema: z.object({ channel: optionalText(200) }),
  examples: [''],
  run: notYet,
};

export const digest: CommandDef = {
  name: 'digest',
  description: 'Daily digest of new events for a channel',
  adminByDefault: true,
  subcommands: [subscribe, unsubscribe, list, preview],
};
