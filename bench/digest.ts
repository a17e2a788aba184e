// Digest bench: 10,000 subscriptions (half Discord, half Slack) each due a one-part digest, delivered
// against stand-ins that enforce a global rate limit on message posts. The floor is what the limits
// allow (parts / posts per second, for the slower platform); the target is a wall time within 1.1x of
// it, with memory flat through the run. Stand-ins run in a child process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { openCore } from '../src/core.ts';
import { benchPostgres } from './postgres-server.ts';
import { DigestService } from '../src/digest/deliver.ts';
import { DiscordDigestSender } from '../src/discord/digest-sender.ts';
import { SlackDigestSender } from '../src/slack/digest-sender.ts';
import { validateEvent } from '../src/domain/event-input.ts';

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
// Discord's documented global limit is 50 requests a second per bot; Slack documents no workspace-wide
// figure for chat.postMessage, so the same is used. Higher rates measure this machine's CPU, not pacing.
const DISCORD_RATE = Number(process.env.BENCH_DISCORD_RATE ?? 50);
const SLACK_RATE = Number(process.env.BENCH_SLACK_RATE ?? 50);
/** Share of subscriptions on Discord (the rest on Slack); 0.5 unless set. */
const DISCORD_SHARE = Number(process.env.BENCH_DISCORD_SHARE ?? 0.5);

