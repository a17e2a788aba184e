// The statements the stores write once for both engines use SQLite's parameters (`?`, `@name`);
// PostgreSQL numbers them ($1, $2 …). A statement is translated once and kept. Quoted text, quoted
// names and comments are copied as they are, so a `?` or `@` inside them is never taken for a parameter,
// and `@@` (PostgreSQL's text-search match) stays an operator.
import type { Params } from './sql.ts';

export interface Translated {
  text: string;
  /** For named parameters: the name of each $n, in order. */
  names?: string[];
  /**
   * Whether the statement may write (anything but a SELECT, or a WITH … SELECT that holds no INSERT,
   * UPDATE, DELETE or MERGE): the change token moves when it runs, and a read may be retried.
   */
  writes: boolean;
}

export function translate(source: string): Translated {
  let out = '';
  /** The statement without its quoted text and comments: what its keywords are read from. */
  let bare = '';
  let positional = 0;
  const names: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "'" || c === '"') {
      const end = closingQuote(source, i, c);
      out += source.slice(i, end);
      i = end;
    } else if (c === '-' && source[i + 1] === '-') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === '?') {
      bare += c;
      out += `$${++positional}`;
      i++;
    } else if (c === '@' && source[i + 1] === '@') {
      bare += '@@';
      out += '@@';
      i += 2;
    } else if (c === '@' && /[A-Za-z_]/.test(source[i + 1] ?? '')) {
      const name = /^[A-Za-z_]\w*/.exec(source.slice(i + 1))![0];
      let n = names.indexOf(name);
      if (n < 0) n = names.push(name) - 1;
      out += `$${n + 1}`;
      i += name.length + 1;
    } else {
      bare += c;
      out += c;
      i++;
    }
  }
  if (positional && names.length) throw new Error('a statement takes either ? or @name parameters, not both');
  const reads = /^\s*SELECT\b/i.test(bare) || (/^\s*WITH\b/i.test(bare) && !/\b(INSERT|UPDATE|DELETE|MERGE)\b/i.test(bare));
  return { text: out, names: names.length ? names : undefined, writes: !reads };
}

/** The index just past the quote that closes the one at `start` (a doubled quote is part of the text). */
function closingQuote(s: string, start: number, q: string): number {
  let i = start + 1;
  for (;;) {
    const end = s.indexOf(q, i);
    if (end < 0) return s.length;
    if (s[end + 1] === q) i = end + 2;
    else return end + 1;
  }
}

/** The values for a translated statement, in $n order. */
export function valuesFor(t: Translated, params: Params | undefined): unknown[] {
  if (params === undefined) return [];
  if (Array.isArray(params)) return params as unknown[];
  if (!t.names) return [];
  const named = params as Record<string, unknown>;
  return t.names.map((n) => {
    if (!(n in named)) throw new Error(`missing named parameter @${n}`);
    return named[n];
  });
}
