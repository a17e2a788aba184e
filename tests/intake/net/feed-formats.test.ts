// Every feed format, served over real HTTP from fixtures built around the five seed articles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchFailure, fetchFeed, parseFeed } from '../../../src/intake/net/index.ts';
import type { ParsedFeed } from '../../../src/intake/types.ts';
import { fixtureBytes, fixtureText, type LocalServer, SEED_ARTICLES, startServer, TEST_LIMITS } from './local-server.ts';

const FEEDS: Record<string, { file: string; type: string }> = {
  '/feeds/rss2.xml': { file: 'rss2.xml', type: 'application/rss+xml; charset=utf-8' },
  '/feeds/atom.xml': { file: 'atom.xml', type: 'application/atom+xml' },
  '/feeds/rdf.xml': { file: 'rdf.xml', type: 'application/rdf+xml' },
  '/feeds/feed.json': { file: 'feed.json', type: 'application/feed+json' },
  '/home': { file: 'home-page.html', type: 'text/html; charset=utf-8' },
};

let server: LocalServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path === '/feeds/rss-1251.xml') {
      // Declared only in the XML prolog, as many Russian-language sites do; no charset in the header.
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(rewrite1251());
      return;
    }
    const feed = FEEDS[path];
    if (!feed) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': feed.type });
    res.end(fixtureText(feed.file, server.origin));
  });
});
afterAll(() => server.close());

/** The windows-1251 fixture with {{BASE}} replaced byte-wise (the placeholder is ASCII). */
function rewrite1251(): Buffer {
  const bytes = fixtureBytes('rss-windows-1251.xml');
  return Buffer.from(bytes.toString('latin1').replaceAll('{{BASE}}', server.origin), 'latin1');
}

function articleUrl(i: number): string {
  return `${server.origin}/${SEED_ARTICLES[i]?.slug}`;
}

async function fetched(path: string): Promise<ParsedFeed> {
  const result = await fetchFeed(`${server.origin}${path}`, TEST_LIMITS, {});
  expect(result.notModified).toBe(false);
  expect(result.finalUrl).toBe(`${server.origin}${path}`);
  if (!result.feed) throw new Error('no feed');
  return result.feed;
}

function expectSeedItems(feed: ParsedFeed): void {
  expect(feed.items).toHaveLength(5);
  feed.items.forEach((item, i) => {
    const seed = SEED_ARTICLES[i];
    // The same instant; RSS and Atom keep the offset the feed wrote it in (the outlet's own day).
    expect(Date.parse(item.publishedAt!), `item ${i}`).toBe(Date.parse(seed!.publishedAt));
    expect(item.author).toBe(seed?.author);
    expect(item.contentHtml?.length ?? 0).toBeGreaterThan(100);
  });
}

