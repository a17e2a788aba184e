// Polling real feeds from a local news server into drafts: first poll, backfill, conditional GET,
// dedupe by GUID and URL, the same story from another outlet, a story already published, restarts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReaderPool } from '../../src/intake/article/reader-pool.ts';
import { normalizeUrl } from '../../src/intake/pipeline/parts.ts';
import { MAX_ITEMS_PER_POLL } from '../../src/intake/pipeline/poller.ts';
import { IntakeService } from '../../src/intake/pipeline/service.ts';
import type { FeedSpec } from './feed-server.ts';
import { articlePage } from './feed-server.ts';
import { draftsOf, intakeWorld, itemFor, LIMITS, PUBLISHED, SEEDS, type IntakeWorld } from './setup.ts';

let w: IntakeWorld;
beforeEach(async () => {
  w = await intakeWorld();
});
afterEach(async () => w.cleanup());

function addSource(feedPath: string, opts: { backfill?: number; countries?: string[]; name?: string } = {}) {
  return w.intake.sources.add(
    {
      url: w.server.url(feedPath),
      urlKey: normalizeUrl(w.server.url(feedPath)),
      name: opts.name ?? 'Outlet A',
      countries: opts.countries ?? [],
      blocs: [],
      backfill: opts.backfill ?? 0,
      addedBy: 'test',
    },
    w.core.now(),
  );
}

