// What Discord rejects, as documented (API v10): message, component, modal and command limits.
// Each function returns the problems it found; an empty list means Discord would accept the body.

type Json = Record<string, any>;

/** Discord's 50006: nothing to show. Whitespace-only content counts as none. */
export function isEmptyMessage(m: Json, files = 0): boolean {
  const hasContent = typeof m.content === 'string' && m.content.trim().length > 0;
  return (
    !hasContent && !m.embeds?.length && !m.components?.length && !m.attachments?.length && !m.sticker_ids?.length && !m.poll && files === 0
  );
}

/** An http(s) URL Discord accepts in an embed; images may also name an uploaded file (attachment://). */
function badUrl(value: unknown, allowAttachment = false): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return 'must be a URL of at most 2048 characters';
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return `Not a well formed URL: ${JSON.stringify(value.slice(0, 80))}`;
  }
  const schemes = allowAttachment ? ['http:', 'https:', 'attachment:'] : ['http:', 'https:'];
  return schemes.includes(u.protocol) ? undefined : `Scheme "${u.protocol.replace(':', '')}" is not supported`;
}

/** ISO 8601 with a date and a time, as Discord parses embed timestamps. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function validateAllowedMentions(am: unknown, where: string): string[] {
  if (am === undefined) return [];
  const a = am as Json;
  if (typeof am !== 'object' || am === null || (a.parse !== undefined && !Array.isArray(a.parse)))
    return [`${where}.allowed_mentions: invalid`];
  const errs: string[] = [];
  const parse: string[] = a.parse ?? [];
  if (parse.some((p) => !['roles', 'users', 'everyone'].includes(p)))
    errs.push(`${where}.allowed_mentions.parse: only roles, users, everyone`);
  for (const kind of ['users', 'roles'] as const) {
    if (a[kind] === undefined) continue;
    if (!Array.isArray(a[kind]) || a[kind].length > 100 || a[kind].some((id: unknown) => typeof id !== 'string' || !/^\d{1,20}$/.test(id)))
      errs.push(`${where}.allowed_mentions.${kind}: at most 100 snowflakes`);
    // Discord: "parse: ['users'] and users: [...] are mutually exclusive".
    if (parse.includes(kind)) errs.push(`${where}.allowed_mentions: parse ${kind} and ${kind} are mutually exclusive`);
  }
  if (a.replied_user !== undefined && typeof a.replied_user !== 'boolean') errs.push(`${where}.allowed_mentions.replied_user: a boolean`);
  return errs;
}

/** A message body; 'edit' bodies (PATCH, update callbacks) may leave everything out. */
export function validateMessage(m: Json, where = 'message', mode: 'create' | 'edit' = 'create'): string[] {
  const errs: string[] = [];
  const allowedKeys = new Set([
    'content',
    'embeds',
    'components',
    'flags',
    'allowed_mentions',
    'nonce',
    'enforce_nonce',
    'tts',
    'attachments',
  ]);
  for (const k of Object.keys(m)) if (!allowedKeys.has(k)) errs.push(`${where}: unknown field ${k}`);
  if (m.content !== undefined && (typeof m.content !== 'string' || m.content.length > 2000))
    errs.push(`${where}.content: must be a string of at most 2000 characters`);
  const embeds: Json[] = m.embeds ?? [];
  if (!Array.isArray(embeds) || embeds.length > 10) errs.push(`${where}.embeds: at most 10`);
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `${where}.embeds[${i}]`;
    if (e.title !== undefined && (typeof e.title !== 'string' || e.title.length > 256)) errs.push(`${at}.title: at most 256`);
    if (e.description !== undefined && (typeof e.description !== 'string' || e.description.length > 4096 || e.description.length === 0))
      errs.push(`${at}.description: 1-4096 characters`);
    if (e.footer && (typeof e.footer.text !== 'string' || e.footer.text.length > 2048)) errs.push(`${at}.footer.text: at most 2048`);
    if (e.author && (typeof e.author.name !== 'string' || e.author.name.length > 256)) errs.push(`${at}.author.name: at most 256`);
    const fields: Json[] = e.fields ?? [];
    if (fields.length > 25) errs.push(`${at}.fields: at most 25`);
    fields.forEach((f, j) => {
      if (typeof f.name !== 'string' || f.name.length === 0 || f.name.length > 256) errs.push(`${at}.fields[${j}].name: 1-256 characters`);
      if (typeof f.value !== 'string' || f.value.length === 0 || f.value.length > 1024)
        errs.push(`${at}.fields[${j}].value: 1-1024 characters`);
      total += (f.name?.length ?? 0) + (f.value?.length ?? 0);
    });
    if (e.color !== undefined && (!Number.isInteger(e.color) || e.color < 0 || e.color > 0xffffff)) errs.push(`${at}.color: invalid`);
    const urls: [string, unknown, boolean][] = [
      ['url', e.url, false],
      ['author.url', e.author?.url, false],
      ['author.icon_url', e.author?.icon_url, true],
      ['footer.icon_url', e.footer?.icon_url, true],
      ['image.url', e.image?.url, true],
      ['thumbnail.url', e.thumbnail?.url, true],
    ];
    for (const [name, value, attachment] of urls) {
      const bad = value === undefined ? undefined : badUrl(value, attachment);
      if (bad) errs.push(`${at}.${name}: ${bad}`);
    }
    if (
      e.timestamp !== undefined &&
      (typeof e.timestamp !== 'string' || !ISO_TIMESTAMP.test(e.timestamp) || Number.isNaN(Date.parse(e.timestamp)))
    ) {
      errs.push(`${at}.timestamp: Could not interpret ${JSON.stringify(e.timestamp)} as an ISO8601 timestamp`);
    }
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text?.length ?? 0) + (e.author?.name?.length ?? 0);
  });
  if (total > 6000) errs.push(`${where}.embeds: ${total} characters in all, over 6000`);
  errs.push(...validateComponents(m.components ?? [], where));
  if (m.flags !== undefined && (!Number.isInteger(m.flags) || (m.flags & ~(64 | 4 | 4096)) !== 0))
    errs.push(`${where}.flags: only EPHEMERAL, SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS may be set`);
  errs.push(...validateAllowedMentions(m.allowed_mentions, where));
  if (mode === 'create' && isEmptyMessage(m)) errs.push(`${where}: cannot send an empty message (50006)`);
  if (m.nonce !== undefined && !(Number.isSafeInteger(m.nonce) || (typeof m.nonce === 'string' && m.nonce.length <= 25)))
    errs.push(`${where}.nonce: a string of at most 25 characters or an integer`);
  return errs;
}

