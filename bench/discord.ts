// Discord HTTP interactions bench: signed /csto status and /timeline requests to the real endpoint,
// next to a bare node:http server that only verifies the same Ed25519 signature and returns a fixed
// reply. Each server runs in its own child process (bench/discord-server.ts) so neither shares an event
// loop with the load generator; 16 concurrent clients on loopback; same run, same machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { chatInput, generateInteractionKeys } from '../tests/fakes/discord/index.ts';
import { ms, stats } from './stats.ts';

export const CONCURRENCY = 16;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const ROUNDS = 3;

export type Signed = { body: string; headers: Record<string, string> };

/** `requests` signed POSTs, CONCURRENCY at a time, cycling through `bodies`: throughput and each latency. */
export async function load(url: string, bodies: readonly Signed[], requests = REQUESTS) {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let n = next++; n < requests; n = next++) {
        const b = bodies[n % bodies.length]!;
        const t = process.hrtime.bigint();
        const res = await fetch(url, { method: 'POST', headers: b.headers, body: b.body });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`status ${res.status} from ${url}`);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rps: requests / seconds, latencies };
}

async function serve(mode: 'app' | 'bare', publicKeyHex: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF && mode === 'app' ? ['--cpu-prof', '--cpu-prof-dir=bench/.cache/prof'] : []),
      '--import',
      'tsx',
      new URL('./discord-server.ts', import.meta.url).pathname,
      mode,
      publicKeyHex,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await once(lines, 'line')) as [string];
  return { url, child };
}

export async function benchDiscord(): Promise<void> {
  const keys = generateInteractionKeys();
  const sign = (payload: unknown): Signed => {
    const body = JSON.stringify(payload);
    const ts = String(Math.floor(Date.now() / 1000));
    return {
      body,
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': keys.sign(ts, body), 'x-signature-timestamp': ts },
    };
  };
  const cases = [
    [
      '/csto status armenia',
      Array.from({ length: 50 }, () => sign(chatInput({ name: 'csto', subcommand: 'status', options: { country: 'armenia' } }))),
    ],
    ['/timeline belarus', Array.from({ length: 50 }, () => sign(chatInput({ name: 'timeline', options: { country: 'belarus' } })))],
  ] as const;

  const app = await serve('app', keys.publicKeyHex);
  const bare = await serve('bare', keys.publicKeyHex);
  try {
    console.log(
      `\nDiscord HTTP interactions bench: ${REQUESTS} signed requests per case and round, ${CONCURRENCY} concurrent, ${ROUNDS} alternating rounds, loopback`,
    );
    await load(bare.url, cases[0][1]); // warm-up both, JIT and page cache
    await load(app.url, cases[0][1]);
    await load(app.url, cases[1][1]);
    // Every request of the cold case asks a different question (status as of another day), so each one
    // misses the answer cache and runs the handler's queries: the floor for traffic that never repeats.
    let day = Date.UTC(1993, 0, 1);
    const cold = () =>
      Array.from({ length: REQUESTS }, () => {
        day += 86_400_000;
        const asOf = new Date(day).toISOString().slice(0, 10);
        return sign(chatInput({ name: 'csto', subcommand: 'status', options: { country: 'armenia', as_of: asOf } }));
      });
    const all: [string, () => readonly Signed[]][] = [
      ...cases.map(([name, bodies]) => [name, () => bodies] as [string, () => readonly Signed[]]),
      ['/csto status, cold', cold],
    ];
    for (const [name, bodiesFor] of all) {
      // Alternate bare and app rounds so a noisy neighbour hurts both alike; report the median round.
      const a: Awaited<ReturnType<typeof load>>[] = [];
      const b: Awaited<ReturnType<typeof load>>[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const bodies = bodiesFor();
        b.push(await load(bare.url, bodies));
        a.push(await load(app.url, bodies));
      }
      const mid = <T extends { rps: number }>(xs: T[]) => [...xs].sort((x, y) => x.rps - y.rps)[Math.floor(xs.length / 2)]!;
      const am = mid(a);
      const bm = mid(b);
      const as = stats(a.flatMap((x) => x.latencies));
      const bs = stats(b.flatMap((x) => x.latencies));
      const ratio = am.rps / bm.rps;
      console.log(
        `${name.padEnd(22)} app ${am.rps.toFixed(0).padStart(6)} req/s  median ${ms(as.median)}  p99 ${ms(as.p99)} | bare ${bm.rps.toFixed(0).padStart(6)} req/s  median ${ms(bs.median)}  p99 ${ms(bs.p99)} | throughput ratio ${ratio.toFixed(2)}x`,
      );
      if (bodiesFor === cold) {
        console.log(`info ${name}: every request a cache miss (no target; the handler's own cost shows here)`);
        continue;
      }
      console.log(`${ratio >= 0.7 ? 'PASS' : 'MISS'} ${name}: at least 0.7x the bare server's throughput`);
      console.log(`${as.p99 < 20 ? 'PASS' : 'MISS'} ${name}: p99 under 20 ms at ${CONCURRENCY} concurrent requests`);
    }
  } finally {
    app.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
}
