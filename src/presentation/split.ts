// Splitting for renderers: text too long for one block or message is divided at line, then word,
// boundaries, and never cut.

/**
 * Splits a paragraph longer than max at line, then word boundaries (hard split only for a single huge
 * word). A cut never falls inside a link (`<url|Publisher Name>` in Slack mrkdwn, `[text](url)` in
 * Discord markdown) or an HTML entity (`&amp;`), and no piece is empty.
 */
export function splitLong(p: string, max: number): string[] {
  if (p.length <= max) return [p];
  const out: string[] = [];
  let rest = p;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    cut = outsideMarkup(rest, cut);
    const piece = rest.slice(0, cut);
    if (piece.trim()) out.push(piece);
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.trim()) out.push(rest);
  return out;
}

/** Moves a cut back to before the markup it would fall inside, if that leaves a piece at all. */
function outsideMarkup(s: string, cut: number): number {
  const head = s.slice(0, cut);
  const starts: number[] = [];
  const lt = head.lastIndexOf('<');
  if (lt > head.lastIndexOf('>')) starts.push(lt);
  const bracket = lastUnescaped(head, '[');
  if (bracket > head.lastIndexOf(')')) starts.push(bracket);
  // An entity is a few characters long; an '&' further back is plain text.
  const amp = head.lastIndexOf('&');
  if (amp > head.lastIndexOf(';') && cut - amp <= 10) starts.push(amp);
  const at = Math.min(...starts.filter((i) => i > 0));
  return Number.isFinite(at) ? at : cut;
}

/** The last `ch` not escaped with a backslash (Discord escapes literal brackets in text). */
function lastUnescaped(s: string, ch: string): number {
  for (let i = s.lastIndexOf(ch); i >= 0; i = s.lastIndexOf(ch, i - 1)) if (s[i - 1] !== '\\') return i;
  return -1;
}