export function validateComponents(rows: Json[], where: string): string[] {
  const errs: string[] = [];
  if (!Array.isArray(rows)) return [`${where}.components: must be an array`];
  if (rows.length > 5) errs.push(`${where}.components: at most 5 action rows`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const at = `${where}.components[${i}]`;
    if (row.type !== 1) return errs.push(`${at}: top-level components must be action rows (type 1)`);
    const kids: Json[] = row.components ?? [];
    if (kids.length < 1 || kids.length > 5) errs.push(`${at}: 1-5 components`);
    kids.forEach((b, j) => {
      const bt = `${at}.components[${j}]`;
      if (b.type !== 2) return errs.push(`${bt}: only buttons are used here`);
      if (typeof b.label !== 'string' || b.label.length > 80) errs.push(`${bt}.label: at most 80 characters`);
      if (b.style === 5) {
        if (!b.url || b.custom_id) errs.push(`${bt}: link buttons need url and no custom_id`);
      } else if (![1, 2, 3, 4].includes(b.style)) errs.push(`${bt}.style: invalid`);
      else if (typeof b.custom_id !== 'string' || b.custom_id.length < 1 || b.custom_id.length > 100)
        errs.push(`${bt}.custom_id: 1-100 characters`);
      else if (ids.has(b.custom_id)) errs.push(`${bt}.custom_id: duplicated in the message`);
      else ids.add(b.custom_id);
    });
  });
  return errs;
}

