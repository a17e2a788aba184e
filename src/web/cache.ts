// Conditional requests and the rendered-answer cache. Every answer is a function of the published
// data's revision and the day ("as of today"), so one ETag (and one Last-Modified) stands for both: a
// client that has them gets a 304, and a rendered answer is kept until either moves.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Revision } from '../store/revision.ts';
import { STYLESHEET_HASH } from './kit/style.ts';

export interface Validators {
  etag: string;
  /** An HTTP date. */
  lastModified: string;
  /** The same, in milliseconds, for If-Modified-Since. */
  lastModifiedMs: number;
}

/** Browsers and feed readers check back after this; the revision answers them cheaply then. */
export const MAX_AGE_SECONDS = 60;
export const CACHE_CONTROL = `public, max-age=${MAX_AGE_SECONDS}`;

export function validatorsOf(rev: Revision, today: string): Validators {
  // The stylesheet's hash too: a new design must not be answered with 304 to a page of the old one.
  const etag = `"${createHash('sha256').update(`${rev.tag}/${today}/${STYLESHEET_HASH}`).digest('base64url').slice(0, 24)}"`;
  const dayStart = Date.parse(`${today}T00:00:00Z`);
  const changed = Date.parse(rev.changedAt);
  // Whole seconds: HTTP dates have no finer grain, and If-Modified-Since compares what we sent.
  const ms = Math.floor(Math.max(Number.isNaN(changed) ? 0 : changed, Number.isNaN(dayStart) ? 0 : dayStart) / 1000) * 1000;
  return { etag, lastModified: new Date(ms).toUTCString(), lastModifiedMs: ms };
}

/** If-None-Match wins over If-Modified-Since, as RFC 9110 says; a weak match is enough for GET. */
export function isNotModified(headers: IncomingHttpHeaders, v: Validators): boolean {
  const inm = headers['if-none-match'];
  if (typeof inm === 'string') {
    if (inm.trim() === '*') return true;
    return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === v.etag);
  }
  const ims = headers['if-modified-since'];
  if (typeof ims !== 'string') return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && v.lastModifiedMs <= since;
}

/** What a handler answers: a status, a content type, the bytes, and any headers of its own. */
export interface Rendered {
  status: number;
  type: string;
  body: Buffer;
  extra?: Record<string, string>;
}

/**
 * Answers by request target, each valid under one ETag. Bounded in entries and bytes, least recently
 * used out first, so that a crawler's endless query strings cannot grow it.
 */
export class RenderedCache<T extends { body: Buffer }> {
  private readonly entries = new Map<string, { etag: string; answer: T }>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get(target: string, etag: string): T | undefined {
    const hit = this.entries.get(target);
    if (!hit) return undefined;
    this.entries.delete(target);
    if (hit.etag !== etag) {
      this.bytes -= hit.answer.body.length;
      return undefined;
    }
    this.entries.set(target, hit);
    return hit.answer;
  }

  set(target: string, etag: string, answer: T): void {
    const old = this.entries.get(target);
    if (old) {
      this.entries.delete(target);
      this.bytes -= old.answer.body.length;
    }
    if (answer.body.length > this.maxBytes / 4) return;
    while (this.entries.size >= this.maxEntries || this.bytes + answer.body.length > this.maxBytes) {
      const [oldest, entry] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.bytes -= entry.answer.body.length;
    }
    this.entries.set(target, { etag, answer });
    this.bytes += answer.body.length;
  }

  get size(): number {
    return this.entries.size;
  }
}
