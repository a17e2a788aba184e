// Token lists as sorted numbers: a busy pass compares thousands of report pairs, and comparing sorted
// integer arrays is what keeps that near the cost of reading the articles. One table of interned tokens
// serves the process; it starts over (a new generation) once it grows past a cap, and whatever was
// prepared under the old table must be prepared again.

/** How much a shared token says: a rare name or concept more than "president" or "2024". */
export type TokenWeight = (token: string) => number;

/** A token list as numbers, sorted, with each token's weight beside it and their sum. */
export interface Weighed {
  ids: Int32Array;
  weights: Float32Array;
  total: number;
}

const tokenIds = new Map<string, number>();
/** Interned tokens: a new table (and new preparations) once it holds this many. */
const MAX_TOKENS = 2_000_000;
let generation = 0;

export function idOf(token: string): number {
  let id = tokenIds.get(token);
  if (id === undefined) {
    if (tokenIds.size >= MAX_TOKENS) {
      tokenIds.clear();
      generation++;
    }
    id = tokenIds.size;
    tokenIds.set(token, id);
  }
  return id;
}

export function weighed(tokens: readonly string[], weight: TokenWeight): Weighed {
  const pairs = tokens.map((t) => ({ id: idOf(t), w: weight(t) })).sort((a, b) => a.id - b.id);
  const ids = new Int32Array(pairs.length);
  const weights = new Float32Array(pairs.length);
  let total = 0;
  pairs.forEach((x, i) => {
    ids[i] = x.id;
    weights[i] = x.w;
    total += x.w;
  });
  return { ids, weights, total };
}

/** Weighted overlap of two weighed lists: Dice, and shared over the lighter side (`overlap`). */
export function weightedOverlap(a: Weighed, b: Weighed): { dice: number; overlap: number } {
  let shared = 0;
  let i = 0;
  let j = 0;
  const x = a.ids;
  const y = b.ids;
  while (i < x.length && j < y.length) {
    if (x[i]! < y[j]!) i++;
    else if (y[j]! < x[i]!) j++;
    else {
      shared += a.weights[i]!;
      i++;
      j++;
    }
  }
  const lighter = Math.min(a.total, b.total);
  const sum = a.total + b.total;
  return { dice: sum === 0 ? 0 : (2 * shared) / sum, overlap: lighter === 0 ? 0 : shared / lighter };
}

/** Whether a sorted list of numbers holds one. */
export function holds(sorted: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Sorted numbers: how many both hold. */
export function sharedIds(x: Int32Array, y: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    if (x[i]! < y[j]!) i++;
    else if (y[j]! < x[i]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

/** Changes when the token table starts over: numbers from before mean nothing after it. */
export const tokenGeneration = () => generation;

/** Whether two lists hold the same items in the same order. */
export const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
