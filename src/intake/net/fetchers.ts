// The two fetches intake makes: a feed (conditional, parsed) and an article page (HTML, decoded).
import type { NetLimits } from './address.ts';
import { decodeBody } from './charset.ts';
import { FetchFailure, isFetchFailure } from './failure.ts';
import { parseFeed } from './feed.ts';
import { safeFetch } from './safe-fetch.ts';
import type { ParsedFeed } from '../types.ts';

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

export interface FeedFetchResult {
  notModified: boolean;
  finalUrl: string;
  /** The validators to send next time: the server's new ones, or the ones sent when it gave none. */
  etag?: string;
  lastModified?: string;
  /** Absent when notModified. */
  feed?: ParsedFeed;
}

export async function fetchFeed(
  url: string,
  limits: NetLimits,
  conditional: { etag?: string; lastModified?: string } = {},
  signal?: AbortSignal,
): Promise<FeedFetchResult> {
  const page = await safeFetch(url, limits, { ...conditional, accept: FEED_ACCEPT, ...(signal ? { signal } : {}) });
  const result: FeedFetchResult = { notModified: page.status === 304, finalUrl: page.url };
  const etag = page.etag ?? (page.status === 304 ? conditional.etag : undefined);
  const lastModified = page.lastModified ?? (page.status === 304 ? conditional.lastModified : undefined);
  if (etag) result.etag = etag;
  if (lastModified) result.lastModified = lastModified;
  if (result.notModified) return result;
  try {
    result.feed = parseFeed(page.body, page.contentType, page.url);
  } catch (err) {
    throw isFetchFailure(err) ? err.withUrl(page.url) : err;
  }
  return result;
}

export interface ArticleFetchResult {
  finalUrl: string;
  html: string;
  contentType?: string;
}

function isHtmlType(contentType: string | undefined, body: Buffer): boolean {
  if (contentType === undefined || contentType.trim() === '') {
    // No declared type: accept only what starts like markup.
    return /^\s*</.test(
      body
        .subarray(0, 512)
        .toString('latin1')
        .replace(/^\uFEFF|^\xEF\xBB\xBF/, ''),
    );
  }
  const mime = contentType.split(';')[0]?.trim().toLowerCase();
  return mime === 'text/html' || mime === 'application/xhtml+xml';
}

/** Fetches an article page; refuses anything that is not HTML (PDF, image, feed) with 'not_html'. */
export async function fetchArticleHtml(url: string, limits: NetLimits, signal?: AbortSignal): Promise<ArticleFetchResult> {
  const page = await safeFetch(url, limits, { accept: HTML_ACCEPT, ...(signal ? { signal } : {}) });
  if (!isHtmlType(page.contentType, page.body)) {
    throw new FetchFailure('not_html', `${page.url} is not a web page (it is ${page.contentType ?? 'of unknown type'})`, {
      url: page.url,
    });
  }
  const result: ArticleFetchResult = { finalUrl: page.url, html: decodeBody(page.body, page.contentType) };
  if (page.contentType) result.contentType = page.contentType;
  return result;
}
