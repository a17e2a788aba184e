// The Discord stand-in's permission model: @everyone may view, post, embed and read history everywhere;
// a test can deny the bot some of that in one channel (setBotDenied), and the stand-in then shows the
// denial as Discord does (a member overwrite on the channel) and refuses what it forbids, with
// Discord's codes: 50001 Missing Access without View Channel, 50013 Missing Permissions otherwise.

export const PERMISSION = {
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  embedLinks: 1n << 14n,
  readMessageHistory: 1n << 16n,
} as const;

/** What @everyone holds in the stand-in's one guild. */
export const EVERYONE_PERMISSIONS =
  PERMISSION.viewChannel | PERMISSION.sendMessages | PERMISSION.embedLinks | PERMISSION.readMessageHistory | (1n << 6n); // + Add Reactions

export type Refusal = { status: 403; code: number; message: string } | undefined;

const missingAccess = { status: 403 as const, code: 50001, message: 'Missing Access' };
const missingPermissions = { status: 403 as const, code: 50013, message: 'Missing Permissions' };

/** The channel's permission overwrites as Discord lists them. */
export function overwritesFor(denied: bigint | undefined, botId: string) {
  return denied ? [{ id: botId, type: 1, allow: '0', deny: String(denied) }] : [];
}

/** Why a request to a channel is refused, given what the bot is denied there. */
export function refusalFor(denied: bigint | undefined, method: string, hasMessages: boolean, body: any): Refusal {
  if (!denied) return undefined;
  if (denied & PERMISSION.viewChannel) return missingAccess;
  if (!hasMessages) return undefined;
  if (method === 'GET' && denied & PERMISSION.readMessageHistory) return missingPermissions;
  if (method === 'POST' && denied & PERMISSION.sendMessages) return missingPermissions;
  if (method === 'POST' && denied & PERMISSION.embedLinks && Array.isArray(body?.embeds) && body.embeds.length) return missingPermissions;
  return undefined;
}

/** GET /guilds/:id/roles and GET /guilds/:id/members/:user, for the stand-in's one guild. */
export function guildRoute(path: string, guildId: string, botUser: { id: string }): { status: number; body: unknown } | undefined {
  const m = path.match(/^\/guilds\/(\d+)\/(roles|members\/(\d+))$/);
  if (!m) return undefined;
  if (m[1] !== guildId) return { status: 404, body: { code: 10004, message: 'Unknown Guild' } };
  if (m[2] === 'roles')
    return {
      status: 200,
      body: [
        {
          id: guildId,
          name: '@everyone',
          permissions: String(EVERYONE_PERMISSIONS),
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
        },
      ],
    };
  if (m[3] !== botUser.id) return { status: 404, body: { code: 10007, message: 'Unknown Member' } };
  return { status: 200, body: { user: botUser, roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 } };
}
