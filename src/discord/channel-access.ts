// Whether the bot may post digests and alerts in a channel, asked of Discord before a subscription is
// made: the channel (it exists, it is in this server, its overwrites), the bot's roles there and the
// server's roles, combined as Discord combines them (base from @everyone and the roles; Administrator
// allows all; then the @everyone, role and member overwrites of the channel, in that order).
import { DiscordApiError, type DiscordRest } from './rest.ts';

const ADMINISTRATOR = 1n << 3n;
/** What a subscription needs: see the channel, post, embed, and read back a post whose fate was lost. */
const NEEDED: readonly [bigint, string][] = [
  [1n << 10n, 'View Channel'],
  [1n << 11n, 'Send Messages'],
  [1n << 14n, 'Embed Links'],
  [1n << 16n, 'Read Message History'],
];

interface Overwrite {
  id: string;
  allow: string;
  deny: string;
}

const bits = (s: string | undefined) => {
  try {
    return BigInt(s ?? '0');
  } catch {
    return 0n;
  }
};

/** The bot's permissions in a channel, from the guild's roles, the bot's roles and the channel's overwrites. */
export function channelPermissions(
  guildId: string,
  roles: readonly { id: string; permissions: string }[],
  memberRoles: readonly string[],
  overwrites: readonly Overwrite[],
  memberId: string,
): bigint {
  const roleBits = new Map(roles.map((r) => [r.id, bits(r.permissions)]));
  let perms = roleBits.get(guildId) ?? 0n;
  for (const r of memberRoles) perms |= roleBits.get(r) ?? 0n;
  if (perms & ADMINISTRATOR) return ~0n;
  const apply = (allow: bigint, deny: bigint) => {
    perms = (perms & ~deny) | allow;
  };
  const everyone = overwrites.find((o) => o.id === guildId);
  if (everyone) apply(bits(everyone.allow), bits(everyone.deny));
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites)
    if (memberRoles.includes(o.id)) {
      allow |= bits(o.allow);
      deny |= bits(o.deny);
    }
  apply(allow, deny);
  const member = overwrites.find((o) => o.id === memberId);
  if (member) apply(bits(member.allow), bits(member.deny));
  return perms;
}

/** Why the bot cannot post in the channel, or undefined when it can. Throws when Discord could not be asked. */
export async function discordCannotPost(rest: DiscordRest, botId: string, channelId: string, guildId: string): Promise<string | undefined> {
  let channel: { guild_id?: string; permission_overwrites?: Overwrite[] };
  try {
    channel = await rest.request('GET', `/channels/${channelId}`);
  } catch (err) {
    if (err instanceof DiscordApiError && (err.status === 404 || err.code === 10003)) return 'that channel does not exist.';
    if (err instanceof DiscordApiError && err.status === 403)
      return 'the bot cannot see that channel; give its role View Channel there (or invite the bot to this server).';
    throw err;
  }
  if (channel.guild_id !== guildId) return 'that channel is not in this server.';
  const [roles, member] = await Promise.all([
    rest.request<{ id: string; permissions: string }[]>('GET', `/guilds/${guildId}/roles`),
    rest.request<{ roles?: string[] }>('GET', `/guilds/${guildId}/members/${botId}`),
  ]);
  const perms = channelPermissions(guildId, roles, member.roles ?? [], channel.permission_overwrites ?? [], botId);
  const missing = NEEDED.filter(([bit]) => (perms & bit) === 0n).map(([, name]) => name);
  if (!missing.length) return undefined;
  return `the bot lacks ${missing.join(', ')} in that channel; allow them for its role in the channel's settings, then subscribe again.`;
}