describe('parseFeed over HTTP, every format', () => {
  it('RSS 2.0: content:encoded wins, relative links resolve against the channel link, titles become plain text', async () => {
    const feed = await fetched('/feeds/rss2.xml');
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Caucasus & Central Asia Wire');
    expect(feed.siteUrl).toBe(`${server.origin}/`);
    expectSeedItems(feed);
    expect(feed.items[0]?.guid).toBe('seed-0');
    expect(feed.items[0]?.url).toBe(articleUrl(0));
    // <link>/2024/…?utm_source=rss</link> is relative: resolved, tracking kept (normalizeUrl drops it later).
    expect(feed.items[1]?.url).toBe(`${articleUrl(1)}?utm_source=rss&utm_medium=feed`);
    // The escaped <em> in the title is markup, not text.
    expect(feed.items[2]?.title).toBe('The friend of my enemy is my ally (analysis)');
    expect(feed.items[4]?.title).toBe(SEED_ARTICLES[4]?.title);
    // content:encoded (two paragraphs) is richer than the one-line description.
    expect(feed.items[0]?.contentHtml).toMatch(/^<p>As Armenia seeks.*<\/p><p>Armenian Prime Minister/);
  });

  it('Atom: alternate link under xml:base, html title decoded, content preferred over summary', async () => {
    const feed = await fetched('/feeds/atom.xml');
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Caucasus Wire (Atom)');
    expect(feed.siteUrl).toBe(`${server.origin}/`);
    expectSeedItems(feed);
    feed.items.forEach((item, i) => {
      expect(item.url).toBe(articleUrl(i)); // entries 0 and 3 have relative hrefs
      expect(item.title).toBe(SEED_ARTICLES[i]?.title);
      expect(item.guid).toMatch(/^tag:wire\.example,/);
    });
    expect(feed.items[3]?.contentHtml).toMatch(/^<p>.*<\/p><p>/);
  });

  it('RSS 1.0 / RDF: dc:date, rdf:about as the guid', async () => {
    const feed = await fetched('/feeds/rdf.xml');
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('Caucasus Wire (RSS 1.0)');
    expect(feed.items).toHaveLength(5);
    feed.items.forEach((item, i) => {
      expect(item.url).toBe(articleUrl(i));
      expect(item.guid).toBe(articleUrl(i));
      expect(item.title).toBe(SEED_ARTICLES[i]?.title);
      expect(Date.parse(item.publishedAt!)).toBe(Date.parse(SEED_ARTICLES[i]!.publishedAt));
    });
  });

  it('JSON Feed: content_html, or content_text escaped as HTML', async () => {
    const feed = await fetched('/feeds/feed.json');
    expect(feed.format).toBe('json');
    expect(feed.siteUrl).toBe(`${server.origin}/`);
    expectSeedItems(feed);
    expect(feed.items[0]?.url).toBe(articleUrl(0));
    expect(feed.items[0]?.guid).toBe(articleUrl(0));
    expect(feed.items[4]?.contentHtml).not.toContain('<p>');
    expect(feed.items[4]?.contentHtml).toContain('Yerevan declined to take part');
  });

  it('a windows-1251 feed declared only in its XML prolog decodes to Cyrillic', async () => {
    const feed = await fetched('/feeds/rss-1251.xml');
    expect(feed.title).toBe('Новости Кавказа');
    expect(feed.items[0]?.title).toBe('Армения остаётся союзником, заявил генсек ОДКБ');
    expect(feed.items[0]?.url).toBe(`${server.origin}/ru/csto-ally`);
    expect(feed.items[0]?.publishedAt).toBe('2023-11-27T12:00:00+03:00');
  });

  it("keeps the offset a date was written in, so the outlet's own calendar day survives", () => {
    const rss = (pubDate: string) =>
      parseFeed(
        `<rss version="2.0"><channel><title>t</title><item><title>A</title><link>https://x.example/a</link><pubDate>${pubDate}</pubDate></item></channel></rss>`,
      ).items[0]?.publishedAt;
    // 01:30 in Astana is still the day before in UTC.
    expect(rss('Thu, 04 Jul 2024 01:30:00 +0600')).toBe('2024-07-04T01:30:00+06:00');
    expect(rss('Wed, 03 Jul 2024 21:00:00 -0500')).toBe('2024-07-03T21:00:00-05:00');
    expect(rss('Thu, 04 Jul 2024 09:00:00 GMT')).toBe('2024-07-04T09:00:00.000Z');
  });

  it('an HTML page is refused as not_a_feed, permanently, pointing at /event import', async () => {
    const err = await fetchFeed(`${server.origin}/home`, TEST_LIMITS, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailure);
    const failure = err as FetchFailure;
    expect(failure.code).toBe('not_a_feed');
    expect(failure.permanent).toBe(true);
    expect(failure.url).toBe(`${server.origin}/home`);
    expect(failure.message).toContain('is a web page (HTML), not a feed');
    expect(failure.message).toContain('/event import');
    // The page advertises its feed; the refusal names it.
    expect(failure.feedLinks).toEqual([`${server.origin}/feeds/rss2.xml`]);
    expect(failure.message).toContain(`add ${server.origin}/feeds/rss2.xml instead`);
  });

  it('feed links are discovered from rel=alternate links only, resolved against <base>', () => {
    const html = `<!doctype html><html><head><base href="https://news.example/ru/">
      <link rel="stylesheet" href="/style.css"><link rel="alternate" hreflang="en" href="https://news.example/en/">
      <link rel="alternate" type="application/atom+xml" href="atom.xml">
      <link rel="ALTERNATE" type="application/rss+xml; charset=utf-8" href="https://news.example/rss">
      <link rel="alternate" type="application/feed+json" href="javascript:alert(1)"></head><body>Новости</body></html>`;
    let caught: unknown;
    try {
      parseFeed(html, 'text/html', 'https://news.example/ru/');
    } catch (err) {
      caught = err;
    }
    expect((caught as FetchFailure).feedLinks).toEqual(['https://news.example/ru/atom.xml', 'https://news.example/rss']);
  });
});

