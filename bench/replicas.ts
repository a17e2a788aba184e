// `npm run bench -- replicas`: the 10,000-subscription digest (half Discord, half Slack, each due a
// one-part digest) delivered by 1, 2 and 3 real `blocwatch start` worker processes on one PostgreSQL
// database, against stand-ins that enforce a global limit of 50 message posts a second per platform.
// Beside it, in the same run, the floor: a bare loop posting the same number of messages straight to
// the same stand-ins (no database, no bot), as fast as their limits let it. For each N: the delivery
// rate against the floor's (goal >= 0.9x), the most posts Discord accepted in one second (all channels
// and the busiest channel) and the most posts tried in one second (429s included), and duplicates.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openCore } from '../src/core.ts';
import { validateEvent } from '../src/domain/event-input.ts';
import { benchPostgres, type BenchServer } from './postgres-server.ts';

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
const RATE = 50;
const BIN = join(import.meta.dirname, '..', 'bin', 'blocwatch.js');
const discordChannel = (i: number) => String(940000000000000000n + BigInt(i));
const slackChannel = (i: number) => `C0B${String(i).padStart(7, '0')}`;

interface Received {
  messages: number;
  channelsWithDuplicates: number;
}
interface Stats {
  discord: Received;
  slack: Received;
}
interface Rates {
  discord: { acceptedPerSecond: number; triedPerSecond: number; busiestChannelPerSecond: number; refused: number };
  slack: { triedPerSecond: number; refused: number };
}

interface StandIns {
  child: ChildProcess;
  info: Record<string, string>;
  ask<T>(line: 'stats' | 'rates'): Promise<T>;
}

async function standIns(): Promise<StandIns> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'digest-standins.ts'), String(RATE), String(RATE)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const next = async () => JSON.parse(((await once(lines, 'line')) as [string])[0]);
  const info = await next();
  return {
    child,
    info,
    async ask<T>(line: string): Promise<T> {
      child.stdin!.write(`${line}\n`);
      return next();
    },
  };
}

/** The floor: every message posted straight to the stand-ins, 16 at a time per platform, a 429 waited out. */
async function bareFloor(s: StandIns): Promise<number> {
  const half = SUBSCRIPTIONS / 2;
  const post = async (url: string, headers: Record<string, string>, body: string) => {
    for (;;) {
      const r = await fetch(url, { method: 'POST', headers, body });
      if (r.status !== 429) {
        const answer = await r.text();
        if (!r.ok || answer.includes('"ok":false')) throw new Error(`bare post refused: ${r.status} ${answer}`);
        return;
      }
      const wait = Number(r.headers.get('retry-after') ?? 1);
      await r.arrayBuffer();
      await new Promise((done) => setTimeout(done, Math.max(50, wait * 1000)));
    }
  };
  const pool = async (n: number, each: (i: number) => Promise<void>) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = next++; i < n; i = next++) await each(i);
      }),
    );
  };
  const started = performance.now();
  await Promise.all([
    pool(half, (i) =>
      post(
        `${s.info.discordApi}/v10/channels/${discordChannel(i)}/messages`,
        { authorization: `Bot ${s.info.discordToken}`, 'content-type': 'application/json' },
        JSON.stringify({ content: 'bare' }),
      ),
    ),
    pool(SUBSCRIPTIONS - half, (i) =>
      post(
        `${s.info.slackApi}chat.postMessage`,
        { authorization: `Bearer ${s.info.slackToken}`, 'content-type': 'application/json; charset=utf-8' },
        JSON.stringify({ channel: slackChannel(i), text: 'bare' }),
      ),
    ),
  ]);
  return (performance.now() - started) / 1000;
}

async function dueDatabase(server: BenchServer, name: string): Promise<string> {
  await server.drop(name);
  const { url } = await server.database(name);
  const core = await openCore({ engine: 'postgres', url });
  const now = new Date();
  const half = SUBSCRIPTIONS / 2;
  await core.transaction(async () => {
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const discord = i < half;
      await core.sql.run(
        `INSERT INTO digest_subscriptions (platform, space_id, channel_id, local_time, timezone, cursor, next_date, next_due_at, created_by, created_at, updated_at)
         VALUES (?, 's', ?, '08:00', 'UTC', (SELECT max(id) FROM audit_log), ?, ?, 'bench', ?, ?)`,
        [
          discord ? 'discord' : 'slack',
          discord ? discordChannel(i) : slackChannel(i),
          now.toISOString().slice(0, 10),
          new Date(now.getTime() - 60_000).toISOString(),
          now.toISOString(),
          now.toISOString(),
        ],
      );
    }
  });
  const v = validateEvent(
    {
      title: 'Bench digest entry',
      date: '2026-01-01',
      countries: 'Armenia',
      summary: 'One entry.',
      sources: 'https://example.org/bench',
      kind: 'other',
    },
    core.entities,
    now,
  );
  if (!v.ok) throw new Error('invalid bench event');
  await core.events.add(v.value, 'bench', now);
  await core.sql.exec('ANALYZE');
  await core.close();
  return url;
}

