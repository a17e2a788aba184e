import type { Config } from '../config.ts';

/** The Slack app manifest built from commands/: Socket Mode, or HTTP with request URLs under baseUrl. */
export function slackManifest(_config: Config, _opts: { url?: string }): Record<string, unknown> {
  throw new Error('slack-manifest is not built yet');
}
