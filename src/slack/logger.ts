// Bolt and the Socket Mode client log through this adapter into the app's pino logger.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../log.ts';

export function slackLogger(log: Logger): SlackLogger {
  const child = log.child({ component: 'slack' });
  let level = LogLevel.INFO;
  const fmt = (msg: unknown[]) =>
    msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...m) => child.debug(fmt(m)),
    info: (...m) => child.info(fmt(m)),
    warn: (...m) => child.warn(fmt(m)),
    error: (...m) => child.error(fmt(m)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
