// `blocwatch register-commands [--guild ID]`: PUT the command set and say what changed.
import { COMMANDS } from '../../commands/index.ts';
import type { Config } from '../config.ts';
import { commandJson, type CommandJson } from './commands-json.ts';
import { DiscordRest } from './rest.ts';

type Registered = CommandJson & { id: string };

/**
 * Whether Discord's copy of a command matches what we send. Discord answers with its own key order and
 * adds fields (ids, versions, localizations, defaults such as required: false), so only the keys we
 * set are compared, and an absent value equals its default (false, null, an empty list).
 */
export function sameCommand(registered: unknown, wanted: unknown): boolean {
  const blank = (v: unknown) => v === undefined || v === null || v === false || (Array.isArray(v) && v.length === 0);
  if (Array.isArray(wanted)) {
    const got = Array.isArray(registered) ? registered : [];
    return got.length === wanted.length && wanted.every((w, i) => sameCommand(got[i], w));
  }
  if (wanted && typeof wanted === 'object') {
    const got = (registered && typeof registered === 'object' ? registered : {}) as Record<string, unknown>;
    return Object.entries(wanted).every(([k, w]) => (k === 'id' ? true : blank(w) ? blank(got[k]) : sameCommand(got[k], w)));
  }
  return blank(wanted) ? blank(registered) : String(registered) === String(wanted);
}

export async function registerCommands(
  config: Config,
  opts: { guild?: string },
  rest = new DiscordRest({ apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN }),
): Promise<string> {
  const app = config.DISCORD_APPLICATION_ID!;
  const path = opts.guild ? `/applications/${app}/guilds/${opts.guild}/commands` : `/applications/${app}/commands`;
  const wanted = COMMANDS.map(commandJson);
  const before = await rest.request<Registered[]>('GET', path);
  const after = await rest.request<Registered[]>('PUT', path, wanted);
  const old = new Map(before.map((c) => [c.name, c]));
  const lines: string[] = [];
  for (const c of wanted) {
    const prev = old.get(c.name);
    lines.push(`  ${!prev ? 'added  ' : sameCommand(prev, c) ? 'same   ' : 'changed'} /${c.name}`);
    old.delete(c.name);
  }
  for (const name of old.keys()) lines.push(`  removed /${name}`);
  const where = opts.guild ? `guild ${opts.guild} (available now)` : 'every server (global commands can take up to an hour to appear)';
  return `Registered ${after.length} commands for ${where}:\n${lines.join('\n')}`;
}
