// `blocwatch slack-manifest [--url BASE]`: the app manifest, built from the command definitions so the
// slash commands Slack shows always match what the bot parses. Paste it at api.slack.com/apps →
// Create New App → From an app manifest.
import { COMMANDS } from '../../commands/index.ts';
import type { CommandDef } from '../../commands/types.ts';
import type { Config } from '../config.ts';
import { usageLine } from '../grammar.ts';
import { SLACK_EVENTS_PATH } from './index.ts';

/**
 * Only what the bot uses: `commands` for the slash commands; `chat:write` for answers, confirmations
 * and digests; `channels:history` and `groups:history` so a digest part whose fate is unknown can be
 * looked up in the channel before it is sent again; `files:write` to share charts (/chart) as pictures.
 */
export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'channels:history', 'groups:history', 'files:write'] as const;

/** The usage hint Slack shows beside the command: its subcommands or options, without the name. */
export function usageHint(def: CommandDef): string {
  const handlers = def.subcommands ?? (def.handler ? [def.handler] : []);
  const hint = handlers
    .map((h) => usageLine(def, h).replace(`/${def.name} `, '').replace(`/${def.name}`, ''))
    .filter(Boolean)
    .join(' | ');
  return hint.length <= 1000 ? hint : `${hint.slice(0, 999)}…`;
}

export function slackManifest(_config: Config, opts: { url?: string }): Record<string, unknown> {
  // Accept the base or the full endpoint; Slack only sends to https:// request URLs.
  const base = opts.url?.replace(/\/+$/, '').replace(new RegExp(`${SLACK_EVENTS_PATH}$`), '');
  if (base !== undefined && !/^https:\/\/[^/\s]+/.test(base)) {
    throw new Error(`--url must be the public https:// base of this server, e.g. https://bot.example.org (got "${opts.url}")`);
  }
  const requestUrl = base ? `${base}${SLACK_EVENTS_PATH}` : undefined;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'blocwatch',
      description: 'Dated, sourced briefings on the CSTO and the blocs around it',
      long_description:
        'blocwatch answers questions about the Collective Security Treaty Organization and the blocs around it (SCO, CIS, EAEU, the Union State): who is a member, since when and why, country timelines and full-text search over a curated, sourced event database, plus a daily digest of new entries in the channels that subscribe. Every answer is dated and links its sources.',
      background_color: '#2b6cb0',
    },
    features: {
      bot_user: { display_name: 'blocwatch', always_online: true },
      // Form confirmations fall back to the app's DM when the bot is not in the channel.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      slash_commands: COMMANDS.map((def) => ({
        command: `/${def.name}`,
        description: def.description.slice(0, 2000),
        usage_hint: usageHint(def),
        // Channels arrive as <#C123|name>, so `/digest subscribe #news` names a channel unambiguously.
        should_escape: true,
        ...(requestUrl ? { url: requestUrl } : {}),
      })),
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      interactivity: { is_enabled: true, ...(requestUrl ? { request_url: requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !requestUrl,
      token_rotation_enabled: false,
    },
  };
}
