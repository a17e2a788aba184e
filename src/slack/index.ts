// Slack in one of two modes: Socket Mode when SLACK_APP_TOKEN is set (no inbound traffic), otherwise
// HTTP at POST /slack/events on the shared server, where Bolt's receiver checks the v0 signature
// (HMAC-SHA256 over timestamp and raw body, 5-minute window) before anything is parsed: failures get 401.
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { AppContext, Running } from '../platform.ts';
import { COMMANDS } from '../../commands/index.ts';
import { slackGuard } from './guard.ts';
import { registerSlackListeners } from './listeners.ts';
import { slackLogger } from './logger.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

export async function startSlack(ctx: AppContext): Promise<Running> {
  const { config, log } = ctx;
  const logger = slackLogger(log);
  const clientOptions = config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {};
  const deps = { dispatcher: ctx.dispatcher, adminUserIds: config.SLACK_ADMIN_USER_IDS, editorUserIds: config.SLACK_EDITOR_USER_IDS, log };

  if (config.SLACK_APP_TOKEN) {
    const receiver = new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN, logger, installerOptions: { clientOptions } });
    const app = new App({ token: config.SLACK_BOT_TOKEN, receiver, logger, clientOptions });
    registerSlackListeners(app, deps);
    await app.start();
    log.info('slack: connected over Socket Mode');
    return { name: 'slack-socket', stop: () => app.stop() as Promise<void> };
  }

  const receiver = new HTTPReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET!,
    endpoints: SLACK_EVENTS_PATH,
    logger,
    // Acknowledge before the listener finishes: answers go through response_url, not the HTTP response.
    processBeforeResponse: false,
    // A listener that fails before acknowledging is our fault, not Slack's request: log it and answer 200
    // (Bolt's default is a 500). Listeners catch their own failures; this is the last line.
    processEventErrorHandler: async ({ error, response }) => {
      log.error({ err: error }, 'slack: listener failed before acknowledging');
      if (!response.headersSent) response.writeHead(200).end();
      return false;
    },
  });
  const app = new App({ token: config.SLACK_BOT_TOKEN, receiver, logger, clientOptions });
  registerSlackListeners(app, deps);
  // The receiver's listener runs on the shared server instead of a server of its own (no app.start()).
  // Size, signature, replay and shape are checked before Bolt sees a request (see guard.ts).
  ctx.http.route(
    'POST',
    SLACK_EVENTS_PATH,
    slackGuard({
      signingSecret: config.SLACK_SIGNING_SECRET!,
      log,
      commands: COMMANDS.map((c) => c.name),
      next: receiver.requestListener,
      replays: ctx.core.replays,
    }),
  );
  log.info(`slack: HTTP at POST ${SLACK_EVENTS_PATH}`);
  return { name: 'slack-http', stop: async () => {} };
}
