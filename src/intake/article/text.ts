// Reducing extracted or plain text to the story: paragraphs kept, captions, bylines and boilerplate
// dropped, titles cleaned. Shared by the HTML path and the plain-text path.
import type { ArticleText } from '../types.ts';
import { isBoilerplate, isBylineLike, isCaptionLike, isFurniture, squeeze, stripTagLike } from './lines.ts';

/** Lines of the text with tag-like debris removed and whitespace squeezed; empty lines dropped. */
export function cleanLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of stripTagLike(text).split(/\r?\n/)) {
    // Block boundaries leave many empty lines: nothing to squeeze there.
    if (raw === '') continue;
    const l = squeeze(raw.replace(/^\s*(\d{1,2}[.)]|[-*•·])\s+/, ''));
    if (l !== '') out.push(l);
  }
  return out;
}

/**
 * Paragraphs of the story: furniture lines dropped, and every line that occurs more than once (a
 * caption printed under the photo and again in its alt text, a headline repeated above the body).
 */
export function storyParagraphs(lines: string[], title?: string): string[] {
  const seen = new Map<string, number>();
  for (const l of lines) seen.set(l, (seen.get(l) ?? 0) + 1);
  const titleKey = title ? squeeze(title).toLowerCase() : undefined;
  return lines.filter((l) => (seen.get(l) ?? 0) < 2 && !isFurniture(l) && (titleKey === undefined || l.toLowerCase() !== titleKey));
}

/**
 * A plain-text article: the first real line is the headline (a one- or two-word section label such as
 * "Diplomacy" and "Skip to content" are passed over), the rest is the body without captions, bylines and
 * boilerplate.
 */
export function articleFromText(text: string): ArticleText {
  const lines = cleanLines(text);
  let titleIndex = lines.findIndex((l) => !isBoilerplate(l) && !isCaptionLike(l) && l.split(' ').length >= 4);
  if (titleIndex < 0) titleIndex = 0;
  const title = cleanTitle(lines[titleIndex] ?? '');
  // What comes before the headline is the site's: "Skip to content", a section label.
  const rest = lines.slice(titleIndex + 1);
  const byline = rest.find((l) => /^by\s/i.test(l) && isBylineLike(l));
  return {
    title,
    text: storyParagraphs(rest, lines[titleIndex]).join('\n\n'),
    byline: byline ? byline.replace(/^by\s+/i, '').replace(/\s*[|,•·-]\s*$/, '') : undefined,
  };
}

/**
 * A headline as people write it: whitespace squeezed, a trailing " | Site" or " - Site" removed, and
 * capitals tamed only when the whole headline shouts. `recase` gives the proper form of a lowercased word
 * ("csto" → "CSTO", "armenia" → "Armenia") or undefined to leave it lowercase.
 */
export function cleanTitle(
  raw: string,
  siteName?: string,
  recase?: (word: string) => string | undefined,
  namedInText?: (words: string) => boolean,
): string {
  let title = squeeze(stripTagLike(raw));
  // After a pipe comes the site ("Headline | Outlet" or "Headline | Section | Outlet").
  const piped = title.split(/\s+\|\s+/);
  const sitePiped = piped.length > 1 && piped[0]!.length > 0;
  if (sitePiped) title = piped[0]!;
  const parts = title.split(/\s+[–—-]\s+|\s+::\s+/);
  if (parts.length > 1) {
    const last = parts[parts.length - 1]!;
    const head = parts.slice(0, -1).join(' - ');
    // A tail after a dash is the outlet ("… – Reuters") or the speaker ("… — Лавров", "… - Pashinyan").
    // It is dropped when it names the site; else when it looks like an outlet name (short, capitalised,
    // no sentence) unless a pipe already set the site apart or the article's text names it, as it names
    // the people it quotes.
    const looksLikeSite = last.split(' ').length <= 4 && /^[\p{Lu}\d]/u.test(last) && !/[.!?]$/.test(last);
    const speaker = sitePiped || (namedInText?.(last) ?? false);
    if (namesSite(last, siteName) || (looksLikeSite && !speaker && head.split(' ').length >= 4)) title = head;
  }
  title = title.replace(/^[|–—-]\s*/, '').replace(/\s*[|–—-]$/, '');
  // Labels outlets put around a headline: "WATCH: …", "UPDATE 2-…", "… (video)", "… [PHOTOS]".
  title = title
    .replace(/^(breaking|watch|live|update( \d+)?|exclusive|opinion|analysis|video|photos?)\s*[:|-]\s*/i, '')
    .replace(/\s*[([](video|photos?|live|updated|watch|gallery)[)\]]$/i, '');
  // Headlines carry no full stop; keep an abbreviation's ("U.S.") and an ellipsis.
  if (/[^.\s\p{Lu}]\.$/u.test(title)) title = title.slice(0, -1);
  const letters = title.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 8 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    title = title
      .toLowerCase()
      .replace(/[\p{L}\p{N}]+/gu, (w) => recase?.(w) ?? w)
      .replace(/^(\P{L}*)(\p{L})/u, (_, lead: string, c: string) => lead + c.toUpperCase());
  }
  return title;
}

export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** "Reuters" names the site "Reuters", "reuters.com" and "The Reuters"; "Pashinyan" names none of them. */
function namesSite(tail: string, siteName: string | undefined): boolean {
  const t = letters(tail);
  const site = siteName ? letters(siteName) : '';
  return t.length >= 2 && site.length >= 2 && (site === t || site.startsWith(t) || site.endsWith(t) || t.endsWith(site));
}

/**
 * Whether the article's prose names these words (a declined form too: "Лаврова", "Pashinyan's"),
 * leaving out brackets and the dateline, where an outlet names itself ("(Reuters)", "/ТАСС/"), and the
 * headline's own dash tail where the text repeats the headline.
 */
export function namedIn(text: string | (() => string)): (words: string) => boolean {
  let prose: string | undefined;
  // Most headlines have no dash tail: the text is read only when one asks.
  return (words) => {
    prose ??= (typeof text === 'string' ? text : text()).slice(0, 4000).replace(/\([^)]{0,60}\)|\/[^/\n]{0,40}\//g, ' ');
    return new RegExp(`(?<![\\p{L}\\p{N}])(?<![–—-]\\s{1,3})${escapeRe(words)}`, 'iu').test(prose);
  };
}

/** The outlet as the page names it, else as the source does. */
export const publisherOf = (article: ArticleText, fallback: string): string => article.siteName?.trim() || fallback;
