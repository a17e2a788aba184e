// Interaction payloads shaped like the ones Discord sends (chat input, autocomplete, button, modal
// submit), and Ed25519 signing as Discord signs HTTP interactions.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export const GUILD_ID = '900000000000000001';
export const CHANNEL_ID = '900000000000000002';

let counter = 1_100_000_000_000_000_000n;
/** Ids for interactions, commands and the like; message ids come from the stand-in's clock instead. */
export const nextId = () => String(++counter);

export interface MemberOptions {
  userId?: string;
  permissions?: string;
  roles?: string[];
}

const ADMIN_PERMS = String((1n << 5n) | (1n << 10n) | (1n << 11n));
const MEMBER_PERMS = String((1n << 10n) | (1n << 11n));
export const adminMember: MemberOptions = { userId: '800000000000000001', permissions: ADMIN_PERMS };
export const plainMember: MemberOptions = { userId: '800000000000000002', permissions: MEMBER_PERMS };

function base(type: number, member: MemberOptions = plainMember, applicationId = '900000000000000100') {
  const id = nextId();
  const userId = member.userId ?? plainMember.userId!;
  return {
    id,
    application_id: applicationId,
    type,
    token: `tok-${id}`,
    version: 1,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: 'en-US', features: [] },
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'news' },
    member: {
      user: { id: userId, username: `user${userId.slice(-2)}`, discriminator: '0', global_name: null, avatar: null },
      roles: member.roles ?? [],
      permissions: member.permissions ?? MEMBER_PERMS,
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
    },
    app_permissions: String((1n << 10n) | (1n << 11n) | (1n << 14n)),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    attachment_size_limit: 10485760,
  };
}

function commandOptions(subcommand: string | undefined, options: Record<string, string | number> = {}, focused?: string) {
  const opts = Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'number' ? 4 : 3,
    value,
    ...(name === focused ? { focused: true } : {}),
  }));
  return subcommand ? [{ name: subcommand, type: 1, options: opts }] : opts;
}

export function chatInput(o: { name: string; subcommand?: string; options?: Record<string, string | number>; member?: MemberOptions }) {
  return {
    ...base(2, o.member),
    data: { id: nextId(), name: o.name, type: 1, guild_id: GUILD_ID, options: commandOptions(o.subcommand, o.options) },
  };
}

export function autocomplete(o: {
  name: string;
  subcommand?: string;
  focused: string;
  value: string;
  options?: Record<string, string>;
  member?: MemberOptions;
}) {
  return {
    ...base(4, o.member),
    data: { id: nextId(), name: o.name, type: 1, options: commandOptions(o.subcommand, { ...o.options, [o.focused]: o.value }, o.focused) },
  };
}

export function button(o: { customId: string; member?: MemberOptions; message?: any }) {
  return {
    ...base(3, o.member),
    message: o.message ?? {
      id: nextId(),
      channel_id: CHANNEL_ID,
      type: 20,
      content: '',
      embeds: [],
      components: [],
      author: { id: '900000000000000100', username: 'blocwatch', bot: true },
      timestamp: new Date().toISOString(),
      flags: 0,
    },
    data: { custom_id: o.customId, component_type: 2 },
  };
}

export function modalSubmit(o: { customId: string; fields: Record<string, string>; member?: MemberOptions }) {
  return {
    ...base(5, o.member),
    data: {
      custom_id: o.customId,
      components: Object.entries(o.fields).map(([id, value]) => ({ type: 18, id: 1, component: { type: 4, id: 2, custom_id: id, value } })),
    },
  };
}

export function generateInteractionKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32);
  return {
    publicKeyHex: raw.toString('hex'),
    privateKey: privateKey as KeyObject,
    sign: (timestamp: string, body: string) => sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
  };
}

export async function postSignedInteraction(
  url: string,
  payload: unknown,
  keys: ReturnType<typeof generateInteractionKeys>,
  o: { timestamp?: string; tamperBody?: boolean; badSignature?: boolean; omitHeaders?: boolean } = {},
): Promise<{ status: number; json: any }> {
  const body = JSON.stringify(payload);
  const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000));
  let signature = keys.sign(timestamp, body);
  if (o.badSignature) signature = signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
  const sent = o.tamperBody ? body.replace(/"type":\d/, '"type":1') + ' ' : body;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(o.omitHeaders ? {} : { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp }),
    },
    body: sent,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
