// Sentence splitting for news prose. A period ends a sentence only when what follows looks like a new
// one and what precedes is not an abbreviation: "U.S. President", "Mr. Pashinyan", "Sept. 13",
// "No. 5", "J. Biden" and "3.5%" stay whole.

export interface Sentence {
  text: string;
  /** Paragraph number (0-based) and position of the sentence within it. */
  paragraph: number;
  indexInParagraph: number;
  /** Running number over the whole text. */
  index: number;
}

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sr jr st gen col lt maj sgt capt cmdr adm gov sen rep rev hon pres amb sec ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'inc ltd co corp bros vs etc approx dept est fig al ca cf eg ie mt ft op vol art para ch pp ' +
    // Russian: "г." (year / city), "ул.", "т.е.", "им."
    'г гг ул им т др см тыс млн млрд руб'
  ).split(' '),
);
/** Abbreviations that end a sentence unless a number follows: "No. 5" vs "He said no." */
const BEFORE_NUMBER = new Set(['no', 'nos', 'nr', 'art', 'p', 'pp', 'vol', '№']);

// A candidate end: terminal punctuation, optional closing quotes/brackets, whitespace, then what
// begins a sentence (capital, digit, opening quote or bracket).
const CANDIDATE = /([.!?…]+)(["”’»)\]]*)(\s+)(?=["“‘«([]?[\p{Lu}\p{N}])/gu;

const OPENERS = '"“‘«([';

function isAbbreviationBefore(text: string, dotIndex: number, nextChar: string): boolean {
  const m = /((?:\p{L}\.)*\p{L}+)$/u.exec(text.slice(Math.max(0, dotIndex - 20), dotIndex));
  if (!m) return false;
  const word = m[1]!;
  // Dotted abbreviations ("U.S", "a.m") and single initials ("J").
  if (word.includes('.')) return true;
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true;
  const lower = word.toLowerCase();
  if (BEFORE_NUMBER.has(lower)) return /\p{N}/u.test(nextChar);
  return ABBREVIATIONS.has(lower) && /^[\p{Lu}\p{N}]/u.test(nextChar);
}

/** Sentences of one paragraph. */
export function splitParagraph(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of paragraph.matchAll(CANDIDATE)) {
    const punct = m[1]!;
    const end = m.index + punct.length + m[2]!.length;
    // The first character of what follows, past one opening quote or bracket (read in place: slicing
    // the rest of the paragraph at every candidate made long paragraphs quadratic).
    const next = end + m[3]!.length;
    const nextChar = paragraph.charAt(OPENERS.includes(paragraph.charAt(next)) ? next + 1 : next);
    if (punct === '.' && isAbbreviationBefore(paragraph, m.index, nextChar)) continue;
    const s = paragraph.slice(start, end).trim();
    if (s) out.push(s);
    start = end + m[3]!.length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Sentences of a text whose paragraphs are separated by blank lines (or single line breaks). */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const paragraphs = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  paragraphs.forEach((p, paragraph) => {
    splitParagraph(p).forEach((s, indexInParagraph) => {
      out.push({ text: s, paragraph, indexInParagraph, index: out.length });
    });
  });
  return out;
}
