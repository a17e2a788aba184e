// The language of an article, as an ISO 639-3 code. franc compares the text's trigrams with every
// language written in its script, which costs more than the rest of a proposal's word work together;
// the languages this bot reads most are told apart more surely by what only they write, so franc is
// asked only about the rest.
import { franc } from 'franc-min';

/** Enough text to tell languages apart; shorter is 'und'. */
export const LANGUAGE_MIN_CHARS = 60;
// A few sentences decide the language as well as the whole article does.
const LANGUAGE_SAMPLE_CHARS = 200;

// franc-min knows no Armenian or Georgian, and each is the only language of its alphabet.
const ARMENIAN = /[\u0531-\u0556\u0561-\u0587]/g;
const GEORGIAN = /[\u10d0-\u10fa]/g;
const CYRILLIC = /[\u0400-\u04ff]/g;
const LETTERS = /\p{L}/gu;
// Russian writes ы and э. Belarusian does too, but with ў and і; the Cyrillic Turkic, Mongolian and
// Tajik alphabets add letters of their own; Ukrainian, Bulgarian, Serbian and Macedonian write neither.
const RUSSIAN_ONLY = /[ыэЫЭ]/;
const NOT_RUSSIAN = /[ўіїєґәғқңөұүһҳҷӣӯҗӑӗҫӳЎІЇЄҐӘҒҚҢӨҰҮҺҲҶӢӮҖӐӖҪӲ]/;
// franc-min takes short Russian for Bulgarian or Serbian now and then: the same letters settle it.
const SLAVIC_CYRILLIC = new Set(['bul', 'srp', 'mkd', 'ukr', 'bel', 'rus']);
// Words English writes in almost every sentence and other Latin-script languages do not.
const ENGLISH_WORDS = new Set([
  'the',
  'of',
  'and',
  'to',
  'in',
  'is',
  'that',
  'for',
  'on',
  'with',
  'was',
  'said',
  'has',
  'have',
  'by',
  'its',
  'from',
  'will',
]);
// A tenth of ENGLISH_WORDS among the first words makes a text English: English news runs at three
// tenths, German, Dutch and French (their "in", "is", "was", "on") at a twentieth at most.
const ENGLISH_SHARE = 0.1;
const ENGLISH_SAMPLE_CHARS = 400;
const ENGLISH_MIN_WORDS = 8;

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

export function detectLanguage(text: string): string {
  const sample = text.slice(0, LANGUAGE_SAMPLE_CHARS);
  if (sample.replace(/\s+/g, '').length < LANGUAGE_MIN_CHARS) return 'und';
  const letters = count(sample, LETTERS);
  if (count(sample, ARMENIAN) * 2 > letters) return 'hye';
  if (count(sample, GEORGIAN) * 2 > letters) return 'kat';
  const russianLetters = RUSSIAN_ONLY.test(sample) && !NOT_RUSSIAN.test(sample);
  if (russianLetters && count(sample, CYRILLIC) * 2 > letters) return 'rus';
  if (englishShare(text.slice(0, ENGLISH_SAMPLE_CHARS)) >= ENGLISH_SHARE) return 'eng';
  const guess = franc(sample, { minLength: LANGUAGE_MIN_CHARS });
  return SLAVIC_CYRILLIC.has(guess) && russianLetters ? 'rus' : guess;
}

function englishShare(sample: string): number {
  const words = sample.toLowerCase().match(/[a-z']+/g);
  if (!words || words.length < ENGLISH_MIN_WORDS) return 0;
  let english = 0;
  for (const w of words) if (ENGLISH_WORDS.has(w)) english++;
  return english / words.length;
}
