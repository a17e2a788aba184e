// Counting what two reports share, and how far apart their dates are: the plain measures the same-story
// model (./similarity.ts) weighs.

/** Sorted lists: the size of their intersection. */
export function sharedCount(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return n;
}

export const DAY_MS = 86_400_000;

// A pass compares thousands of pairs over a handful of dates: each date is parsed once.
const ranges = new Map<string, readonly [number, number]>();

export function rangeOf(d: string): readonly [number, number] {
  let r = ranges.get(d);
  if (!r) {
    if (d.length === 10) {
      const t = Date.parse(`${d}T00:00:00Z`);
      r = [t, t];
    } else {
      const [y, m] = d.split('-').map(Number) as [number, number];
      r = [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 0)];
    }
    if (ranges.size > 10_000) ranges.clear();
    ranges.set(d, r);
  }
  return r;
}

/** Days between two dates; a month-precision date spans its month. */
export function daysBetween(a: string, b: string): number {
  const [a0, a1] = rangeOf(a);
  const [b0, b1] = rangeOf(b);
  if (a1 < b0) return (b0 - a1) / DAY_MS;
  if (b1 < a0) return (a0 - b1) / DAY_MS;
  return 0;
}
