import type { Config } from '../config.ts';

/** Builds the command JSON from commands/ and PUTs it (to one guild, or globally); returns a report. */
export async function registerCommands(_config: Config, _opts: { guild?: string }): Promise<string> {
  throw new Error('register-commands is not built yet');
}
