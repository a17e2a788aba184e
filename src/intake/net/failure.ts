// One error type for everything that can go wrong between a URL and a parsed feed or article, so the
// poller decides "disable the source" or "back off and retry" from `permanent` alone.
import type { FetchFailureCode } from '../types.ts';

/**
 * Retrying cannot fix these: the address is refused by policy, the URL is malformed, the page is gone
 * (404/410) or is not a feed. not_html is here too: an article URL that serves a PDF or an image keeps
 * serving it.
 */
const PERMANENT_CODES: ReadonlySet<FetchFailureCode> = new Set(['bad_url', 'blocked_address', 'not_a_feed', 'not_html']);
const GONE_STATUSES: ReadonlySet<number> = new Set([404, 410]);

export interface FetchFailureInit {
  url: string;
  status?: number;
  /** From Retry-After on a 429 or 503, when the server gave one. */
  retryAfterMs?: number;
  /** On not_a_feed for an HTML page: the feeds the page advertises, to offer instead. */
  feedLinks?: string[];
  cause?: unknown;
}

export class FetchFailure extends Error {
  override readonly name = 'FetchFailure';
  readonly code: FetchFailureCode;
  readonly status?: number;
  readonly permanent: boolean;
  /** The URL being fetched when it failed (after redirects, when there were any). */
  readonly url: string;
  readonly retryAfterMs?: number;
  readonly feedLinks?: string[];

  constructor(code: FetchFailureCode, message: string, init: FetchFailureInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.url = init.url;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.feedLinks !== undefined) this.feedLinks = init.feedLinks;
    this.permanent = PERMANENT_CODES.has(code) || (code === 'http_status' && init.status !== undefined && GONE_STATUSES.has(init.status));
  }

  /** The same failure, attributed to another URL (the feed URL rather than the body that failed to parse). */
  withUrl(url: string): FetchFailure {
    return new FetchFailure(this.code, this.message, {
      url,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      ...(this.feedLinks !== undefined ? { feedLinks: this.feedLinks } : {}),
      cause: this.cause,
    });
  }
}

export function isFetchFailure(value: unknown): value is FetchFailure {
  return value instanceof FetchFailure;
}
