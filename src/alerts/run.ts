// `blocwatch alert run`: send every alert that is due now, then report. Channels another live process
// is serving are left to it (they are claimed); a dead one's claims on this host are taken over at once.
import type { Core } from '../core.ts';
import type { DigestSenders } from '../digest/index.ts';
import type { Logger } from '../log.ts';
import { AlertService } from './deliver.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export async function runAlertsOnce(core: Core, senders: DigestSenders, log: Logger): Promise<string> {
  if (!Object.keys(senders).length) throw new Error('Set DISCORD_TOKEN or SLACK_BOT_TOKEN: alerts are posted to Discord or Slack.');
  const r = await new AlertService(core, senders, log).tick();
  return [
    `Sent ${plural(r.sent, 'alert')}.`,
    r.held ? `${plural(r.held, 'event')} held for the channel's digest (hourly cap).` : '',
    r.waiting ? `${plural(r.waiting, 'alert')} waiting for the hourly cap to allow ${r.waiting === 1 ? 'it' : 'them'}.` : '',
    r.dropped ? `${plural(r.dropped, 'alert')} dropped: the event was deleted first.` : '',
    r.deferred ? `${plural(r.deferred, 'channel')} deferred after errors; retried on the next run.` : '',
    r.disabled ? `${plural(r.disabled, 'subscription')} disabled after a permanent error (see /alert list).` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
