// Bounded concurrency without a dependency: `limit` workers pull the next item as each finishes, so one
// slow item holds one slot, never the whole batch.

/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order. If a
 * call throws, no new items start and the first error is rethrown once the calls in flight settle, so
 * callers that must carry on past failures (polling many sources) catch inside `fn`.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (err) {
        if (!failed) firstError = err;
        failed = true;
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failed) throw firstError;
  return results;
}
