// `blocwatch start`: the intake scheduler. A node-cron job (INTAKE_POLL_CRON) runs a pass over the due
// sources; on SQLite only the process holding the intake lease polls, so two bots on one database never
// both do; on PostgreSQL each polls the sources it claims.
import cron from 'node-cron';
import type { Config } from '../../config.ts';
import type { Core } from '../../core.ts';
import type { DigestSenders } from '../../digest/index.ts';
import type { Logger } from '../../log.ts';
import { attachIntake } from './index.ts';
import { reviewChannelPoster } from './review-channels.ts';
import { ReaderPool } from './parts.ts';
import { IntakeService, type IntakeOptions } from './service.ts';

export function startIntake(
  ctx: { core: Core; config: Config; log: Logger },
  senders: DigestSenders,
  opts: IntakeOptions = {},
): { name: string; stop(): Promise<void> } {
  const log = ctx.log.child({ component: 'intake' });
  const limits = {
    timeoutMs: ctx.config.INTAKE_TIMEOUT_MS,
    maxBytes: ctx.config.INTAKE_MAX_BYTES,
    allowPrivate: ctx.config.INTAKE_ALLOW_PRIVATE,
  };
  // Pages are read on threads of their own, so a busy pass neither slows answers nor grows the heap.
  const reader = new ReaderPool({ timeoutMs: ctx.config.INTAKE_TIMEOUT_MS, log });
  const service = attachIntake(
    ctx.core,
    new IntakeService(ctx.core, {
      log,
      limits,
      reader,
      tell: reviewChannelPoster(ctx.config, senders, log),
      claimTtlMs: (ctx.config.WORK_CLAIM_SECONDS ?? 60) * 1000,
      ...opts,
    }),
  );
  const tick = async () => {
    try {
      const r = await service.pass();
      if (r.polled.length) log.info({ polled: r.polled.length, drafted: r.drafted.length }, 'intake pass');
    } catch (err) {
      log.error({ err }, 'intake pass failed');
    }
  };
  const task = cron.schedule(ctx.config.INTAKE_POLL_CRON, tick, { name: 'intake', noOverlap: true });
  log.info({ cron: ctx.config.INTAKE_POLL_CRON }, 'intake: scheduler running');
  return {
    name: 'intake',
    async stop() {
      await task.stop();
      await task.destroy();
      await service.idle();
      await reader.close();
    },
  };
}
