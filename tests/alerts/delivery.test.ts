// Alert delivery on a fake clock against the Discord and Slack stand-ins: matching, exactly once, the
// hourly cap (held for the digest, or waiting for the hour), corrections and deletions, the digest's
// "already alerted" lines, retries and permanent failures, and two workers on one database.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importEvents } from '../../src/io.ts';
import { openCore } from '../../src/core.ts';
import { NO_METRICS } from '../../src/store/metrics.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { tempDir, textOf } from '../helpers.ts';
import {
  alertHarness,
  DISCORD_NEWS,
  DISCORD_OTHER,
  discordAdmin,
  discordText,
  SLACK_NEWS,
  slackAdmin,
  slackText,
  type AlertHarness,
} from './setup.ts';

let h: AlertHarness;
let tmp: ReturnType<typeof tempDir> | undefined;
failOnViolations(
  () => h?.discord,
  () => h?.slack,
);
afterEach(async () => {
  await h?.close();
  tmp?.cleanup();
  tmp = undefined;
});

const subscribe = async (caller = discordAdmin, text = '') => {
  const o = await h.dispatcher.runText('alert', `subscribe ${text}`, caller);
  expect(textOf(o)).toMatch(/Alerts (subscribed|updated)/);
};
const digestAt8 = async (caller = discordAdmin) => {
  expect(textOf(await h.dispatcher.runText('digest', 'subscribe at:08:00 tz:UTC', caller))).toContain('Digest subscribed');
};
const inDiscord = (channel = DISCORD_NEWS) => h.discord.messages.get(channel) ?? [];
const inSlack = (channel = SLACK_NEWS) => h.slack.messages.get(channel) ?? [];

