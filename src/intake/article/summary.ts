// Extractive summary: two or three of the article's own sentences, at most 500 characters, in the
// order the article gives them. Sentences score by the tracked entities they name, their place (news
// puts the event in the lead), a date for the event, and their overlap with the headline.
import { isFurniture, isHeadingLike } from './lines.ts';
import type { Sentence } from './sentences.ts';
import { letterRuns } from './words.ts';

export const SUMMARY_MAX_CHARS = 500;
/** Past this many sentences nothing scores on position; the event is stated long before. */
const CANDIDATE_SENTENCES = 20;

export interface ScoredInput {
  sentence: Sentence;
  /** Distinct main entities the sentence names, and all its mentions. */
  mainEntities: number;
  mentions: number;
}

const QUOTED = /["“«]([^"”»]{0,600})["”»]|‘([^’]{0,600})’/g;
const LEANS_ON_CONTEXT = /^(he|she|it|they|this|that|these|those|however|but|and|also|meanwhile|nevertheless|yet|still|so|then|there)\b/i;
const STOP = new Set(
  'the a an of to in on for and or with as at by from is are was were be has have had its it that this his her their after over into about than more new'.split(
    ' ',
  ),
);

export const contentWords = (text: string): string[] => letterRuns(text.toLowerCase()).filter((w) => w.length > 2 && !STOP.has(w));

/** "WASHINGTON -- ", "MOSCOW (Reuters) — ": the dateline belongs to the page, not the sentence. */
const DATELINE = /^[\p{Lu}][\p{Lu} .,'’-]{2,40}(\([^)]{1,30}\))?\s*(--|—|–|-)\s+(?=\p{Lu})/u;
export const withoutDateline = (text: string): string => text.replace(DATELINE, '');

/** Share of the sentence inside quotation marks. */
function quotedShare(text: string): number {
  let quoted = 0;
  for (const m of text.matchAll(QUOTED)) quoted += m[0].length;
  return quoted / Math.max(1, text.length);
}

/**
 * Whether a sentence can stand in a summary at all. The cheap tests come first: most sentences of a
 * story pass them all, and the furniture patterns are the costly part. `share` is quotedShare(text),
 * when the caller has it already.
 */
export function isSummarisable(text: string, share = quotedShare(text)): boolean {
  if (text.length < 40 || text.length > 400) return false;
  if (/\?["”’)]*$/.test(text)) return false;
  if (!/^["“‘«([]?[\p{Lu}\p{N}]/u.test(text)) return false;
  if (share > 0.5) return false;
  // An unbalanced quotation is half of a quote split across sentences. Some outlets print ” on both
  // sides, so only the total has to be even.
  let quotes = 0;
  let guillemets = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x201c || c === 0x201d) quotes++;
    else if (c === 0xab) guillemets++;
    else if (c === 0xbb) guillemets--;
  }
  if (quotes % 2 === 1 || guillemets !== 0) return false;
  if (isHeadingLike(text) || isFurniture(text)) return false;
  return true;
}

export function summarize(inputs: ScoredInput[], title: string, dateSentenceIndex?: number): string {
  const titleWords = new Set(contentWords(title));
  const scored = inputs
    .slice(0, CANDIDATE_SENTENCES)
    .map((i) => ({ i, share: quotedShare(i.sentence.text) }))
    .filter(({ i, share }) => isSummarisable(i.sentence.text, share))
    .map(({ i, share }) => {
      const s = i.sentence;
      const position = [4, 3.5, 3, 2.5, 2, 1.5][s.index] ?? (s.index < 10 ? 1 : 0);
      const entities = Math.min(2.5, i.mainEntities + i.mentions * 0.25);
      const overlap = Math.min(3, contentWords(s.text).filter((w) => titleWords.has(w)).length * 0.7);
      const date = s.index === dateSentenceIndex ? 1.5 : 0;
      const penalty = (LEANS_ON_CONTEXT.test(s.text) ? 1.5 : 0) + (share > 0.25 ? 0.5 : 0);
      return { s, score: position + entities + overlap + date - penalty, text: withoutDateline(s.text) };
    })
    .sort((a, b) => b.score - a.score || a.s.index - b.s.index);
  const chosen: { s: Sentence; text: string }[] = [];
  let length = 0;
  for (const { s, text, score } of scored) {
    // A third sentence only when it is nearly as good as the second: better two strong than a filler.
    if (chosen.length === 2 && score < 0.8 * (scored.find((x) => x.s === chosen[1]!.s)?.score ?? 0)) break;
    const add = text.length + (chosen.length > 0 ? 1 : 0);
    if (length + add > SUMMARY_MAX_CHARS) continue;
    chosen.push({ s, text });
    length += add;
    if (chosen.length === 3) break;
  }
  if (chosen.length > 0) {
    return chosen
      .sort((a, b) => a.s.index - b.s.index)
      .map((c) => c.text)
      .join(' ');
  }
  // Nothing summarisable (a very short or odd text): its opening, cut at a word.
  const first = inputs[0]?.sentence.text ?? title;
  return first.length <= SUMMARY_MAX_CHARS ? first : `${first.slice(0, SUMMARY_MAX_CHARS - 1).replace(/\s+\S*$/, '')}…`;
}