export function validateModal(m: Json): string[] {
  const errs: string[] = [];
  if (typeof m.custom_id !== 'string' || m.custom_id.length < 1 || m.custom_id.length > 100) errs.push('modal.custom_id: 1-100 characters');
  if (typeof m.title !== 'string' || m.title.length < 1 || m.title.length > 45) errs.push('modal.title: 1-45 characters');
  const comps: Json[] = m.components ?? [];
  if (comps.length < 1 || comps.length > 5) errs.push('modal.components: 1-5');
  const seen = new Set<string>();
  comps.forEach((c, i) => {
    const at = `modal.components[${i}]`;
    let input: Json | undefined;
    if (c.type === 18) {
      if (typeof c.label !== 'string' || c.label.length < 1 || c.label.length > 45) errs.push(`${at}.label: 1-45 characters`);
      if (c.description !== undefined && (typeof c.description !== 'string' || c.description.length > 100))
        errs.push(`${at}.description: at most 100`);
      input = c.component;
    } else if (c.type === 1) {
      input = c.components?.[0];
      if (c.components?.length !== 1) errs.push(`${at}: an action row in a modal holds exactly one text input`);
      if (input && (typeof input.label !== 'string' || input.label.length > 45))
        errs.push(`${at}: a text input in an action row needs a label of at most 45`);
    } else errs.push(`${at}: modals take Label (18) components`);
    if (!input || input.type !== 4) return errs.push(`${at}: needs a text input (type 4)`);
    if (typeof input.custom_id !== 'string' || input.custom_id.length < 1 || input.custom_id.length > 100)
      errs.push(`${at}.custom_id: 1-100`);
    if (![1, 2].includes(input.style)) errs.push(`${at}.style: 1 or 2`);
    if (input.min_length !== undefined && (input.min_length < 0 || input.min_length > 4000)) errs.push(`${at}.min_length: 0-4000`);
    if (input.max_length !== undefined && (input.max_length < 1 || input.max_length > 4000)) errs.push(`${at}.max_length: 1-4000`);
    if (input.min_length !== undefined && input.max_length !== undefined && input.min_length > input.max_length)
      errs.push(`${at}: min_length above max_length`);
    if (typeof input.custom_id === 'string') {
      if (seen.has(input.custom_id)) errs.push(`${at}.custom_id: duplicated in the modal`);
      seen.add(input.custom_id);
    }
    if (
      input.value !== undefined &&
      (typeof input.value !== 'string' || input.value.length > 4000 || (input.max_length && input.value.length > input.max_length))
    )
      errs.push(`${at}.value: too long`);
    if (input.placeholder !== undefined && (typeof input.placeholder !== 'string' || input.placeholder.length > 100))
      errs.push(`${at}.placeholder: at most 100`);
  });
  return errs;
}

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

