// fetchArticleHtml: only HTML, decoded in the charset the page declares (header, then <meta>).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchFailure, fetchArticleHtml } from '../../../src/intake/net/index.ts';
import { fixtureBytes, type LocalServer, SEED_ARTICLES, startServer, TEST_LIMITS } from './local-server.ts';

const RU_TITLE = 'Армения остаётся союзником, заявил генсек ОДКБ';

const ROUTES: Record<string, { file: string; type?: string }> = {
  '/ru/utf8': { file: 'articles/ru-csto-ally.utf8.html', type: 'text/html; charset=utf-8' },
  '/ru/1251-header': { file: 'articles/ru-csto-ally.cp1251.html', type: 'text/html; charset=windows-1251' },
  '/ru/1251-meta-only': { file: 'articles/ru-csto-ally.cp1251.html', type: 'text/html' },
  '/ru/koi8-header': { file: 'articles/ru-csto-ally.koi8r.html', type: 'text/html; charset=KOI8-R' },
  '/ru/koi8-meta-only': { file: 'articles/ru-csto-ally.koi8r.html', type: 'text/html' },
  '/ru/no-content-type': { file: 'articles/ru-csto-ally.utf8.html' },
  '/ru/1251-xhtml': { file: 'articles/ru-csto-ally.cp1251.html', type: 'application/xhtml+xml; charset=cp1251' },
};

let server: LocalServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = req.url ?? '';
    const seed = SEED_ARTICLES.find((a) => `/${a.slug}` === path);
    if (seed) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(fixtureBytes(seed.file));
      return;
    }
    if (path === '/report.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.7 not really');
      return;
    }
    if (path === '/photo.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
      return;
    }
    if (path === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss version="2.0"><channel/></rss>');
      return;
    }
    if (path === '/old-link') {
      res.writeHead(301, { location: `/${SEED_ARTICLES[0]?.slug}` });
      res.end();
      return;
    }
    const route = ROUTES[path];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, route.type ? { 'content-type': route.type } : {});
    res.end(fixtureBytes(route.file));
  });
});
afterAll(() => server.close());

describe('fetchArticleHtml', () => {
  it('fetches each seed article page as HTML, following a redirect to the final URL', async () => {
    for (const seed of SEED_ARTICLES) {
      const page = await fetchArticleHtml(`${server.origin}/${seed.slug}`, TEST_LIMITS);
      expect(page.finalUrl).toBe(`${server.origin}/${seed.slug}`);
      expect(page.contentType).toBe('text/html; charset=utf-8');
      expect(page.html).toContain('<article>');
    }
    const moved = await fetchArticleHtml(`${server.origin}/old-link`, TEST_LIMITS);
    expect(moved.finalUrl).toBe(`${server.origin}/${SEED_ARTICLES[0]?.slug}`);
    expect(moved.html).toContain('Armenian Prime Minister Nikol Pashinyan has called for boosting relations');
  });

  it.each(Object.keys(ROUTES))('%s decodes to the same Cyrillic text', async (path) => {
    const page = await fetchArticleHtml(`${server.origin}${path}`, TEST_LIMITS);
    expect(page.html).toContain(`<h1>${RU_TITLE}</h1>`);
    expect(page.html).toContain('Организации Договора о коллективной безопасности (ОДКБ)');
    expect(page.html).not.toContain('\uFFFD');
  });

  it('a header charset wins over a contradicting <meta>', async () => {
    // The koi8-r page served with a windows-1251 header decodes as windows-1251: not the Russian text.
    const server2 = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' });
      res.end(fixtureBytes('articles/ru-csto-ally.koi8r.html'));
    });
    try {
      const page = await fetchArticleHtml(`${server2.origin}/`, TEST_LIMITS);
      expect(page.html).not.toContain(RU_TITLE);
    } finally {
      await server2.close();
    }
  });

  it.each([
    ['/report.pdf', 'application/pdf'],
    ['/photo.jpg', 'image/jpeg'],
    ['/feed.xml', 'application/rss+xml'],
  ])('%s is refused as not_html', async (path, type) => {
    const err = await fetchArticleHtml(`${server.origin}${path}`, TEST_LIMITS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailure);
    expect(err).toMatchObject({ code: 'not_html', permanent: true });
    expect((err as FetchFailure).message).toContain(type);
  });
});
