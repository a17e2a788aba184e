// Whether two reports tell one story. What decides is what the story is, in tokens that survive
// translation — the countries and blocs it is about, its concepts, names and numbers, its date — and,
// between reports in one language, the stems of their headlines and leads. A logistic model weighs
// them (its weights are data, ./models.ts, fitted on the tuning part of the labelled corpus); two
// reports are one story when it is sure enough. The score depends on the two reports alone, so the
// drafts intake makes do not depend on the order articles arrive in (src/intake/pipeline/story-index.ts).
import type { EventKind, Precision } from '../../domain/types.ts';
import type { StoryTokens } from '../types.ts';
import { type LogisticModel, SAME_STORY_MODEL, TOKEN_DOCUMENTS, TOKEN_FREQUENCY } from './models.ts';
import { sigmoid } from './relevance.ts';

/** A report, or a published event, as the comparison sees it. */
export interface StoryView {
  /** ISO 639-3 of its text. */
  language: string;
  /** 'YYYY-MM-DD' or 'YYYY-MM' (month precision). */
  date: string;
  precision: Precision;
  /** Main countries and blocs, most prominent first. */
  entities: string[];
  countries: string[];
  blocs: string[];
  kind: EventKind;
  tokens: StoryTokens;
}

export const PAIR_FEATURES = [
  'shared concepts, names, numbers',
  'shared concepts, names, numbers across languages',
  "share of the lighter report's tokens the other has",
  'shared stems',
  'shared headline tokens',
  'each headline told by the other',
  'headlines told by the other, on average',
  'shared entities',
  'same first entity',
  'a bloc only one names',
  'countries only one names',
  'same day',
  'within a day',
  'within three days',
  'same kind',
] as const;

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

/**
 * Smoothed inverse document frequency over the background the models were fitted on: a token few
 * stories use weighs most. Stems, which that background is too small to count, weigh one.
 */
export function idfWeight(frequency: Readonly<Record<string, number>>, documents: number): TokenWeight {
  const top = Math.log((1 + documents) / 1) + 1;
  return (t) => {
    if (!(t.includes(':') || t.startsWith('#'))) return 1;
    const df = frequency[t];
    return df === undefined ? top : Math.log((1 + documents) / (1 + df)) + 1;
  };
}

const TOKEN_WEIGHT = idfWeight(TOKEN_FREQUENCY, TOKEN_DOCUMENTS);

const dice = (shared: number, a: number, b: number) => (a + b === 0 ? 0 : (2 * shared) / (a + b));

const DAY_MS = 86_400_000;

/** Days between two dates; a month-precision date spans its month. */
export function daysBetween(a: string, b: string): number {
  const range = (d: string): [number, number] => {
    if (d.length === 10) {
      const t = Date.parse(`${d}T00:00:00Z`);
      return [t, t];
    }
    const [y, m] = d.split('-').map(Number) as [number, number];
    return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 0)];
  };
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  if (a1 < b0) return (b0 - a1) / DAY_MS;
  if (b1 < a0) return (a0 - b1) / DAY_MS;
  return 0;
}

/** How much a shared token says: a rare name or concept more than "president" or "2024". */
export type TokenWeight = (token: string) => number;

const weighOf = (weight: TokenWeight | undefined) => weight ?? TOKEN_WEIGHT;

/** Weighted overlap of two sorted token lists: Dice, or shared over the lighter side (`overlap`). */
function weightedOverlap(a: readonly string[], b: readonly string[], weight: TokenWeight): { dice: number; overlap: number } {
  let shared = 0;
  let totalA = 0;
  let totalB = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) totalA += weight(a[i++]!);
    else if (i >= a.length || b[j]! < a[i]!) totalB += weight(b[j++]!);
    else {
      const w = weight(a[i]!);
      shared += w;
      totalA += w;
      totalB += w;
      i++;
      j++;
    }
  }
  const lighter = Math.min(totalA, totalB);
  return { dice: totalA + totalB === 0 ? 0 : (2 * shared) / (totalA + totalB), overlap: lighter === 0 ? 0 : shared / lighter };
}

/** Weighted Dice of two sorted token lists. */
function weightedDice(a: readonly string[], b: readonly string[], weight: TokenWeight): number {
  let shared = 0;
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) total += weight(a[i++]!);
    else if (i >= a.length || b[j]! < a[i]!) total += weight(b[j++]!);
    else {
      const w = weight(a[i]!);
      shared += 2 * w;
      total += 2 * w;
      i++;
      j++;
    }
  }
  return total === 0 ? 0 : shared / total;
}

