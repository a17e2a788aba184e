// Digest scheduling and delivery with a fake clock, against the Discord and Slack stand-ins.
import { afterEach, describe, expect, it } from 'vitest';
import { textOf } from '../helpers.ts';
import { failOnViolations } from '../fakes/violations.ts';
import {
  DISCORD_NEWS,
  DISCORD_OTHER,
  digestHarness,
  discordAdmin,
  discordText,
  expectJournalComplete,
  SLACK_NEWS,
  slackAdmin,
  slackText,
  type DigestHarness,
} from './setup.ts';

let h: DigestHarness;
failOnViolations(
  () => h?.discord,
  () => h?.slack,
);
afterEach(async () => {
  await h?.close();
});

const subscribe = async (caller = discordAdmin, text = 'at:08:00 tz:Asia/Yerevan countries:armenia,belarus') => {
  const o = await h.dispatcher.runText('digest', `subscribe ${text}`, caller);
  expect(textOf(o)).toMatch(/Digest (subscribed|updated)/);
  return o;
};
const posted = (channel = DISCORD_NEWS) => h.discord.messages.get(channel) ?? [];
describe('digest schedule and composition', () => {
  it('never floods on subscribe, posts at local time once, and lists only matching events with new and corrected marks', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z'); // 14:00 in Yerevan
    await subscribe();
    const svc = h.service();
    // The whole curated back catalogue exists, but a new subscription starts from now.
    h.clock.set('2026-11-23T04:00:00Z'); // 08:00 Yerevan
    expect(await svc.tick()).toMatchObject({ delivered: 0, quiet: 1 });
    expect(posted()).toHaveLength(0);

    const am = await h.addEvent('Yerevan hosts a digest test summit', 'Armenia');
    await h.addEvent('Astana hosts a meeting nobody asked about', 'Kazakhstan');
    // Two curated events corrected: one of Belarus (the filter asks for it), one of neither country.
    const inFilter = async (id: number) => (await h.core.events.get(id))!.countries.some((c) => ['armenia', 'belarus'].includes(c.id));
    const matching = (await h.core.events.timeline({ entityId: 'belarus', limit: 1 })).events[0]!.id;
    const kazakh = (await h.core.events.timeline({ entityId: 'kazakhstan', limit: 100 })).events;
    const other = kazakh.find((e) => !e.countries.some((c) => ['armenia', 'belarus'].includes(c.id)))!.id;
    expect([await inFilter(matching), await inFilter(other)]).toEqual([true, false]);
    for (const id of [matching, other]) {
      const e = (await h.core.events.get(id))!;
      await h.core.events.edit(id, { ...(await await toInput(h, id)), title: `${e.title} (corrected)` }, 'test', h.clock.now(), e.revision);
    }

    h.clock.set('2026-11-24T03:59:00Z'); // 07:59 Yerevan: not yet
    expect(await svc.tick()).toMatchObject({ delivered: 0, quiet: 0 });
    h.clock.set('2026-11-24T04:00:30Z');
    expect(await svc.tick()).toMatchObject({ delivered: 1 });
    expect(await svc.tick()).toMatchObject({ delivered: 0 }); // the same local date never twice
    const [m] = posted();
    const t = discordText(m);
    expect(t).toContain('Daily digest · 24 Nov 2026');
    expect(t).toContain('Yerevan hosts a digest test summit');
    expect(t).toContain(`#${am}`);
    expect(t).not.toContain('Astana hosts');
    expect(t).toContain(`✏️ Corrected: **${(await h.core.events.get(matching))!.title}**`);
    expect(t).toContain(`#${matching}`);
    expect(t).not.toContain((await h.core.events.get(other))!.title);
    expect(t).not.toMatch(new RegExp(`#${other}\\b`));
    await expectJournalComplete(h);
    expect(m!.allowed_mentions).toEqual({ parse: [] });
    expect(h.discord.violations).toEqual([]);

    // A quiet day posts nothing.
    h.clock.set('2026-11-25T04:01:00Z');
    expect(await svc.tick()).toMatchObject({ delivered: 0, quiet: 1 });
    expect(posted()).toHaveLength(1);
  });

  it('sends a digest missed while the bot was down once, then keeps the daily rhythm', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'at:09:30 tz:Europe/Minsk');
    await h.addEvent('Minsk statement on the Union State', 'Belarus');
    h.clock.set('2026-11-26T12:00:00Z'); // down for days
    const svc = h.service();
    expect(await svc.tick()).toMatchObject({ delivered: 1 });
    expect(await svc.tick()).toMatchObject({ delivered: 0, quiet: 0 });
    const sub = (await svc.store.byChannel('discord', DISCORD_NEWS))!;
    expect(sub.nextDate).toBe('2026-11-27');
    expect(sub.nextDueAt).toBe('2026-11-27T06:30:00.000Z');
    expect(posted()).toHaveLength(1);
    await expectJournalComplete(h);
    expect(discordText(posted()[0])).toContain('Daily digest · 26 Nov 2026'); // the day it went out
  });

  it('follows the subscription time zone across DST changes', async () => {
    h = await digestHarness('2026-03-27T12:00:00Z');
    await subscribe(discordAdmin, 'at:02:30 tz:Europe/Berlin');
    const svc = h.service();
    const sub = async () => (await svc.store.byChannel('discord', DISCORD_NEWS))!;
    expect((await sub()).nextDueAt).toBe('2026-03-28T01:30:00.000Z'); // CET, UTC+1
    h.clock.set('2026-03-28T01:30:00Z');
    await svc.tick();
    // 29 March: 02:30 does not exist (02:00 → 03:00); due at the first valid moment after.
    expect((await sub()).nextDate).toBe('2026-03-29');
    expect((await sub()).nextDueAt).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    h.clock.set('2026-03-29T01:30:00Z');
    await svc.tick();
    expect((await sub()).nextDueAt).toBe('2026-03-30T00:30:00.000Z'); // CEST, UTC+2
    // Autumn: 25 October 02:30 happens twice; the digest is due once, at the first.
    h.clock.set('2026-10-24T12:00:00Z');
    await svc.tick();
    expect((await sub()).nextDueAt).toBe('2026-10-25T00:30:00.000Z');
    await h.addEvent('Berlin digest DST event', 'Armenia', '2026-10-01');
    h.clock.set('2026-10-25T00:31:00Z');
    expect(await svc.tick()).toMatchObject({ delivered: 1 });
    h.clock.set('2026-10-25T01:31:00Z'); // the second 02:30
    expect(await svc.tick()).toMatchObject({ delivered: 0, quiet: 0 });
    expect((await sub()).nextDueAt).toBe('2026-10-26T01:30:00.000Z'); // CET again
  });

  it('/digest validates every option at once and stores nothing on a bad one', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    const bad = textOf(
      await h.dispatcher.runText('digest', 'subscribe at:25:00 tz:Mars/Olympus countries:armenai blocs:nato', discordAdmin),
    );
    expect(bad).toContain('time: "25:00" is not a time of day');
    expect(bad).toContain('timezone: "Mars/Olympus" is not an IANA time zone');
    expect(bad).toContain('Did you mean Armenia?');
    expect(bad).toContain('blocs:');
    expect(await h.core.sql.get('SELECT count(*) AS n FROM digest_subscriptions')).toEqual({ n: 0 });
    const member = { ...discordAdmin, isEditor: false, isSpaceAdmin: false };
    expect(textOf(await h.dispatcher.runText('digest', 'subscribe', member))).toContain("Only this server's or workspace's admins");
    expect(textOf(await h.dispatcher.runText('digest', 'subscribe', { ...discordAdmin, platform: 'console' }))).toContain(
      'Digests post to Discord or Slack',
    );
    expect(textOf(await h.dispatcher.runText('digest', 'subscribe', { ...slackAdmin, channelId: 'D0DIRECT01' }))).toContain(
      'not direct messages',
    );
    expect(textOf(await h.dispatcher.runText('digest', 'subscribe', { ...discordAdmin, spaceId: undefined }))).toContain(
      'not direct messages',
    );
    expect(await h.core.sql.get('SELECT count(*) AS n FROM digest_subscriptions')).toEqual({ n: 0 });
  });

  it('/digest list shows schedules, last delivery and why a subscription was disabled; unsubscribe stops it', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe();
    await subscribe({ ...discordAdmin, channelId: DISCORD_OTHER }, 'at:07:15 tz:UTC blocs:sco');
    h.discord.setChannelMode(DISCORD_OTHER, { status: 404, code: 10003, message: 'Unknown Channel' });
    await h.addEvent('Belarus at the SCO summit test', 'Belarus, SCO');
    h.clock.set('2026-11-23T08:00:00Z');
    expect(await h.service().tick()).toMatchObject({ delivered: 1, disabled: 1 });
    const list = textOf(await h.dispatcher.runText('digest', 'list', discordAdmin));
    expect(list).toContain('08:00 Asia/Yerevan');
    expect(list).toContain('Armenia, Belarus');
    expect(list).toContain('last sent 23 Nov 2026 (1 event)');
    expect(list).toContain('disabled 23 Nov 2026: Discord: the channel no longer exists');
    const preview = textOf(await h.dispatcher.runText('digest', 'preview', { ...discordAdmin, isEditor: false, isSpaceAdmin: false }));
    expect(preview).toContain('Nothing new since the 23 Nov 2026 digest');
    expect(textOf(await h.dispatcher.runText('digest', 'unsubscribe', discordAdmin))).toContain('Digest stopped');
    expect(textOf(await h.dispatcher.runText('digest', 'list', discordAdmin))).not.toContain('Asia/Yerevan');
  });

  it('previews what the digest would say now, privately', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe();
    await h.addEvent('Preview-only Armenian event', 'Armenia');
    const o = await h.dispatcher.runText('digest', 'preview', { ...discordAdmin, isEditor: false, isSpaceAdmin: false });
    const t = textOf(o);
    expect(t).toContain('Preview-only Armenian event');
    expect(t).toContain('The next digest is due');
    expect(o.kind === 'reply' && o.visibility).toBe('private');
    expect(posted()).toHaveLength(0);
  });
  it('lists only events of the blocs a subscription names, and with countries too, only events matching both', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'at:08:00 tz:UTC blocs:sco');
    await subscribe({ ...discordAdmin, channelId: DISCORD_OTHER }, 'at:08:00 tz:UTC countries:belarus blocs:sco');
    const belarusSco = await h.addEvent('Belarus hosts an SCO digest meeting', 'Belarus, SCO');
    const kazakhSco = await h.addEvent('Astana hosts an SCO digest meeting', 'Kazakhstan, SCO');
    await h.addEvent('Minsk hosts a CSTO digest drill', 'Belarus, CSTO');
    await h.addEvent('Yerevan hosts a bloc-free digest forum', 'Armenia');
    h.clock.set('2026-11-23T08:00:00Z');
    expect(await h.service().tick()).toMatchObject({ delivered: 2 });
    const listed = (channel: string) =>
      [
        ...posted(channel)
          .map(discordText)
          .join('\n')
          .matchAll(/#(\d+)\b/g),
      ]
        .map((m) => Number(m[1]))
        .sort((a, b) => a - b);
    expect(listed(DISCORD_NEWS)).toEqual([belarusSco, kazakhSco]);
    expect(listed(DISCORD_OTHER)).toEqual([belarusSco]);
    await expectJournalComplete(h);
  });
});

