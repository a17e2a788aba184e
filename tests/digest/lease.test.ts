// The database lease: two processes on one database never both deliver, and a run that outwaits its
// lease never sends what another process delivered meanwhile.
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../src/core.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { tempDir, textOf } from '../helpers.ts';
import { digestHarness, discordAdmin, expectJournalComplete, SLACK_NEWS, slackAdmin, type DigestHarness } from './setup.ts';

let h: DigestHarness;
failOnViolations(
  () => h?.discord,
  () => h?.slack,
);
afterEach(async () => {
  await h?.close();
});

const subscribe = async (caller = discordAdmin, text = 'at:08:00 tz:UTC') => {
  expect(textOf(await h.dispatcher.runText('digest', `subscribe ${text}`, caller))).toMatch(/Digest (subscribed|updated)/);
};
const posted = (channel: string) => h.discord.messages.get(channel) ?? [];

describe('digest lease', () => {
  it('two processes on one database never both deliver', async () => {
    const tmp = tempDir();
    h = await digestHarness('2026-11-22T10:00:00Z', `${tmp.dir}/db.sqlite`);
    for (let i = 0; i < 6; i++) await subscribe({ ...discordAdmin, channelId: `91000000000000010${i}` }, 'at:08:00 tz:UTC');
    await h.addEvent('Lease event', 'Armenia');
    h.clock.set('2026-11-23T08:00:00Z');
    const other = await openCore(`${tmp.dir}/db.sqlite`, { now: h.clock.now });
    h.discord.setRateLimit(1); // slow enough that both runs overlap
    const [a, b] = await Promise.all([h.service({ owner: 'host-a:1:a' }).tick(), h.service({ owner: 'host-b:2:b' }, other).tick()]);
    expect([a.leased, b.leased].sort()).toEqual([false, true]);
    expect(a.delivered + b.delivered).toBe(6);
    for (let i = 0; i < 6; i++) expect(posted(`91000000000000010${i}`)).toHaveLength(1);
    await expectJournalComplete(h);
    tmp.cleanup();
  });

  it('a run that outwaits its lease never sends what another process delivered meanwhile', async () => {
    const tmp = tempDir();
    h = await digestHarness('2026-11-22T10:00:00Z', `${tmp.dir}/db.sqlite`);
    // Slack: no nonce to fall back on, so only the journal can stop a second post.
    await subscribe(slackAdmin, 'at:08:00 tz:UTC');
    await h.addEvent('Outwaited event', 'Armenia');
    h.clock.set('2026-11-23T08:00:00Z');
    const other = await openCore(`${tmp.dir}/db.sqlite`, { now: h.clock.now });
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const a = h.service({ owner: 'host-a:1:a', leaseTtlMs: 900 }).tick();
    await new Promise((r) => setTimeout(r, 300)); // a is now waiting out the Retry-After
    h.clock.advance(60_000); // ...long enough for its lease to lapse
    const b = await h.service({ owner: 'host-b:2:b', leaseTtlMs: 900 }, other).tick();
    expect(b).toMatchObject({ leased: true, delivered: 1 });
    expect(await a).toMatchObject({ delivered: 0 });
    expect(h.slack.messages.get(SLACK_NEWS)).toHaveLength(1);
    await expectJournalComplete(h);
    other.close();
    tmp.cleanup();
  });

  it("a dead owner's lease expires", async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    const a = h.service({ owner: 'elsewhere:1:a', leaseTtlMs: 60_000 });
    const b = h.service({ owner: 'elsewhere:2:b', leaseTtlMs: 60_000 });
    expect(await a.lease.acquire()).toBe(true);
    expect(await b.lease.acquire()).toBe(false);
    h.clock.advance(59_000);
    expect(await b.lease.acquire()).toBe(false);
    h.clock.advance(2_000);
    expect(await b.lease.acquire()).toBe(true);
    expect(await a.lease.acquire()).toBe(false);
  });
});