function worker(url: string, s: StandIns): ChildProcess {
  return spawn(process.execPath, [BIN, 'start'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: url,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      DISCORD_TOKEN: s.info.discordToken,
      DISCORD_APPLICATION_ID: s.info.discordApplicationId,
      DISCORD_API_URL: s.info.discordApi,
      DISCORD_INTERACTIONS: 'http',
      DISCORD_PUBLIC_KEY: '0'.repeat(64),
      SLACK_BOT_TOKEN: s.info.slackToken,
      SLACK_SIGNING_SECRET: s.info.slackSigningSecret,
      SLACK_API_URL: s.info.slackApi,
      // The stand-in's Slack limit is the bench's own (Slack documents none): tell the workers of it.
      SLACK_GLOBAL_RATE: String(RATE),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function benchReplicas(): Promise<void> {
  const server = await benchPostgres();
  if (!server) {
    console.log('\nReplicas bench: SKIPPED (no initdb/pg_ctl found and no BENCH_DATABASE_URL)');
    return;
  }
  const database = `bench_replicas_${process.pid}`;
  try {
    console.log(
      `\nReplicas bench: ${SUBSCRIPTIONS.toLocaleString()} digests due (half Discord, half Slack), stand-ins at ${RATE} posts/s per platform`,
    );
    let s = await standIns();
    const floor = await bareFloor(s);
    s.child.kill('SIGTERM');
    console.log(
      `floor (bare loop straight to the stand-ins, same run): ${floor.toFixed(1)} s = ${(SUBSCRIPTIONS / floor).toFixed(1)} posts/s`,
    );
    for (const n of (process.env.BENCH_WORKERS ?? '1,2,3').split(',').map(Number)) {
      const url = await dueDatabase(server, database);
      s = await standIns();
      const workers = Array.from({ length: n }, () => worker(url, s));
      // From the first message stored to the last, as seen every quarter second: start-up is not delivery.
      let stats = await s.ask<Stats>('stats');
      let first = 0;
      let last = 0;
      const deadline = Date.now() + 10 * floor * 1000 + 60_000;
      while (stats.discord.messages + stats.slack.messages < SUBSCRIPTIONS && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        stats = await s.ask<Stats>('stats');
        if (!first && stats.discord.messages + stats.slack.messages > 0) first = performance.now();
      }
      last = performance.now();
      await new Promise((r) => setTimeout(r, 1500)); // a late duplicate would land now
      stats = await s.ask<Stats>('stats');
      const rates = await s.ask<Rates>('rates');
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => (w.exitCode === null ? once(w, 'exit') : undefined)));
      s.child.kill('SIGTERM');
      const delivered = stats.discord.messages + stats.slack.messages;
      const wall = (last - first) / 1000;
      const ratio = floor / wall;
      const dupes = stats.discord.channelsWithDuplicates + stats.slack.channelsWithDuplicates;
      console.log(
        `${n} worker${n > 1 ? 's' : ' '}: ${delivered}/${SUBSCRIPTIONS} delivered in ${wall.toFixed(1)} s = ${ratio.toFixed(2)}x the floor's rate; ` +
          `Discord accepted at most ${rates.discord.acceptedPerSecond}/s (busiest channel ${rates.discord.busiestChannelPerSecond}/s), tried at most ${rates.discord.triedPerSecond}/s, ${rates.discord.refused} refused (429); ` +
          `Slack tried at most ${rates.slack.triedPerSecond}/s, ${rates.slack.refused} refused (429); duplicates ${dupes}`,
      );
      console.log(
        `  ${ratio >= 0.9 ? 'PASS' : 'MISS'} >= 0.9x the floor · ${rates.discord.acceptedPerSecond <= RATE ? 'PASS' : 'MISS'} Discord within ${RATE}/s · ${dupes === 0 && delivered === SUBSCRIPTIONS ? 'PASS' : 'MISS'} exactly once`,
      );
    }
  } finally {
    await server.drop(database).catch(() => undefined);
    server.stop();
  }
}
