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
import { holds, idOf, sharedIds, type TokenWeight, tokenGeneration, type Weighed, weighed, weightedOverlap } from './token-sets.ts';

export type { TokenWeight } from './token-sets.ts';

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
  /** A report's day of publication ('YYYY-MM-DD', the outlet's own date); none for a published event. */
  published?: string;
}

export const PAIR_FEATURES = [
  'shared concepts, names, numbers',
  'shared concepts, names, numbers across languages',
  "share of the lighter report's tokens the other has",
  'shared names',
  'shared concepts',
  'shared numbers',
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
  'days between publications',
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
  const known = new Map<string, number>();
  return (t) => {
    if (!(t.includes(':') || t.charCodeAt(0) === 35)) return 1;
    let w = known.get(t);
    if (w === undefined) {
      const df = frequency[t];
      w = df === undefined ? top : Math.log((1 + documents) / (1 + df)) + 1;
      if (known.size < 100_000) known.set(t, w);
    }
    return w;
  };
}

const TOKEN_WEIGHT = idfWeight(TOKEN_FREQUENCY, TOKEN_DOCUMENTS);

const dice = (shared: number, a: number, b: number) => (a + b === 0 ? 0 : (2 * shared) / (a + b));

const DAY_MS = 86_400_000;

// A pass compares thousands of pairs over a handful of dates: each date is parsed once.
const ranges = new Map<string, readonly [number, number]>();

