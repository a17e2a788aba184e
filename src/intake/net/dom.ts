// linkedom for the few feeds and pages the main thread reads as HTML (a feed title with markup, a page
// searched for its feed links), loaded the first time one comes. Loading it costs the process ~20 MB of
// memory (measured: 4 MB of live heap, the rest its code and the heap grown around them), and a pass
// whose feed titles are plain text, with every article read on reader threads, never needs it here.
import { createRequire } from 'node:module';

type Linkedom = typeof import('linkedom');

let loaded: Linkedom | undefined;

/** linkedom's parseHTML, the module required on first call. */
export function parseHTML(html: string): ReturnType<Linkedom['parseHTML']> {
  loaded ??= createRequire(import.meta.url)('linkedom') as Linkedom;
  return loaded.parseHTML(html);
}

/** Whether linkedom has been loaded in this thread (a test checks that reading plain feeds does not). */
export const linkedomLoaded = (): boolean => loaded !== undefined;
