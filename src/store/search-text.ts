// What a search is made of, on both engines: the words a person typed (never the engine's query syntax),
// folded as the indexes fold text, and the excerpt an answer shows. The excerpt is drawn here from the
// event's own title and summary rather than by the engine (FTS5's snippet, PostgreSQL's ts_headline):
// the two cut and mark text differently, and both engines must answer alike.

export interface SearchTerms {
  words: string[];
  /** The last word also matches longer words it begins (it has three letters or more). */
  prefix: boolean;
}

/** Words past this many are dropped: a longer question is a sentence, and ranks no better for it. */
export const SEARCH_MAX_WORDS = 12;

/** The words of a search, the last one a prefix when it has three letters or more; undefined for none. */
export function searchTerms(input: string): SearchTerms | undefined {
  const words = input
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, SEARCH_MAX_WORDS);
  if (words.length === 0) return undefined;
  return { words, prefix: words.at(-1)!.length >= 3 };
}

/** Combining marks on a Latin letter: the diacritics FTS5 takes off ("é" is "e", but "й" is not "и"). */
const LATIN_DIACRITICS = /([A-Za-z])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/g;

/**
 * Lower case, Latin letters without diacritics, as FTS5's unicode61 tokenizer (remove_diacritics 2)
 * folds, and as PostgreSQL's search_fold folds (migration 010).
 */
export function foldForSearch(word: string): string {
  return word.normalize('NFKD').replace(LATIN_DIACRITICS, '$1').normalize('NFC').toLowerCase();
}

/** About as long as FTS5's 24-token snippet. */
const EXCERPT_TOKENS = 24;
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

interface Token {
  start: number;
  end: number;
  /** Which search word it matches, or -1. */
  term: number;
}

function tokensOf(text: string, t: SearchTerms, folded: readonly string[]): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const f = foldForSearch(m[0]);
    let term = folded.indexOf(f);
    if (term < 0 && t.prefix && f.startsWith(folded.at(-1)!)) term = folded.length - 1;
    out.push({ start: m.index, end: m.index + m[0].length, term });
  }
  return out;
}

/** How good a window is: distinct words matched first, then matches. */
function scoreOf(tokens: readonly Token[], from: number, to: number): number {
  const seen = new Set<number>();
  let hits = 0;
  for (let i = from; i < to; i++) {
    const term = tokens[i]!.term;
    if (term >= 0) {
      seen.add(term);
      hits++;
    }
  }
  return seen.size * 1000 + hits;
}

/**
 * The excerpt of an event for a search: from the summary, or the title when it matches more of the
 * words, cut to about 24 words around the best run of matches ('…' where cut), matches marked
 * \u0002…\u0003 for renderers to emphasise.
 */
export function searchExcerpt(event: { title: string; summary: string }, t: SearchTerms): string {
  const folded = t.words.map(foldForSearch);
  const columns = [event.summary, event.title]
    .filter((text) => text.length > 0)
    .map((text) => ({ text, tokens: tokensOf(text, t, folded) }));
  if (!columns.length) return '';
  let best = { column: columns[0]!, from: 0, score: -1 };
  for (const column of columns) {
    const n = column.tokens.length;
    const starts = [0, ...column.tokens.flatMap((tok, i) => (tok.term >= 0 ? [Math.max(0, Math.min(i - 3, n - EXCERPT_TOKENS))] : []))];
    for (const from of starts) {
      const score = scoreOf(column.tokens, from, Math.min(n, from + EXCERPT_TOKENS));
      if (score > best.score) best = { column, from, score };
    }
  }
  const { text, tokens } = best.column;
  if (!tokens.length) return text;
  const last = Math.min(tokens.length, best.from + EXCERPT_TOKENS) - 1;
  const cutStart = best.from > 0;
  const cutEnd = last < tokens.length - 1;
  let out = cutStart ? '…' : '';
  let at = cutStart ? tokens[best.from]!.start : 0;
  for (let i = best.from; i <= last; i++) {
    const tok = tokens[i]!;
    out += text.slice(at, tok.start);
    out += tok.term >= 0 ? `${MARK_START}${text.slice(tok.start, tok.end)}${MARK_END}` : text.slice(tok.start, tok.end);
    at = tok.end;
  }
  return cutEnd ? `${out}…` : out + text.slice(at);
}
