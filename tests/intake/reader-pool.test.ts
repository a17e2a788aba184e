// Reader threads: the same articles as reading on the main thread; a page that blows a thread's heap
// or takes too long costs that one read and a fresh thread, not the pool; and where threads cannot
// start at all, pages are still read, on the calling thread.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENTITIES } from '../../src/dataset/entities.ts';
import { buildMatcher, extractArticle, proposeDraft, trackedEntitiesFrom } from '../../src/intake/article/index.ts';
import { ReaderPool } from '../../src/intake/article/reader-pool.ts';

const PAGES = join(import.meta.dirname, 'fixtures', 'pages');
const pages = readdirSync(PAGES)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((f) => readFileSync(join(PAGES, f), 'utf8'));

/** A page of a hundred thousand paragraphs inside one article: a DOM of tens of megabytes. */
const HUGE = `<!DOCTYPE html><html><body><article>${'<p>Armenia and the CSTO once more, at length.</p>'.repeat(100_000)}</article></body></html>`;

let pool: ReaderPool | undefined;
const read = async (p: ReaderPool, html: string, url: string) => (await p.read({ html, url })).article;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('ReaderPool', () => {
  it('reads every fixture page as the main thread does, many at once, on two threads', async () => {
    pool = new ReaderPool({ threads: 2 });
    const urls = pages.map((_, i) => `https://news.example/${i}`);
    const many = await Promise.all(Array.from({ length: 40 }, (_, n) => read(pool!, pages[n % pages.length]!, urls[n % pages.length]!)));
    for (const [n, article] of many.entries()) {
      expect(article, `page ${n % pages.length}`).toEqual(extractArticle(pages[n % pages.length]!, urls[n % pages.length]!));
    }
    expect(many.filter(Boolean).length).toBeGreaterThanOrEqual(36);
    expect(pool.replaced + Number(pool.broken)).toBe(0);
  });

  it('proposes on the thread what the main thread proposes, scope and dates included', async () => {
    pool = new ReaderPool({ threads: 1 });
    const entities = trackedEntitiesFrom(ENTITIES);
    const matcher = buildMatcher(entities);
    const now = '2026-11-30T12:00:00.000Z';
    for (const [i, html] of pages.entries()) {
      for (const scope of [
        { countries: [], blocs: [] },
        { countries: ['belarus'], blocs: [] },
      ]) {
        const url = `https://news.example/${i}`;
        const propose = { tracked: { version: 1, entities }, publisher: 'Outlet', feedPublishedAt: '2025-01-15T09:00:00Z', scope, now };
        const got = await pool.read({ html, url, propose });
        const article = extractArticle(html, url);
        if (!article) {
          expect(got).toEqual({ article: undefined });
          continue;
        }
        const dated = { ...article, publishedAt: article.publishedAt ?? propose.feedPublishedAt };
        // The text stays on the thread: only the dates and the outlet come back with a proposal.
        expect(got.article).toEqual({ title: '', text: '', publishedAt: dated.publishedAt, siteName: dated.siteName });
        expect(got.proposal, `page ${i} in scope ${scope.countries}`).toEqual(
          proposeDraft({
            article: dated,
            url,
            publisher: article.siteName?.trim() || 'Outlet',
            feedPublishedAt: propose.feedPublishedAt,
            matcher,
            scope,
            now: new Date(now),
          }),
        );
      }
    }
  });

  it('sends a thread the alias index once per version, and again to a thread that replaces one', async () => {
    pool = new ReaderPool({ threads: 1, heapMb: 32 });
    const posted = vi.spyOn(Worker.prototype, 'postMessage');
    const withIndex = () =>
      posted.mock.calls.filter(([m]) => (m as { propose?: { tracked: { entities?: unknown } } }).propose?.tracked.entities).length;
    const all = trackedEntitiesFrom(ENTITIES);
    const now = '2026-11-30T12:00:00.000Z';
    const url = 'https://news.example/0';
    const expected = (entities: typeof all) =>
      proposeDraft({
        article: extractArticle(pages[0]!, url)!,
        url,
        publisher: 'Outlet',
        matcher: buildMatcher(entities),
        now: new Date(now),
      });
    const propose = (version: number, entities: typeof all) => ({
      tracked: { version, entities },
      publisher: 'Outlet',
      scope: { countries: [], blocs: [] },
      now,
    });
    try {
      for (let n = 0; n < 4; n++)
        expect((await pool.read({ html: pages[0]!, url, propose: propose(1, all) })).proposal).toEqual(expected(all));
      expect(withIndex()).toBe(1);
      // The thread dies on a page; the one replacing it has no matcher and is sent the index again.
      expect(await read(pool, HUGE, 'https://news.example/huge')).toBeUndefined();
      expect(pool.replaced).toBe(1);
      expect((await pool.read({ html: pages[0]!, url, propose: propose(1, all) })).proposal).toEqual(expected(all));
      expect(withIndex()).toBe(2);
      // A new version (aliases changed): sent once, and proposing follows it.
      const fewer = all.map((e) => (e.id === 'armenia' ? { ...e, aliases: ['nowhere at all'] } : e));
      expect(expected(fewer)).not.toEqual(expected(all));
      for (let n = 0; n < 2; n++)
        expect((await pool.read({ html: pages[0]!, url, propose: propose(2, fewer) })).proposal).toEqual(expected(fewer));
      expect(withIndex()).toBe(3);
    } finally {
      posted.mockRestore();
    }
  });

  it('gives up a page that blows its thread’s heap, and reads the next on a fresh thread', async () => {
    pool = new ReaderPool({ threads: 1, heapMb: 24 });
    expect(await read(pool, pages[0]!, 'https://news.example/0')).toBeDefined();
    expect(await read(pool, HUGE, 'https://news.example/huge')).toBeUndefined();
    expect(pool.replaced).toBe(1);
    expect(await read(pool, pages[3]!, 'https://news.example/3')).toEqual(extractArticle(pages[3]!, 'https://news.example/3'));
  });

  it('gives up a page that takes longer than the timeout, and goes on', async () => {
    pool = new ReaderPool({ threads: 1, timeoutMs: 150, heapMb: 1024 });
    // The thread is up before the clock matters: its start is not timed as a page.
    expect(await read(pool, pages[1]!, 'https://news.example/1')).toBeDefined();
    const started = Date.now();
    expect(await read(pool, HUGE, 'https://news.example/huge')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(pool.replaced).toBe(1);
    expect(await read(pool, pages[2]!, 'https://news.example/2')).toEqual(extractArticle(pages[2]!, 'https://news.example/2'));
  });

  it('answers every read still under way or waiting when it is closed', async () => {
    pool = new ReaderPool({ threads: 1 });
    const reads = Array.from({ length: 6 }, (_, n) => pool!.read({ html: HUGE, url: `https://news.example/huge/${n}` }));
    await pool.close();
    // Nothing hangs: each read is answered, without an article.
    expect(await Promise.all(reads)).toEqual(Array.from({ length: 6 }, () => ({})));
  });

  it('reads on the calling thread when a thread cannot even start', async () => {
    // A heap too small to load the reader's modules: the thread dies before it is ready.
    pool = new ReaderPool({ threads: 1, heapMb: 1 });
    expect(await read(pool, pages[4]!, 'https://news.example/4')).toEqual(extractArticle(pages[4]!, 'https://news.example/4'));
    expect(pool.broken).toBe(true);
  });
});
