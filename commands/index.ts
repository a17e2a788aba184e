import { alert } from './alert.ts';
import { chart } from './chart.ts';
import { csto } from './csto.ts';
import { digest } from './digest.ts';
import { event } from './event.ts';
import { review } from './review.ts';
import { search } from './search.ts';
import { source } from './source.ts';
import { timeline } from './timeline.ts';
import type { CommandDef } from './types.ts';

/** Every slash command, in the order help lists them. */
export const COMMANDS: readonly CommandDef[] = [csto, timeline, search, event, digest, alert, chart, source, review];
