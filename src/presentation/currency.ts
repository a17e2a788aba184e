// How current the data is, in the one sentence every surface shows: chat answers on every platform,
// digests, charts and, later, the web all call dataTo(), so none of them can claim more than another.
// The data reaches the newest event, or the last day a news source was read successfully if that is
// later. An install that reads no sources knows only what it shipped with (and what editors add), so it
// says so and tells the operator how to keep it current.
import { formatDay, formatPartialDate, type PartialDate } from '../domain/dates.ts';

export interface DataCurrency {
  /** The newest live event's date. */
  newest?: PartialDate;
  /** True when every live event on the newest date came with the built-in dataset. */
  newestBuiltIn: boolean;
  /** News sources configured, whether or not they are currently polled. */
  sources: number;
  /** When a source was last read successfully (ISO instant), if ever. */
  lastPolledOk?: string;
}

/** The last day the data speaks for, and how to show it: the newest event's own precision, or the poll's day. */
export interface DataEdge {
  day: string;
  label: string;
}

export function dataEdge(c: DataCurrency): DataEdge | undefined {
  const polled = c.sources > 0 ? c.lastPolledOk?.slice(0, 10) : undefined;
  // A poll within the newest event's month or year does not reach past that event's own date.
  if (polled && (!c.newest || polled > c.newest.end)) return { day: polled, label: formatDay(polled) };
  return c.newest && { day: c.newest.end, label: formatPartialDate(c.newest) };
}

const ADD_SOURCES = 'add news sources to keep it current';

/** "Data to 30 May 2026", or with no sources "Built-in data to 30 May 2026; add news sources to keep it current". */
export function dataTo(c: DataCurrency): string {
  const edge = dataEdge(c);
  if (c.sources > 0) return edge ? `Data to ${edge.label}` : 'No events recorded yet';
  if (!edge) return `No events recorded yet; ${ADD_SOURCES}`;
  return `${c.newestBuiltIn ? 'Built-in data' : 'Data'} to ${edge.label}; ${ADD_SOURCES}`;
}
