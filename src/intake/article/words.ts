// The words of a text for the alias matcher, without a regex match object per word: a scan over char
// codes that finds exactly what /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+/gu finds (letters, marks and digits;
// dotted abbreviations such as "U.S." as one word). The matcher runs on every sentence of every article,
// and the regex's per-word allocations were most of its cost.

export interface Words {
  count: number;
  start: number[];
  end: number[];
  /** Whether the word holds a character outside ASCII (it needs Unicode folding). */
  wide: boolean[];
}

const LETTER = 1;
const WORD_CHAR = 2;
const LETTER_OR_NUMBER = 4;
const UNKNOWN = 8;
// Character classes of the BMP code units, filled as they are met: a Unicode property test per unit
// is costly, and a text uses few distinct ones.
const classes = new Uint8Array(0x10000).fill(UNKNOWN);
const IS_LETTER = /^\p{L}$/u;
const IS_WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const IS_LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

function classOf(code: number): number {
  let c = classes[code]!;
  if (c === UNKNOWN) {
    const ch = String.fromCharCode(code);
    c = (IS_LETTER.test(ch) ? LETTER : 0) | (IS_WORD_CHAR.test(ch) ? WORD_CHAR : 0) | (IS_LETTER_OR_NUMBER.test(ch) ? LETTER_OR_NUMBER : 0);
    classes[code] = c;
  }
  return c;
}

const DOT = 46;
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+/gu;
// A surrogate pair is one code point that the table above cannot classify: such texts take the regex.
const ASTRAL = /[\ud800-\udfff]/;

export function scanWords(text: string, out: Words): Words {
  out.count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one code point that the table cannot classify: such a text takes the regex
    // (found here rather than by a search of every text first: most texts have none).
    if (code >= 0xd800 && code <= 0xdfff) return scanWithRegex(text, out);
    const c = classOf(code);
    if ((c & WORD_CHAR) === 0) {
      i++;
      continue;
    }
    // A dotted abbreviation first, as the regex's first alternative: two or more "letter." pairs.
    if (c & LETTER && text.charCodeAt(i + 1) === DOT) {
      let k = i;
      let pairs = 0;
      while (k + 1 < n && text.charCodeAt(k + 1) === DOT && classOf(text.charCodeAt(k)) & LETTER) {
        pairs++;
        k += 2;
      }
      if (pairs >= 2) {
        push(out, i, k, hasWide(text, i, k));
        i = k;
        continue;
      }
    }
    let wide = code > 0x7f;
    let k = i + 1;
    for (; k < n; k++) {
      const next = text.charCodeAt(k);
      if (next >= 0xd800 && next <= 0xdfff) return scanWithRegex(text, out);
      if ((classOf(next) & WORD_CHAR) === 0) break;
      if (next > 0x7f) wide = true;
    }
    push(out, i, k, wide);
    i = k;
  }
  return out;
}

function scanWithRegex(text: string, out: Words): Words {
  out.count = 0;
  for (const m of text.matchAll(WORD)) push(out, m.index, m.index + m[0].length, /[\u0080-\uffff]/.test(m[0]));
  return out;
}

function hasWide(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

function push(out: Words, start: number, end: number, wide: boolean): void {
  const i = out.count++;
  out.start[i] = start;
  out.end[i] = end;
  out.wide[i] = wide;
}

const LETTERS_AND_NUMBERS = /[\p{L}\p{N}]+/gu;

/** The runs of letters and digits of a text, as /[\p{L}\p{N}]+/gu finds them, without the match objects. */
export function letterRuns(text: string): string[] {
  if (ASTRAL.test(text)) return text.match(LETTERS_AND_NUMBERS) ?? [];
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if ((classOf(text.charCodeAt(i)) & LETTER_OR_NUMBER) === 0) {
      i++;
      continue;
    }
    let k = i + 1;
    while (k < n && classOf(text.charCodeAt(k)) & LETTER_OR_NUMBER) k++;
    out.push(text.slice(i, k));
    i = k;
  }
  return out;
}
