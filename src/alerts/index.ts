// The alert scheduler: a node-cron tick every few seconds (and one at start), so an event published by
// any process on this database reaches its channels well within a minute. An idle tick is one indexed
// probe of the posts table.
import cron from 'node-cron';
import type { Config } from '../config.ts';
import type { Core } from '../core.ts';
import type { DigestSenders } from '../digest/index.ts';
import type { Logger } from '../log.ts';
import { AlertService, type AlertOptions } from './deliver.ts';

export const ALERT_TICK_SECONDS = 5;

export async function startAlerts(
  ctx: { core: Core; log: Logger; config?: Pick<Config, 'WORK_CLAIM_SECONDS'> },
  senders: DigestSenders,
  opts: AlertOptions & { everySeconds?: number } = {},
): Promise<{ name: string; stop(): Promise<void> } | undefined> {
  if (!Object.keys(senders).length) return undefined;
  const log = ctx.log.child({ component: 'alerts' });
  const service = new AlertService(ctx.core, senders, log, { claimTtlMs: (ctx.config?.WORK_CLAIM_SECONDS ?? 60) * 1000, ...opts });
  const tick = async () => {
    try {
      const r = await service.tick();
      if (r.sent || r.held || r.dropped || r.deferred || r.disabled) log.info({ ...r }, 'alert tick');
    } catch (err) {
      log.error({ err }, 'alert tick failed');
    }
  };
  const every = opts.everySeconds ?? ALERT_TICK_SECONDS;
  // No noOverlap: a tick while one runs returns at once (AlertService.tick), and node-cron would log a warning every time.
  const task = cron.schedule(`*/${every} * * * * *`, tick, { name: 'alerts' });
  void tick();
  log.info(`alerts: scheduler running (every ${every} s)`);
  return {
    name: 'alerts',
    async stop() {
      await task.stop();
      await task.destroy();
      await service.idle();
    },
  };
}
