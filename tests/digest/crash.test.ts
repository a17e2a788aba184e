// Exactly once across crashes: `blocwatch digest run --all` (and a scheduled `digest run`) is spawned against the stand-ins and killed
// with SIGKILL at chosen moments (before a part reaches the platform, after the platform stored it but
// before the reply came back, between parts); a second run then finishes the job. Every part of every
// digest must be in its channel exactly once, on both platforms.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/core.ts';
import { validateEvent } from '../../src/domain/event-input.ts';
import { startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { startSlackFake, type SlackFake } from '../fakes/slack/index.ts';
import { standInEnv, tempDir } from '../helpers.ts';
import { failOnViolations } from '../fakes/violations.ts';

const BIN = join(import.meta.dirname, '../../bin/blocwatch.js');
const DISCORD_CHANNEL = '920000000000000001';
const SLACK_CHANNEL = 'C0CRASH001';

let discord: DiscordFake;
let slack: SlackFake;
let tmp: ReturnType<typeof tempDir>;
failOnViolations(
  () => discord,
  () => slack,
);
afterEach(async () => {
  await discord?.close();
  await slack?.close();
  tmp?.cleanup();
});

async function prepare(dbPath: string, scheduled: boolean): Promise<number> {
  const core: Core = await openCore(dbPath);
  const store = core.digests;
  const now = new Date();
  for (const [platform, channelId] of [
    ['discord', DISCORD_CHANNEL],
    ['slack', SLACK_CHANNEL],
  ] as const) {
    await store.subscribe(
      { platform, spaceId: 's', channelId, localTime: '08:00', timezone: 'UTC', countries: [], blocs: [], createdBy: 'test' },
      now,
    );
  }
  // Enough long entries for several parts on each platform.
  for (let i = 0; i < 30; i++) {
    const v = validateEvent(
      {
        title: `Crash-test entry ${i} ${'padding words '.repeat(10)}`,
        date: '2026-01-01',
        countries: 'Armenia',
        summary: 'A summary that makes the entry long. '.repeat(12),
        sources: `https://example.org/${i}`,
        kind: 'other',
      },
      core.entities,
      now,
    );
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    await core.events.add(v.value, 'test', now);
  }
  // Scheduled: the digest came due a minute ago, as the cron tick (or `digest run`) finds it.
  if (scheduled) {
    const due = new Date(Math.floor((Date.now() - 60_000) / 60_000) * 60_000);
    await core.sql.run('UPDATE digest_subscriptions SET local_time = ?, next_date = ?, next_due_at = ?', [
      due.toISOString().slice(11, 16),
      due.toISOString().slice(0, 10),
      due.toISOString(),
    ]);
  }
  await core.close();
  return 30;
}

function run(dbPath: string, scheduled: boolean): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'digest', 'run', ...(scheduled ? [] : ['--all'])], {
    env: standInEnv(dbPath, discord, slack),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, done };
}

type Where = { platform: 'discord' | 'slack'; post: number; how: 'hang' | 'hang-after-store'; scheduled?: boolean };

async function crashThenRecover(where: Where) {
  tmp = tempDir('blocwatch-crash-');
  discord = await startDiscordFake();
  slack = await startSlackFake();
  const dbPath = join(tmp.dir, 'db.sqlite');
  const scheduled = Boolean(where.scheduled);
  await prepare(dbPath, scheduled);

  const first = run(dbPath, scheduled);
  let posts = 0;
  let killed = false;
  const hook = (platform: Where['platform']) => () => {
    if (platform !== where.platform || killed) return;
    if (++posts !== where.post) return;
    killed = true;
    first.child.kill('SIGKILL');
    return where.how;
  };
  discord.onMessagePost(hook('discord'));
  slack.onPost(hook('slack'));
  const code = await first.done;
  expect(killed).toBe(true);
  expect(code).toBeNull(); // killed, not exited
  discord.onMessagePost(undefined);
  slack.onPost(undefined);

  const second = run(dbPath, scheduled);
  expect(await second.done).toBe(0);

  // Every journaled part is sent, and each is in its channel exactly once.
  const core = await openCore(dbPath);
  if (scheduled) {
    // The schedule moved on exactly once: the next digest is the following day's, not the same one again.
    const rows = (await core.sql.all('SELECT next_date AS next, last_date AS last FROM digest_subscriptions')) as {
      next: string;
      last: string;
    }[];
    for (const { next, last } of rows)
      expect(new Date(`${next}T00:00:00Z`).getTime() - new Date(`${last}T00:00:00Z`).getTime()).toBe(86_400_000);
  }
  const parts = (await core.sql.all(
    'SELECT s.platform, p.part, p.parts, p.state, p.message_id AS messageId FROM digest_parts p JOIN digest_subscriptions s ON s.id = p.subscription_id ORDER BY s.platform, p.part',
  )) as { platform: string; part: number; parts: number; state: string; messageId: string }[];
  core.close();
  const byPlatform = (p: string) => parts.filter((x) => x.platform === p);
  for (const p of ['discord', 'slack']) {
    expect(byPlatform(p).length).toBeGreaterThan(1);
    expect(byPlatform(p).every((x) => x.state === 'sent')).toBe(true);
  }
  const d = discord.messages.get(DISCORD_CHANNEL) ?? [];
  expect(d).toHaveLength(byPlatform('discord').length);
  expect(new Set(d.map((m) => m.nonce)).size).toBe(d.length);
  expect(d.map((m) => m.id).sort()).toEqual(
    byPlatform('discord')
      .map((x) => x.messageId)
      .sort(),
  );
  const s = slack.messages.get(SLACK_CHANNEL) ?? [];
  expect(s.map((m) => m.metadata?.event_payload.part)).toEqual(byPlatform('slack').map((x) => x.part));
  expect(discord.violations).toEqual([]);
  expect(slack.violations).toEqual([]);
}

describe('digest delivery survives SIGKILL', () => {
  it('Discord: killed before the first part reached the platform', () => crashThenRecover({ platform: 'discord', post: 1, how: 'hang' }));
  it('Discord: killed after the platform stored part 2, before the run recorded it', () =>
    crashThenRecover({ platform: 'discord', post: 2, how: 'hang-after-store' }));
  it('Discord: killed between parts (part 2 never arrived)', () => crashThenRecover({ platform: 'discord', post: 2, how: 'hang' }));
  it('Slack: killed before the first part reached the platform', () => crashThenRecover({ platform: 'slack', post: 1, how: 'hang' }));
  it('Slack: killed after the platform stored part 2, before the run recorded it', () =>
    crashThenRecover({ platform: 'slack', post: 2, how: 'hang-after-store' }));
  it('Slack: killed between parts (part 2 never arrived)', () => crashThenRecover({ platform: 'slack', post: 2, how: 'hang' }));
  it('scheduled run, Discord: killed after the platform stored part 2', () =>
    crashThenRecover({ platform: 'discord', post: 2, how: 'hang-after-store', scheduled: true }));
  it('scheduled run, Slack: killed after the platform stored part 2', () =>
    crashThenRecover({ platform: 'slack', post: 2, how: 'hang-after-store', scheduled: true }));
});
