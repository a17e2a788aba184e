import { createRequire } from 'node:module';
import type { Logger as PinoLogger, pino as createPino } from 'pino';

/** What the program logs through: pino's methods, so a pino logger (tests, the bot) is one. */
export type Logger = Pick<PinoLogger, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'isLevelEnabled'> & {
  child(bindings: Record<string, unknown>): Logger;
};

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

// pino's own level numbers: a message is written when its level is at least the logger's.
const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

const requireFromHere = createRequire(import.meta.url);

/** Logs go to stderr so that stdout stays the command's answer (console, CLI exports). */
export function createLogger(level: LogLevel | string = 'info'): PinoLogger {
  // Required, not imported: pino is CommonJS, and only the commands that log load it (see lazyLogger).
  const { pino } = requireFromHere('pino') as { pino: typeof createPino };
  return pino({ level, base: undefined }, pino.destination(2));
}

/**
 * A logger that loads pino when the first message at an enabled level is written. Loading pino is a
 * tenth of the console's start-up, and a console session usually logs nothing at all.
 */
export function lazyLogger(level: LogLevel | string = 'info'): Logger {
  let pinoLogger: PinoLogger | undefined;
  return deferred(() => (pinoLogger ??= createLogger(level)), LEVELS[level] ?? LEVELS.info!);
}

function deferred(load: () => Logger, threshold: number): Logger {
  const at =
    (name: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace') =>
    (...args: unknown[]) => {
      if (LEVELS[name]! >= threshold) (load()[name] as (...a: unknown[]) => void)(...args);
    };
  return {
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    isLevelEnabled: (level) => (LEVELS[level] ?? Infinity) >= threshold,
    child: (bindings) => {
      let child: Logger | undefined;
      return deferred(() => (child ??= load().child(bindings)), threshold);
    },
  };
}
