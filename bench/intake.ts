// Intake bench: `blocwatch poll --force`, the shipped program (dist/, built here when stale) with its
// reader threads, in a child process, against a local news server in another (bench/intake-server.ts)
// with 500 feeds × 20 items. What runs is what the bot runs: the bundle esbuild makes, not the sources
// through tsx, whose loader thread and helpers would add ~40 MB and ~10% CPU that no deployment pays.
//   (1) a pass where every feed answers 304 (median of several, each a whole `blocwatch poll` from
//       start to exit; target ≤ 5 s),
//   (2) a first pass drafting every item (sources added with backfill 20): articles/s (target ≥ 100/s)
//       and the ratio against a bare loop over the same pages — node:http GET + linkedom + Readability at
//       the same concurrency, in a child process (bench/intake-bare.ts) — measured before and after it
//       in the same run (target ≥ 0.7×),
//   (3) the first pass's peak RSS (VmHWM of its process, reader threads included; target ≤ 300 MB),
//   (4) a 304 pass with one never-answering host among the feeds (target: adds at most the timeout).
// Run: npm run bench -- intake   (BENCH_FEEDS, BENCH_304_PASSES to vary)
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src/core.ts';
import { normalizeUrl } from '../src/intake/pipeline/parts.ts';
import { IntakeService } from '../src/intake/pipeline/service.ts';
import { IRRELEVANT_EVERY, startNewsServer } from './intake-server.ts';
import { stats } from './stats.ts';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 500);
const ITEMS = 20;
const PASSES_304 = Number(process.env.BENCH_304_PASSES ?? 5);
/** The service's default: sources polled side by side, each feed's items one after another. */
const CONCURRENCY = 8;
const TIMEOUT_MS = 5_000;
const ROOT = join(import.meta.dirname, '..');

/** The bare loop over every article page, in its own process: its time and how many pages it parsed. */
function bareLoop(origin: string): Promise<{ ms: number; parsed: number }> {
  const args = ['--import', 'tsx', join(import.meta.dirname, 'intake-bare.ts'), origin, String(FEEDS), String(ITEMS), String(CONCURRENCY)];
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout)))),
  );
}

interface PollRun {
  ms: number;
  /** Peak resident memory of the process, reader threads included. */
  peakMb: number;
  /** One line per source: "#id name: …". */
  lines: string[];
}

/** One `blocwatch poll --force` on the bench database, timed from start to exit. */
function poll(db: string): Promise<PollRun> {
  const env = {
    ...process.env,
    DATABASE_PATH: db,
    INTAKE_ALLOW_PRIVATE: 'true',
    INTAKE_TIMEOUT_MS: String(TIMEOUT_MS),
    INTAKE_MAX_BYTES: '2000000',
    LOG_LEVEL: 'error',
  };
  const t = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'blocwatch.js'), 'poll', '--force'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  // VmHWM is the process's own high-water mark: sampled until it exits, the last reading is the peak.
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? peakKb);
    } catch {
      // Exited between two readings.
    }
  }, 20);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sampler);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (code !== 0) reject(new Error(`blocwatch poll exited ${code}:\n${out}`));
      else resolve({ ms, peakMb: peakKb / 1024, lines: out.split('\n').filter((l) => l.startsWith('#')) });
    });
  });
}

/** Sums "N new item(s), D draft(s), M merged" over the sources' lines; anything else is a failure. */
function tally(lines: string[]) {
  const sum = { articles: 0, drafts: 0, merged: 0, failed: 0, notModified: 0 };
  for (const line of lines) {
    const m = /: (\d+) new item\(s\), (\d+) draft\(s\), (\d+) merged$/.exec(line);
    if (m) {
      sum.articles += Number(m[1]);
      sum.drafts += Number(m[2]);
      sum.merged += Number(m[3]);
    } else if (line.endsWith(': not modified')) sum.notModified++;
    else sum.failed++;
  }
  return sum;
}

