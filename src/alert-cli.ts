// The alert commands of `blocwatch` (registered by src/cli.ts): `alert list [--json]` shows every
// channel's alert subscription; `alert run` sends what is due now, then exits (for cron, or beside a bot:
// channels are claimed, so nothing goes twice).
import type { Command } from 'commander';
import { filterText } from './alerts/render.ts';
import type { Config } from './config.ts';
import type { Core } from './core.ts';
import type { Logger } from './log.ts';
import type { AlertSubscription } from './store/alerts.ts';

export interface AlertCliDeps {
  config(): Config;
  core(c: Config): Promise<Core>;
  logger(c: Config): Logger;
  fail(code: number, message: string): Error;
}

/** A subscription in `alert list --json`. */
export function alertJson(s: AlertSubscription, waiting: number) {
  return {
    id: s.id,
    platform: s.platform,
    space: s.spaceId,
    channel: s.channelId,
    countries: s.countries,
    blocs: s.blocs,
    kinds: s.kinds,
    last_posted_at: s.lastPostedAt,
    disabled_at: s.disabledAt,
    disabled_reason: s.disabledReason,
    waiting,
  };
}

export function registerAlertCommands(program: Command, deps: AlertCliDeps): void {
  const alert = program.command('alert').description('instant alerts');
  alert
    .command('list')
    .description("every channel's alert subscription: filters, last alert, what waits, why it stopped")
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const k = await deps.core(deps.config());
      try {
        const subs = await k.alerts.all();
        const waiting = await k.alerts.waiting();
        if (opts.json) {
          console.log(JSON.stringify(subs.map((s) => alertJson(s, waiting.get(s.id) ?? 0))));
          return;
        }
        if (!subs.length) {
          console.log('No alert subscriptions. Admins start one in a channel with /alert subscribe.');
          return;
        }
        for (const s of subs) {
          const last = s.lastPostedAt ? `last alert ${s.lastPostedAt}` : 'no alert yet';
          const state = s.disabledAt ? ` · DISABLED ${s.disabledAt}: ${s.disabledReason ?? 'unknown reason'}` : '';
          const wait = waiting.get(s.id) ? ` · ${waiting.get(s.id)} waiting` : '';
          console.log(`#${s.id} ${s.platform} ${s.spaceId}/${s.channelId} · ${filterText(k, s)} · ${last}${wait}${state}`);
        }
      } finally {
        await k.close();
      }
    });
  alert
    .command('run')
    .description('send every alert that is due now, then exit')
    .action(async () => {
      const c = deps.config();
      const log = deps.logger(c);
      const k = await deps.core(c);
      try {
        const { runAlertsOnce } = await import('./alerts/run.ts');
        const { digestSenders } = await import('./app.ts');
        console.log(await runAlertsOnce(k, await digestSenders(c, log), log));
      } catch (err) {
        throw deps.fail(1, (err as Error).message);
      } finally {
        await k.close();
      }
    });
}
