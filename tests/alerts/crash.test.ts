// Exactly once across a crash: `blocwatch alert run` is killed with SIGKILL while it posts an alert (before
// the platform got it, or after the platform stored it but before the reply came back); a second run on
// the same database takes over the dead process's claim at once and finishes. Each channel holds the
// alert exactly once, on both platforms.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../src/core.ts';
import { validateEvent } from '../../src/domain/event-input.ts';
import { startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { startSlackFake, type SlackFake } from '../fakes/slack/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { standInEnv, tempDir } from '../helpers.ts';

const BIN = join(import.meta.dirname, '../../bin/blocwatch.js');
const DISCORD_CHANNEL = '960000000000000001';
const SLACK_CHANNEL = 'C0ALCRASH1';

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

async function prepare(dbPath: string): Promise<void> {
  const core = await openCore(dbPath);
  for (const [platform, channelId] of [
    ['discord', DISCORD_CHANNEL],
    ['slack', SLACK_CHANNEL],
  ] as const)
    await core.alerts.subscribe(
      { platform, spaceId: 's', channelId, countries: [], blocs: [], kinds: ['status_change'], createdBy: 'test' },
      new Date(),
    );
  const v = validateEvent(
    {
      title: 'Crash-test status change',
      date: '2026-01-01',
      countries: 'Armenia',
      sources: 'https://example.org/crash',
      kind: 'status_change',
    },
    core.entities,
    new Date(),
  );
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await core.events.add(v.value, 'test', new Date());
  await core.close();
}

function run(dbPath: string, args = ['alert', 'run']): { child: ChildProcess; done: Promise<number | null>; out: Promise<string> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: standInEnv(dbPath, discord, slack),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const done = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, done, out: done.then(() => out) };
}

async function crashThenRecover(platform: 'discord' | 'slack', how: 'hang' | 'hang-after-store') {
  tmp = tempDir('blocwatch-alert-crash-');
  [discord, slack] = await Promise.all([startDiscordFake(), startSlackFake()]);
  const dbPath = join(tmp.dir, 'db.sqlite');
  await prepare(dbPath);
  const first = run(dbPath);
  let killed = false;
  const hook = (p: typeof platform) => () => {
    if (p !== platform || killed) return;
    killed = true;
    first.child.kill('SIGKILL');
    return how;
  };
  discord.onMessagePost(hook('discord'));
  slack.onPost(hook('slack'));
  expect(await first.done).toBeNull(); // killed, not exited
  expect(killed).toBe(true);
  discord.onMessagePost(undefined);
  slack.onPost(undefined);

  const second = run(dbPath);
  expect(await second.done).toBe(0);
  const core = await openCore(dbPath, { seed: false });
  const posts = await core.sql.all<{ platform: string; state: string; messageId: string }>(
    'SELECT s.platform, p.state, p.message_id AS "messageId" FROM alert_posts p JOIN alert_subscriptions s ON s.id = p.subscription_id ORDER BY s.platform',
  );
  await core.close();
  expect(posts.map((p) => [p.platform, p.state])).toEqual([
    ['discord', 'sent'],
    ['slack', 'sent'],
  ]);
  const d = discord.messages.get(DISCORD_CHANNEL) ?? [];
  const s = slack.messages.get(SLACK_CHANNEL) ?? [];
  expect(d.map((m) => m.id)).toEqual([posts[0]!.messageId]);
  expect(s.map((m) => m.ts)).toEqual([posts[1]!.messageId]);
}

describe('the alert command line', () => {
  it('alert list --json shows each subscription and what waits; alert run sends it and says so', async () => {
    tmp = tempDir('blocwatch-alert-cli-');
    [discord, slack] = await Promise.all([startDiscordFake(), startSlackFake()]);
    const dbPath = join(tmp.dir, 'db.sqlite');
    await prepare(dbPath);
    const listed = run(dbPath, ['alert', 'list', '--json']);
    expect(await listed.done).toBe(0);
    const subs = JSON.parse(await listed.out);
    expect(subs).toHaveLength(2);
    expect(subs[0]).toEqual({
      id: 1,
      platform: 'discord',
      space: 's',
      channel: DISCORD_CHANNEL,
      countries: [],
      blocs: [],
      kinds: ['status_change'],
      last_posted_at: null,
      disabled_at: null,
      disabled_reason: null,
      waiting: 1,
    });
    const sent = run(dbPath);
    expect(await sent.done).toBe(0);
    expect(await sent.out).toBe('Sent 2 alerts.\n');
    const after = run(dbPath, ['alert', 'list']);
    expect(await after.done).toBe(0);
    expect(await after.out).toMatch(new RegExp(`#1 discord s/${DISCORD_CHANNEL} · Status change · last alert 20`));
  });
});

describe('an alert survives SIGKILL during its post', () => {
  it('Discord: killed before the post reached the platform', () => crashThenRecover('discord', 'hang'));
  it('Discord: killed after the platform stored it, before the reply came back', () => crashThenRecover('discord', 'hang-after-store'));
  it('Slack: killed before the post reached the platform', () => crashThenRecover('slack', 'hang'));
  it('Slack: killed after the platform stored it, before the reply came back', () => crashThenRecover('slack', 'hang-after-store'));
});
