// `blocwatch digest run [--all]`: deliver what is due now (or every subscription's pending entries) and
// report. If another process holds the delivery lease, wait for it (up to a minute), then give up.
import type { Core } from '../core.ts';
import type { Logger } from '../log.ts';
import { DigestService } from './deliver.ts';
import type { DigestSenders } from './index.ts';

export async function runDigestsOnce(
  core: Core,
  senders: DigestSenders,
  log: Logger,
  opts: { all: boolean; waitMs?: number },
): Promise<string> {
  if (!Object.keys(senders).length) throw new Error('Set DISCORD_TOKEN or SLACK_BOT_TOKEN: digests are delivered to Discord or Slack.');
  const service = new DigestService(core, senders, log);
  const deadline = Date.now() + (opts.waitMs ?? 60_000);
  for (;;) {
    const r = opts.all ? await service.runAll() : await service.tick();
    if (r.leased) {
      await service.lease.release();
      return [
        `Delivered ${r.delivered} digest${r.delivered === 1 ? '' : 's'} (${r.parts} message${r.parts === 1 ? '' : 's'}).`,
        r.quiet ? `${r.quiet} had nothing new.` : '',
        r.deferred ? `${r.deferred} deferred after errors; they are retried on the next run.` : '',
        r.disabled ? `${r.disabled} disabled after a permanent error (see /digest list).` : '',
        r.skipped ? `${r.skipped} skipped: their platform is not configured here.` : '',
      ]
        .filter(Boolean)
        .join(' ');
    }
    const holder = await service.lease.holder();
    if (Date.now() > deadline) throw new Error(`Another process (${holder?.owner ?? 'unknown'}) is delivering digests; try again later.`);
    log.info({ holder: holder?.owner }, 'waiting for the digest lease');
    await new Promise((r) => setTimeout(r, 1000));
  }
}
