// `blocwatch start`: the configured platforms, the digest and alert schedulers and the HTTP server, in one process.
// This is the composition root: the one place that knows every platform and hands each service its parts.
// A process has a role (BLOCWATCH_ROLE, `start --role`): `web` answers HTTP interactions (Discord's
// endpoint, Slack's events and commands) and the public web, and schedules nothing; `worker` runs the
// digest, alert and intake schedulers (their deliveries and polls) and answers only /healthz and
// /metrics; `all`, the default, is both. The Discord gateway runs in any role that has the token, in one
// process at a time (the gateway lock on PostgreSQL).
// A platform's modules (discord.js, Bolt) are imported only when that platform is configured: each costs
// hundreds of milliseconds of start-up and tens of megabytes that a Slack-only bot never needs.
import { COMMANDS } from '../commands/index.ts';
import { platforms, type Config, type Role } from './config.ts';
import { coreSettings, openCore, type Core } from './core.ts';
import { describeSql, storeLocation } from './store/open.ts';
import { startAlerts } from './alerts/index.ts';
import type { ChannelAccess } from '../commands/types.ts';
import { startDigests, type DigestSenders } from './digest/index.ts';
import { MeteredDispatcher } from './dispatch.ts';
import { HttpServer, sendJson } from './http/server.ts';
import { attachIntake } from './intake/pipeline/index.ts';
import { reviewChannelPoster } from './intake/pipeline/review-channels.ts';
import { IntakeService } from './intake/pipeline/service.ts';
import { startIntake } from './intake/pipeline/start.ts';
import type { Logger } from './log.ts';
import type { AppContext, Running } from './platform.ts';

/** A digest sender for each platform that has credentials. */
export async function digestSenders(config: Config, log: Logger): Promise<DigestSenders> {
  const senders: DigestSenders = {};
  if (config.DISCORD_TOKEN) senders.discord = new (await import('./discord/digest-sender.ts')).DiscordDigestSender(config, log);
  if (config.SLACK_BOT_TOKEN) senders.slack = new (await import('./slack/digest-sender.ts')).SlackDigestSender(config);
  return senders;
}

/** "May the bot post there?", answered by the platform's sender: /alert subscribe asks before it stores. */
export function channelAccess(senders: DigestSenders): ChannelAccess {
  return {
    async cannotPost(platform, channelId, spaceId) {
      const sender = platform === 'console' ? undefined : senders[platform];
      return sender ? sender.cannotPost(channelId, spaceId) : undefined;
    },
  };
}

export interface App {
  ctx: AppContext;
  url?: string;
  stop(): Promise<void>;
}

/** What each role runs. */
const RUNS: Record<Role, { answers: boolean; schedules: boolean }> = {
  web: { answers: true, schedules: false },
  worker: { answers: false, schedules: true },
  all: { answers: true, schedules: true },
};

export async function startApp(config: Config, log: Logger, opts: { core?: Core; role?: Role } = {}): Promise<App> {
  const core =
    opts.core ??
    (await openCore(storeLocation(config), {
      settings: coreSettings(config),
      onDatasetUpdate: (r) => {
        log.info({ from: r.from, to: r.to, edited: r.edited, added: r.added, memberships: r.memberships }, 'curated dataset updated');
        for (const k of r.keptByEditors) log.warn(k, 'curated correction not applied: an editor changed this event by hand');
        for (const k of r.alreadyRecorded) log.warn(k, 'curated event not added: an editor recorded it from the same report');
      },
      onConnectionError: (err) => log.warn({ err }, 'database connection lost; reconnecting'),
    }));
  log.info({ store: describeSql(core.sql) }, `store: ${describeSql(core.sql)}`);
  const senders = await digestSenders(config, log);
  const dispatcher = new MeteredDispatcher(core, COMMANDS, log, { channels: channelAccess(senders) });
  const http = new HttpServer((err, req) => log.error({ err, url: req.url }, 'http handler failed'));
  const role = opts.role ?? config.BLOCWATCH_ROLE;
  const runs = RUNS[role];
  // Many processes share a PostgreSQL database: the gateway goes to whichever holds its lock.
  const gatewayLock = config.DATABASE_URL
    ? new (await import('./store/session-lock.ts')).AdvisoryLock(config.DATABASE_URL, `discord-gateway:${config.DISCORD_APPLICATION_ID}:0`)
    : undefined;
  const ctx: AppContext = { config, core, dispatcher, http, log, role, gatewayLock };
  const running: Running[] = [];
  const enabled = platforms(config);
  const gatewayState = () => running.find((r) => r.gateway)?.gateway?.() ?? 'off';

  // GET /metrics, only with METRICS_ENABLED=true: prom-client is loaded then and not otherwise.
  if (config.METRICS_ENABLED) {
    const metrics = new (await import('./metrics/index.ts')).PrometheusMetrics();
    core.metrics = metrics;
    metrics.watchDatabase(core);
    http.route('GET', '/metrics', metrics.handler(config.METRICS_TOKEN));
  }

  http.route('GET', '/healthz', async (_req, res) => {
    const ok = await core.ops.ping();
    sendJson(res, ok ? 200 : 503, { ok, role, store: core.engine, gateway: gatewayState(), platforms: running.map((r) => r.name) });
  });

  const stop = async () => {
    for (const r of running.reverse()) {
      try {
        await r.stop();
      } catch (err) {
        log.warn({ err, name: r.name }, 'stop failed');
      }
    }
    await http.close();
    await core.close();
  };

  try {
    // A worker answers no interactions over HTTP, but holds the gateway as readily as any other process.
    if (enabled.discord && (runs.answers || config.DISCORD_INTERACTIONS === 'gateway'))
      running.push(await (await import('./discord/index.ts')).startDiscord(ctx));
    if (enabled.slack && runs.answers) running.push(await (await import('./slack/index.ts')).startSlack(ctx));
    if (runs.schedules) {
      const digests = await startDigests(ctx, senders);
      if (digests) running.push(digests);
      const alerts = await startAlerts(ctx, senders);
      if (alerts) running.push(alerts);
      // Intake posts its review cards through the same platform senders.
      running.push(startIntake(ctx, senders));
    } else {
      // No polling here, but a `/source poll` or `/event import` answered here tells the review channels too.
      const intakeLog = log.child({ component: 'intake' });
      attachIntake(core, new IntakeService(core, { log: intakeLog, tell: reviewChannelPoster(config, senders, intakeLog) }));
    }
    if (config.WEB_ENABLED && runs.answers) {
      // Loaded only when asked for: a chat-only bot never loads the pages, feeds and API.
      const web = await import('./web/routes.ts');
      http.mount(web.webRoutes(core, { publicUrl: config.PUBLIC_URL }), web.webNotFound(core, { publicUrl: config.PUBLIC_URL }));
    }
    const address = await http.listen(config.HTTP_HOST, config.HTTP_PORT);
    const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
    log.info({ url, role, platforms: running.map((r) => r.name), web: config.WEB_ENABLED && runs.answers }, 'blocwatch is running');
    return { ctx, url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
