// Entities (countries, blocs) and how a typed name is matched to one: the rules, free of storage. The
// store's EntityDirectory (src/store/entities.ts) answers lookups with them.
import type { EntityKind } from './types.ts';

export interface Entity {
  id: string;
  kind: EntityKind;
  name: string;
  fullName: string | null;
  iso2: string | null;
  iso3: string | null;
}

export type Resolution = { ok: true; entity: Entity } | { ok: false; input: string; suggestion?: Entity; wrongKind?: Entity };

/** Lowercase, strip accents and dots, fold dashes and underscores to spaces, squeeze spaces. */
export function normalizeAlias(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/[-_‐–—/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string alignment), so that
 * "armenai" is one typo from "armenia". Stops early once every path exceeds `cap`.
 */
export function levenshtein(a: string, b: string, cap = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    // A transposition can reach back two rows, so stop only when both are past the cap.
    if (rowMin > cap && prevMin > cap) return cap + 1;
    prevMin = rowMin;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

export interface Choice {
  name: string;
  value: string;
}

export function describeMiss(r: Extract<Resolution, { ok: false }>, what: string): string {
  if (r.wrongKind) return `"${r.input}" is a ${r.wrongKind.kind}, not a ${what}.`;
  if (r.suggestion) return `No ${what} called "${r.input}". Did you mean ${r.suggestion.name}?`;
  return `No ${what} called "${r.input}".`;
}

/** What validating an event needs from the entity index. */
export interface EntityResolver {
  resolve(input: string, kind?: EntityKind): Resolution;
}
