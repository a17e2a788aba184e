// `blocwatch register-commands [--guild ID]`: PUT the command set and say what changed.
import { COMMANDS } from '../../commands/index.ts';
import type { Config } from '../config.ts';
import { commandJson, type CommandJson } from './commands-json.ts';
import { DiscordRest } from './rest.ts';

type Registered = CommandJson & { id: string };

/** Compares the parts of a command we set, ignoring what Discord adds (ids, versions, defaults). */
function signature(c: Partial<CommandJson>): string {
  return JSON.stringify([c.description, c.options ?? [], c.default_member_permissions ?? null]);
}

export async function registerCommands(config: Config, opts: { guild?: string }, rest = new DiscordRest({ apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN })): Promise<string> {
  const app = config.DISCORD_APPLICATION_ID!;
  const path = opts.guild ? `/applications/${app}/guilds/${opts.guild}/commands` : `/applications/${app}/commands`;
  const wanted = COMMANDS.map(commandJson);
  const before = await rest.request<Registered[]>('GET', path);
  const after = await rest.request<Registered[]>('PUT', path, wanted);
  const old = new Map(before.map((c) => [c.name, c]));
  const lines: string[] = [];
  for (const c of wanted) {
    const prev = old.get(c.name);
    lines.push(`  ${!prev ? 'added  ' : signature(normalise(prev)) !== signature(normalise(c)) ? 'changed' : 'same   '} /${c.name}`);
    old.delete(c.name);
  }
  for (const name of old.keys()) lines.push(`  removed /${name}`);
  const where = opts.guild ? `guild ${opts.guild} (available now)` : 'every server (global commands can take up to an hour to appear)';
  return `Registered ${after.length} commands for ${where}:\n${lines.join('\n')}`;
}

/** Discord echoes options with defaults filled in; drop what we never send so comparisons are fair. */
function normalise(c: Partial<CommandJson>): Partial<CommandJson> {
  const strip = (o: any): any => {
    const { required, autocomplete, options, ...rest } = o;
    return {
      ...rest,
      ...(required ? { required } : {}),
      ...(autocomplete ? { autocomplete } : {}),
      ...(options?.length ? { options: options.map(strip) } : {}),
    };
  };
  return { description: c.description, options: (c.options ?? []).map(strip), default_member_permissions: c.default_member_permissions ?? null };
}
