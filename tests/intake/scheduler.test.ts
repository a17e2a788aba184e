// The INTAKE_* configuration and the scheduler the app starts: a pass on the cron, only where the
// lease is held, stopped with the app.
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../src/config.ts';
import { intakeOf } from '../../src/intake/pipeline/index.ts';
import { normalizeUrl } from '../../src/intake/pipeline/parts.ts';
import { startDiscordApp, type DiscordHarness } from '../discord/setup.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { NewsServer } from './feed-server.ts';
import { itemFor, SEEDS, servePages } from './setup.ts';

describe('INTAKE_* configuration', () => {
  it('has the documented defaults', async () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      INTAKE_POLL_CRON: '*/15 * * * *',
      INTAKE_TIMEOUT_MS: 15000,
      INTAKE_MAX_BYTES: 5242880,
      INTAKE_ALLOW_PRIVATE: false,
    });
    expect(c.INTAKE_REVIEW_CHANNEL_DISCORD).toBeUndefined();
    expect(c.INTAKE_REVIEW_CHANNEL_SLACK).toBeUndefined();
  });

  it('names every bad intake variable', async () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        INTAKE_POLL_CRON: 'every quarter hour',
        INTAKE_TIMEOUT_MS: 'soon',
        INTAKE_MAX_BYTES: '-1',
        INTAKE_ALLOW_PRIVATE: 'maybe',
        INTAKE_REVIEW_CHANNEL_DISCORD: '#review',
        INTAKE_REVIEW_CHANNEL_SLACK: 'review',
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems.map((p) => p.split(' ')[0]).sort()).toEqual(
      [
        'INTAKE_ALLOW_PRIVATE',
        'INTAKE_MAX_BYTES',
        'INTAKE_POLL_CRON',
        'INTAKE_REVIEW_CHANNEL_DISCORD',
        'INTAKE_REVIEW_CHANNEL_SLACK',
        'INTAKE_TIMEOUT_MS',
      ].sort(),
    );
    expect(loadConfig({ INTAKE_ALLOW_PRIVATE: 'true', INTAKE_POLL_CRON: '0 */2 * * *' })).toMatchObject({
      INTAKE_ALLOW_PRIVATE: true,
      INTAKE_POLL_CRON: '0 */2 * * *',
    });
  });
});

describe('the intake scheduler', () => {
  let h: DiscordHarness | undefined;
  let fake: DiscordHarness['fake'] | undefined;
  let news: NewsServer | undefined;
  failOnViolations(() => fake);
  afterEach(async () => {
    await h?.close();
    await news?.close();
  });

  it('polls due sources on INTAKE_POLL_CRON and stops with the app', async () => {
    news = await new NewsServer().start();
    servePages(news);
    news.feed('/feed.xml', { title: 'Outlet A', items: [itemFor(SEEDS[1]!, 1)] });
    // Every second (node-cron's six-field form), so the test need not wait a minute.
    h = await startDiscordApp('http', { INTAKE_ALLOW_PRIVATE: 'true', INTAKE_POLL_CRON: '* * * * * *' });
    fake = h.fake;
    const intake = await intakeOf(h.core);
    await intake.sources.add(
      {
        url: news.url('/feed.xml'),
        urlKey: normalizeUrl(news.url('/feed.xml')),
        name: 'Outlet A',
        countries: [],
        blocs: [],
        backfill: 1,
        addedBy: 'test',
      },
      h.core.now(),
    );
    const end = Date.now() + 8000;
    while ((await intake.drafts.pendingCount()) === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(await intake.drafts.pendingCount()).toBe(1);
    await h.close();
    h = undefined;
    const hits = news.hitsOf('/feed.xml');
    await new Promise((r) => setTimeout(r, 1500));
    expect(news.hitsOf('/feed.xml')).toBe(hits);
  }, 20_000);
});
