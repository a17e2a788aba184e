// Three bot processes on one PostgreSQL database and 200 news sources due at once: each source polled
// once in the pass, by one worker or another, and each article drafted once although forty feeds carry it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeUrl } from '../../src/intake/pipeline/parts.ts';
import { startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { NewsServer } from '../intake/feed-server.ts';
import { itemFor, SEEDS, servePages } from '../intake/setup.ts';
import { discordWorkerEnv, replicaDatabase, sleep, startWorker, waitFor, type Worker } from './setup.ts';

const SOURCES = 200;
const feedPath = (i: number) => `/feeds/${i}.xml`;

let discord: DiscordFake;
let server: NewsServer;
failOnViolations(() => discord);
beforeAll(async () => {
  discord = await startDiscordFake();
  server = await new NewsServer().start();
  servePages(server);
  // Every feed carries one of the five seed articles: forty feeds link to each page.
  for (let i = 0; i < SOURCES; i++) server.feed(feedPath(i), { title: `Outlet ${i}`, items: [itemFor(SEEDS[i % 5]!, i % 5)] });
});
afterAll(async () => {
  await discord?.close();
  await server?.close();
});

/** What each worker says it polled, from its 'intake pass' log lines. */
const polledBy = (w: Worker) =>
  w
    .lines()
    .filter((l) => l.msg === 'intake pass')
    .reduce((n, l) => n + Number(l.polled ?? 0), 0);

describe('intake on three workers', () => {
  it('200 sources due at once: each polled once in the pass, by some worker; each article drafted once', async () => {
    const { url, core } = await replicaDatabase();
    const env = discordWorkerEnv(discord, url, {
      INTAKE_POLL_CRON: '*/2 * * * * *',
      INTAKE_ALLOW_PRIVATE: 'true',
      WORK_CLAIM_SECONDS: '10',
    });
    const workers = await Promise.all([0, 1, 2].map(() => startWorker(env)));
    // The sources come due once all three run: added before, they went to whichever worker started
    // first, which could poll all 200 before the others' first pass (a loaded CI machine starts them
    // seconds apart).
    const now = new Date();
    for (let i = 0; i < SOURCES; i++) {
      const feed = server.url(feedPath(i));
      // backfill 1: the first poll drafts the feed's newest item instead of only marking it seen.
      await core.sources.add(
        { url: feed, urlKey: normalizeUrl(feed), name: `Outlet ${i}`, countries: [], blocs: [], backfill: 1, addedBy: 'test' },
        now,
      );
    }
    const polled = async () =>
      (await core.sql.get<{ n: number }>('SELECT count(*) AS n FROM intake_sources WHERE last_polled_at IS NOT NULL'))!.n;
    await waitFor(async () => (await polled()) === SOURCES, 45_000, 'every source polled');
    await waitFor(() => workers.reduce((n, w) => n + polledBy(w), 0) >= SOURCES, 15_000, 'every pass to finish');
    // Passes go on every two seconds: none polls a source again while it is not due.
    await sleep(4500);
    for (let i = 0; i < SOURCES; i++) expect(server.hitsOf(feedPath(i)), feedPath(i)).toBe(1);
    const shares = workers.map(polledBy);
    expect(
      shares.reduce((a, b) => a + b),
      `shares ${shares.join(', ')}`,
    ).toBe(SOURCES);
    expect(shares.filter((n) => n > 0).length, `shares ${shares.join(', ')}`).toBeGreaterThan(1);
    const drafts = await core.sql.all<{ urlKey: string; n: number }>(
      'SELECT s.url_key AS "urlKey", count(DISTINCT d.id) AS n FROM intake_drafts d JOIN intake_draft_sources s ON s.draft_id = d.id GROUP BY s.url_key ORDER BY s.url_key',
    );
    expect(drafts.map((d) => d.n)).toEqual(SEEDS.map(() => 1));
    expect(drafts.map((d) => d.urlKey).sort()).toEqual(SEEDS.map((s) => normalizeUrl(server.url(`/a/${s.slug}`))).sort());
  }, 60_000);
});
