// Intake bench: the real pipeline (IntakeService: poll, fetch, extract, match, store drafts in SQLite)
// against a local news server in a child process (bench/intake-server.ts) with 500 feeds × 20 items.
//   (1) a pass where every feed answers 304 (median of several; target ≤ 5 s),
//   (2) a first pass drafting every item (sources added with backfill 20), with the pages read on reader
//       threads as the bot reads them: articles/s (target ≥ 100/s) and the ratio against a bare loop over
//       the same pages — node:http GET + linkedom + Readability at the same concurrency, in a child
//       process (bench/intake-bare.ts) — measured before and after it in the same run (target ≥ 0.7×),
//   (3) the peak RSS of this process, reader threads included, sampled on an interval (target ≤ 300 MB);
//       the bare loop's heap is its own process's, not counted here,
//   (4) a 304 pass with one never-answering host among the feeds (target: adds at most the timeout).
// Run: npm run bench -- intake   (BENCH_FEEDS, BENCH_304_PASSES to vary)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src/core.ts';
import { normalizeUrl, ReaderPool } from '../src/intake/pipeline/parts.ts';
import { IntakeService } from '../src/intake/pipeline/service.ts';
import { IRRELEVANT_EVERY, startNewsServer } from './intake-server.ts';
import { stats } from './stats.ts';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 500);
const ITEMS = 20;
const PASSES_304 = Number(process.env.BENCH_304_PASSES ?? 5);
/** The service's default: sources polled side by side, each feed's items one after another. */
const CONCURRENCY = 8;
const TIMEOUT_MS = 5_000;

/** The bare loop over every article page, in its own process: its time and how many pages it parsed. */
function bareLoop(origin: string): Promise<{ ms: number; parsed: number }> {
  const args = ['--import', 'tsx', join(import.meta.dirname, 'intake-bare.ts'), origin, String(FEEDS), String(ITEMS), String(CONCURRENCY)];
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout)))),
  );
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const r = await fn();
  return [Number(process.hrtime.bigint() - t) / 1e6, r];
}

const secs = (msec: number) => `${(msec / 1000).toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

export async function benchIntake(): Promise<void> {
  // The whole process's peak (reader threads included), and the peak while the first pass runs.
  let peakRss = process.memoryUsage().rss;
  let pipelineRss = 0;
  let inPipeline = false;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    if (inPipeline) pipelineRss = Math.max(pipelineRss, rss);
  }, 25);
  const load = loadavg();
  const server = await startNewsServer(ITEMS);
  const dir = mkdtempSync(join(tmpdir(), 'blocwatch-bench-intake-'));
  const limits = { timeoutMs: TIMEOUT_MS, maxBytes: 2_000_000, allowPrivate: true };
  const core = openCore(join(dir, 'intake.db'), { settings: { intake: limits } });
  // Pages read on reader threads, as the bot's scheduled passes read them (src/intake/pipeline/start.ts).
  const reader = new ReaderPool({ timeoutMs: TIMEOUT_MS });
  try {
    const intake = new IntakeService(core, { limits, concurrency: CONCURRENCY, owner: 'bench', reader });
    const addSource = (url: string, name: string, backfill: number) =>
      intake.sources.add({ url, urlKey: normalizeUrl(url), name, countries: [], blocs: [], backfill, addedBy: 'bench' }, core.now());
    for (let f = 0; f < FEEDS; f++) addSource(server.feedUrl(f), `Outlet ${f}`, ITEMS);

    const bareBefore = await bareLoop(server.origin);
    inPipeline = true;
    const [firstMs, first] = await timed(() => intake.pass({ force: true }));
    inPipeline = false;
    const bareAfter = await bareLoop(server.origin);
    const articles = first.polled.reduce((a, p) => a + p.newItems, 0);
    const merged = first.polled.reduce((a, p) => a + p.merged.length, 0);
    const failed = first.polled.filter((p) => p.status !== 'ok').length;
    const itemErrors = first.polled.reduce((a, p) => a + p.itemErrors.length, 0);
    const withEvent = first.drafted.filter((d) => d.eventId !== null).length;

    inPipeline = true;
    const notModified: number[] = [];
    for (let k = 0; k < PASSES_304; k++) {
      const [t, r] = await timed(() => intake.pass({ force: true }));
      if (r.polled.some((p) => p.status !== 'not_modified')) throw new Error('a feed did not answer 304');
      notModified.push(t);
    }
    addSource(`${server.hangOrigin}/feed.xml`, 'Never answers', 0);
    const [hangMs, hang] = await timed(() => intake.pass({ force: true }));
    const hung = hang.polled.find((p) => p.name === 'Never answers');
    clearInterval(sampler);

    const bareMs = (bareBefore.ms + bareAfter.ms) / 2; // the median of two
    const rate = (articles / firstMs) * 1000;
    const bareRate = (articles / bareMs) * 1000;
    const ratio = bareMs / firstMs;
    const m304 = stats(notModified).median;
    const hangBudget = m304 + TIMEOUT_MS;
    const mb = peakRss / 1_048_576;
    console.log(
      `intake pipeline: ${FEEDS} feeds × ${ITEMS} items, concurrency ${CONCURRENCY}, timeout ${TIMEOUT_MS} ms; ` +
        `load average at start ${load.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    console.log(
      `  first pass: ${articles} articles in ${secs(firstMs)} = ${rate.toFixed(0)} articles/s; ${first.drafted.length} drafts ` +
        `(${withEvent} on a published event), ${merged} merged, ${articles - first.drafted.length - merged} not drafted ` +
        `(1 in ${IRRELEVANT_EVERY} irrelevant by design: ${Math.floor(articles / IRRELEVANT_EVERY)}), ${failed} feeds failed, ${itemErrors} item errors`,
    );
    console.log(
      `  bare GET + linkedom + Readability (child process): ${secs(bareBefore.ms)} before, ${secs(bareAfter.ms)} after ` +
        `(median ${secs(bareMs)}, ${bareRate.toFixed(0)} pages/s, ${bareBefore.parsed} parsed)`,
    );
    console.log(`  304 passes: ${notModified.map(secs).join(', ')} (median ${secs(m304)})`);
    console.log(`  304 pass + 1 never-answering host: ${secs(hangMs)} (its poll: ${hung?.status} ${hung?.error ?? ''})`);
    console.log(
      `  peak RSS ${mb.toFixed(0)} MB (while the pipeline ran: ${(pipelineRss / 1_048_576).toFixed(0)} MB); ` +
        `reader threads replaced: ${reader.replaced}${reader.broken ? ', threads could not start: read on the main thread' : ''}`,
    );
    console.log(`${verdict(m304 <= 5_000)} 304 pass <= 5 s (median ${secs(m304)})`);
    console.log(`${verdict(rate >= 100)} first pass >= 100 articles/s (${rate.toFixed(0)})`);
    console.log(`${verdict(ratio >= 0.7)} first pass >= 0.7x bare fetch+Readability loop (${ratio.toFixed(2)}x)`);
    console.log(`${verdict(mb <= 300)} peak RSS <= 300 MB (${mb.toFixed(0)} MB)`);
    console.log(
      `${verdict(hangMs <= hangBudget && hung?.status === 'failed')} never-answering host adds <= the timeout ` +
        `(${secs(hangMs - m304)} added, timeout ${secs(TIMEOUT_MS)})`,
    );
  } finally {
    clearInterval(sampler);
    await reader.close();
    core.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchIntake();
