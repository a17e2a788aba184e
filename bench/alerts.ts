// Alert bench: one event published that matches 1,000 alert subscriptions over 1,000 Discord channels,
// delivered by the running scheduler against the Discord stand-in with Discord's global limit (50 posts
// a second). Its floor is measured in the same run, against the same stand-in: a bare client that fires
// exactly the limit's worth of posts at each one-second window (the fastest the limit allows, with no
// journal, pacing or database). Prints the delivery rate as a share of that floor (target >= 0.9x), the
// rate the limit alone allows (the digest bench's floor, posts / limit), duplicates (target 0), the
// publishing write with its 1,000 outbox rows against the same write with none, and the time from
// publication to the last post (which includes the wait for the scheduler's next tick).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { ALERT_TICK_SECONDS, startAlerts } from '../src/alerts/index.ts';
import { openCore } from '../src/core.ts';
import { DiscordDigestSender } from '../src/discord/digest-sender.ts';
import { validateEvent } from '../src/domain/event-input.ts';

const CHANNELS = Number(process.env.BENCH_ALERT_CHANNELS ?? 1000);
const RATE = Number(process.env.BENCH_DISCORD_RATE ?? 50);
const channelId = (i: number, base: bigint) => String(base + BigInt(i));

/** The floor: RATE posts fired together at the start of each one-second window, until all are in. */
async function barePosts(api: string, token: string, n: number): Promise<number> {
  const post = (i: number) =>
    fetch(`${api}/v10/channels/${channelId(i, 970000000000000000n)}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: `bare ${i}`, allowed_mentions: { parse: [] } }),
    }).then((r) => r.status);
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
  const started = performance.now();
  let sent = 0;
  while (sent < n) {
    const batch = Array.from({ length: Math.min(RATE, n - sent) }, (_, k) => post(sent + k));
    const statuses = await Promise.all(batch);
    sent += statuses.filter((s) => s === 200).length;
    if (sent < n) await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
  }
  return (performance.now() - started) / 1000;
}

export async function benchAlerts(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'digest-standins.ts'), String(RATE), '1000'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const next = async () => JSON.parse(((await once(lines, 'line')) as [string])[0]);
  const ask = async (line: string) => {
    child.stdin!.write(`${line}\n`);
    return next();
  };
  const stand = await next();
  const dir = mkdtempSync(join(tmpdir(), 'blocwatch-alert-bench-'));
  try {
    const core = await openCore(join(dir, 'db.sqlite'));
    const log = pino({ level: 'silent' });
    const event = (title: string) => {
      const v = validateEvent(
        {
          title,
          date: '2026-01-01',
          countries: 'Armenia',
          summary: 'Every subscription gets it.',
          sources: 'https://example.org/bench',
          kind: 'status_change',
        },
        core.entities,
        core.now(),
      );
      if (!v.ok) throw new Error('invalid bench event');
      return v.value;
    };
    // The publishing write without subscriptions, as its baseline (after one untimed write warms the statements).
    await core.events.add(event('Bench warm-up write'), 'bench', core.now());
    let t = performance.now();
    await core.events.add(event('Bench write without subscriptions'), 'bench', core.now());
    const bareWrite = performance.now() - t;
    await core.transaction(async () => {
      for (let i = 0; i < CHANNELS; i++)
        await core.alerts.subscribe(
          {
            platform: 'discord',
            spaceId: 's',
            channelId: channelId(i, 980000000000000000n),
            countries: ['armenia'],
            blocs: [],
            kinds: ['status_change'],
            createdBy: 'bench',
          },
          core.now(),
        );
    });
    const floor = CHANNELS / RATE;
    console.log(
      `\nAlert bench: one event matching ${CHANNELS.toLocaleString()} alert subscriptions on ${CHANNELS.toLocaleString()} Discord channels, global limit ${RATE}/s (floor by the limit: ${floor.toFixed(1)} s)`,
    );
    const bare = await barePosts(stand.discordApi, stand.discordToken, CHANNELS);
    await ask('reset');
    console.log(
      `bare client at the limit (measured floor): ${CHANNELS} posts in ${bare.toFixed(2)} s = ${(CHANNELS / bare).toFixed(1)} posts/s`,
    );

    const scheduler = await startAlerts(
      { core, log },
      { discord: new DiscordDigestSender({ DISCORD_API_URL: stand.discordApi, DISCORD_TOKEN: stand.discordToken }) },
    );
    await new Promise((r) => setTimeout(r, 200)); // the start-up tick has found nothing to do
    const publishedAt = Date.now();
    t = performance.now();
    await core.events.add(event('Bench alert: Armenia changes its status'), 'bench', core.now());
    const write = performance.now() - t;
    let s = await ask('stats');
    while (s.discord.messages < CHANNELS && Date.now() - publishedAt < 10 * floor * 1000 + 60_000) {
      await new Promise((r) => setTimeout(r, 250));
      s = await ask('stats');
    }
    await scheduler!.stop();
    const delivery = (s.discord.lastAt - s.discord.firstAt) / 1000;
    const rate = (CHANNELS - 1) / delivery; // posts after the first, over the time between first and last
    const share = rate / (CHANNELS / bare);
    console.log(
      `publishing write: ${write.toFixed(1)} ms with ${CHANNELS} outbox rows vs ${bareWrite.toFixed(1)} ms with none (${(write / bareWrite).toFixed(1)}x)`,
    );
    console.log(
      `alerts: ${s.discord.messages} posts (${s.discord.requests} requests incl. 429s), first to last post ${delivery.toFixed(2)} s = ${rate.toFixed(1)} posts/s = ${share.toFixed(3)}x the measured floor, ${(rate / RATE).toFixed(3)}x the limit`,
    );
    console.log(
      `publication to first post ${((s.discord.firstAt - publishedAt) / 1000).toFixed(2)} s (scheduler tick every ${ALERT_TICK_SECONDS} s); publication to last post ${((s.discord.lastAt - publishedAt) / 1000).toFixed(2)} s`,
    );
    console.log(`channels with duplicates: ${s.discord.channelsWithDuplicates}; rejected requests: ${s.discord.violations}`);
    console.log(
      `${s.discord.messages === CHANNELS && s.discord.channelsWithDuplicates === 0 ? 'PASS' : 'MISS'} every channel got the alert exactly once`,
    );
    // The digest bench's floor is what the limit allows (posts / limit); the bare client shows what the
    // stand-in and this machine let a client without journal or pacing reach at that limit.
    console.log(`${rate / RATE >= 0.9 ? 'PASS' : 'MISS'} delivered at >= 0.9x the rate-limit floor (posts / limit, as the digest bench)`);
    console.log(`${share >= 0.9 ? 'PASS' : 'MISS'} delivered at >= 0.9x the bare client at the limit, measured in the same run`);
    await core.close();
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
