// The digest scheduler: a node-cron tick each minute (and one at start, so a digest missed while the bot
// was down goes out once now). Only the process holding the database lease delivers.
import cron from 'node-cron';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { AppContext, Running } from '../platform.ts';
import { DigestService, type DeliveryOptions } from './deliver.ts';
import { DiscordDigestSender, SlackDigestSender, type DigestSender } from './senders.ts';
import type { DigestPlatform } from './store.ts';

export function digestSenders(config: Config, log: Logger): Partial<Record<DigestPlatform, DigestSender>> {
  return {
    ...(config.DISCORD_TOKEN ? { discord: new DiscordDigestSender(config, log) } : {}),
    ...(config.SLACK_BOT_TOKEN ? { slack: new SlackDigestSender(config) } : {}),
  };
}

export async function startDigests(ctx: AppContext, opts: DeliveryOptions = {}): Promise<Running | undefined> {
  const senders = digestSenders(ctx.config, ctx.log);
  if (!Object.keys(senders).length) return undefined;
  const service = new DigestService(ctx.core, senders, ctx.log.child({ component: 'digest' }), opts);
  const tick = async () => {
    try {
      const r = await service.tick();
      if (r.delivered || r.deferred || r.disabled) ctx.log.info({ ...r }, 'digest tick');
    } catch (err) {
      ctx.log.error({ err }, 'digest tick failed');
    }
  };
  const task = cron.schedule('* * * * *', tick, { name: 'digests', noOverlap: true });
  void tick();
  ctx.log.info('digests: scheduler running (every minute)');
  return {
    name: 'digests',
    async stop() {
      await task.stop();
      await task.destroy();
      await service.idle();
      service.lease.release();
    },
  };
}
