// Three bot processes on one PostgreSQL database deliver 2,000 digests due at once: each digest exactly
// once, the work split between them; and when one is killed mid-run, the others finish its share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.ts';
import { validateEvent } from '../../src/domain/event-input.ts';
import { startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { discordWorkerEnv, replicaDatabase, startWorker, waitFor, type Worker } from './setup.ts';

const CHANNELS = 2000;
const channelOf = (i: number) => String(930000000000000000n + BigInt(i));

let discord: DiscordFake;
failOnViolations(() => discord);
beforeAll(async () => {
  discord = await startDiscordFake();
});
afterAll(async () => {
  await discord?.close();
});

/** 2,000 Discord channels with a digest due a minute ago, and one event for all of them. */
async function dueEverywhere(core: Core): Promise<void> {
  const now = new Date();
  const due = new Date(now.getTime() - 60_000).toISOString();
  await core.transaction(async () => {
    for (let i = 0; i < CHANNELS; i++) {
      await core.sql.run(
        `INSERT INTO digest_subscriptions (platform, space_id, channel_id, local_time, timezone, cursor, next_date, next_due_at, created_by, created_at, updated_at)
         VALUES ('discord', '900000000000000001', ?, '08:00', 'UTC', (SELECT max(id) FROM audit_log), ?, ?, 'test', ?, ?)`,
        [channelOf(i), now.toISOString().slice(0, 10), due, now.toISOString(), now.toISOString()],
      );
    }
  });
  const v = validateEvent(
    {
      title: 'Replica digest entry',
      date: '2026-11-20',
      countries: 'Armenia',
      summary: 'One entry.',
      sources: 'https://example.org/r',
      kind: 'other',
    },
    core.entities,
    now,
  );
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await core.events.add(v.value, 'test', now);
  await core.sql.exec('ANALYZE');
}

const posted = () => [...discord.messages.values()].reduce((n, l) => n + l.length, 0);

/** What each worker says it delivered, from its 'digest tick' log lines. */
const deliveredBy = (w: Worker) =>
  w
    .lines()
    .filter((l) => l.msg === 'digest tick')
    .reduce((n, l) => n + Number(l.parts ?? 0), 0);

async function expectExactlyOnce(core: Core): Promise<void> {
  await waitFor(async () => posted() >= CHANNELS, 50_000, 'every digest posted');
  const open = async () =>
    (await core.sql.get<{ n: number }>(`SELECT count(*) AS n FROM digest_parts WHERE state IN ('pending', 'sending')`))!.n;
  await waitFor(async () => (await open()) === 0, 10_000, 'the journal to record every part');
  // A late duplicate would land now, if any worker were still holding one.
  await new Promise((r) => setTimeout(r, 1500));
  for (let i = 0; i < CHANNELS; i++) expect(discord.messagesIn(channelOf(i)), channelOf(i)).toHaveLength(1);
  expect(posted()).toBe(CHANNELS);
  const journal = await core.sql.get<{ sent: number; subs: number }>(
    `SELECT (SELECT count(*) FROM digest_parts WHERE state = 'sent') AS sent,
            (SELECT count(*) FROM digest_subscriptions WHERE last_delivered_at IS NOT NULL) AS subs`,
  );
  expect(journal).toEqual({ sent: CHANNELS, subs: CHANNELS });
}

describe('digests on three workers', () => {
  const env = (url: string, claimSeconds = 10) =>
    discordWorkerEnv(discord, url, {
      // The stand-in has no global limit here: the run is about splitting work, not pacing.
      DISCORD_GLOBAL_RATE: '5000',
      WORK_CLAIM_SECONDS: String(claimSeconds),
    });

  it('2,000 channels due at once: every digest posted exactly once, each worker took some', async () => {
    discord.messages.clear();
    const { url, core } = await replicaDatabase();
    await dueEverywhere(core);
    const workers = await Promise.all([0, 1, 2].map(() => startWorker(env(url))));
    await expectExactlyOnce(core);
    await waitFor(() => workers.reduce((n, w) => n + deliveredBy(w), 0) === CHANNELS, 10_000, 'every worker to report its run');
    const shares = workers.map(deliveredBy);
    expect(
      shares.every((n) => n > 0),
      `shares ${shares.join(', ')}`,
    ).toBe(true);
  }, 60_000);

  it('a worker killed mid-run: the others take over its claims, and still every digest exactly once', async () => {
    discord.messages.clear();
    const { url, core } = await replicaDatabase();
    await dueEverywhere(core);
    const workers = await Promise.all([0, 1, 2].map(() => startWorker(env(url, 3))));
    await waitFor(() => posted() >= CHANNELS / 4, 30_000, 'a quarter of the digests');
    const holding = await core.sql.get<{ n: number }>('SELECT count(*) AS n FROM digest_subscriptions WHERE claimed_by LIKE ?', [
      `%:${workers[0]!.child.pid}:%`,
    ]);
    workers[0]!.child.kill('SIGKILL');
    await expectExactlyOnce(core);
    // The killed worker held claims when it died (else the test proved nothing about taking them over).
    expect(holding!.n).toBeGreaterThan(0);
  }, 60_000);
});
