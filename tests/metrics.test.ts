// GET /metrics as Prometheus scrapes it, from the real app: signed Discord HTTP interactions and a digest
// run against the stand-in move the counters; off unless METRICS_ENABLED; 401 without the bearer token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../commands/types.ts';
import { digestSenders } from '../src/app.ts';
import { runDigestsOnce } from '../src/digest/run.ts';
import { validateEvent } from '../src/domain/event-input.ts';
import { METRIC_NAMES } from '../src/store/metrics.ts';
import { startDiscordApp, silent, type DiscordHarness } from './discord/setup.ts';
import { adminMember, CHANNEL_ID, chatInput, GUILD_ID, plainMember, postSignedInteraction } from './fakes/discord/index.ts';
import type { SqliteSql } from '../src/store/sqlite.ts';

const TOKEN = 'scrape-token-0123456789';
const OTHER_CHANNEL = '910000000000000077';

/** One sample's value from the text format, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function scrape(h: DiscordHarness, auth: string | null = `Bearer ${TOKEN}`) {
  const r = await fetch(`${h.app.url}/metrics`, { headers: auth ? { authorization: auth } : {} });
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
}

describe('GET /metrics, enabled and behind a token', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordApp('http', { METRICS_ENABLED: 'true', METRICS_TOKEN: TOKEN });
  });
  afterAll(() => h?.close());

  it('refuses a scrape without the token or with a wrong one, and serves the text format with it', async () => {
    expect((await scrape(h, null)).status).toBe(401);
    expect((await scrape(h, 'Bearer wrong-token')).status).toBe(401);
    expect((await scrape(h, `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(h, TOKEN)).status).toBe(401);
    const ok = await scrape(h);
    expect(ok.status).toBe(200);
    expect(ok.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.text).toContain(`# TYPE ${METRIC_NAMES.interactions} counter`);
    expect(ok.text).toContain('process_resident_memory_bytes');
  });

  it('counts signed interactions by platform, command and outcome, and times the answers', async () => {
    const url = `${h.app.url}/discord/interactions`;
    const before = (await scrape(h)).text;
    const ok = { platform: 'discord', command: 'csto', outcome: 'ok' };
    const okBefore = sample(before, METRIC_NAMES.interactions, ok) ?? 0;
    for (let i = 0; i < 2; i++) {
      const r = await postSignedInteraction(
        url,
        chatInput({ name: 'csto', subcommand: 'status', options: { country: 'armenia' } }),
        h.keys,
      );
      expect(r.status).toBe(200);
    }
    // A member deleting an event is refused; an unknown country gets usage help.
    await postSignedInteraction(url, chatInput({ name: 'event', subcommand: 'delete', options: { id: 1 }, member: plainMember }), h.keys);
    await postSignedInteraction(
      url,
      chatInput({ name: 'csto', subcommand: 'status', options: { country: 'atlantis', as_of: '2024-02-30' } }),
      h.keys,
    );
    const after = (await scrape(h)).text;
    expect(sample(after, METRIC_NAMES.interactions, ok)).toBe(okBefore + 2);
    expect(sample(after, METRIC_NAMES.interactions, { platform: 'discord', command: 'event', outcome: 'rejected' })).toBe(1);
    expect(sample(after, METRIC_NAMES.interactions, { platform: 'discord', command: 'csto', outcome: 'invalid' })).toBe(1);
    expect(sample(after, `${METRIC_NAMES.answerSeconds}_count`, { platform: 'discord', command: 'csto' })).toBe(okBefore + 3);
    expect(sample(after, `${METRIC_NAMES.answerSeconds}_bucket`, { platform: 'discord', command: 'csto', le: '+Inf' })).toBe(okBefore + 3);
  });

  it('counts digest parts delivered, retried and failed, and subscriptions disabled, after a digest run', async () => {
    const admin: Caller = {
      platform: 'discord',
      userId: adminMember.userId!,
      isEditor: false,
      isSpaceAdmin: true,
      spaceId: GUILD_ID,
      channelId: CHANNEL_ID,
    };
    const subscribe = chatInput({ name: 'digest', subcommand: 'subscribe', options: { countries: 'armenia' }, member: adminMember });
    expect((await postSignedInteraction(`${h.app.url}/discord/interactions`, subscribe, h.keys)).status).toBe(200);
    await h.app.ctx.dispatcher.runText('digest', 'subscribe countries:armenia', { ...admin, channelId: OTHER_CHANNEL });
    const v = validateEvent(
      {
        title: 'Metrics digest event',
        date: '2026-11-20',
        countries: 'Armenia',
        summary: 'Counted.',
        sources: 'https://example.org/m',
        kind: 'diplomatic',
      },
      h.core.entities,
      h.core.now(),
    );
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    await h.core.events.add(v.value, 'test', h.core.now());
    h.fake.failNext(/POST \/channels\/\d+\/messages/, { status: 502 });
    h.fake.setChannelMode(OTHER_CHANNEL, { status: 404, code: 10003, message: 'Unknown Channel' });

    const config = h.app.ctx.config;
    const report = await runDigestsOnce(h.core, await digestSenders(config, silent), silent, { all: true });
    expect(report).toMatch(/Delivered 1 digest/);
    const text = (await scrape(h)).text;
    // The signed command and the typed one, each counted once.
    expect(sample(text, METRIC_NAMES.interactions, { platform: 'discord', command: 'digest', outcome: 'ok' })).toBe(2);
    expect(sample(text, METRIC_NAMES.digestParts, { platform: 'discord', result: 'delivered' })).toBe(1);
    expect(sample(text, METRIC_NAMES.digestParts, { platform: 'discord', result: 'retried' })).toBe(1);
    expect(sample(text, METRIC_NAMES.digestParts, { platform: 'discord', result: 'failed' })).toBe(1);
    expect(sample(text, METRIC_NAMES.subscriptionsDisabled, { platform: 'discord' })).toBe(1);
  });

  it('reads the database size and the pending review queue at scrape time', async () => {
    const { db } = h.core.sql as SqliteSql;
    const pageBytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    let text = (await scrape(h)).text;
    expect(sample(text, METRIC_NAMES.databaseBytes)).toBe(pageBytes);
    expect(pageBytes).toBeGreaterThan(100_000);
    expect(sample(text, METRIC_NAMES.reviewQueue)).toBe(0);
    // Only pending drafts are the queue: a rejected one is not.
    const draft = db.prepare(`INSERT INTO intake_drafts (status, title, summary, occurred, precision, occurred_start, kind, language,
      matched_because, date_reason, created_by, created_at, decided_by, decided_at) VALUES (?, 'A draft', '', '2026-11-01', 'day', '2026-11-01',
      'other', 'eng', 'mentions Armenia', 'publication date', 'test', '2026-11-01T00:00:00Z', ?, ?)`);
    draft.run('pending', null, null);
    draft.run('pending', null, null);
    draft.run('rejected', 'test', '2026-11-02T00:00:00Z');
    text = (await scrape(h)).text;
    expect(sample(text, METRIC_NAMES.reviewQueue)).toBe(2);
    h.core.metrics.intakePoll('not_modified');
    h.core.metrics.draftsMade(3);
    text = (await scrape(h)).text;
    expect(sample(text, METRIC_NAMES.intakePolls, { result: 'not_modified' })).toBe(1);
    expect(sample(text, METRIC_NAMES.intakeDrafts)).toBe(3);
  });
});

describe('GET /metrics, disabled and open', () => {
  it('is not served unless METRICS_ENABLED=true', async () => {
    const h = await startDiscordApp('http');
    try {
      expect((await scrape(h)).status).toBe(404);
      expect((await scrape(h, null)).status).toBe(404);
    } finally {
      await h.close();
    }
  });

  it('needs no token when METRICS_TOKEN is unset', async () => {
    const h = await startDiscordApp('http', { METRICS_ENABLED: 'true' });
    try {
      const r = await scrape(h, null);
      expect(r.status).toBe(200);
      expect(r.text).toContain(METRIC_NAMES.databaseBytes);
    } finally {
      await h.close();
    }
  });
});