describe('digest delivery', () => {
  it('posts to Slack with message metadata and escaped text', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(slackAdmin, 'at:08:00 tz:Asia/Yerevan');
    await h.addEvent('Slack digest <!channel> & friends', 'Armenia');
    h.clock.set('2026-11-23T04:00:00Z');
    expect(await h.service().tick()).toMatchObject({ delivered: 1 });
    const [m] = h.slack.messages.get(SLACK_NEWS)!;
    expect(m!.metadata).toMatchObject({ event_type: 'blocwatch_digest', event_payload: { digest: '2026-11-23', part: 1 } });
    expect(slackText(m)).toContain('Slack digest &lt;!channel&gt; &amp; friends');
    expect(h.slack.violations).toEqual([]);
    await expectJournalComplete(h);
  });

  it('splits a long digest into parts within the limits, none dropped, in order', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'at:08:00 tz:UTC');
    await subscribe(slackAdmin, 'at:08:00 tz:UTC');
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await h.addEvent(`Long digest entry ${i} ${'with a long title '.repeat(8)}`, 'Armenia'));
    h.clock.set('2026-11-23T08:00:00Z');
    expect(await h.service().tick()).toMatchObject({ delivered: 2 });
    const d = posted();
    const s = h.slack.messages.get(SLACK_NEWS)!;
    expect(d.length).toBeGreaterThan(1);
    expect(s.length).toBeGreaterThan(1);
    const dt = d.map(discordText).join('\n');
    const st = s.map(slackText).join('\n');
    for (const id of ids) {
      expect(dt).toContain(`#${id}`);
      expect(st).toContain(`#${id}`);
    }
    expect(discordText(d[0])).toContain(`Part 1 of ${d.length}`);
    expect(h.discord.violations).toEqual([]);
    expect(h.slack.violations).toEqual([]);
    await expectJournalComplete(h);
  });

  it('rides out 429 storms and 5xx, honouring Retry-After, and posts each part once', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'at:08:00 tz:UTC');
    await subscribe(slackAdmin, 'at:08:00 tz:UTC');
    await h.addEvent('Storm-tested event', 'Armenia');
    for (let i = 0; i < 4; i++) h.discord.failNext(/POST \/channels\/\d+\/messages/, { status: 429, retryAfter: 0.2 });
    h.discord.failNext(/POST \/channels\/\d+\/messages/, { status: 502 });
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 2);
    h.slack.failNext('chat.postMessage', { status: 503 });
    h.clock.set('2026-11-23T08:00:00Z');
    const started = Date.now();
    expect(await h.service().tick()).toMatchObject({ delivered: 2, deferred: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // two Slack Retry-After: 1 waits
    expect(posted()).toHaveLength(1);
    expect(h.slack.messages.get(SLACK_NEWS)).toHaveLength(1);
    await expectJournalComplete(h);
  });

  it('a server error that says Retry-After is retried no sooner', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'at:08:00 tz:UTC');
    await subscribe(slackAdmin, 'at:08:00 tz:UTC');
    await h.addEvent('Server-busy event', 'Armenia');
    h.discord.failNext(/POST \/channels\/\d+\/messages/, { status: 503, retryAfter: 1.2 });
    h.slack.failNext('chat.postMessage', { status: 503, retryAfter: 1 });
    h.clock.set('2026-11-23T08:00:00Z');
    const started = Date.now();
    expect(await h.service().tick()).toMatchObject({ delivered: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1150);
    const times = (re: RegExp) => h.discord.requests.filter((r) => r.method === 'POST' && re.test(r.path)).map((r) => r.at);
    const [first, second] = times(/\/channels\/\d+\/messages/);
    expect(second! - first!).toBeGreaterThanOrEqual(1150);
    expect(posted()).toHaveLength(1);
    expect(h.slack.messages.get(SLACK_NEWS)).toHaveLength(1);
    await expectJournalComplete(h);
  });

  it('learns a rate limit from its 429s and paces under it instead of hitting it again and again', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    for (let i = 0; i < 100; i++) await subscribe({ ...slackAdmin, channelId: `C0PACE${String(i).padStart(4, '0')}` }, 'at:08:00 tz:UTC');
    await h.addEvent('Paced event', 'Armenia');
    h.slack.setRateLimit(20);
    h.clock.set('2026-11-23T08:00:00Z');
    const started = Date.now();
    expect(await h.service().tick()).toMatchObject({ delivered: 100, deferred: 0 });
    const posts = h.slack.calls.filter((c) => c.method === 'chat.postMessage').length;
    // Bursting would meet a 429 in every one of the ~5 windows, each of the 8 workers once (about 40);
    // pacing pays for a learning pause and a calibrating one, then no more.
    expect(posts - 100).toBeLessThanOrEqual(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
    for (let i = 0; i < 100; i++) expect(h.slack.messages.get(`C0PACE${String(i).padStart(4, '0')}`)).toHaveLength(1);
    await expectJournalComplete(h);
  });

  it('a reply lost after the platform posted (5xx after storing) is found, not posted again', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'at:08:00 tz:UTC');
    await subscribe(slackAdmin, 'at:08:00 tz:UTC');
    await h.addEvent('Lost-reply event', 'Armenia');
    h.discord.failNext(/POST \/channels\/\d+\/messages/, { status: 500, afterStore: true });
    h.slack.failNext('chat.postMessage', { status: 500, afterStore: true });
    h.clock.set('2026-11-23T08:00:00Z');
    expect(await h.service().tick()).toMatchObject({ delivered: 2 });
    expect(posted()).toHaveLength(1);
    expect(h.slack.messages.get(SLACK_NEWS)).toHaveLength(1);
    await expectJournalComplete(h);
    expect(h.slack.calls.some((c) => c.method === 'conversations.history')).toBe(true);
  });

  it('a Slack part whose reply was lost is found even under a page of newer messages', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(slackAdmin, 'at:08:00 tz:UTC');
    await h.addEvent('Buried event', 'Armenia');
    h.slack.failNext('chat.postMessage', { status: 500, afterStore: true });
    h.clock.set('2026-11-23T08:00:00Z');
    const svc = h.service({ maxAttempts: 1 });
    expect(await svc.tick()).toMatchObject({ delivered: 0, deferred: 1 });
    // The channel is busy: 250 messages arrive after the digest part.
    const list = h.slack.messages.get(SLACK_NEWS)!;
    for (let i = 0; i < 250; i++)
      list.push({ ts: `1800000000.${String(i).padStart(6, '0')}`, channel: SLACK_NEWS, text: `chatter ${i}` } as any);
    const lookups = () => h.slack.calls.filter((c) => c.method === 'conversations.history').length;
    h.clock.advance(61_000);
    expect(await svc.tick()).toMatchObject({ delivered: 1 });
    expect(lookups()).toBeGreaterThanOrEqual(2);
    expect(h.slack.messages.get(SLACK_NEWS)!.filter((m) => m.metadata)).toHaveLength(1);
    await expectJournalComplete(h);
  });

  it('past the nonce window, a Discord part whose reply was lost is looked up in the channel, not posted again', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'at:08:00 tz:UTC');
    await h.addEvent('Looked-up event', 'Armenia');
    h.discord.failNext(/POST \/channels\/\d+\/messages/, { status: 500, afterStore: true });
    h.clock.set('2026-11-23T08:00:00Z');
    const svc = h.service({ maxAttempts: 1 });
    expect(await svc.tick()).toMatchObject({ delivered: 0, deferred: 1 });
    h.clock.advance(10 * 60_000);
    expect(await svc.tick()).toMatchObject({ delivered: 1 });
    expect(posted()).toHaveLength(1);
    await expectJournalComplete(h);
    expect(h.discord.requests.some((r) => r.method === 'GET' && /\/channels\/\d+\/messages/.test(r.path))).toBe(true);
  });

  it('a channel that can no longer be read disables the subscription; a rejected token only defers', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'at:08:00 tz:UTC');
    await subscribe(slackAdmin, 'at:08:00 tz:UTC');
    await h.addEvent('Token trouble event', 'Armenia');
    h.discord.failNext(/POST \/channels\/\d+\/messages/, { status: 401, code: 0, message: '401: Unauthorized' });
    h.slack.failNext('chat.postMessage', 'invalid_auth');
    h.clock.set('2026-11-23T08:00:00Z');
    const svc = h.service();
    expect(await svc.tick()).toMatchObject({ deferred: 2, disabled: 0 });
    expect((await svc.store.byChannel('discord', DISCORD_NEWS))!.disabledAt).toBeNull();
    expect((await svc.store.byChannel('slack', SLACK_NEWS))!.disabledAt).toBeNull();
    h.clock.advance(11 * 60_000);
    expect(await svc.tick()).toMatchObject({ delivered: 2 });

    await h.addEvent('Unreadable channel event', 'Armenia');
    h.discord.failNext(/POST \/channels\/\d+\/messages/, { status: 500, afterStore: true });
    h.clock.set('2026-11-24T08:00:00Z');
    const once = h.service({ maxAttempts: 1 });
    await once.tick();
    h.discord.setChannelMode(DISCORD_NEWS, { status: 403, code: 50001, message: 'Missing Access' });
    h.clock.advance(10 * 60_000);
    expect(await once.tick()).toMatchObject({ disabled: 1 });
    expect((await svc.store.byChannel('discord', DISCORD_NEWS))!.disabledReason).toMatch(/Read Message History/);
  });

  it('defers after repeated 5xx and delivers on a later tick', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'at:08:00 tz:UTC');
    await h.addEvent('Deferred event', 'Armenia');
    for (let i = 0; i < 3; i++) h.discord.failNext(/POST \/channels\/\d+\/messages/, { status: 503 });
    h.clock.set('2026-11-23T08:00:00Z');
    const svc = h.service({ maxAttempts: 3, maxWaitMs: 100 });
    expect(await svc.tick()).toMatchObject({ delivered: 0, deferred: 1 });
    expect(await svc.tick()).toMatchObject({ delivered: 0, deferred: 1 }); // retry_at not reached
    h.clock.advance(61_000);
    expect(await svc.tick()).toMatchObject({ delivered: 1 });
    expect(posted()).toHaveLength(1);
    await expectJournalComplete(h);
    expect((await svc.store.byChannel('discord', DISCORD_NEWS))!.nextDate).toBe('2026-11-24');
  });

  it('permanent errors disable the subscription with the reason, on both platforms', async () => {
    h = await digestHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'at:08:00 tz:UTC');
    await subscribe(slackAdmin, 'at:08:00 tz:UTC');
    h.discord.setChannelMode(DISCORD_NEWS, { status: 403, code: 50001, message: 'Missing Access' });
    h.slack.setChannel(SLACK_NEWS, 'not_in_channel');
    await h.addEvent('Undeliverable event', 'Armenia');
    h.clock.set('2026-11-23T08:00:00Z');
    const svc = h.service();
    expect(await svc.tick()).toMatchObject({ disabled: 2 });
    expect((await svc.store.byChannel('discord', DISCORD_NEWS))!.disabledReason).toMatch(/Missing Access/);
    expect((await svc.store.byChannel('slack', SLACK_NEWS))!.disabledReason).toMatch(/not in the channel/);
    h.clock.set('2026-11-24T08:00:00Z');
    expect(await svc.tick()).toMatchObject({ delivered: 0, disabled: 0 });
    // Subscribing again re-enables from now.
    h.discord.setChannelMode(DISCORD_NEWS, undefined);
    await subscribe(discordAdmin, 'at:08:00 tz:UTC');
    expect((await svc.store.byChannel('discord', DISCORD_NEWS))!.disabledAt).toBeNull();
  });
});

async function toInput(h: DigestHarness, id: number) {
  const e = (await h.core.events.get(id))!;
  return {
    title: e.title,
    summary: e.summary,
    kind: e.kind,
    date: e.date,
    countryIds: e.countries.map((c) => c.id),
    blocIds: e.blocs.map((b) => b.id),
    sources: e.sources,
  };
}
