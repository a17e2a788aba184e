// What a story is, as tokens two reports can share: the stems of its headline and lead (Snowball, per
// script: English, Russian, Armenian), and the tokens that cross languages — concepts ("c:join"),
// names by their consonant skeleton ("n:pshnn"), numbers ("#2015"). Names of tracked countries and
// blocs are left out here: they are the draft's entities, compared on their own.
import { stemmer as armenianStem } from '@orama/stemmers/armenian';
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as russianStem } from '@orama/stemmers/russian';
import type { StoryTokens } from '../types.ts';
import { CONCEPTS, conceptOf, type TopicClass } from './lexicon.ts';
import { mayBeName, nameSkeleton } from './names.ts';
import { scanWords, type Words } from './words.ts';

/** Stems and cross-language tokens of a headline and lead, each list sorted and unique. */
export type StoryFeatures = StoryTokens;

/** How many words of each topic the text holds (headline and lead, and the rest of the story). */
export type TopicCounts = Record<TopicClass, number>;

const STOP = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just me more most my no nor not ' +
    'now of off on once only or other our ours out over own same she should so some such than that the their ' +
    'theirs them then there these they this those through to too under until up very was we were what when where ' +
    'which while who whom why will with would you your said says say told according year years day days week ' +
    'month months today yesterday new one two three first last next also however would could may might must ' +
    'и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от ' +
    'меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ' +
    'ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего ' +
    'раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы ' +
    'нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас ' +
    'про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им ' +
    'более всегда конечно всю между также это эта году года годы день дня неделе заявил заявила сообщил сообщила ' +
    'отметил отметила сказал сказала который которая которые которое которых также ранее пока очень сегодня вчера'
  ).split(' '),
);

const CYRILLIC = /[\u0400-\u04ff]/;
/** Sentences after the lead read for names; a name first met later is not what the story is about. */
const NAME_SENTENCES = 12;
const ARMENIAN = /[\u0530-\u058f]/;

// A stem per word, computed once: news repeats its vocabulary, and a Snowball stem costs a microsecond.
const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 50_000;

