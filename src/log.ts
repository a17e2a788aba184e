import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** Logs go to stderr so that stdout stays the command's answer (console, CLI exports). */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
