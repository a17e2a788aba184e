// The draft's headline: the page's (og:title, else <h1>, else <title>), cleaned, unless it is a rubric
// rather than a headline ("Официально", "Analysis", "LIVE"), or a rubric glued to the headline; then
// the feed's own title for the item, which outlets write as the headline.
import type { ArticleText } from '../types.ts';
import type { Matcher } from './matcher.ts';
import { cleanTitle, namedIn } from './text.ts';

// Section labels and rubrics outlets print above or before a headline.
const KICKERS = new Set(
  (
    'live|analysis|opinion|exclusive|breaking|breaking news|update|updated|explainer|watch|video|photo|photos|interview|' +
    'comment|commentary|editorial|news|politics|world|region|official|officially|in depth|feature|podcast|' +
    'официально|эксклюзив|мнение|аналитика|новости|политика|видео|фото|интервью|молния|срочно|главное|' +
    'комментарий|в мире|мир|общество|экономика|регион|колонка|точка зрения|онлайн'
  ).split('|'),
);

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Whether a line is a rubric, not a headline. */
export function isKicker(line: string): boolean {
  const f = fold(line);
  return f === '' || KICKERS.has(f) || (words(f) === 1 && f.length < 14 && !/\d/.test(f));
}

export function chooseTitle(article: ArticleText, publisher: string, feedTitle: string | undefined, matcher?: Matcher): string {
  const recase = matcher
    ? (w: string): string | undefined => {
        if (matcher.isAcronym(w)) return w.toUpperCase();
        return matcher.spans(w).length > 0 ? w.charAt(0).toUpperCase() + w.slice(1) : undefined;
      }
    : undefined;
  const site = article.siteName ?? publisher;
  const inText = namedIn(article.text);
  const page = cleanTitle(article.title, site, recase, inText);
  const feed = feedTitle ? cleanTitle(feedTitle, site, recase, inText) : '';
  if (!feed) return page;
  if (isKicker(page)) return feed;
  // "Официально Беларусь стала членом ШОС": a rubric run into the headline the feed gives alone.
  const p = fold(page);
  const f = fold(feed);
  if (p !== f && p.endsWith(f) && isKicker(p.slice(0, p.length - f.length))) return feed;
  return page;
}
