// Public web bench (`npm run bench -- web`): /, /country/armenia and /api/v1/events from the built
// program (`WEB_ENABLED=true blocwatch start` on the curated dataset), 16 concurrent clients on loopback,
// next to a bare node:http server returning a fixed string, in alternating rounds of the same run. Then
// what a conditional request costs the server: its CPU time per 304, per full page from the rendered
// cache, and per page rendered anew (a query no one asked before), read from /proc/<pid>/stat.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ms, stats } from './stats.ts';

const CONCURRENCY = 16;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const ROUNDS = 3;
const ROOT = join(import.meta.dirname, '..');
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

async function load(urls: readonly string[], headers: Record<string, string> = {}, expect = 200) {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let n = next++; n < urls.length; n = next++) {
        const t = process.hrtime.bigint();
        const res = await fetch(urls[n]!, { headers });
        await res.arrayBuffer();
        if (res.status !== expect) throw new Error(`status ${res.status} from ${urls[n]}`);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  return { rps: urls.length / (Number(process.hrtime.bigint() - started) / 1e9), latencies };
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function startApp(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'blocwatch.js'), 'start'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_PATH: db,
      WEB_ENABLED: 'true',
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      INTAKE_POLL_CRON: '0 0 1 1 *',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  for await (const line of createInterface({ input: child.stderr! })) {
    const m = /"url":"(http:[^"]+)"/.exec(line);
    if (m) return { url: m[1]!, child };
  }
  throw new Error('blocwatch start ended before it was running');
}

async function startBare(): Promise<{ url: string; child: ChildProcess }> {
  const script = `const body = 'ok\\n';
require('node:http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length }); res.end(body); })
  .listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [url] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { url, child };
}

const median = <T>(xs: T[], by: (x: T) => number) => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)]!;

export async function benchWeb(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'blocwatch-bench-web-'));
  const db = join(dir, 'web.db');
  spawnSync(process.execPath, [join(ROOT, 'bin', 'blocwatch.js'), 'seed'], { env: { ...process.env, DATABASE_PATH: db }, stdio: 'ignore' });
  const app = await startApp(db);
  const bare = await startBare();
  try {
    console.log(
      `\nPublic web bench: ${REQUESTS} GETs per case and round, ${CONCURRENCY} concurrent, ${ROUNDS} alternating rounds, loopback; built program on the curated dataset`,
    );
    const same = (url: string) => Array.from({ length: REQUESTS }, () => url);
    await load(same(bare.url));
    for (const path of ['/', '/country/armenia', '/api/v1/events']) await load(same(`${app.url}${path}`).slice(0, 500));
    for (const path of ['/', '/country/armenia', '/api/v1/events']) {
      const a: Awaited<ReturnType<typeof load>>[] = [];
      const b: Awaited<ReturnType<typeof load>>[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        b.push(await load(same(bare.url)));
        a.push(await load(same(`${app.url}${path}`)));
      }
      const am = median(a, (x) => x.rps);
      const bm = median(b, (x) => x.rps);
      const as = stats(a.flatMap((x) => x.latencies));
      const bs = stats(b.flatMap((x) => x.latencies));
      const ratio = am.rps / bm.rps;
      console.log(
        `${path.padEnd(16)} app ${am.rps.toFixed(0).padStart(6)} req/s  median ${ms(as.median)}  p99 ${ms(as.p99)} | bare ${bm.rps.toFixed(0).padStart(6)} req/s  median ${ms(bs.median)}  p99 ${ms(bs.p99)} | throughput ratio ${ratio.toFixed(2)}x`,
      );
      console.log(`${ratio >= 1 / 3 ? 'PASS' : 'MISS'} ${path}: at least 1/3 of the bare server's throughput`);
      console.log(`${as.p99 <= 20 ? 'PASS' : 'MISS'} ${path}: p99 at most 20 ms at ${CONCURRENCY} concurrent requests`);
    }

    // What each kind of answer costs the server, in its own CPU time per request.
    const page = `${app.url}/country/armenia`;
    const etag = (await fetch(page)).headers.get('etag')!;
    let day = Date.UTC(1995, 0, 1);
    const fresh = () =>
      Array.from({ length: REQUESTS / 4 }, () => {
        day += 86_400_000;
        return `${page}?to=${new Date(day).toISOString().slice(0, 10)}`;
      });
    const cost = async (pid: number, urls: readonly string[], headers: Record<string, string> = {}, status = 200) => {
      const before = cpuSeconds(pid);
      await load(urls, headers, status);
      return ((cpuSeconds(pid) - before) / urls.length) * 1e6;
    };
    const floor: number[] = [];
    const notModified: number[] = [];
    const full: number[] = [];
    const rendered: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      floor.push(await cost(bare.child.pid!, same(bare.url)));
      notModified.push(await cost(app.child.pid!, same(page), { 'if-none-match': etag }, 304));
      full.push(await cost(app.child.pid!, same(page)));
      rendered.push(await cost(app.child.pid!, fresh()));
    }
    const [cFloor, c304, cFull, cRender] = [floor, notModified, full, rendered].map((xs) => median(xs, (x) => x)) as [
      number,
      number,
      number,
      number,
    ];
    console.log(
      `/country/armenia server CPU per request: 304 ${c304.toFixed(0)} µs | page rendered ${cRender.toFixed(0)} µs | page from the rendered cache ${cFull.toFixed(0)} µs | bare server's fixed string ${cFloor.toFixed(0)} µs`,
    );
    // "A full page" is one the server makes: the cost a 304 spares. A page from the rendered cache is itself
    // little more than the request's own cost (the bare server's line), so that ratio is told, not judged.
    console.log(`${c304 <= 0.3 * cRender ? 'PASS' : 'MISS'} a 304 costs at most 0.3x a full page: ${(c304 / cRender).toFixed(2)}x`);
    console.log(`info a 304 against a page from the rendered cache: ${(c304 / cFull).toFixed(2)}x`);
  } finally {
    app.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    await once(app.child, 'close');
    rmSync(dir, { recursive: true, force: true });
  }
}
