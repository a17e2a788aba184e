// One text grammar for every place a command arrives as text (console, Slack). It produces the same
// raw option map that Discord's structured options give, so both go through one schema.
//
//   /timeline belarus from:2024-01 bloc:sco
//   /digest subscribe #news at:08:00 tz:Asia/Yerevan countries:armenia,belarus
//   /search "strategic partnership"
import type { CommandDef, Handler, OptionDef } from '../commands/types.ts';

export const MAX_COMMAND_TEXT = 2000;

export type ParsedText =
  | { ok: true; handler: Handler; subcommand?: string; options: Record<string, string>; help?: false }
  | { ok: true; help: true; subcommand?: string }
  | { ok: false; error: string; subcommand?: string };

interface Token {
  key?: string;
  value: string;
  /** 'key:' with nothing after the colon: an error for a known option, plain text in a search. */
  dangling?: string;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '«': '»', '‘': '’' };

/** Splits on whitespace; quotes group words; key:value pairs keep their key. Never throws. */
export function tokenize(text: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  const readValue = (): string | { error: string } => {
    const open = text[i]!;
    const close = QUOTES[open];
    if (close) {
      const end = text.indexOf(close, i + 1);
      if (end < 0) return { error: `A quote ${open} is not closed.` };
      const v = text.slice(i + 1, end);
      i = end + 1;
      return v;
    }
    const start = i;
    while (i < n && !/\s/.test(text[i]!)) i++;
    return text.slice(start, i);
  };
  while (i < n) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (i >= n) break;
    // key:value where key is a plain word; `08:00` or `https://` alone are values, not keys.
    const m = /^([a-zA-Z_][\w-]{0,31}):(?!\/\/)/.exec(text.slice(i, i + 34));
    if (m && i + m[0].length < n && !/\s/.test(text[i + m[0].length]!)) {
      i += m[0].length;
      const v = readValue();
      if (typeof v !== 'string') return v;
      tokens.push({ key: m[1]!.toLowerCase(), value: v });
    } else if (m && (i + m[0].length >= n || /\s/.test(text[i + m[0].length]!))) {
      i += m[0].length;
      tokens.push({ value: m[0], dangling: m[1]!.toLowerCase() });
    } else {
      const v = readValue();
      if (typeof v !== 'string') return v;
      tokens.push({ value: v });
    }
  }
  return tokens;
}

function findOption(handler: Handler, key: string): OptionDef | undefined {
  return handler.options.find((o) => o.name === key || o.aliases?.includes(key));
}

export function parseCommandText(def: CommandDef, text: string): ParsedText {
  if (text.length > MAX_COMMAND_TEXT)
    return { ok: false, error: `That is too long (${text.length} characters; at most ${MAX_COMMAND_TEXT}).` };
  const tokenized = tokenize(text.normalize('NFC'));
  if ('error' in tokenized) return { ok: false, error: tokenized.error };
  const tokens = [...tokenized];

  let handler: Handler | undefined = def.handler;
  let subcommand: string | undefined;
  if (tokens[0] && !tokens[0].key && ['help', '-h', '--help', '?'].includes(tokens[0].value.toLowerCase())) {
    return { ok: true, help: true };
  }
  if (def.subcommands) {
    const first = tokens.shift();
    if (!first || first.key) return { ok: false, error: `Say what to do: ${def.subcommands.map((s) => s.name).join(', ')}.` };
    subcommand = first.value.toLowerCase();
    handler = def.subcommands.find((s) => s.name === subcommand);
    if (!handler)
      return {
        ok: false,
        error: `"${first.value}" is not a /${def.name} subcommand; use ${def.subcommands.map((s) => s.name).join(', ')}.`,
      };
    if (tokens[0] && !tokens[0].key && ['help', '?'].includes(tokens[0].value.toLowerCase())) return { ok: true, help: true, subcommand };
  }
  if (!handler) return { ok: false, error: `/${def.name} is not set up.` };

  const options: Record<string, string> = {};
  const positional = handler.options.filter((o) => !o.namedOnly);
  const rest: string[] = [];
  const restOption = handler.options.find((o) => o.rest);
  for (const t of tokens) {
    if (t.dangling && findOption(handler, t.dangling)) {
      return { ok: false, subcommand, error: `"${t.dangling}:" needs a value right after the colon, e.g. ${t.dangling}:something.` };
    }
    if (t.key) {
      const opt = findOption(handler, t.key);
      if (!opt) {
        // A colon inside a search query is just text.
        if (restOption) {
          rest.push(`${t.key}:${t.value}`);
          continue;
        }
        return {
          ok: false,
          subcommand,
          error: `Unknown option "${t.key}:"; this command takes ${handler.options.map((o) => `${o.name}:`).join(', ') || 'no options'}.`,
        };
      }
      if (options[opt.name] !== undefined) return { ok: false, subcommand, error: `${opt.name} is given twice.` };
      options[opt.name] = t.value;
      continue;
    }
    if (restOption && options[restOption.name] === undefined) {
      rest.push(t.value);
      continue;
    }
    const next = positional.find((o) => options[o.name] === undefined && !o.rest);
    if (!next) return { ok: false, subcommand, error: `Unexpected "${clip(t.value)}".` };
    options[next.name] = t.value;
  }
  if (restOption && rest.length && options[restOption.name] === undefined) options[restOption.name] = rest.join(' ');
  return { ok: true, handler, subcommand, options };
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

export function usageLine(def: CommandDef, h: Handler): string {
  const parts = [`/${def.name}`];
  if (def.subcommands) parts.push(h.name);
  for (const o of h.options) {
    // As people type it: required and leading options bare (`status armenia`, `subscribe #news`), later
    // optional ones by their shortest key (`bloc:sco`, `at:08:00`), though the grammar takes them bare too.
    const hint = o.hint ?? `<${o.name}>`;
    const key = [o.name, ...(o.aliases ?? [])].reduce((a, b) => (b.length < a.length ? b : a));
    const bare = !o.namedOnly && (o.required || h.options.find((x) => !x.namedOnly) === o);
    const shown = bare ? hint : `${key}:${hint}`;
    parts.push(o.required ? shown : `[${shown}]`);
  }
  return parts.join(' ');
}

/** Every usage line of a command (or one subcommand), with examples. */
export function usage(def: CommandDef, subcommand?: string): { lines: string[]; examples: string[] } {
  const handlers = def.subcommands ? def.subcommands.filter((s) => !subcommand || s.name === subcommand) : def.handler ? [def.handler] : [];
  return {
    lines: handlers.map((h) => `${usageLine(def, h)}: ${h.description}`),
    examples: handlers.flatMap((h) => h.examples.map((e) => `/${def.name}${def.subcommands ? ` ${h.name}` : ''}${e ? ` ${e}` : ''}`)),
  };
}