function rangeOf(d: string): readonly [number, number] {
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

/**
 * What the comparison reads of a report, computed once per report and weighting: an article is
 * compared with hundreds of reports on a busy pass, and a report with every article of its window.
 * Tokens become numbers (one table for the process), so that lists are compared as sorted integers.
 */
export interface Prepared {
  universal: Weighed;
  names: Weighed;
  concepts: Weighed;
  numbers: Weighed;
  headline: Weighed;
  /** Whether each headline token is a cross-language one (else a stem). */
  headlineUniversal: Uint8Array;
  stems: Int32Array;
  /** The countries and blocs as bits, for the quick test of a shared one. */
  entityBits: number;
  /** The date as a range of days (a month-precision date spans its month). */
  from: number;
  to: number;
  /** The day of publication (ms), NaN when unknown (a published event). */
  publishedAt: number;
}

const entityBitOf = new Map<string, number>();
function entityBits(entities: readonly string[]): number {
  let bits = 0;
  for (const e of entities) {
    let bit = entityBitOf.get(e);
    if (bit === undefined) {
      // 31 entities get a bit of their own; any more share the last, which only makes the quick
      // test let more pairs through to the exact one.
      bit = Math.min(entityBitOf.size, 30);
      entityBitOf.set(e, bit);
    }
    bits |= 1 << bit;
  }
  return bits;
}

const prepared = new WeakMap<StoryView, { weight: TokenWeight; generation: number; p: Prepared }>();

const isUniversal = (t: string) => t.includes(':') || t.charCodeAt(0) === 35;

function prepare(v: StoryView, weight: TokenWeight): Prepared {
  const known = prepared.get(v);
  if (known && known.weight === weight && known.generation === tokenGeneration()) return known.p;
  const t = v.tokens;
  const only = (prefix: string) => t.universal.filter((x) => x.startsWith(prefix));
  const headline = [...t.headline].sort((a, b) => idOf(a) - idOf(b));
  const [from, to] = rangeOf(v.date);
  const p: Prepared = {
    universal: weighed(t.universal, weight),
    names: weighed(only('n:'), weight),
    concepts: weighed(only('c:'), weight),
    numbers: weighed(only('#'), weight),
    headline: weighed(headline, weight),
    // `headline` is in id order already, as weighed() keeps it.
    headlineUniversal: Uint8Array.from(headline, (h) => (isUniversal(h) ? 1 : 0)),
    stems: Int32Array.from(t.stems, idOf).sort(),
    entityBits: entityBits(v.entities),
    from,
    to,
    publishedAt: v.published ? rangeOf(v.published)[0] : Number.NaN,
  };
  prepared.set(v, { weight, generation: tokenGeneration(), p });
  return p;
}

/**
 * The weighted share of a headline's tokens that the other report has anywhere (its stems only when
 * both are in one language): a report of the same story tells what the other's headline says.
 */
function containment(a: Prepared, other: Prepared, sameLanguage: boolean): number {
  let have = 0;
  let of = 0;
  const h = a.headline;
  for (let i = 0; i < h.ids.length; i++) {
    const universal = a.headlineUniversal[i] === 1;
    if (!universal && !sameLanguage) continue;
    const w = h.weights[i]!;
    of += w;
    if (holds(universal ? other.universal.ids : other.stems, h.ids[i]!)) have += w;
  }
  return of === 0 ? 0 : have / of;
}

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

export function pairVector(a: StoryView, b: StoryView, tokenWeight: TokenWeight = TOKEN_WEIGHT): number[] {
  return vectorOf(a, prepare(a, tokenWeight), b, prepare(b, tokenWeight));
}

/** A view with what the comparison reads of it computed: for callers that compare one view many times. */
export interface PreparedView {
  /** The view without its token strings (the prepared numbers stand for them). */
  view: StoryView;
  prepared: Prepared;
  /** The token table the numbers are from: stale once the table turns over (tokenGeneration()). */
  generation: number;
}

const NO_TOKENS: StoryTokens = { stems: [], universal: [], headline: [] };

/**
 * A view prepared once for many comparisons, its token strings let go: a story index keeps thousands of
 * reports, and their tokens as strings cost ten times their numbers.
 */
export function prepareView(view: StoryView): PreparedView {
  const prepared = prepare(view, TOKEN_WEIGHT);
  return { view: { ...view, tokens: NO_TOKENS }, prepared, generation: tokenGeneration() };
}

/** Changes when the token table starts over: views prepared before must be prepared again. */
export const currentTokenGeneration = tokenGeneration;

/** sameStoryScore for prepared views, with the shipped weighting; 0 when they cannot be one story. */
export function preparedScore(a: PreparedView, b: PreparedView, model: LogisticModel = SAME_STORY_MODEL): number {
  if (!mayBePrepared(a.view, a.prepared, b.view, b.prepared)) return 0;
  return pairScore(vectorOf(a.view, a.prepared, b.view, b.prepared), model);
}

function vectorOf(a: StoryView, pa: Prepared, b: StoryView, pb: Prepared): number[] {
  const universal = weightedOverlap(pa.universal, pb.universal);
  const u = universal.dice;
  const s = dice(sharedIds(pa.stems, pb.stems), pa.stems.length, pb.stems.length);
  const h = weightedOverlap(pa.headline, pb.headline).dice;
  const days = pa.to < pb.from ? (pb.from - pa.to) / DAY_MS : pb.to < pa.from ? (pa.from - pb.to) / DAY_MS : 0;
  const sameLanguage = a.language === b.language;
  const toldA = containment(pa, pb, sameLanguage);
  const toldB = containment(pb, pa, sameLanguage);
  return [
    u,
    sameLanguage ? 0 : u,
    universal.overlap,
    weightedOverlap(pa.names, pb.names).overlap,
    weightedOverlap(pa.concepts, pb.concepts).dice,
    weightedOverlap(pa.numbers, pb.numbers).overlap,
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
    // Reports of one story come out together; a report days after another is mostly a development of
    // its own (the reaction, the next step), whatever dates their texts give.
    Number.isNaN(pa.publishedAt) || Number.isNaN(pb.publishedAt) ? 0 : Math.min(3, Math.abs(pa.publishedAt - pb.publishedAt) / DAY_MS) / 3,
  ];
}

export function pairScore(vector: number[], model: LogisticModel = SAME_STORY_MODEL): number {
  let z = model.bias;
  for (let i = 0; i < vector.length; i++) z += (model.weights[i] ?? 0) * vector[i]!;
  return sigmoid(z);
}

/**
 * Two reports can be one story only if they share an entity and their dates are days apart at most, or
 * they were published within a day of each other: a report whose lead dates an earlier step of the story
 * (the day a text was agreed, the summit before the statement) still tells the story of its day.
 */
export const MAX_DAYS_APART = 3;
export const PUBLISHED_DAYS_APART = 1;

export function mayBeOneStory(a: StoryView, b: StoryView): boolean {
  return mayBePrepared(a, prepare(a, TOKEN_WEIGHT), b, prepare(b, TOKEN_WEIGHT));
}

function mayBePrepared(a: StoryView, pa: Prepared, b: StoryView, pb: Prepared): boolean {
  if ((pa.entityBits & pb.entityBits) === 0) return false;
  const days = pa.to < pb.from ? (pb.from - pa.to) / DAY_MS : pb.to < pa.from ? (pa.from - pb.to) / DAY_MS : 0;
  const near =
    days <= MAX_DAYS_APART ||
    (a.published !== undefined && b.published !== undefined && daysBetween(a.published, b.published) <= PUBLISHED_DAYS_APART);
  return near && a.entities.some((e) => b.entities.includes(e));
}

/** 0..1: how sure the model is that the two are reports of one story (0 when they cannot be). */
export function sameStoryScore(
  a: StoryView,
  b: StoryView,
  model: LogisticModel = SAME_STORY_MODEL,
  weight: TokenWeight = TOKEN_WEIGHT,
): number {
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
