// `blocwatch start`: the configured platforms, the digest scheduler and the HTTP server, in one process.
// This is the composition root: the one place that knows every platform and hands each service its parts.
import { COMMANDS } from '../commands/index.ts';
import { platforms, type Config } from './config.ts';
import { coreSettings, openCore, type Core } from './core.ts';
import { startDigests, type DigestSenders } from './digest/index.ts';
import { DiscordDigestSender } from './discord/digest-sender.ts';
import { startDiscord } from './discord/index.ts';
import { Dispatcher } from './dispatch.ts';
import { HttpServer, sendJson } from './http/server.ts';
import { startIntake } from './intake/pipeline/start.ts';
import type { Logger } from './log.ts';
import type { AppContext, Running } from './platform.ts';
import { SlackDigestSender } from './slack/digest-sender.ts';
import { startSlack } from './slack/index.ts';

/** A digest sender for each platform that has credentials. */
export function digestSenders(config: Config, log: Logger): DigestSenders {
  return {
    ...(config.DISCORD_TOKEN ? { discord: new DiscordDigestSender(config, log) } : {}),
    ...(config.SLACK_BOT_TOKEN ? { slack: new SlackDigestSender(config) } : {}),
  };
}

export interface App {
  ctx: AppContext;
  url?: string;
  stop(): Promise<void>;
}

export async function startApp(config: Config, log: Logger, opts: { core?: Core } = {}): Promise<App> {
  const core =
    opts.core ??
    openCore(config.DATABASE_PATH, {
      settings: coreSettings(config),
      onDatasetUpdate: (r) => {
        log.info({ from: r.from, to: r.to, edited: r.edited, added: r.added, memberships: r.memberships }, 'curated dataset updated');
        for (const k of r.keptByEditors) log.warn(k, 'curated correction not applied: an editor changed this event by hand');
        for (const k of r.alreadyRecorded) log.warn(k, 'curated event not added: an editor recorded it from the same report');
      },
    });
  const dispatcher = new Dispatcher(core, COMMANDS, log);
  const http = new HttpServer((err, req) => log.error({ err, url: req.url }, 'http handler failed'));
  const ctx: AppContext = { config, core, dispatcher, http, log };
  const running: Running[] = [];
  const enabled = platforms(config);

  http.route('GET', '/healthz', (_req, res) => {
    const db = core.db.prepare('SELECT 1 AS ok').get() as { ok: number } | undefined;
    sendJson(res, db?.ok === 1 ? 200 : 503, { ok: db?.ok === 1, platforms: running.map((r) => r.name) });
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
    core.close();
  };

  try {
    if (enabled.discord) running.push(await startDiscord(ctx));
    if (enabled.slack) running.push(await startSlack(ctx));
    const senders = digestSenders(config, log);
    const digests = await startDigests(ctx, senders);
    if (digests) running.push(digests);
    // Intake posts its review cards through the same platform senders.
    running.push(startIntake(ctx, senders));
    const address = await http.listen(config.HTTP_HOST, config.HTTP_PORT);
    const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
    log.info({ url, platforms: running.map((r) => r.name) }, 'blocwatch is running');
    return { ctx, url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
