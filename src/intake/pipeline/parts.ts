// The one place the pipeline reaches the fetch layer (./net) and the article reader (./article), so
// that either can change its module layout without touching the pipeline.
export { FetchFailure, fetchArticleHtml, fetchFeed, htmlToText, mapLimit, normalizeUrl } from '../net/index.ts';
export {
  articleFromFeedItem,
  articleFromText,
  buildMatcher,
  extractArticle,
  proposeDraft,
  sameStory,
  type StoryKey,
} from '../article/index.ts';
export { type ArticleReader, ReaderPool, readInThread } from '../article/reader-pool.ts';
export { type PageResult, type ProposeRequest, publisherOf, type TrackedSnapshot } from '../article/read-page.ts';
