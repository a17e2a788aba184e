// The same story from two outlets: headline and summary share enough of their words once the names
// of countries and blocs are set aside (those say what a story is about, not which story it is), the
// same main countries, dates within three days.
import { ENTITIES } from '../../dataset/entities.ts';
import { buildMatcher, type Matcher, trackedEntitiesFrom } from './matcher.ts';

export interface StoryKey {
  title: string;
  summary: string;
  countries: string[];
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  date: string;
}

/**
 * Calibrated on paraphrased reports of one signing against other stories about the same countries in
 * the same days (tests/intake/article/same-story.test.ts): the same story scored 0.33–0.49, different
 * stories with the same countries at most 0.17. A story written in the same words about another pair
 * of countries (a French arms deal told like the US charter, 0.36) is kept apart by its countries.
 */
export const SAME_STORY_THRESHOLD = 0.28;
/** Below this many shared words, a high overlap is chance (two three-word headlines). */
const MIN_SHARED_WORDS = 3;
/** Headlines this alike are the same story whatever else differs. */
const SAME_TITLE = 0.6;
export const MAX_DAYS_APART = 3;

const STOP = new Set(
  (
    'a an the of to in on for and or with as at by from is are was were be been has have had its it this that ' +
    'his her their after over into about than more new says said amid how why what who will would which while ' +
    'as its also other not but'
  ).split(' '),
);

let datasetMatcher: Matcher | undefined;

/** Crude stemming: enough that "signs", "signed" and "signing" meet. */
const stem = (w: string): string => (w.length > 4 ? w.replace(/(ing|ed|es|s)$/, '').replace(/(.)\1$/, '$1') : w);

function wordsOf(text: string, matcher: Matcher): Set<string> {
  let masked = '';
  let at = 0;
  for (const s of matcher.spans(text)) {
    masked += `${text.slice(at, s.start)} `;
    at = s.end;
  }
  masked += text.slice(at);
  const all =
    masked
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(all.filter((w) => w.length > 1 && !STOP.has(w)).map(stem));
}

/** The words a story is compared on: its headline's, and its headline's and summary's together. */
export interface StoryWords {
  title: ReadonlySet<string>;
  all: ReadonlySet<string>;
}

/**
 * A story's words, computed once: an article is compared with many drafts, and a draft with many
 * articles, so callers that compare often keep these (src/intake/pipeline/story-index.ts).
 */
export function storyWords(story: { title: string; summary: string }, matcher?: Matcher): StoryWords {
  const m = matcher ?? defaultMatcher();
  return { title: wordsOf(story.title, m), all: wordsOf(`${story.title} ${story.summary}`, m) };
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common;
}

/**
 * 0..1 from the sizes of two stories' word sets and how many words they share (all that similarity
 * needs, as plain numbers: the story index calls this for thousands of drafts per article): 1 for
 * near-identical headlines (Jaccard), else the Dice overlap of all words.
 */
export function similarityOf(titleA: number, titleB: number, sharedTitle: number, allA: number, allB: number, sharedAll: number): number {
  if (titleA > 0 && titleB > 0 && sharedTitle / (titleA + titleB - sharedTitle) >= SAME_TITLE) return 1;
  if (sharedAll < MIN_SHARED_WORDS) return 0;
  return (2 * sharedAll) / (allA + allB);
}

/**
 * The fewest words a story with headline and all-word sets of these sizes must share with another for
 * similarityOf to reach SAME_STORY_THRESHOLD, whatever the other's sizes (which are at least what it
 * shares): the story index weighs only drafts that share this many, not every draft sharing a word.
 * Headline: s/(a+b−s) ≥ SAME_TITLE with b ≥ s gives s ≥ SAME_TITLE·a. All words: 2s/(a+b) ≥ T with
 * b ≥ s gives s ≥ T·a/(2−T), and never fewer than MIN_SHARED_WORDS. Rounding errs low, never high.
 */
export function leastSharedWords(titleSize: number, allSize: number): { title: number; all: number } {
  const slack = 1e-9;
  return {
    title: titleSize > 0 ? Math.max(1, Math.ceil(SAME_TITLE * titleSize - slack)) : Number.POSITIVE_INFINITY,
    all: Math.max(MIN_SHARED_WORDS, Math.ceil((SAME_STORY_THRESHOLD * allSize) / (2 - SAME_STORY_THRESHOLD) - slack)),
  };
}

function daysApart(a: string, b: string): number {
  // A month or year date stands for its first day; that is within the tolerance of its precision.
  const day = (d: string): number => Date.parse(d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
  return Math.abs(day(a) - day(b)) / 86_400_000;
}

function defaultMatcher(): Matcher {
  datasetMatcher ??= buildMatcher(trackedEntitiesFrom(ENTITIES));
  return datasetMatcher;
}

/**
 * 0..1: Dice overlap of the two stories' words (headline and summary, names of tracked entities left
 * out); 1 for near-identical headlines.
 */
export function storySimilarity(a: StoryKey, b: StoryKey, matcher?: Matcher): number {
  const wa = storyWords(a, matcher);
  const wb = storyWords(b, matcher);
  return similarityOf(wa.title.size, wb.title.size, shared(wa.title, wb.title), wa.all.size, wb.all.size, shared(wa.all, wb.all));
}

/** The main countries (first two) of the story naming fewer must all be among the other's. */
function sameCountries(a: string[], b: string[]): boolean {
  const [few, many] = a.length <= b.length ? [a, b] : [b, a];
  const main = few.slice(0, 2);
  return main.length > 0 && main.every((c) => many.includes(c));
}

/** Whether two stories may be one at all: their countries and dates, before any word is compared. */
export function mayBeSameStory(a: Pick<StoryKey, 'countries' | 'date'>, b: Pick<StoryKey, 'countries' | 'date'>): boolean {
  return sameCountries(a.countries, b.countries) && daysApart(a.date, b.date) <= MAX_DAYS_APART;
}

/** `matcher`: the alias index in use (defaults to the built-in dataset's). */
export function sameStory(a: StoryKey, b: StoryKey, matcher?: Matcher): boolean {
  return mayBeSameStory(a, b) && storySimilarity(a, b, matcher) >= SAME_STORY_THRESHOLD;
}