const secs = (msec: number) => `${(msec / 1000).toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

export async function benchIntake(): Promise<void> {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--if-stale'], { stdio: 'inherit' });
  const load = loadavg();
  const server = await startNewsServer(ITEMS);
  const dir = mkdtempSync(join(tmpdir(), 'blocwatch-bench-intake-'));
  const db = join(dir, 'intake.db');
  /** Sources go in through the service, as `/source add` puts them; the database is closed before a poll. */
  const addSources = async (sources: { url: string; name: string; backfill: number }[]) => {
    const core = await openCore(db);
    try {
      const intake = new IntakeService(core, {
        limits: { timeoutMs: TIMEOUT_MS, maxBytes: 2_000_000, allowPrivate: true },
        owner: 'bench',
      });
      for (const s of sources)
        await intake.sources.add({ ...s, urlKey: normalizeUrl(s.url), countries: [], blocs: [], addedBy: 'bench' }, core.now());
    } finally {
      await core.close();
    }
  };
  try {
    await addSources(Array.from({ length: FEEDS }, (_, f) => ({ url: server.feedUrl(f), name: `Outlet ${f}`, backfill: ITEMS })));

    const bareBefore = await bareLoop(server.origin);
    const first = await poll(db);
    const bareAfter = await bareLoop(server.origin);
    const sum = tally(first.lines);

    const notModified: number[] = [];
    for (let k = 0; k < PASSES_304; k++) {
      const r = await poll(db);
      if (tally(r.lines).notModified !== FEEDS) throw new Error(`a feed did not answer 304:\n${r.lines.join('\n')}`);
      notModified.push(r.ms);
    }
    await addSources([{ url: `${server.hangOrigin}/feed.xml`, name: 'Never answers', backfill: 0 }]);
    const hang = await poll(db);
    const hung = hang.lines.find((l) => l.includes(' Never answers: '));

    const bareMs = (bareBefore.ms + bareAfter.ms) / 2; // the median of two
    const rate = (sum.articles / first.ms) * 1000;
    const bareRate = (sum.articles / bareMs) * 1000;
    const ratio = bareMs / first.ms;
    const m304 = stats(notModified).median;
    const hangBudget = m304 + TIMEOUT_MS;
    const hangFailed = Boolean(hung?.includes(': failed: '));
    console.log(
      `intake pipeline (blocwatch poll --force): ${FEEDS} feeds × ${ITEMS} items, concurrency ${CONCURRENCY}, timeout ${TIMEOUT_MS} ms; ` +
        `load average at start ${load.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    console.log(
      `  first pass: ${sum.articles} articles in ${secs(first.ms)} = ${rate.toFixed(0)} articles/s; ${sum.drafts} drafts, ` +
        `${sum.merged} merged, ${sum.articles - sum.drafts - sum.merged} not drafted ` +
        `(1 in ${IRRELEVANT_EVERY} irrelevant by design: ${Math.floor(sum.articles / IRRELEVANT_EVERY)}), ${sum.failed} feeds failed`,
    );
    console.log(
      `  bare GET + linkedom + Readability (child process): ${secs(bareBefore.ms)} before, ${secs(bareAfter.ms)} after ` +
        `(median ${secs(bareMs)}, ${bareRate.toFixed(0)} pages/s, ${bareBefore.parsed} parsed)`,
    );
    console.log(`  304 passes: ${notModified.map(secs).join(', ')} (median ${secs(m304)})`);
    console.log(`  304 pass + 1 never-answering host: ${secs(hang.ms)} (${hung ?? 'no line for it'})`);
    console.log(`  peak RSS of the first pass ${first.peakMb.toFixed(0)} MB; of a 304 pass ${hang.peakMb.toFixed(0)} MB`);
    console.log(`${verdict(m304 <= 5_000)} 304 pass <= 5 s (median ${secs(m304)})`);
    console.log(`${verdict(rate >= 100)} first pass >= 100 articles/s (${rate.toFixed(0)})`);
    console.log(`${verdict(ratio >= 0.7)} first pass >= 0.7x bare fetch+Readability loop (${ratio.toFixed(2)}x)`);
    // No reading (no /proc here) is no measurement, not a pass.
    const peak = first.peakMb > 0 ? `${first.peakMb.toFixed(0)} MB` : 'not measured: no /proc';
    console.log(`${verdict(first.peakMb > 0 && first.peakMb <= 300)} peak RSS <= 300 MB (${peak})`);
    console.log(
      `${verdict(hang.ms <= hangBudget && hangFailed)} never-answering host adds <= the timeout ` +
        `(${secs(hang.ms - m304)} added, timeout ${secs(TIMEOUT_MS)})`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchIntake();
