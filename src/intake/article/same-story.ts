// The same story from two outlets: near-identical headline or summary (token overlap after folding
// case, accents and common endings), at least one country in common, dates within three days.

export interface StoryKey {
  title: string;
  summary: string;
  countries: string[];
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  date: string;
}

/** Calibrated on paraphrased headlines of one story against other stories about the same country. */
export const TITLE_THRESHOLD = 0.34;
export const SUMMARY_THRESHOLD = 0.3;
export const MAX_DAYS_APART = 3;

const STOP = new Set(
  ('a an the of to in on for and or with as at by from is are was were be been has have had its it this that ' +
    'his her their after over into about than more new says said amid after over us how why what who will would').split(' '),
);

/** Crude stemming: enough that "signs", "signed" and "signing" meet. */
const stem = (w: string): string => w.replace(/(ing|ed|es|s)$/, '').replace(/(.)\1$/, '$1');

export function storyTokens(text: string): Set<string> {
  const words = text.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((w) => w.length > 1 && !STOP.has(w)).map((w) => (w.length > 4 ? stem(w) : w)));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

function daysApart(a: string, b: string): number {
  // A month or year date stands for its first day; precision differences are within the tolerance.
  const day = (d: string): number => Date.parse(d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
  return Math.abs(day(a) - day(b)) / 86_400_000;
}

/** 0..1: how alike the two headlines and summaries are (the larger of the two, each over its threshold). */
export function storySimilarity(a: StoryKey, b: StoryKey): number {
  const title = jaccard(storyTokens(a.title), storyTokens(b.title)) / TITLE_THRESHOLD;
  const summary = jaccard(storyTokens(a.summary), storyTokens(b.summary)) / SUMMARY_THRESHOLD;
  return Math.min(1, Math.max(title, summary) / 2);
}

export function sameStory(a: StoryKey, b: StoryKey): boolean {
  if (!a.countries.some((c) => b.countries.includes(c))) return false;
  if (!(daysApart(a.date, b.date) <= MAX_DAYS_APART)) return false;
  return storySimilarity(a, b) >= 0.5;
}
