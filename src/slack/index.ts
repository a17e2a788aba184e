import type { AppContext, Running } from '../platform.ts';

/** Starts Slack in Socket Mode (SLACK_APP_TOKEN) or over HTTP at POST /slack/events. */
export async function startSlack(_ctx: AppContext): Promise<Running> {
  throw new Error('Slack support is not built yet');
}
