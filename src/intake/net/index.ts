// The network side of intake: everything that touches a socket or parses what came back from one.
export { addressRange, isPublicAddress, type NetLimits, type NetTestHooks, type ResolvedAddress } from './address.ts';
export { charsetFromContentType, decodeBody } from './charset.ts';
export { mapLimit } from './concurrency.ts';
export { discoverFeedLinks } from './discover.ts';
export { FetchFailure, isFetchFailure } from './failure.ts';
export { parseFeed } from './feed.ts';
export { type ArticleFetchResult, type FeedFetchResult, fetchArticleHtml, fetchFeed } from './fetchers.ts';
export { absoluteHttpUrl, normalizeUrl } from './normalize-url.ts';
export {
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_USER_AGENT,
  type FetchedPage,
  parseHttpUrl,
  safeFetch,
  type SafeFetchOptions,
} from './safe-fetch.ts';
export { htmlToText } from './text.ts';
