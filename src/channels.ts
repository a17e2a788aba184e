// Channel references as the adapters pass them: Discord channel ids are snowflakes; Slack's are C… or
// G… ids (the Slack adapter turns <#C123|name> into C123). Commands ask here instead of knowing formats.
import type { Platform } from './domain/platform.ts';

const DISCORD_CHANNEL = /^(?:<#)?(\d{17,20})>?$/;
const SLACK_CHANNEL = /^(?:<#)?([CG][A-Z0-9]{6,})(?:\|[^>]*)?>?$/;

/** The channel id in what a user gave as a channel on this platform, if it is one. */
export function channelIdFor(platform: Platform, ref: string): string | undefined {
  if (platform === 'discord') return DISCORD_CHANNEL.exec(ref)?.[1];
  if (platform === 'slack') return SLACK_CHANNEL.exec(ref)?.[1];
  return undefined;
}

/** How to name a channel so that the platform passes its id. */
export function howToNameChannel(platform: Platform): string {
  return platform === 'discord' ? 'pick it from the list, or type # and choose it' : 'type # and choose it from the list so Slack links it';
}

/** What an admin must do before the bot can post in a channel, where the platform needs a step. */
export function postingNote(platform: Platform): string | undefined {
  return platform === 'slack' ? 'The bot must be in the channel to post there: /invite @blocwatch' : undefined;
}
