import type { Config } from '../config.ts';
import type { Core } from '../core.ts';
import type { Logger } from '../log.ts';

/** Delivers every digest due now (or, with all, every subscription's pending entries); returns a report. */
export async function runDigestsOnce(_core: Core, _config: Config, _log: Logger, _opts: { all: boolean }): Promise<string> {
  throw new Error('digest run is not built yet');
}