function validateOptions(options: Json[], at: string, depth: number): string[] {
  const errs: string[] = [];
  if (options.length > 25) errs.push(`${at}: at most 25 options`);
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((o, i) => {
    const p = `${at}[${i}]`;
    if (typeof o.name !== 'string' || !NAME.test(o.name) || o.name !== o.name.toLowerCase())
      errs.push(`${p}.name: lowercase, 1-32 characters`);
    if (names.has(o.name)) errs.push(`${p}.name: duplicated`);
    names.add(o.name);
    if (typeof o.description !== 'string' || o.description.length < 1 || o.description.length > 100)
      errs.push(`${p}.description: 1-100 characters`);
    if (o.type === 1 || o.type === 2) {
      if (depth > 0 && o.type === 2) errs.push(`${p}: subcommand groups cannot nest`);
      if (depth > 1) errs.push(`${p}: subcommands nest at most two levels`);
      errs.push(...validateOptions(o.options ?? [], `${p}.options`, depth + 1));
      return;
    }
    if (![3, 4, 5, 6, 7, 8, 9, 10, 11].includes(o.type)) errs.push(`${p}.type: invalid`);
    if (o.required) {
      if (sawOptional) errs.push(`${p}: required options must come before optional ones`);
    } else sawOptional = true;
    if (o.choices && o.autocomplete) errs.push(`${p}: autocomplete cannot be used with choices`);
    if (o.choices && o.choices.length > 25) errs.push(`${p}.choices: at most 25`);
    for (const c of o.choices ?? []) {
      if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100) errs.push(`${p}.choices: names of 1-100 characters`);
      if (typeof c.value === 'string' && (c.value.length < 1 || c.value.length > 100))
        errs.push(`${p}.choices: string values of 1-100 characters`);
    }
    if (
      o.type === 7 &&
      o.channel_types !== undefined &&
      (!Array.isArray(o.channel_types) || o.channel_types.some((t: unknown) => !Number.isInteger(t)))
    )
      errs.push(`${p}.channel_types: a list of channel type numbers`);
    if (o.type !== 7 && o.channel_types !== undefined) errs.push(`${p}.channel_types: channel options only`);
    if (o.max_length !== undefined && (o.type !== 3 || o.max_length < 1 || o.max_length > 6000))
      errs.push(`${p}.max_length: string options only, 1-6000`);
  });
  const kinds = new Set(options.map((o) => (o.type === 1 || o.type === 2 ? 'sub' : 'value')));
  if (kinds.size > 1) errs.push(`${at}: cannot mix subcommands and values`);
  return errs;
}

export function validateCommands(list: Json[]): string[] {
  const errs: string[] = [];
  if (!Array.isArray(list)) return ['body: must be an array of commands'];
  if (list.length > 100) errs.push('at most 100 chat input commands');
  const seen = new Set<string>();
  list.forEach((c, i) => {
    const at = `commands[${i}]`;
    // Names are unique per command type (chat input, user, message) in one set.
    const key = `${c.type ?? 1}:${c.name}`;
    if (seen.has(key)) errs.push(`${at}.name: "${c.name}" appears twice in the set`);
    seen.add(key);
    const chars = commandCharacters(c);
    if (chars > COMMAND_CHARACTERS_MAX)
      errs.push(`${at}: ${chars} characters in names, descriptions and choices, over ${COMMAND_CHARACTERS_MAX}`);
    if (typeof c.name !== 'string' || !NAME.test(c.name) || c.name !== c.name.toLowerCase())
      errs.push(`${at}.name: lowercase, 1-32 characters`);
    if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 100)
      errs.push(`${at}.description: 1-100 characters`);
    if (
      c.default_member_permissions !== undefined &&
      c.default_member_permissions !== null &&
      !/^\d+$/.test(c.default_member_permissions)
    ) {
      errs.push(`${at}.default_member_permissions: a permission bit string`);
    }
    errs.push(...validateOptions(c.options ?? [], `${at}.options`, 0));
  });
  return errs;
}

/** Discord caps the combined name, description and choice text of one command, options included. */
export const COMMAND_CHARACTERS_MAX = 4000;

/** Each field counts at its longest: the default text or its longest localization. */
export function commandCharacters(c: Json): number {
  const longest = (text: unknown, localized: unknown) =>
    Math.max(
      typeof text === 'string' ? text.length : String(text ?? '').length,
      ...Object.values((localized as Record<string, string> | null) ?? {}).map((v) => String(v).length),
    );
  let n = longest(c.name, c.name_localizations) + longest(c.description, c.description_localizations);
  for (const ch of c.choices ?? []) n += longest(ch.name, ch.name_localizations) + String(ch.value ?? '').length;
  for (const o of c.options ?? []) n += commandCharacters(o);
  return n;
}
