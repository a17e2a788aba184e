import type { AppContext, Running } from '../platform.ts';
import { startGateway } from './gateway.ts';
import { LOCAL_LOCK, takeGatewaySeat } from './gateway-seat.ts';
import { discordHttpHandler } from './http.ts';
import { DiscordInteractions } from './interactions.ts';
import { DiscordRest } from './rest.ts';

/**
 * Starts Discord in the configured mode: gateway (discord.js, once this process holds the gateway lock)
 * or HTTP interactions.
 */
export async function startDiscord(ctx: AppContext): Promise<Running> {
  const { config, log } = ctx;
  const rest = new DiscordRest({ apiUrl: config.DISCORD_API_URL, token: config.DISCORD_TOKEN, log });
  const interactions = new DiscordInteractions({
    dispatcher: ctx.dispatcher,
    rest,
    applicationId: config.DISCORD_APPLICATION_ID!,
    authority: {
      editorGuildId: config.DISCORD_EDITOR_GUILD_ID,
      editorRoleIds: config.DISCORD_EDITOR_ROLE_IDS,
      editorUserIds: config.DISCORD_EDITOR_USER_IDS,
      adminRoleIds: config.DISCORD_ADMIN_ROLE_IDS,
    },
    log,
  });
  if (config.DISCORD_INTERACTIONS === 'http') {
    ctx.http.route('POST', '/discord/interactions', discordHttpHandler(interactions, config.DISCORD_PUBLIC_KEY!, log));
    log.info('discord: HTTP interactions at POST /discord/interactions');
    return { name: 'discord-http', stop: async () => {} };
  }
  const seat = await takeGatewaySeat(
    ctx.gatewayLock ?? LOCAL_LOCK,
    () => startGateway({ token: config.DISCORD_TOKEN!, apiUrl: config.DISCORD_API_URL, interactions, rest, log }),
    log,
  );
  return { name: 'discord-gateway', stop: () => seat.stop(), gateway: () => seat.state };
}