describe('polling a source', () => {
  it('marks a new source’s items seen, answers 304 next, then drafts only the new item', async () => {
    const feed: FeedSpec = w.server.feed('/a/feed.xml', { title: 'Outlet A', items: [0, 1, 2].map((i) => itemFor(SEEDS[i]!, i)) });
    const src = await addSource('/a/feed.xml');
    const polls: string[] = [];
    let drafts = 0;
    w.core.metrics = {
      ...w.core.metrics,
      intakePoll: (r) => void polls.push(r),
      draftsMade: (n) => {
        drafts += n;
      },
    };

    const first = await w.intake.pass();
    expect(first.polled[0]).toMatchObject({ status: 'ok', newItems: 0 });
    expect(first.drafted).toHaveLength(0);
    expect(await w.intake.drafts.pendingCount()).toBe(0);
    // The back catalogue was not fetched: no article page was read.
    expect(w.server.hitsOf('/a/seed-0')).toBe(0);
    expect((await w.intake.sources.get(src.id))!.lastOkAt).toBeTruthy();

    const second = await w.intake.pass({ force: true });
    expect(second.polled[0]!.status).toBe('not_modified');

    feed.items.unshift(itemFor(SEEDS[3]!, 3));
    const third = await w.intake.pass({ force: true });
    expect(third.polled[0]).toMatchObject({ status: 'ok', newItems: 1 });
    expect(third.drafted).toHaveLength(1);
    const d = (await draftsOf(w.intake, third))[0]!;
    expect(d.title).toContain('Armenia, drifting further from Russia');
    expect(d.countries).toContain('armenia');
    expect(d.sources).toEqual([
      {
        url: w.server.url('/a/seed-3'),
        urlKey: normalizeUrl(w.server.url('/a/seed-3')),
        publisher: 'Outlet A',
        publishedAt: expect.any(String),
        lang: 'eng',
      },
    ]);
    expect(d.status).toBe('pending');
    expect(d.summary.length).toBeLessThanOrEqual(500);
    // The editors' review channel got the card.
    expect(w.told.map((r) => r.title)).toEqual([`Draft #${d.id}`]);
    expect(w.told[0]!.actions!.map((a) => a.id)).toEqual([`review:approve:${d.id}`, `review:edit:${d.id}`, `review:reject:${d.id}`]);
    // What /metrics counts: every poll by its result, every draft made.
    expect(polls).toEqual(['ok', 'not_modified', 'ok']);
    expect(drafts).toBe(1);
  });

  it('backfill N drafts the newest N items of the first poll and no more', async () => {
    w.server.feed('/a/feed.xml', { title: 'Outlet A', items: [0, 1, 2, 4].map((i) => itemFor(SEEDS[i]!, i)) });
    await addSource('/a/feed.xml', { backfill: 2 });
    const r = await w.intake.pass();
    expect(r.polled[0]!.newItems).toBe(2);
    expect((await draftsOf(w.intake, r)).map((d) => d.sources[0]!.url).sort()).toEqual([
      w.server.url('/a/seed-2'),
      w.server.url('/a/seed-4'),
    ]);
    expect(w.server.hitsOf('/a/seed-0')).toBe(0);
    const again = await w.intake.pass({ force: true });
    expect(again.drafted).toHaveLength(0);
  });

  it('posts a card as soon as its article is drafted while a slow host holds the pass; a host slow twice waits for the next', async () => {
    // A pass drafts its articles in one order (first published first), each as soon as the ones before
    // it are done. A host whose pages each take the whole fetch timeout must neither hold the cards of
    // articles before its own nor keep the pass reading its items one timeout after another.
    w.server.feed('/a/feed.xml', { title: 'Outlet A', items: [{ ...itemFor(SEEDS[1]!, 1), publishedAt: '2026-11-16T08:00:00Z' }] });
    const slowItems = [0, 2, 3].map((i) => ({ ...itemFor(SEEDS[i]!, i), link: `/slow/page-${i}` }));
    w.server.feed('/slow/feed.xml', { title: 'Slow outlet', items: slowItems });
    for (const i of [0, 2, 3]) {
      w.server.page(`/slow/page-${i}`, articlePage(SEEDS[i]!, 'Slow outlet', PUBLISHED[i]!));
      w.server.stalled.add(`/slow/page-${i}`);
    }
    await addSource('/a/feed.xml', { backfill: 1 });
    await addSource('/slow/feed.xml', { name: 'Slow outlet', backfill: 3 });
    let ended = false;
    const started = Date.now();
    const pass = w.intake.pass().finally(() => (ended = true));
    await vi.waitFor(() => expect(w.told).toHaveLength(1), { timeout: LIMITS.timeoutMs - 500 });
    expect(ended).toBe(false);
    const r = await pass;
    // Two slow reads of that host (each falls back to its feed text), not three.
    expect(Date.now() - started).toBeLessThan(3 * LIMITS.timeoutMs);
    const slow = r.polled.find((p) => p.name === 'Slow outlet')!;
    expect(slow.newItems).toBe(3);
    expect(w.server.hitsOf('/slow/page-0') + w.server.hitsOf('/slow/page-2') + w.server.hitsOf('/slow/page-3')).toBe(2);
    for (const i of [0, 2, 3]) w.server.stalled.delete(`/slow/page-${i}`);
    const next = await w.intake.pass({ force: true });
    expect(next.polled.find((p) => p.name === 'Slow outlet')).toMatchObject({ status: 'ok', newItems: 1 });
  });

  it('reads every feed format: Atom and JSON Feed items become drafts too', async () => {
    w.server.feed('/atom', { title: 'Atom', format: 'atom', items: [itemFor(SEEDS[1]!, 1)] });
    w.server.feed('/json', { title: 'JSON', format: 'json', items: [itemFor(SEEDS[4]!, 4)] });
    await addSource('/atom', { backfill: 5, name: 'Atom outlet' });
    await addSource('/json', { backfill: 5, name: 'JSON outlet' });
    const r = await w.intake.pass();
    expect(r.polled.map((p) => p.status)).toEqual(['ok', 'ok']);
    expect(r.drafted).toHaveLength(2);
  });

  it('an item seen again under another GUID with utm_* on its URL is neither drafted nor fetched again', async () => {
    const feed = w.server.feed('/a/feed.xml', { title: 'Outlet A', items: [itemFor(SEEDS[1]!, 1)] });
    await addSource('/a/feed.xml', { backfill: 1 });
    expect((await w.intake.pass()).drafted).toHaveLength(1);
    expect(w.server.hitsOf('/a/seed-1')).toBe(1);
    const tracked = { ...itemFor(SEEDS[1]!, 1), guid: 'another-guid', link: '/a/seed-1/?utm_source=twitter&utm_medium=social#comments' };
    feed.items.unshift(tracked);
    const r = await w.intake.pass({ force: true });
    expect(r.drafted).toHaveLength(0);
    // An aggregator's feed links the same article with its own tracking: the draft holds it already.
    w.server.feed('/agg.xml', {
      title: 'Aggregator',
      items: [{ ...tracked, guid: 'agg-1', link: w.server.url('/a/seed-1?fbclid=XYZ&utm_campaign=a') }],
    });
    await addSource('/agg.xml', { backfill: 5, name: 'Aggregator' });
    const agg = await w.intake.pass();
    expect(agg.polled.find((p) => p.name === 'Aggregator')).toMatchObject({ status: 'ok', newItems: 1, drafted: [], merged: [] });
    expect(w.server.hitsOf('/a/seed-1')).toBe(1);
    expect(await w.intake.drafts.pendingCount()).toBe(1);
  });

  it('the same story from another outlet becomes a further source of the pending draft', async () => {
    // Outlet B runs the same wire copy under its own headline, the same afternoon.
    const s = SEEDS[4]!;
    const headline = 'Armenia remains an ally, says head of Moscow-led military alliance';
    w.server.page(
      '/b/ally',
      articlePage({ title: headline, paragraphs: s.paragraphs.filter((p) => p !== s.title) }, 'Outlet B', '2026-11-20T15:00:00Z'),
    );
    w.server.feed('/a/feed.xml', { title: 'Outlet A', items: [itemFor(s, 3)] });
    w.server.feed('/b/feed.xml', {
      title: 'Outlet B',
      items: [{ guid: 'b-1', link: '/b/ally', title: headline, publishedAt: '2026-11-20T15:00:00Z' }],
    });
    await addSource('/a/feed.xml', { backfill: 1 });
    const first = await w.intake.pass();
    expect(first.drafted).toHaveLength(1);
    await w.intake.sources.add(
      {
        url: w.server.url('/b/feed.xml'),
        urlKey: normalizeUrl(w.server.url('/b/feed.xml')),
        name: 'Outlet B',
        countries: [],
        blocs: [],
        backfill: 1,
        addedBy: 'test',
      },
      w.core.now(),
    );
    const second = await w.intake.pass();
    expect(second.drafted).toHaveLength(0);
    expect(second.polled.find((p) => p.name === 'Outlet B')!.merged).toHaveLength(1);
    const d = (await w.intake.drafts.get(first.drafted[0]!.id))!;
    // English reports first, the first published first: Outlet B's came out before Outlet A's page.
    expect(d.sources.map((x) => x.publisher)).toEqual(['Outlet B', 'Outlet A']);
    expect(await w.intake.drafts.pendingCount()).toBe(1);
  });

  // An event known only to its month (occurred_start the 1st) is still found by a report of the 20th.
  it.each(['day', 'month'] as const)(
    'a story matching a published event (dated to the %s) becomes a pending draft proposing a further source (event_id)',
    async (precision) => {
      const s = SEEDS[1]!;
      // What the editors already published about this story, by hand.
      const html = articlePage(s, 'Outlet A', PUBLISHED[1]!);
      const { extractArticle } = await import('../../src/intake/article/index.ts');
      const p = (await w.intake.pipeline.propose({
        article: extractArticle(html, w.server.url('/a/seed-1'))!,
        url: w.server.url('/a/seed-1'),
        publisher: 'Outlet A',
        scope: { countries: [], blocs: [] },
        actor: 't',
      }))!;
      const { validateEvent } = await import('../../src/domain/event-input.ts');
      const v = validateEvent(
        {
          title: p.title,
          date: precision === 'day' ? p.date : p.date.slice(0, 7),
          countries: ['Armenia', 'Belarus'],
          summary: p.summary,
          sources: ['https://example.org/earlier-report'],
        },
        w.core.entities,
        w.core.now(),
      );
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      expect(Number(p.date.slice(8))).toBeGreaterThan(3); // else the month's 1st is within a day of it anyway
      const published = await w.core.events.add(v.value, 'editor', w.core.now());

      w.server.feed('/a/feed.xml', { title: 'Outlet A', items: [itemFor(s, 1)] });
      await addSource('/a/feed.xml', { backfill: 1 });
      const r = await w.intake.pass();
      expect(r.drafted).toHaveLength(1);
      expect((await draftsOf(w.intake, r))[0]!.eventId).toBe(published.id);
      // The published event is untouched until review.
      expect((await w.core.events.get(published.id))!.sources).toHaveLength(1);
    },
  );

  it('a flood of new items is read over several passes, never hidden behind a 304', async () => {
    const feed = w.server.feed('/a/feed.xml', { title: 'Outlet A', items: [] });
    await addSource('/a/feed.xml');
    await w.intake.pass();
    // 45 new items at once (the same page under 45 addresses: most merge as one story, which is fine).
    feed.items.push(
      ...Array.from({ length: 45 }, (_, n) => ({ ...itemFor(SEEDS[2]!, 2), guid: `flood-${n}`, link: `/a/seed-2?page=${n}` })),
    );
    const first = await w.intake.pass({ force: true });
    expect(first.polled[0]!.newItems).toBe(45);
    expect(w.server.hitsOf('/a/seed-2')).toBe(MAX_ITEMS_PER_POLL);
    const second = await w.intake.pass({ force: true });
    expect(second.polled[0]).toMatchObject({ status: 'ok', newItems: 45 - MAX_ITEMS_PER_POLL });
    expect(w.server.hitsOf('/a/seed-2')).toBe(45);
    expect((await w.intake.pass({ force: true })).polled[0]!.status).toBe('not_modified');
  });

  it('an item that cannot be stored is reported and skipped; the rest of the feed goes on', async () => {
    w.server.feed('/a/feed.xml', { title: 'Outlet A', items: [itemFor(SEEDS[1]!, 1), itemFor(SEEDS[3]!, 3)] });
    await addSource('/a/feed.xml', { backfill: 2 });
    await w.core.sql.exec(
      `CREATE TEMP TRIGGER refuse BEFORE INSERT ON intake_drafts WHEN new.title LIKE '%envoy%' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    try {
      const r = await w.intake.pass();
      expect(r.polled[0]).toMatchObject({ status: 'ok', newItems: 2 });
      expect((await draftsOf(w.intake, r)).map((d) => d.sources[0]!.url)).toEqual([w.server.url('/a/seed-3')]);
      expect(r.polled[0]!.itemErrors).toEqual([expect.stringContaining('disk full')]);
    } finally {
      await w.core.sql.exec('DROP TRIGGER refuse');
    }
    // Not retried on every pass.
    expect((await w.intake.pass({ force: true })).polled[0]!.status).toBe('not_modified');
  });

  it('keeps only items within the source’s scope', async () => {
    w.server.feed('/a/feed.xml', { title: 'Outlet A', items: [itemFor(SEEDS[1]!, 1)] });
    await addSource('/a/feed.xml', { backfill: 5, countries: ['kyrgyzstan'] });
    const r = await w.intake.pass();
    expect(r.polled[0]!.newItems).toBe(1);
    expect(r.drafted).toHaveLength(0);
  });

  it('falls back to the feed’s own text when the article page cannot be read', async () => {
    w.server.feed('/a/feed.xml', {
      title: 'Outlet A',
      items: [
        {
          guid: 'gone-page',
          link: '/a/missing-page',
          title: 'Armenia recalls its ambassador from Minsk',
          description:
            '<p>Armenia recalled its ambassador to Belarus on Tuesday, the foreign ministry in Yerevan said.</p><p>Belarus answered by recalling its own envoy.</p>',
          publishedAt: PUBLISHED[4]!,
        },
      ],
    });
    await addSource('/a/feed.xml', { backfill: 1 });
    const r = await w.intake.pass();
    expect(r.drafted).toHaveLength(1);
    expect((await draftsOf(w.intake, r))[0]!.summary).toContain('recalled its ambassador');
    expect((await draftsOf(w.intake, r))[0]!.countries).toEqual(expect.arrayContaining(['armenia', 'belarus']));
  });

  it('falls back to the feed’s own text when reading the page costs its reader thread', async () => {
    const reader = new ReaderPool({ threads: 1, timeoutMs: 150 });
    try {
      const pooled = new IntakeService(w.core, { limits: LIMITS, reader });
      // Under the byte cap, but far too long to read in 150 ms: the thread is given up and replaced.
      w.server.page(
        '/a/endless',
        `<!DOCTYPE html><html><body><article>${'<p>Armenia and the CSTO, at length.</p>'.repeat(40_000)}</article></body></html>`,
      );
      w.server.feed('/a/feed.xml', {
        title: 'Outlet A',
        items: [
          {
            guid: 'endless-page',
            link: '/a/endless',
            title: 'Armenia recalls its ambassador from Minsk',
            description: '<p>Armenia recalled its ambassador to Belarus on Tuesday, the foreign ministry in Yerevan said.</p>',
            publishedAt: PUBLISHED[4]!,
          },
        ],
      });
      await addSource('/a/feed.xml', { backfill: 1 });
      const r = await pooled.pass();
      expect(reader.replaced).toBe(1);
      expect((await draftsOf(pooled, r)).map((d) => d.summary)).toEqual([expect.stringContaining('recalled its ambassador')]);
    } finally {
      await reader.close();
    }
  });

  it('a restarted process (a new core on the same file) never drafts a seen item again', async () => {
    const feed = w.server.feed('/a/feed.xml', { title: 'Outlet A', items: [itemFor(SEEDS[0]!, 0), itemFor(SEEDS[2]!, 2)] });
    await addSource('/a/feed.xml', { backfill: 1 });
    expect((await w.intake.pass()).drafted).toHaveLength(1);
    feed.items.push(itemFor(SEEDS[3]!, 3));
    const restarted = new IntakeService(await w.openAnother(), { limits: LIMITS });
    const r = await restarted.pass({ force: true });
    expect(r.drafted).toHaveLength(1);
    expect((await draftsOf(restarted, r))[0]!.sources[0]!.url).toBe(w.server.url('/a/seed-3'));
    expect(await restarted.drafts.pendingCount()).toBe(2);
  });
});
