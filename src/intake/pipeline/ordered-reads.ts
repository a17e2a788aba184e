// Reading many articles side by side and handing them on in one fixed order. A pass drafts its articles
// in the order the articles themselves fix (first published first), so that which host answers first,
// or which reader thread finishes first, changes nothing in the drafts; and it drafts each one as soon
// as every article before it is done, so cards reach editors while the pass goes on. Reads start in
// that order too, a few at a time and one at a time per source (as a reader would visit a site), so
// what waits for an earlier article is little. A source that answers slowly twice in a pass is left
// for the next one: its slowness must not hold the articles queued behind it.

export interface OrderedRead<T> {
  item: T;
  /** Which source it comes from: at most one read per source at a time. */
  source: number;
}

export type ReadOutcome<R> = { kind: 'read'; value: R; slow: boolean } | { kind: 'failed'; error: unknown } | { kind: 'unread' };

export interface OrderedReadOptions<T, R> {
  concurrency: number;
  /** An instant (ms) after which no read starts: what is not read by then waits for the next pass. */
  deadline: number;
  /** Reads slower than this count against their source. */
  slowMs: number;
  /** Slow reads after which a source's remaining items wait for the next pass. */
  maxSlow: number;
  read(item: T): Promise<R>;
  /** Called once per item, in the items' order; its promise is awaited before the next call. */
  deliver(item: T, outcome: ReadOutcome<R>): Promise<void> | void;
  now?: () => number;
}

/**
 * Reads ahead of the next article to deliver by at most this many: a slow read holds the delivery of
 * what comes after it, and what is read meanwhile waits in memory.
 */
const MAX_AHEAD = 256;

/**
 * Reads `items` (already in the order to deliver them) and delivers every one of them, in order. Each
 * slot is emptied once its item is delivered: a pass of many feeds holds only what it has yet to draft.
 */
export async function readInOrder<T, R>(items: (OrderedRead<T> | undefined)[], o: OrderedReadOptions<T, R>): Promise<void> {
  const now = o.now ?? Date.now;
  const outcomes = new Array<ReadOutcome<R> | undefined>(items.length);
  const started = new Uint8Array(items.length);
  const busy = new Set<number>();
  const slow = new Map<number, number>();
  let firstUnstarted = 0;
  let inFlight = 0;
  let delivered = 0;
  let wake: (() => void) | undefined;

  const settle = (i: number, outcome: ReadOutcome<R>) => {
    outcomes[i] = outcome;
    wake?.();
  };
  const finish = (i: number, source: number, outcome: ReadOutcome<R>) => {
    busy.delete(source);
    inFlight--;
    settle(i, outcome);
  };

  /** Starts every read it may: in order, within the concurrency and the look-ahead, one per source. */
  const startReads = () => {
    while (firstUnstarted < items.length && started[firstUnstarted]) firstUnstarted++;
    const last = Math.min(items.length, delivered + MAX_AHEAD);
    for (let i = firstUnstarted; i < last && inFlight < o.concurrency; i++) {
      if (started[i]) continue;
      const { item, source } = items[i]!;
      if ((slow.get(source) ?? 0) >= o.maxSlow || now() > o.deadline) {
        started[i] = 1;
        settle(i, { kind: 'unread' });
        continue;
      }
      if (busy.has(source)) continue;
      started[i] = 1;
      busy.add(source);
      inFlight++;
      const t0 = now();
      o.read(item).then(
        (value) => {
          const took = now() - t0;
          if (took > o.slowMs) slow.set(source, (slow.get(source) ?? 0) + 1);
          finish(i, source, { kind: 'read', value, slow: took > o.slowMs });
        },
        (error: unknown) => finish(i, source, { kind: 'failed', error }),
      );
    }
  };

  while (delivered < items.length) {
    startReads();
    const next = outcomes[delivered];
    if (next) {
      outcomes[delivered] = undefined;
      const { item } = items[delivered]!;
      items[delivered] = undefined;
      await o.deliver(item, next);
      delivered++;
      continue;
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = undefined;
  }
}