export async function benchDigest(engine: 'sqlite' | 'postgres' = 'sqlite'): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'digest-standins.ts'), String(DISCORD_RATE), String(SLACK_RATE)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const next = async () => JSON.parse(((await once(lines, 'line')) as [string])[0]);
  const stand = await next();
  const dir = mkdtempSync(join(tmpdir(), 'blocwatch-digest-bench-'));
  const server = engine === 'postgres' ? await benchPostgres() : undefined;
  if (engine === 'postgres' && !server) {
    child.kill('SIGTERM');
    console.log('\nDigest bench on PostgreSQL: SKIPPED (no initdb/pg_ctl found and no BENCH_DATABASE_URL)');
    return;
  }
  const database = `bench_digest_${process.pid}`;
  try {
    const now = new Date();
    const location = server
      ? ({ engine: 'postgres', url: (await server.database(database)).url } as const)
      : ({ engine: 'sqlite', path: join(dir, 'db.sqlite') } as const);
    const core = await openCore(location, { now: () => now });
    if (server) console.log(`\nDigest bench on PostgreSQL (${core.sql.location})`);
    const half = Math.round(SUBSCRIPTIONS * DISCORD_SHARE);
    const insert = `INSERT INTO digest_subscriptions (platform, space_id, channel_id, local_time, timezone, cursor, next_date, next_due_at, created_by, created_at, updated_at)
       VALUES (?, 's', ?, '08:00', 'UTC', (SELECT max(id) FROM audit_log), ?, ?, 'bench', ?, ?)`;
    const due = new Date(now.getTime() - 60_000).toISOString();
    await core.transaction(async () => {
      for (let i = 0; i < SUBSCRIPTIONS; i++) {
        const discord = i < half;
        await core.sql.run(insert, [
          discord ? 'discord' : 'slack',
          discord ? String(940000000000000000n + BigInt(i)) : `C0B${String(i).padStart(7, '0')}`,
          now.toISOString().slice(0, 10),
          due,
          now.toISOString(),
          now.toISOString(),
        ]);
      }
    });
    const v = validateEvent(
      {
        title: 'Bench digest entry',
        date: '2026-01-01',
        countries: 'Armenia',
        summary: 'One entry every subscription gets.',
        sources: 'https://example.org/bench',
        kind: 'other',
      },
      core.entities,
      now,
    );
    if (!v.ok) throw new Error('invalid bench event');
    await core.events.add(v.value, 'bench', now);
    // After a bulk load PostgreSQL's planner has no statistics yet (autovacuum would gather them within
    // a minute): without them it scans the 10,000 subscriptions for each one, and SERIALIZABLE's
    // predicate locks on those scans make concurrent deliveries conflict and retry.
    if (server) await core.sql.exec('ANALYZE');

    const service = new DigestService(
      core,
      {
        discord: new DiscordDigestSender({ DISCORD_API_URL: stand.discordApi, DISCORD_TOKEN: stand.discordToken }),
        slack: new SlackDigestSender({ SLACK_API_URL: stand.slackApi, SLACK_BOT_TOKEN: stand.slackToken }),
      },
      pino({ level: 'silent' }),
      { concurrency: 16 },
    );
    const floor = Math.max(half / DISCORD_RATE, (SUBSCRIPTIONS - half) / SLACK_RATE);
    console.log(
      `\nDigest bench: ${SUBSCRIPTIONS.toLocaleString()} subscriptions due (${half} Discord, ${SUBSCRIPTIONS - half} Slack), rate limits ${DISCORD_RATE}/s and ${SLACK_RATE}/s; floor ${floor.toFixed(1)} s`,
    );
    global.gc?.();
    const samples: { t: number; heap: number; rss: number }[] = [];
    const started = performance.now();
    const sampler = setInterval(() => {
      // Live heap, not garbage waiting for collection: the bench runs with --expose-gc.
      global.gc?.();
      const m = process.memoryUsage();
      samples.push({ t: (performance.now() - started) / 1000, heap: m.heapUsed / 2 ** 20, rss: m.rss / 2 ** 20 });
    }, 500);
    const report = await service.tick();
    const wall = (performance.now() - started) / 1000;
    clearInterval(sampler);
    child.stdin!.write('stats\n');
    const s = await next();
    const ratio = wall / floor;
    console.log(
      `delivered ${report.delivered} digests, ${report.parts} parts, deferred ${report.deferred}; wall ${wall.toFixed(2)} s = ${ratio.toFixed(3)}x the floor`,
    );
    console.log(
      `stand-ins received: Discord ${s.discord.messages} messages (${s.discord.requests} requests incl. 429s), Slack ${s.slack.messages} messages (${s.slack.requests} calls incl. 429s); channels with duplicates: ${s.discord.channelsWithDuplicates + s.slack.channelsWithDuplicates}; rejected requests: ${s.discord.violations + s.slack.violations}`,
    );
    const tenth = samples.filter((x) => x.t >= wall * 0.1);
    const heaps = tenth.map((x) => x.heap);
    const rss = samples.map((x) => x.rss);
    const firstQ = heaps.slice(0, Math.max(1, Math.floor(heaps.length / 4)));
    const lastQ = heaps.slice(-Math.max(1, Math.floor(heaps.length / 4)));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const drift = avg(lastQ) - avg(firstQ);
    console.log(
      `memory: heap ${Math.min(...heaps).toFixed(1)}–${Math.max(...heaps).toFixed(1)} MB after warm-up (first-quarter mean ${avg(firstQ).toFixed(1)} MB, last-quarter mean ${avg(lastQ).toFixed(1)} MB, drift ${drift >= 0 ? '+' : ''}${drift.toFixed(1)} MB); RSS ${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)} MB`,
    );
    const exact =
      s.discord.messages + s.slack.messages === SUBSCRIPTIONS && s.discord.channelsWithDuplicates + s.slack.channelsWithDuplicates === 0;
    console.log(`${exact ? 'PASS' : 'MISS'} every subscription got its digest exactly once`);
    console.log(`${ratio <= 1.1 ? 'PASS' : 'MISS'} wall time at most 1.1x the rate-limit floor`);
    console.log(`${Math.abs(drift) <= 16 ? 'PASS' : 'MISS'} memory flat through the run (heap drift within 16 MB)`);
    await core.close();
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    if (server) {
      await server.drop(database);
      server.stop();
    }
  }
}
