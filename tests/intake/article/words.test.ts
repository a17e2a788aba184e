// The matcher's word scanner and the summary's letter runs read char codes instead of running a
// Unicode regex, and squeeze skips its replacement when nothing needs it, for speed. They must do
// exactly what the regexes they replace do, on any text: checked here against those regexes on tricky
// and on generated strings.
import { describe, expect, it } from 'vitest';
import { squeeze } from '../../../src/intake/article/lines.ts';
import { letterRuns, scanWords, type Words } from '../../../src/intake/article/words.ts';

const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+/gu;
const LETTERS_AND_NUMBERS = /[\p{L}\p{N}]+/gu;

const viaScan = (text: string): string[] => {
  const w: Words = scanWords(text, { count: 0, start: [], end: [], wide: [] });
  return Array.from({ length: w.count }, (_, i) => `${w.start[i]}-${w.end[i]}-${w.wide[i]}`);
};
const viaRegex = (text: string): string[] =>
  [...text.matchAll(WORD)].map((m) => `${m.index}-${m.index + m[0].length}-${/[\u0080-\uffff]/.test(m[0])}`);

const TRICKY = [
  'U.S. and U.S.A. troops, a.b and e.g. the U.S',
  'Armenia’s “CSTO” — Ереван, ОДКБ; Ёлка',
  'café naïve Zürich Łódź İstanbul ﬁnance',
  'a\u0301b \u0301x 1.2.3 ١٢٣ ⅷ ²',
  'math 𝐀𝐁 and a lone \ud800 surrogate',
  '',
  '...',
  'x.y.',
];

// Deterministic, so that a failure can be replayed.
function generated(count: number): string[] {
  const parts = ['a', 'B', '.', ' ', '-', '\n', 'é', 'Ё', 'ж', '\u0301', '7', '٣', 'İ', 'ﬁ', '’', '“', 'U.S.', 'a.b.', '𝐀', '\u00a0'];
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Array.from({ length: count }, () => {
    let s = '';
    for (let i = Math.floor(next() * 16); i > 0; i--) s += parts[Math.floor(next() * parts.length)];
    return s;
  });
}

describe('word scanning', () => {
  it('finds the words, their offsets and whether they leave ASCII exactly as the regex does', () => {
    for (const text of [...TRICKY, ...generated(8_000)]) expect(viaScan(text), JSON.stringify(text)).toEqual(viaRegex(text));
  });

  it('finds the runs of letters and digits exactly as the regex does', () => {
    for (const text of [...TRICKY, ...generated(8_000)]) {
      for (const t of [text, text.toLowerCase()]) expect(letterRuns(t), JSON.stringify(t)).toEqual(t.match(LETTERS_AND_NUMBERS) ?? []);
    }
  });

  it('squeezes whitespace exactly as the plain replacement does', () => {
    const spaces = [' ', '  ', '\t', '\n', '\r', '\u00a0', '\u200b', '\ufeff', '\u2028', '\u3000', '\u1680', 'a', 'Б', '.'];
    let seed = 99;
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      for (let i = k % 9; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        s += spaces[seed % spaces.length];
      }
      expect(squeeze(s), JSON.stringify(s)).toBe(s.replace(/[\s\u00a0\u200b]+/g, ' ').trim());
    }
  });
});
