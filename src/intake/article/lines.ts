// Recognising the lines of a news page that are not the story: photo captions and credits, bylines,
// datelines, "Read more" and newsletter boilerplate. Used on the text Readability keeps and on plain
// text files, which carry the same furniture as loose lines.

/** Remove anything shaped like an HTML tag, even with typographic quotes (`<a href=”…”>`). */
export function stripTagLike(text: string): string {
  return text.replace(/<\/?[a-zA-Z][^<>]{0,2000}>/g, '');
}

/** Collapse runs of spaces and tabs, trim. Newlines are the caller's business. */
export function squeeze(text: string): string {
  // Prose is mostly single spaces, which the replacement would rewrite one by one to themselves.
  if (!NEEDS_SQUEEZE.test(text)) return text.trim();
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}
/** Whitespace other than a single plain space: the only thing squeeze's replacement changes. */
const NEEDS_SQUEEZE = /[^\S ]|\u200b| {2}/;

const BOILERPLATE = [
  /^(read|see) (more|also)\b/i,
  /^(related|recommended|more from|more on|latest|most read|popular|trending)\b.{0,60}$/i,
  /^(also read|you may also like|you might also like|don'?t miss)\b/i,
  /^(skip to (main )?content|advertisement|sponsored|share( this( article| story)?)?|print|email|comments?)\s*:?$/i,
  /\b(subscribe|sign up|newsletter|log ?in to|create an account)\b.{0,80}$/i,
  /\b(cookies?|consent|privacy (policy|settings)|accept all|manage preferences)\b/i,
  /^(do you like this article\??|captcha\s*\*?|updated:?|published:?|listen( to this article)?|\d{1,2}:\d{2})$/i,
  /^(share|follow us|tweet|facebook|twitter|whatsapp|telegram|linkedin|copy link)(\s*(on|\/|,|\|)\s*\w+)*\s*$/i,
  /^(all rights reserved|©|copyright)\b/i,
  /^(\w+ )?contributed to this report\.?$/i,
];

/** A dateline alone on its line: "11/27/2023", "Updated: 11/27/2023 10:00", "July 9, 2024". */
const DATE_ONLY =
  /^((updated|published|posted)\s*:?\s*)?(\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})([ ,T]+\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?\s*(\w{2,4})?)?$/i;

// Credit forms: "Tigran Mehrabyan/PAN Photo via Reuters", "(… via AP)", "[US Department of State/AFP]",
// "Photo: …", "Getty Images".
const AGENCIES = 'Reuters|AP|AFP|Getty Images|EPA|Anadolu|TASS|Sputnik|RIA Novosti|Shutterstock|Xinhua|Bloomberg|ANSA|Photolure';
const CREDIT_TAIL = new RegExp(`(\\bvia (${AGENCIES})\\)?\\.?|[([](?:[^()[\\]]{0,80}/)?(${AGENCIES})[^()[\\]]{0,40}[)\\]]\\.?)\\s*$`);
const CREDIT_HEAD = /^(photo|image|picture|video|file photo|credit|photograph|illustration)s?\s*(:|by\b|credit\b)/i;

export function isCaptionLike(line: string): boolean {
  const t = line.trim();
  if (CREDIT_HEAD.test(t)) return true;
  // Each pattern below needs a character most prose lines lack; checking for it first spares the
  // pattern's backtracking over every line of every article.
  if ((t.includes('via ') || t.includes('(') || t.includes('[')) && CREDIT_TAIL.test(t)) return true;
  // Credit alone: "Tigran Mehrabyan/PAN Photo" or "AFP/Getty".
  if (t.includes('/') && /^[\p{L} .'-]{2,60}\/[\p{L} .'-]{2,40}$/u.test(t) && t.split(/\s+/).length <= 8) return true;
  return false;
}

function spacesAtMost(text: string, max: number): boolean {
  let at = -1;
  for (let n = 0; n <= max; n++) {
    at = text.indexOf(' ', at + 1);
    if (at < 0) return true;
  }
  return false;
}

/** "By Adam Morrow", "By Kontur and AFP |", "Adam Morrow" alone (two or three capitalised words). */
export function isBylineLike(line: string): boolean {
  const t = line.trim();
  if (/^[Bb][Yy]\s+[\p{Lu}][\p{L}.' -]{1,80}(\s*[|,•·-]\s*.{0,40})?$/u.test(t) && t.split(/\s+/).length <= 10) return true;
  // A bare name: 2–3 capitalised words (so one or two spaces), no sentence punctuation.
  if (spacesAtMost(t, 2) && /^[\p{Lu}][\p{Ll}'’-]+( [\p{Lu}][\p{Ll}'’.-]*){1,2}$/u.test(t) && !/[.!?:]$/.test(t)) return true;
  return false;
}

export function isBoilerplate(line: string): boolean {
  const t = line.trim();
  if (t === '') return true;
  if (DATE_ONLY.test(t)) return true;
  // Long prose that merely mentions "subscribe" or "cookies" is still prose.
  if (t.length < 160 && BOILERPLATE.some((re) => re.test(t))) return true;
  return false;
}

/** Short heading-like line: no final punctuation, few words ("Belarus Joins SCO", "Diplomacy"). */
export function isHeadingLike(line: string): boolean {
  const t = line.trim();
  // The ending first: it settles most lines without splitting them into words.
  return !/[.!?…:;"”’)]$/.test(t) && t.split(/\s+/).length <= 12;
}

/** Any of the above: a line that is not part of the story's prose. */
export function isFurniture(line: string): boolean {
  return isBoilerplate(line) || isCaptionLike(line) || isBylineLike(line);
}