/**
 * The weighted share of a headline's tokens that the other report has anywhere (its stems only when
 * both are in one language): a report of the same story tells what the other's headline says.
 */
function containment(headline: readonly string[], other: StoryTokens, sameLanguage: boolean, weight: TokenWeight): number {
  let have = 0;
  let of = 0;
  for (const t of headline) {
    const universal = t.includes(':') || t.startsWith('#');
    if (!universal && !sameLanguage) continue;
    const w = weight(t);
    of += w;
    if ((universal ? other.universal : other.stems).includes(t)) have += w;
  }
  return of === 0 ? 0 : have / of;
}

const only = (tokens: readonly string[], prefix: string) => tokens.filter((t) => t.startsWith(prefix));

/** How many of the items one list names the other does not. */
function onlyOne(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (const x of a) if (!b.includes(x)) n++;
  for (const x of b) if (!a.includes(x)) n++;
  return n;
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  for (const x of a) if (b.includes(x)) shared++;
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

export function pairVector(a: StoryView, b: StoryView, tokenWeight?: TokenWeight): number[] {
  const weight = weighOf(tokenWeight);
  const universal = weightedOverlap(a.tokens.universal, b.tokens.universal, weight);
  const u = universal.dice;
  const s = dice(sharedCount(a.tokens.stems, b.tokens.stems), a.tokens.stems.length, b.tokens.stems.length);
  const h = weightedDice(a.tokens.headline, b.tokens.headline, weight);
  const days = daysBetween(a.date, b.date);
  const sameLanguage = a.language === b.language;
  const toldA = containment(a.tokens.headline, b.tokens, sameLanguage, weight);
  const toldB = containment(b.tokens.headline, a.tokens, sameLanguage, weight);
  return [
    u,
    sameLanguage ? 0 : u,
    universal.overlap,
    weightedOverlap(only(a.tokens.universal, 'n:'), only(b.tokens.universal, 'n:'), weight).overlap,
    weightedDice(only(a.tokens.universal, 'c:'), only(b.tokens.universal, 'c:'), weight),
    weightedOverlap(only(a.tokens.universal, '#'), only(b.tokens.universal, '#'), weight).overlap,
    s,
    h,
    Math.min(toldA, toldB),
    (toldA + toldB) / 2,
    jaccard(a.entities, b.entities),
    a.entities[0] !== undefined && a.entities[0] === b.entities[0] ? 1 : 0,
    onlyOne(a.blocs, b.blocs) > 0 ? 1 : 0,
    Math.min(3, onlyOne(a.countries, b.countries)) / 3,
    days === 0 ? 1 : 0,
    days <= 1 ? 1 : 0,
    days <= 3 ? 1 : 0,
    a.kind === b.kind ? 1 : 0,
  ];
}

export function pairScore(vector: number[], model: LogisticModel = SAME_STORY_MODEL): number {
  let z = model.bias;
  for (let i = 0; i < vector.length; i++) z += (model.weights[i] ?? 0) * vector[i]!;
  return sigmoid(z);
}

/** Two reports can be one story only if they share an entity and their dates are days apart at most. */
export const MAX_DAYS_APART = 3;

export function mayBeOneStory(a: StoryView, b: StoryView): boolean {
  return a.entities.some((e) => b.entities.includes(e)) && daysBetween(a.date, b.date) <= MAX_DAYS_APART;
}

/** 0..1: how sure the model is that the two are reports of one story (0 when they cannot be). */
export function sameStoryScore(a: StoryView, b: StoryView, model: LogisticModel = SAME_STORY_MODEL, weight?: TokenWeight): number {
  return mayBeOneStory(a, b) ? pairScore(pairVector(a, b, weight), model) : 0;
}

/**
 * A report can tell a published event only if what it is most about is among the event's countries
 * and blocs, and it is dated within a day of the event (within its month, for an event dated to the
 * month): a development days later (the ceasefire after an offensive, observers at a running exercise) is
 * news of its own, not a further source of the event.
 */
export const LINK_DAYS = 1;

export function mayTellEvent(report: StoryView, event: StoryView): boolean {
  // What the report is most about must be among the event's countries and blocs: an event of five
  // countries shares one with nearly every story of its month.
  const first = report.entities[0];
  return first !== undefined && event.entities.includes(first) && daysBetween(report.date, event.date) <= LINK_DAYS;
}

export function isSameStory(a: StoryView, b: StoryView, model: LogisticModel = SAME_STORY_MODEL): boolean {
  return sameStoryScore(a, b, model) >= model.threshold;
}