describe('alerts', () => {
  it('posts a newly published event to each matching channel once, as its timeline entry; other countries and kinds post nothing', async () => {
    h = await alertHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'countries:armenia');
    await subscribe(slackAdmin, 'blocs:csto kinds:status_change,military');
    const svc = h.alerts();
    expect(await svc.tick()).toMatchObject({ sent: 0 }); // nothing published since
    const id = await h.publish('Armenia freezes its participation in the alert test bloc', 'Armenia, CSTO');
    await h.publish('Kazakhstan changes its status elsewhere', 'Kazakhstan');
    await h.publish('Armenia signs a trade memorandum', 'Armenia', 'economic');
    await h.publish('Belarus holds drills with the CSTO', 'Belarus, CSTO', 'diplomatic');
    expect(await svc.tick()).toMatchObject({ sent: 2 });
    expect(await svc.tick()).toMatchObject({ sent: 0 });

    const [d] = inDiscord();
    expect(inDiscord()).toHaveLength(1);
    const t = discordText(d);
    expect(t).toContain('Alert · Status change');
    expect(t).toContain('Armenia freezes its participation in the alert test bloc');
    expect(t).toContain('20 Nov 2026');
    expect(t).toContain('what happened.');
    expect(t).toContain('(https://example.org/alert)');
    expect(t).toContain(`#${id}`);
    expect(d!.allowed_mentions).toEqual({ parse: [] });
    expect(d!.nonce).toMatch(/^bw/);
    const [s] = inSlack();
    expect(inSlack()).toHaveLength(1);
    expect(slackText(s)).toContain('Armenia freezes its participation in the alert test bloc');
    expect(s!.metadata?.event_payload).toMatchObject({ digest: `alert:${id}`, part: 1 });
    expect(await h.posts('discord', DISCORD_NEWS)).toEqual([{ eventId: id, state: 'sent', messageId: d!.id }]);
    expect(await h.posts('slack', SLACK_NEWS)).toEqual([{ eventId: id, state: 'sent', messageId: s!.ts }]);
  });

  it('imports alert; the curated dataset a release loads does not', async () => {
    h = await alertHarness('2026-11-22T10:00:00Z');
    await subscribe(discordAdmin, 'kinds:status_change,other');
    const file = JSON.stringify([
      {
        title: 'Imported status change',
        date: '2026-11-21',
        countries: 'Armenia',
        sources: ['https://example.org/i'],
        kind: 'status_change',
      },
    ]);
    expect((await importEvents(h.core, file, 'test')).ok).toBe(true);
    const v = (await h.core.events.get(1))!;
    await h.core.events.add(
      { title: 'Curated by a release', summary: '', kind: 'other', date: v.date, countryIds: ['armenia'], blocIds: [], sources: v.sources },
      'seed',
      h.clock.now(),
      { action: 'seed', seedKey: 'alert-test-seed' },
    );
    expect(await h.alerts().tick()).toMatchObject({ sent: 1 });
    expect(discordText(inDiscord()[0])).toContain('Imported status change');
  });

  it('10 status changes in a minute with a cap of 3: 3 alerts; the digest lists the other 7, says why, and the 3 in a line each', async () => {
    h = await alertHarness('2026-11-22T10:00:00Z', { cap: 3 });
    await digestAt8();
    await subscribe();
    const svc = h.alerts();
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(await h.publish(`Capped status change number ${i}`, 'Armenia'));
      h.clock.advance(5000);
    }
    expect(await svc.tick()).toMatchObject({ sent: 3, held: 7 });
    h.clock.advance(2 * 3600_000);
    expect(await svc.tick()).toMatchObject({ sent: 0 }); // held for the digest, not sent when the hour allows
    expect(inDiscord()).toHaveLength(3);
    expect((await h.posts('discord', DISCORD_NEWS)).map((p) => p.state)).toEqual([...Array(3).fill('sent'), ...Array(7).fill('held')]);

    h.clock.set('2026-11-23T08:00:30Z');
    expect(await h.service().tick()).toMatchObject({ delivered: 1 });
    const digest = inDiscord().slice(3).map(discordText).join('\n');
    expect(digest).toContain('7 new, 3 already alerted');
    expect(digest).toContain('7 events were not alerted (hourly cap)');
    for (const i of [0, 1, 2]) expect(digest).toContain(`Already alerted: **Capped status change number ${i}** · 20 Nov 2026 · #${ids[i]}`);
    for (let i = 3; i < 10; i++) expect(digest).toContain(`🆕 **Capped status change number ${i}**`);
    // The alerted ones are not repeated in full.
    for (const i of [0, 1, 2]) expect(digest).not.toContain(`🆕 **Capped status change number ${i}**`);
  });

  it('without a digest, what the cap holds back goes out as the hour allows, oldest first', async () => {
    h = await alertHarness('2026-11-22T10:00:00Z', { cap: 2 });
    await subscribe();
    const svc = h.alerts();
    const ids: number[] = [];
    for (const i of [0, 1, 2, 3, 4]) ids.push(await h.publish(`Waiting status change ${i}`, 'Armenia'));
    expect(await svc.tick()).toMatchObject({ sent: 2, waiting: 3 });
    h.clock.advance(30 * 60_000);
    expect(await svc.tick()).toMatchObject({ sent: 0 });
    h.clock.advance(30 * 60_000 + 1000);
    expect(await svc.tick()).toMatchObject({ sent: 2 });
    h.clock.advance(3600_000 + 1000);
    expect(await svc.tick()).toMatchObject({ sent: 1 });
    const titles = inDiscord().map((m) => /Waiting status change (\d)/.exec(discordText(m))![1]);
    expect(titles).toEqual(['0', '1', '2', '3', '4']);
    expect((await h.posts('discord', DISCORD_NEWS)).map((p) => p.eventId)).toEqual(ids);
  });

  it('a correction of an alerted event is not alerted again; the next digest shows it as a correction', async () => {
    h = await alertHarness('2026-11-22T10:00:00Z');
    await digestAt8();
    await subscribe();
    const svc = h.alerts();
    const corrected = await h.publish('Armenia leaves a bloc (first report)', 'Armenia');
    const kept = await h.publish('Belarus joins a bloc', 'Belarus');
    expect(await svc.tick()).toMatchObject({ sent: 2 });
    const e = (await h.core.events.get(corrected))!;
    await h.core.events.edit(
      corrected,
      {
        title: 'Armenia leaves a bloc (corrected)',
        summary: e.summary,
        kind: e.kind,
        date: e.date,
        countryIds: ['armenia'],
        blocIds: [],
        sources: e.sources,
      },
      'test',
      h.clock.now(),
      e.revision,
    );
    h.clock.advance(60_000);
    expect(await svc.tick()).toMatchObject({ sent: 0 });
    expect(inDiscord()).toHaveLength(2);

    h.clock.set('2026-11-23T08:00:30Z');
    expect(await h.service().tick()).toMatchObject({ delivered: 1 });
    const digest = discordText(inDiscord()[2]);
    expect(digest).toContain('✏️ Corrected: **Armenia leaves a bloc (corrected)**');
    expect(digest).not.toContain('Already alerted: **Armenia leaves a bloc');
    expect(digest).toContain(`Already alerted: **Belarus joins a bloc** · 20 Nov 2026 · #${kept}`);
  });

  it('an event deleted before its alert went out is never alerted; one deleted after shows as removed in the digest', async () => {
    h = await alertHarness('2026-11-22T10:00:00Z');
    await digestAt8();
    await subscribe();
    const svc = h.alerts();
    const gone = await h.publish('Published by mistake', 'Armenia');
    await h.core.events.delete(gone, 'test', h.clock.now());
    expect(await svc.tick()).toMatchObject({ sent: 0, dropped: 1 });
    expect(await svc.tick()).toMatchObject({ sent: 0, dropped: 0 });
    expect(await h.posts('discord', DISCORD_NEWS)).toEqual([{ eventId: gone, state: 'dropped', messageId: null }]);
    const later = await h.publish('Alerted, then withdrawn', 'Armenia');
    expect(await svc.tick()).toMatchObject({ sent: 1 });
    await h.core.events.delete(later, 'test', h.clock.now());
    expect(inDiscord()).toHaveLength(1);

    h.clock.set('2026-11-23T08:00:30Z');
    expect(await h.service().tick()).toMatchObject({ delivered: 1 });
    const digest = discordText(inDiscord()[1]);
    expect(digest).toContain('🗑️ Removed: **Alerted, then withdrawn**');
    expect(digest).not.toContain('Published by mistake');
  });

  it('rides out 429 and 5xx, posting once; a permanent refusal disables the subscription with its reason', async () => {
    h = await alertHarness('2026-11-22T10:00:00Z');
    await subscribe();
    await subscribe(discordAdmin, `<#${DISCORD_OTHER}>`);
    await subscribe(slackAdmin);
    h.discord.failNext(new RegExp(`POST /channels/${DISCORD_NEWS}/messages`), { status: 429, retryAfter: 0.05 });
    h.discord.failNext(new RegExp(`POST /channels/${DISCORD_NEWS}/messages`), { status: 502 });
    h.discord.setChannelMode(DISCORD_OTHER, { status: 403, code: 50001, message: 'Missing Access' });
    h.slack.setChannel(SLACK_NEWS, 'channel_not_found');
    await h.publish('Retried status change', 'Armenia');
    const counted: string[] = [];
    h.core.metrics = {
      ...NO_METRICS,
      alertPost: (platform, result) => counted.push(`${platform} ${result}`),
      alertSubscriptionDisabled: (platform) => counted.push(`${platform} disabled`),
      digestPart: () => counted.push('digest part'),
    };
    expect(await h.alerts().tick()).toMatchObject({ sent: 1, disabled: 2 });
    expect(counted.sort()).toEqual(
      [
        'discord retried',
        'discord retried',
        'discord delivered',
        'discord failed',
        'discord disabled',
        'slack failed',
        'slack disabled',
      ].sort(),
    );
    expect(inDiscord()).toHaveLength(1);
    expect(inDiscord(DISCORD_OTHER)).toHaveLength(0);
    const list = textOf(await h.dispatcher.runText('alert', 'list', discordAdmin));
    expect(list).toMatch(/disabled .*Discord: the bot cannot see that channel \(Missing Access\)/);
    expect(list).toMatch(/last alert 22 Nov 2026/);
    expect(textOf(await h.dispatcher.runText('alert', 'list', slackAdmin))).toMatch(/disabled .*channel was not found/);
    // Disabled means stopped: nothing more is queued for it until an admin subscribes again.
    await h.publish('After the refusal', 'Armenia');
    expect((await h.posts('discord', DISCORD_OTHER)).map((p) => p.state)).toEqual(['abandoned']);
  });

  it('a worker holding a channel keeps it: another worker waits until the claim lapses', async () => {
    h = await alertHarness('2026-11-22T10:00:00Z');
    await subscribe();
    await h.publish('Claimed elsewhere', 'Armenia');
    const now = h.clock.now();
    expect(await h.core.alerts.claim('elsewhere:1:abcdef', 'discord', now, new Date(now.getTime() + 60_000), 10)).toHaveLength(1);
    expect(await h.alerts().tick()).toMatchObject({ sent: 0 });
    h.clock.advance(61_000);
    expect(await h.alerts().tick()).toMatchObject({ sent: 1 });
    expect(inDiscord()).toHaveLength(1);
  });

  it('two processes on one database send each alert once between them', async () => {
    tmp = tempDir('blocwatch-alerts-');
    const dbPath = join(tmp.dir, 'db.sqlite');
    h = await alertHarness('2026-11-22T10:00:00Z', { dbPath });
    const channels = Array.from({ length: 24 }, (_, i) => String(930000000000000100n + BigInt(i)));
    for (const c of channels) await subscribe(discordAdmin, `<#${c}>`);
    await h.publish('Seen by two workers', 'Armenia');
    const other = await openCore(dbPath, { now: h.clock.now, seed: false });
    other.settings.alertMaxPerHour = 6;
    const [a, b] = await Promise.all([h.alerts({ concurrency: 3 }).tick(), h.alerts({ concurrency: 3 }, other).tick()]);
    expect(a.sent + b.sent).toBe(24);
    for (const c of channels) expect(inDiscord(c)).toHaveLength(1);
    await other.close();
  });
});