function stemOf(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = ARMENIAN.test(word) ? armenianStem(word) : CYRILLIC.test(word) ? russianStem(word) : englishStem(word);
    if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/**
 * A word as the lexicon and stemmers take it: lowercase, ё as е, and Latin accents folded. Cyrillic
 * and Armenian letters are left whole: decomposing "й" would leave "и" and its breve, and "выйдет" is
 * not "выидет".
 */
const NOT_ASCII = /\P{ASCII}/u;
const LATIN_WITH_MARKS = /^[\p{Script=Latin}\p{M}\d'’-]+$/u;

const fold = (w: string, wide = true) => {
  const lower = w.toLowerCase();
  // Most words are plain ASCII (the scan says which are not): nothing more to fold. This runs on every
  // word of every article.
  if (!wide || !NOT_ASCII.test(lower)) return lower;
  const e = lower.replace(/ё/g, 'е');
  return LATIN_WITH_MARKS.test(e) ? e.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : e;
};

const emptyTopics = (): TopicCounts => ({
  status: 0,
  security: 0,
  diplomacy: 0,
  politics: 0,
  law: 0,
  economy: 0,
  sport: 0,
  market: 0,
  culture: 0,
  nature: 0,
});

/** Every concept id, for tests and the relevance model's feature names. */
export const CONCEPT_IDS = CONCEPTS.map((c) => c.id);

export interface FeatureText {
  /** The headline, with tracked names and the outlet's own name already blanked out. */
  headline?: string;
  /** The lead, likewise. */
  lead: string[];
  /** The rest of the story (topic counts only). */
  rest: string[];
}

export interface ReadFeatures {
  features: StoryFeatures;
  titleTopics: TopicCounts;
  leadTopics: TopicCounts;
  restTopics: TopicCounts;
}

/**
 * The names a text uses: capitalised words inside sentences (a word that begins a sentence is
 * capitalised whatever it is). A word that begins the headline or a sentence counts as a name too when
 * the same name occurs inside a sentence somewhere in the story: "Pashinyan says …" opens a headline.
 */
// One buffer for the word boundaries of every text: features are read for every article, and a regex
// match object per word was most of their cost and their garbage.
const words: Words = { count: 0, start: [], end: [], wide: [] };

const SENTENCE_END = new Set(['.', '!', '?', '…']);
// Between a full stop and the next sentence's first word: spaces, quotes and brackets either way.
const BETWEEN = new Set(['"', '”', '“', '«', '»', '(', ')', '[', ']', '’', '‘', "'", ' ', '\n', '\t', '\u00a0', '—', '–']);

/** Whether the word at `start` begins its sentence (or the text): what precedes is a full stop. */
function beginsSentence(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && BETWEEN.has(text[i]!)) i--;
  return i < 0 || SENTENCE_END.has(text[i]!);
}

const isDigits = (w: string) => {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

/**
 * The names a text uses: capitalised words inside sentences (a word that begins a sentence is
 * capitalised whatever it is). A word that begins the headline or a sentence counts as a name too when
 * the same name occurs inside a sentence somewhere in the story: "Pashinyan says …" opens a headline.
 */
function namesIn(texts: string[]): Set<string> {
  const names = new Set<string>();
  for (const text of texts) {
    scanWords(text, words);
    for (let k = 0; k < words.count; k++) {
      const start = words.start[k]!;
      const first = text.charCodeAt(start);
      // Lower case, digits and most of what follows are not names: the cheap test first.
      if (first < 65 || (first >= 97 && first <= 122)) continue;
      if (beginsSentence(text, start)) continue;
      const raw = text.slice(start, words.end[k]);
      if (!mayBeName(raw)) continue;
      const skeleton = nameSkeleton(raw);
      if (skeleton) names.add(skeleton);
    }
  }
  return names;
}

function addConcept(word: string, topics: TopicCounts, universal: Set<string> | undefined, seen: string[]): void {
  const concept = conceptOf(word);
  if (!concept || seen.includes(concept.id)) return;
  seen.push(concept.id);
  topics[concept.topic]++;
  universal?.add(`c:${concept.id}`);
}

function scan(
  text: string,
  stems: Set<string>,
  universal: Set<string>,
  topics: TopicCounts,
  withTokens: boolean,
  names: Set<string>,
): void {
  scanWords(text, words);
  const n = words.count;
  const starts = words.start;
  const ends = words.end;
  for (let k = 0; k < n; k++) {
    const raw = text.slice(starts[k], ends[k]);
    if (isDigits(raw)) {
      // A number on its own; one glued to a word ("Zapad-2025", "Су-35") is part of a name.
      const glued = text.charCodeAt(starts[k]! - 1) === 45 || text.charCodeAt(ends[k]!) === 45;
      if (withTokens && !glued && raw.length >= 2 && raw.length <= 4) universal.add(`#${Number(raw)}`);
      continue;
    }
    const word = fold(raw, words.wide[k]);
    const seen: string[] = [];
    // A hyphenated word may be one concept as a whole ("пресс-секретарь", "air-defence").
    if (text.charCodeAt(ends[k]!) === 45 && k + 1 < n && starts[k + 1] === ends[k]! + 1) {
      addConcept(fold(text.slice(starts[k], ends[k + 1])), topics, withTokens ? universal : undefined, seen);
    }
    addConcept(word, topics, withTokens ? universal : undefined, seen);
    if (!withTokens) continue;
    const c = raw.charCodeAt(0);
    if (c >= 65 && !(c >= 97 && c <= 122) && mayBeName(raw)) {
      const skeleton = nameSkeleton(raw);
      if (skeleton && names.has(skeleton)) universal.add(`n:${skeleton}`);
    }
    if (word.length < 3 || STOP.has(word) || /[\d.]/.test(word)) continue;
    stems.add(stemOf(word));
  }
}

export function readFeatures(text: FeatureText): ReadFeatures {
  const stems = new Set<string>();
  const universal = new Set<string>();
  const headline = new Set<string>();
  const headlineUniversal = new Set<string>();
  const titleTopics = emptyTopics();
  const leadTopics = emptyTopics();
  const restTopics = emptyTopics();
  // Headlines capitalise every word in some outlets: only the story's sentences say what a name is,
  // and its first sentences name everyone it is about.
  const names = namesIn([...text.lead, ...text.rest.slice(0, NAME_SENTENCES)]);
  if (text.headline !== undefined) {
    scan(text.headline, headline, headlineUniversal, titleTopics, true, names);
    for (const s of headline) stems.add(s);
    for (const u of headlineUniversal) {
      universal.add(u);
      headline.add(u);
    }
  }
  for (const t of text.lead) scan(t, stems, universal, leadTopics, true, names);
  for (const t of text.rest) scan(t, stems, universal, restTopics, false, names);
  return {
    features: { stems: [...stems].sort(), universal: [...universal].sort(), headline: [...headline].sort() },
    titleTopics,
    leadTopics,
    restTopics,
  };
}