describe('parseFeed on bodies', () => {
  it.each([
    ['plain text', 'Armenia and the CSTO: no feed here'],
    ['JSON that is not a JSON Feed', '{"articles": [{"title": "CSTO"}]}'],
    ['XML that is not a feed', '<?xml version="1.0"?><sitemap><url>https://example.org/</url></sitemap>'],
    ['an empty body', ''],
  ])('%s is not_a_feed', (_name, body) => {
    let caught: unknown;
    try {
      parseFeed(body, undefined, 'https://example.org/feed');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FetchFailure);
    expect((caught as FetchFailure).code).toBe('not_a_feed');
    expect((caught as FetchFailure).message).toContain('/event import');
  });

  // A feed that has published nothing yet is a feed: feedsmith refuses the emptiest of them, and a new
  // channel must not be turned away as "not a feed" for it.
  it.each([
    ['RSS 2.0 with an empty title', '<rss version="2.0"><channel><title></title></channel></rss>', 'rss'],
    ['RSS 2.0 with a title only', '<rss version="2.0"><channel><title>New outlet</title></channel></rss>', 'rss'],
    ['Atom with no elements', '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'atom'],
    ['Atom with an id only', '<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id></feed>', 'atom'],
    [
      'RSS 1.0 with an empty channel',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"></channel></rdf:RDF>',
      'rdf',
    ],
    ['JSON Feed with no items', '{"version":"https://jsonfeed.org/version/1.1"}', 'json'],
    ['JSON Feed with an empty list', '{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[]}', 'json'],
  ])('%s is a valid feed with no items', (_name, body, format) => {
    const feed = parseFeed(body, undefined, 'https://news.example/feed');
    expect(feed.format).toBe(format);
    expect(feed.items).toEqual([]);
  });

  it('drops item links that are not http(s) and falls back to a permalink guid', () => {
    const feed = parseFeed(
      `<rss version="2.0"><channel><title>t</title><link>https://news.example/</link><description>d</description>
        <item><title>A</title><link>javascript:alert(1)</link><guid>https://news.example/a</guid></item>
        <item><title>B</title><guid isPermaLink="false">https://news.example/b</guid></item></channel></rss>`,
    );
    expect(feed.items[0]?.url).toBe('https://news.example/a');
    expect(feed.items[1]?.url).toBeUndefined();
    expect(feed.items[1]?.guid).toBe('https://news.example/b');
  });

  it('reads a Buffer with a UTF-8 byte-order mark', () => {
    const xml = fixtureText('rss2.xml', 'https://wire.example');
    const feed = parseFeed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]), 'application/xml');
    expect(feed.items).toHaveLength(5);
    expect(feed.items[1]?.url).toBe('https://wire.example/2024/06/14/armenia-withdraws-envoy-from-belarus?utm_source=rss&utm_medium=feed');
  });
});
