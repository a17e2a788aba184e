// Why a fetch failed, in words for editors (/source list, the stopped-source notice, poll replies).
import { FetchFailure } from '../net/failure.ts';

export function describeFailure(err: unknown): string {
  if (err instanceof FetchFailure) {
    if (err.code === 'http_status' && err.status !== undefined)
      return `the feed answered HTTP ${err.status}${err.status === 404 || err.status === 410 ? ' (gone)' : ''}`;
    if (err.code === 'not_a_feed') return 'the page is not a feed (RSS, Atom, RDF or JSON Feed)';
    return err.message.slice(0, 200);
  }
  return err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200);
}
