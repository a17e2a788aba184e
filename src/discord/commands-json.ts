// commands/ definitions → Discord application command JSON (chat input commands).
import type { CommandDef, Handler, OptionDef } from '../../commands/types.ts';

const OPTION_TYPE = { subcommand: 1, string: 3, integer: 4, channel: 7 } as const;
/** Manage Server, as a permission bit string. */
const MANAGE_GUILD = String(1 << 5);
const GUILD_TEXT = 0;
const GUILD_ANNOUNCEMENT = 5;

export interface CommandJson {
  name: string;
  description: string;
  type: 1;
  options?: unknown[];
  default_member_permissions: string | null;
  contexts: number[];
}

function option(o: OptionDef): Record<string, unknown> {
  const json: Record<string, unknown> = {
    type: OPTION_TYPE[o.type],
    name: o.name,
    description: o.description.slice(0, 100),
    required: Boolean(o.required),
  };
  if (o.choices) json.choices = o.choices.slice(0, 25).map((c) => ({ name: c.name, value: c.value }));
  else if (o.autocomplete) json.autocomplete = true;
  if (o.type === 'string' && o.maxLength) json.max_length = Math.min(o.maxLength, 6000);
  if (o.type === 'integer' && o.minValue !== undefined) json.min_value = o.minValue;
  if (o.type === 'channel') json.channel_types = [GUILD_TEXT, GUILD_ANNOUNCEMENT];
  return json;
}

// Discord wants required options before optional ones.
const options = (h: Handler) => [...h.options].sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required))).map(option);

export function commandJson(def: CommandDef): CommandJson {
  return {
    name: def.name,
    description: def.description.slice(0, 100),
    type: 1,
    options: def.subcommands
      ? def.subcommands.map((s) => ({
          type: OPTION_TYPE.subcommand,
          name: s.name,
          description: s.description.slice(0, 100),
          options: options(s),
        }))
      : def.handler
        ? options(def.handler)
        : [],
    default_member_permissions: def.adminByDefault ? MANAGE_GUILD : null,
    // Guild channels only: digests and admin checks are per server.
    contexts: [0],
  };
}
