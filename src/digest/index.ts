// The digest scheduler: a node-cron tick each minute (and one at start, so a digest missed while the bot
// was down goes out once now). Only the process holding the database lease delivers.
import cron from 'node-cron';
import type { Core } from '../core.ts';
import type { Logger } from '../log.ts';
import type { DigestPlatform } from '../store/digests.ts';
import { DigestService, type DeliveryOptions } from './deliver.ts';
import type { DigestSender } from './sender.ts';

/** The platforms' senders, built by the composition root (src/app.ts) from what is configured. */
export type DigestSenders = Partial<Record<DigestPlatform, DigestSender>>;

export async function startDigests(
  ctx: { core: Core; log: Logger },
  senders: DigestSenders,
  opts: DeliveryOptions = {},
): Promise<{ name: string; stop(): Promise<void> } | undefined> {
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
      await service.lease.release().catch(() => undefined);
    },
  };
}
