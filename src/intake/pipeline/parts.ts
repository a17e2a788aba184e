// The one place the pipeline reaches the fetch layer (./net) and the article reader (./article), so
// that either can change its module layout without touching the pipeline.
export { FetchFailure, fetchArticleHtml, fetchFeed, htmlToText, mapLimit, normalizeUrl } from '../net/index.ts';
export { buildMatcher } from '../article/matcher.ts';
export { publisherOf } from '../article/text.ts';
export { type ArticleReader, ReaderPool, readInThread } from '../article/reader-pool.ts';
export type { PageResult, ProposeRequest, TrackedSnapshot } from '../article/read-page.ts';

/**
 * Reading and proposing on this thread: extraction, dates, language. Loaded on first use, since a bot
 * whose pages are read on reader threads never needs them here (they hold ~10 MB of heap).
 */
export const articleReading = () => import('../article/index.ts');
