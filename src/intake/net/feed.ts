// Any feed format to ParsedFeed. feedsmith does the parsing (it detects RSS 2.0/0.9x, Atom, RSS 1.0/RDF
// and JSON Feed); this file only picks, per format, which of its fields mean link, date and content.
//
// Entity safety: feedsmith runs fast-xml-parser 5 with processEntities: false, so entities declared in
// a DOCTYPE are never expanded (a billion-laughs body stays small), and fast-xml-parser refuses any
// SYSTEM/PUBLIC external entity outright (nothing is read from disk or the network). The tests in
// tests/intake/net/feed-safety.test.ts hold both facts, so an upgrade that changes them fails there.
import {
  type AnyFeed,
  type AtomFeed,
  DetectError,
  detectAtomFeed,
  detectJsonFeed,
  detectRdfFeed,
  detectRssFeed,
  type JsonFeed,
  MalformedError,
  ParseError,
  parseFeed as parseAnyFeed,
  type RdfFeed,
  type RssFeed,
} from 'feedsmith';
import type { FeedItem, ParsedFeed } from '../types.ts';
import { decodeBody } from './charset.ts';
import { discoverFeedLinks } from './discover.ts';
import { FetchFailure } from './failure.ts';
import { absoluteHttpUrl } from './normalize-url.ts';
import { escapeHtml, htmlToText } from './text.ts';

const IMPORT_HINT = 'to draft a single article, use `/event import <url>` (or `blocwatch import-article URL`)';

/**
 * Parses a feed body. `baseUrl` (the feed's own final URL) resolves relative links. Throws FetchFailure
 * 'not_a_feed' (permanent) for an HTML page or anything else that is not a feed.
 */
export function parseFeed(body: Buffer | string, contentType?: string, baseUrl?: string): ParsedFeed {
  const text = (typeof body === 'string' ? body : decodeBody(body, contentType)).replace(/^\uFEFF/, '');
  let parsed: AnyFeed<string>;
  try {
    parsed = parseAnyFeed<string>(text);
  } catch (err) {
    // feedsmith refuses a feed it recognises but finds nothing in (a new channel with no items and an
    // empty title): that is a valid feed with no items yet, not a page that is not a feed.
    const empty = err instanceof ParseError ? emptyFeedOf(text) : undefined;
    if (empty) return empty;
    if (err instanceof DetectError || err instanceof MalformedError || err instanceof ParseError || err instanceof SyntaxError) {
      throw notAFeed(text, baseUrl, err);
    }
    throw err;
  }
  switch (parsed.format) {
    case 'rss':
      return fromRss(parsed.feed, baseUrl);
    case 'atom':
      return fromAtom(parsed.feed, baseUrl);
    case 'rdf':
      return fromRdf(parsed.feed, baseUrl);
    case 'json':
      return fromJson(parsed.feed, baseUrl);
  }
}

function emptyFeedOf(text: string): ParsedFeed | undefined {
  if (detectRssFeed(text)) return { format: 'rss', items: [] };
  if (detectAtomFeed(text)) return { format: 'atom', items: [] };
  if (detectRdfFeed(text)) return { format: 'rdf', items: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  return detectJsonFeed(json) ? { format: 'json', items: [] } : undefined;
}

function notAFeed(text: string, url: string | undefined, cause: unknown): FetchFailure {
  const where = url ?? 'this address';
  const looksHtml = /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body)\b/i.test(text);
  if (!looksHtml) {
    return new FetchFailure(
      'not_a_feed',
      `${where} is not a feed blocwatch can read (RSS, Atom, RSS 1.0/RDF or JSON Feed); ${IMPORT_HINT}.`,
      { url: url ?? '', cause },
    );
  }
  const feedLinks = discoverFeedLinks(text, url);
  const instead =
    feedLinks.length > 0
      ? `The page names its feed: add ${feedLinks.slice(0, 3).join(' or ')} instead`
      : "Add the site's RSS, Atom or JSON Feed address instead";
  return new FetchFailure('not_a_feed', `${where} is a web page (HTML), not a feed. ${instead}; ${IMPORT_HINT}.`, {
    url: url ?? '',
    feedLinks,
    cause,
  });
}

