// Intake fetch bench: a local server (in a worker thread, its own event loop) with 500 feeds × 20 items.
// Measures, with bounded concurrency and next to a bare node:http GET loop in the same run:
//   - a pass where every feed answers 304 (target ≤ 5 s),
//   - a first pass fetching and parsing every feed,
//   - the same first pass with one host that never answers (should add at most the timeout).
// Run: node --import tsx bench/intake-fetch.ts   (BENCH_FEEDS, BENCH_PASSES, BENCH_CONCURRENCY to vary)
import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { parseFeed as feedsmithParse } from 'feedsmith';
import { fetchFeed, mapLimit } from '../src/intake/net/index.ts';
import type { FetchLimits } from '../src/intake/types.ts';
import { ms, stats } from './stats.ts';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 500);
const ITEMS = 20;
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const HANG_TIMEOUT_MS = 2_000;

// Plain JS: the worker is started from source text, outside tsx.
const SERVER_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { feeds, items } = workerData;
const bodies = [];
for (let f = 0; f < feeds; f++) {
  let xml = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed ' + f + '</title><link>http://127.0.0.1/</link><description>Bench feed</description>';
  for (let i = 0; i < items; i++) {
    const day = String(1 + ((f + i) % 28)).padStart(2, '0');
    xml += '<item><title>Armenia and the CSTO, report ' + f + '-' + i + '</title><link>/articles/' + f + '/' + i + '</link>' +
      '<guid isPermaLink="false">f' + f + 'i' + i + '</guid><pubDate>Mon, ' + day + ' Nov 2025 10:00:00 GMT</pubDate><dc:creator>Desk</dc:creator>' +
      '<description>' + 'Armenian Prime Minister Nikol Pashinyan said on Monday that Yerevan would not attend the summit of the Collective Security Treaty Organization. '.repeat(6) + '</description></item>';
  }
  bodies.push(Buffer.from(xml + '</channel></rss>'));
}
const server = http.createServer((req, res) => {
  if (req.url === '/hang') return; // accepts, never answers
  const f = Number(req.url.slice('/feeds/'.length));
  const etag = '"f' + f + '-v1"';
  if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }); res.end(); return; }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'content-length': bodies[f].length });
  res.end(bodies[f]);
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', (m) => { if (m === 'close') { server.closeAllConnections(); server.close(() => process.exit(0)); } });
`;

function startServerWorker(): Promise<{ port: number; worker: Worker }> {
  const worker = new Worker(SERVER_SOURCE, { eval: true, workerData: { feeds: FEEDS, items: ITEMS } });
  return new Promise((resolve, reject) => {
    worker.once('message', (port: number) => resolve({ port, worker }));
    worker.once('error', reject);
  });
}

/**
 * The baseline: node:http GET, body collected, nothing else. `fresh` opens a new connection per request
 * as safeFetch does (its address check needs each socket's own connect); otherwise the default
 * keep-alive agent reuses them.
 */
function bareGet(url: string, etag?: string, fresh = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const options = { headers: etag ? { 'if-none-match': etag } : {}, ...(fresh ? { agent: false } : {}) };
    const req = http.get(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function benchIntakeFetch(): Promise<void> {
  const { port, worker } = await startServerWorker();
  const origin = `http://127.0.0.1:${port}`;
  const urls = Array.from({ length: FEEDS }, (_, f) => `${origin}/feeds/${f}`);
  const limits: FetchLimits = { timeoutMs: 15_000, maxBytes: 5_242_880, allowPrivate: true };
  let peakRss = process.memoryUsage().rss;
  const trackRss = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };

  // Validators from one first pass, as the poller would have stored them.
  const etags = new Map<string, string>();
  const firstPass = () =>
    mapLimit(urls, CONCURRENCY, async (url) => {
      const result = await fetchFeed(url, limits, {});
      if (result.feed?.items.length !== ITEMS) throw new Error(`${url}: expected ${ITEMS} items`);
      if (result.etag) etags.set(url, result.etag);
      trackRss();
    });
  const notModifiedPass = () =>
    mapLimit(urls, CONCURRENCY, async (url) => {
      const result = await fetchFeed(url, limits, { etag: etags.get(url) ?? '' });
      if (!result.notModified) throw new Error(`${url}: expected 304`);
    });
  const bareFirstPass = () => mapLimit(urls, CONCURRENCY, (url) => bareGet(url));
  const bare304Pass = () => mapLimit(urls, CONCURRENCY, (url) => bareGet(url, etags.get(url)));
  const freshFirstPass = () => mapLimit(urls, CONCURRENCY, (url) => bareGet(url, undefined, true));
  const fresh304Pass = () => mapLimit(urls, CONCURRENCY, (url) => bareGet(url, etags.get(url), true));
  // The same GET plus feedsmith on the body: what any parse-the-feed loop would pay.
  const bareParsePass = () => mapLimit(urls, CONCURRENCY, async (url) => feedsmithParse((await bareGet(url)).toString('utf8')));

  await firstPass(); // warm-up, and fills the validators
  await bareFirstPass();

  const runs = {
    first: [] as number[],
    bareFirst: [] as number[],
    freshFirst: [] as number[],
    bareParse: [] as number[],
    notModified: [] as number[],
    bareNotModified: [] as number[],
    freshNotModified: [] as number[],
  };
  for (let pass = 0; pass < PASSES; pass++) {
    // Interleaved, so machine noise hits all alike.
    runs.first.push(await timed(firstPass));
    runs.bareFirst.push(await timed(bareFirstPass));
    runs.freshFirst.push(await timed(freshFirstPass));
    runs.bareParse.push(await timed(bareParsePass));
    runs.notModified.push(await timed(notModifiedPass));
    runs.bareNotModified.push(await timed(bare304Pass));
    runs.freshNotModified.push(await timed(fresh304Pass));
  }

  // One host that never answers, among the 500: it holds one slot for the timeout, the rest go on.
  const withHang = [`${origin}/hang`, ...urls];
  const hangLimits: FetchLimits = { ...limits, timeoutMs: HANG_TIMEOUT_MS };
  const hangPass = await timed(() =>
    mapLimit(withHang, CONCURRENCY, async (url) => {
      await fetchFeed(url, hangLimits, {}).catch((err: { code?: string }) => {
        if (err.code !== 'timeout') throw err;
      });
    }),
  );

  worker.postMessage('close');
  await new Promise((resolve) => worker.once('exit', resolve));

  const median = (xs: number[]) => stats(xs).median;
  const line = (label: string, ours: number[], baselines: Array<[string, number[]]>) => {
    const o = median(ours);
    const against = baselines.map(([name, xs]) => `${name} ${ms(median(xs))} (${(o / median(xs)).toFixed(2)}×)`).join(' · ');
    console.log(`  ${label.padEnd(28)} ${ms(o).padStart(11)}  ${Math.round((FEEDS / o) * 1000)} feeds/s  vs ${against}`);
  };
  console.log(`intake fetch: ${FEEDS} feeds × ${ITEMS} items, concurrency ${CONCURRENCY}, median of ${PASSES} passes`);
  line('304 pass (target ≤ 5 s)', runs.notModified, [
    ['bare GET keep-alive', runs.bareNotModified],
    ['bare GET new conn', runs.freshNotModified],
  ]);
  line('first pass (fetch + parse)', runs.first, [
    ['bare GET keep-alive', runs.bareFirst],
    ['bare GET new conn', runs.freshFirst],
    ['bare GET + feedsmith', runs.bareParse],
  ]);
  const firstMedian = median(runs.first);
  const budget = firstMedian + HANG_TIMEOUT_MS;
  console.log(
    `  first pass + 1 never-answering host: ${ms(hangPass)} (budget: median first pass + ${HANG_TIMEOUT_MS} ms timeout = ` +
      `${ms(budget)}: ${hangPass <= budget ? 'within' : 'OVER'})`,
  );
  console.log(`  peak RSS ${(peakRss / 1_048_576).toFixed(0)} MB`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchIntakeFetch();
