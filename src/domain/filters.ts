// Which events a channel asked for: the countries, blocs and (for alerts) kinds of a digest or alert
// subscription. One rule for both, so a digest and an alert in one channel never disagree on a match.
import { EVENT_KINDS } from './event-input.ts';
import type { EventKind } from './types.ts';

export interface EventFilter {
  countries: readonly string[];
  blocs: readonly string[];
  /** Absent or empty: every kind. */
  kinds?: readonly EventKind[];
}

/** What matching reads of an event. */
export interface Filterable {
  kind: EventKind;
  countries: readonly { id: string }[];
  blocs: readonly { id: string }[];
}

/** An event must involve one of the countries (if any are named) and one of the blocs (if any), and be one of the kinds. */
export function matchesFilter(e: Filterable, f: EventFilter): boolean {
  const countryOk = !f.countries.length || e.countries.some((c) => f.countries.includes(c.id));
  const blocOk = !f.blocs.length || e.blocs.some((b) => f.blocs.includes(b.id));
  const kindOk = !f.kinds?.length || f.kinds.includes(e.kind);
  return countryOk && blocOk && kindOk;
}

/** The kind a person typed: its id (`status_change`) or its words (`status change`, `Status-change`). */
export function parseKind(text: string): EventKind | undefined {
  const id = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (EVENT_KINDS as readonly string[]).includes(id) ? (id as EventKind) : undefined;
}