/** Relative links in a feed are relative to its site (or xml:base), and the site link to the feed URL. */
function baseFor(feedUrl: string | undefined, ...candidates: Array<string | undefined>): string | undefined {
  let base = feedUrl;
  for (const candidate of candidates) base = absoluteHttpUrl(candidate, base) ?? base;
  return base;
}

/**
 * The first parseable date among candidates, as an ISO instant in the offset the feed wrote it in
 * ("Thu, 04 Jul 2024 01:30:00 +0600" → "2024-07-04T01:30:00+06:00"): the outlet's own calendar day is
 * the reference for "on Thursday" in its text, and in UTC that instant is still Wednesday.
 */
function isoDate(...candidates: Array<string | undefined>): string | undefined {
  for (const raw of candidates) {
    if (!raw) continue;
    const ms = Date.parse(raw.trim());
    if (!Number.isNaN(ms)) return withOffset(ms, offsetMinutes(raw.trim()));
  }
  return undefined;
}

/** The numeric offset a date string states ("+0600", "-05:00"); 0 for "GMT", "Z" or none. */
function offsetMinutes(raw: string): number {
  const m = /(?:\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([+-])(\d{2}):?(\d{2})\s*$/.exec(raw);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return minutes <= 14 * 60 ? (m[1] === '-' ? -minutes : minutes) : 0;
}

function withOffset(ms: number, offset: number): string {
  if (offset === 0) return new Date(ms).toISOString();
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Whichever candidate carries the most text. */
function richest(...candidates: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const c of candidates) {
    const trimmed = c?.trim();
    if (trimmed && (best === undefined || trimmed.length > best.length)) best = trimmed;
  }
  return best;
}

function item(fields: {
  guid?: string | undefined;
  url?: string | undefined;
  title?: string | undefined;
  contentHtml?: string | undefined;
  publishedAt?: string | undefined;
  author?: string | undefined;
}): FeedItem {
  const out: FeedItem = { title: fields.title ?? '' };
  const guid = fields.guid?.trim();
  if (guid) out.guid = guid;
  if (fields.url) out.url = fields.url;
  if (fields.contentHtml) out.contentHtml = fields.contentHtml;
  if (fields.publishedAt) out.publishedAt = fields.publishedAt;
  const author = fields.author?.trim();
  if (author) out.author = author;
  return out;
}

function feedOf(format: ParsedFeed['format'], title: string | undefined, siteUrl: string | undefined, items: FeedItem[]): ParsedFeed {
  const out: ParsedFeed = { format, items };
  const cleanTitle = title === undefined ? '' : htmlToText(title);
  if (cleanTitle) out.title = cleanTitle;
  if (siteUrl) out.siteUrl = siteUrl;
  return out;
}

type AtomLink = { href?: string; rel?: string };

function alternateLink(links: AtomLink[] | undefined, base: string | undefined): string | undefined {
  const alternate = links?.find((l) => !l.rel || l.rel === 'alternate') ?? links?.[0];
  return absoluteHttpUrl(alternate?.href, base);
}

/** Atom text constructs are plain text unless type="html"/"xhtml". */
function atomText(text: { value?: string; type?: string } | undefined): string {
  if (!text?.value) return '';
  return text.type === 'html' || text.type === 'xhtml' ? htmlToText(text.value) : text.value.replace(/\s+/g, ' ').trim();
}

function atomHtml(text: { value?: string; type?: string } | undefined): string | undefined {
  if (!text?.value) return undefined;
  return text.type === 'html' || text.type === 'xhtml' ? text.value : escapeHtml(text.value);
}

function fromRss(feed: RssFeed.Feed<string>, feedUrl: string | undefined): ParsedFeed {
  const site = absoluteHttpUrl(feed.link, feedUrl) ?? alternateLink(feed.atom?.links, feedUrl);
  const feedBase = baseFor(feedUrl, feed.xml?.base, site);
  const items = (feed.items ?? []).map((it) => {
    const base = baseFor(feedBase, it.xml?.base);
    const guid = it.guid?.value;
    const guidAsLink = it.guid?.isPermaLink === false ? undefined : absoluteHttpUrl(guid, base);
    return item({
      guid,
      url: absoluteHttpUrl(it.link, base) ?? alternateLink(it.atom?.links, base) ?? guidAsLink,
      title: htmlToText(it.title ?? it.dc?.titles?.[0] ?? ''),
      contentHtml: richest(it.content?.encoded, it.description, it.atom?.content?.value, it.atom?.summary?.value),
      publishedAt: isoDate(
        it.pubDate,
        it.dc?.dates?.[0],
        it.dcterms?.issued?.[0],
        it.dcterms?.created?.[0],
        it.atom?.published,
        it.atom?.updated,
        it.dcterms?.modified?.[0],
      ),
      author: it.authors?.[0]?.name ?? it.authors?.[0]?.email ?? it.dc?.creators?.[0],
    });
  });
  return feedOf('rss', feed.title, site, items);
}

function fromAtom(feed: AtomFeed.Feed<string>, feedUrl: string | undefined): ParsedFeed {
  const site = alternateLink(feed.links, baseFor(feedUrl, feed.xml?.base));
  const feedBase = baseFor(feedUrl, feed.xml?.base);
  const items = (feed.entries ?? []).map((entry) => {
    const base = baseFor(feedBase, entry.xml?.base);
    return item({
      guid: entry.id,
      url: alternateLink(entry.links, base),
      title: atomText(entry.title),
      contentHtml: richest(atomHtml(entry.content), atomHtml(entry.summary)),
      publishedAt: isoDate(entry.published, entry.dc?.dates?.[0], entry.dcterms?.issued?.[0], entry.updated),
      author: entry.authors?.[0]?.name ?? entry.dc?.creators?.[0],
    });
  });
  return feedOf('atom', atomText(feed.title), site, items);
}

function fromRdf(feed: RdfFeed.Feed<string>, feedUrl: string | undefined): ParsedFeed {
  const site = absoluteHttpUrl(feed.link, feedUrl);
  const feedBase = baseFor(feedUrl, feed.xml?.base, site);
  const items = (feed.items ?? []).map((it) => {
    const base = baseFor(feedBase, it.xml?.base);
    const about = it.rdf?.about;
    return item({
      guid: about ?? it.link,
      url: absoluteHttpUrl(it.link, base) ?? absoluteHttpUrl(about, base),
      title: htmlToText(it.title ?? ''),
      contentHtml: richest(it.content?.encoded, it.description),
      publishedAt: isoDate(it.dc?.dates?.[0], it.dcterms?.issued?.[0], it.dcterms?.created?.[0], it.dcterms?.modified?.[0]),
      author: it.dc?.creators?.[0],
    });
  });
  return feedOf('rdf', feed.title, site, items);
}

function fromJson(feed: JsonFeed.Feed<string>, feedUrl: string | undefined): ParsedFeed {
  const site = absoluteHttpUrl(feed.home_page_url, feedUrl);
  const base = baseFor(feedUrl, site);
  const items = (feed.items ?? []).map((it) =>
    item({
      guid: it.id,
      url: absoluteHttpUrl(it.url, base) ?? absoluteHttpUrl(it.external_url, base),
      title: (it.title ?? '').replace(/\s+/g, ' ').trim(),
      contentHtml: richest(
        it.content_html,
        it.content_text === undefined ? undefined : escapeHtml(it.content_text),
        it.summary === undefined ? undefined : escapeHtml(it.summary),
      ),
      publishedAt: isoDate(it.date_published, it.date_modified),
      author: it.authors?.[0]?.name ?? feed.authors?.[0]?.name,
    }),
  );
  return feedOf('json', feed.title, site, items);
}
