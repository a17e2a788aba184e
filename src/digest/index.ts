// The digest scheduler: a node-cron tick each minute (and one at start, so a digest missed while the bot
// was down goes out once now), or as often as a claim lasts when that is shorter, so that a killed
// worker's subscriptions are taken over within two claim lifetimes. Each process delivers what it claims.
import cron from 'node-cron';
import type { Config } from '../config.ts';
import type { Core } from '../core.ts';
import type { Logger } from '../log.ts';
import type { DigestPlatform } from '../store/digests.ts';
import { DigestService, type DeliveryOptions } from './deliver.ts';
import type { DigestSender } from './sender.ts';

/** The platforms' senders, built by the composition root (src/app.ts) from what is configured. */
export type DigestSenders = Partial<Record<DigestPlatform, DigestSender>>;

export async function startDigests(
  ctx: { core: Core; log: Logger; config?: Pick<Config, 'WORK_CLAIM_SECONDS'> },
  senders: DigestSenders,
  opts: DeliveryOptions = {},
): Promise<{ name: string; stop(): Promise<void> } | undefined> {
  if (!Object.keys(senders).length) return undefined;
  const claimSeconds = ctx.config?.WORK_CLAIM_SECONDS ?? 60;
  const service = new DigestService(ctx.core, senders, ctx.log.child({ component: 'digest' }), {
    claimTtlMs: claimSeconds * 1000,
    ...opts,
  });
  const tick = async () => {
    try {
      const r = await service.tick();
      if (r.delivered || r.deferred || r.disabled) ctx.log.info({ ...r }, 'digest tick');
    } catch (err) {
      ctx.log.error({ err }, 'digest tick failed');
    }
  };
  const every = Math.min(60, claimSeconds);
  const task = cron.schedule(every >= 60 ? '* * * * *' : `*/${every} * * * * *`, tick, { name: 'digests', noOverlap: true });
  void tick();
  ctx.log.info(`digests: scheduler running (every ${every >= 60 ? 'minute' : `${every} s`})`);
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
