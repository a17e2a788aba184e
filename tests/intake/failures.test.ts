// Sources that stop working: permanent failures disable at once, others back off and disable after N
// in a row; editors are told once. And the lease: two processes on one database never both poll.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeUrl } from '../../src/intake/pipeline/parts.ts';
import { backoffMinutes } from '../../src/store/sources.ts';
import { IntakeService } from '../../src/intake/pipeline/service.ts';
import { plainText } from '../../src/reply.ts';
import { intakeWorld, itemFor, LIMITS, SEEDS, type IntakeWorld } from './setup.ts';

let w: IntakeWorld;
beforeEach(async () => {
  w = await intakeWorld();
});
afterEach(async () => w.cleanup());

const addSource = async (path: string, name = path) =>
  await w.intake.sources.add(
    { url: w.server.url(path), urlKey: normalizeUrl(w.server.url(path)), name, countries: [], blocs: [], backfill: 0, addedBy: 'test' },
    w.core.now(),
  );

const noticeText = () => w.told.map((r) => r.blocks.map((b) => ('text' in b ? plainText(b.text) : '')).join(' '));

describe('failing sources', () => {
  it('404, 410 and a page that is not a feed disable the source at once, with the reason, told once', async () => {
    w.server.routes.set('/gone', { status: 410, body: 'gone' });
    w.server.page(
      '/html',
      '<!doctype html><html><head><title>Home</title></head><body><p>Welcome to our site about Armenia.</p></body></html>',
    );
    const missing = await addSource('/missing', 'Missing');
    const gone = await addSource('/gone', 'Gone');
    const html = await addSource('/html', 'Homepage');
    const r = await w.intake.pass();
    expect(r.polled.map((p) => p.status)).toEqual(['disabled', 'disabled', 'disabled']);
    expect((await w.intake.sources.get(missing.id))!.disabledReason).toContain('404');
    expect((await w.intake.sources.get(gone.id))!.disabledReason).toContain('410');
    expect((await w.intake.sources.get(html.id))!.disabledReason).toContain('not a feed');
    expect(w.told.map((t) => t.title).sort()).toEqual(
      [`News source #${gone.id} stopped`, `News source #${html.id} stopped`, `News source #${missing.id} stopped`].sort(),
    );
    expect(noticeText().join('\n')).toContain('HTTP 404');

    // Told once: further passes (forced, or on another process) say nothing more and poll nothing.
    await w.intake.pass({ force: true });
    await new IntakeService(await w.openAnother(), { limits: LIMITS, tell: async (x) => void w.told.push(x) }).pass({ force: true });
    expect(w.told).toHaveLength(3);
    expect(w.server.hitsOf('/missing')).toBe(1);
  });

  it('server errors back off exponentially and disable after 5 in a row', async () => {
    w.server.routes.set('/flaky', { status: 503, body: 'busy' });
    const s = await addSource('/flaky', 'Flaky');
    for (let i = 1; i <= 4; i++) {
      const r = await w.intake.pass({ force: true });
      expect(r.polled[0]).toMatchObject({ status: 'failed' });
      const now = (await w.intake.sources.get(s.id))!;
      expect(now.failures).toBe(i);
      expect(Date.parse(now.nextPollAt) - w.core.now().getTime()).toBe(backoffMinutes(i) * 60_000);
    }
    // Not due while backing off.
    expect((await w.intake.pass()).polled).toHaveLength(0);
    expect(w.told).toHaveLength(0);
    const fifth = await w.intake.pass({ force: true });
    expect(fifth.polled[0]!.status).toBe('disabled');
    expect((await w.intake.sources.get(s.id))!.disabledReason).toMatch(/^5 failures in a row, the last: the feed answered HTTP 503/);
    expect(w.told).toHaveLength(1);
  });

  it('a success clears the failure count', async () => {
    w.server.routes.set('/feed', { status: 500, body: 'oops' });
    const s = await addSource('/feed');
    await w.intake.pass({ force: true });
    expect((await w.intake.sources.get(s.id))!.failures).toBe(1);
    w.server.feed('/feed', { title: 'Back', items: [itemFor(SEEDS[0]!, 0)] });
    await w.intake.pass({ force: true });
    expect(await w.intake.sources.get(s.id)).toMatchObject({ failures: 0, lastError: null, disabledReason: null });
  });

  it('one host that never answers costs its timeout and does not hold up the others', async () => {
    w.server.stalled.add('/stuck');
    w.server.feed('/ok', { title: 'OK', items: [itemFor(SEEDS[0]!, 0)] });
    const quick = new IntakeService(w.core, { limits: { ...LIMITS, timeoutMs: 400 } });
    await addSource('/stuck', 'Stuck');
    await addSource('/ok', 'OK');
    const started = Date.now();
    const r = await quick.pass();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.polled.find((p) => p.name === 'OK')!.status).toBe('ok');
    expect(r.polled.find((p) => p.name === 'Stuck')).toMatchObject({ status: 'failed' });
  });
});

describe('the intake lease', () => {
  it('two processes on one database never both poll', async () => {
    w.server.feed('/feed', { title: 'Slow', items: [itemFor(SEEDS[0]!, 0)] });
    w.server.stalled.add('/feed');
    await addSource('/feed', 'Slow');
    const a = new IntakeService(await w.openAnother(), { limits: LIMITS, owner: 'process-a' });
    const b = new IntakeService(await w.openAnother(), { limits: LIMITS, owner: 'process-b' });
    const first = a.pass({ force: true });
    // A holds the lease while its fetch hangs; B finds it held and does nothing.
    await new Promise((r) => setTimeout(r, 100));
    expect((await a.lease.holder())?.owner).toBe('process-a');
    const second = await b.pass({ force: true });
    expect(second).toEqual({ leased: false, polled: [], drafted: [] });
    w.server.stalled.delete('/feed');
    w.server.routes.set('/feed', {
      status: 200,
      type: 'application/rss+xml',
      body: '<rss version="2.0"><channel><title>x</title></channel></rss>',
    });
    expect((await first).leased).toBe(true);
    expect(w.server.hitsOf('/feed')).toBe(1);
    // Released after the pass: the other process may poll now.
    expect((await b.pass({ force: true })).leased).toBe(true);
  }, 10_000);
});
