// The news server of the intake bench, in a child process so that neither its event loop nor its memory
// is the pipeline's: 500 feeds × 20 items whose article pages are the five seed pages of the intake
// tests, each made its own story (headline, lead paragraph with its own words and date, URL, publication
// date, two paragraphs swapped), and one item in twenty a page about nothing tracked. A second port
// accepts connections and never answers. Pages are built on request, so the server holds no 10,000 pages.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITIES } from '../src/dataset/entities.ts';
import { buildMatcher, trackedEntitiesFrom } from '../src/intake/article/index.ts';

const PAGES_DIR = join(import.meta.dirname, '..', 'tests', 'intake', 'fixtures', 'pages');
export const IRRELEVANT_EVERY = 20;

// Plain JS, run with `node -e` (outside tsx). Everything is deterministic in the item number.
const SERVER_SOURCE = String.raw`
const http = require('node:http');
let cfg;
const MONTHS = ['January','February','March','April','May','June','July','August','September','October','November','December'];
function rng(seed) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const pick = (r, n) => Array.from({ length: n }, () => cfg.pool[Math.floor(r() * cfg.pool.length)]);
const cap = (s) => s[0].toUpperCase() + s.slice(1);
function published(n) {
  // A first pass reads each feed's newest items: all from the same ten days, so only their words keep
  // stories apart (sameStory's date test does not).
  return new Date(Date.UTC(2026, 10, 1) + ((n * 37) % 240) * 3600000 + (n % 60) * 60000);
}
function titleOf(n, r) { return 'Armenia and the CSTO: ' + cap(pick(r, 6).join(' ')); }
function esc(s) { return s.replace(/&/g, '&amp;').replace(/</g, '&lt;'); }
function relevantPage(n) {
  const r = rng(n + 1);
  const seed = cfg.seeds[n % cfg.seeds.length];
  const title = titleOf(n, r);
  const at = published(n);
  const iso = at.toISOString().replace('.000Z', 'Z');
  const human = MONTHS[at.getUTCMonth()] + ' ' + at.getUTCDate() + ', ' + at.getUTCFullYear();
  // The headline's words recur in the lead, as in news writing: the summary is drawn from it.
  const t = title.slice('Armenia and the CSTO: '.length).toLowerCase().split(' ');
  const standfirst = 'Armenia ' + pick(r, 12).join(' ') + ' as the CSTO watches.';
  const lead =
    '<p>YEREVAN — On ' + human + ', Armenia ' + t.slice(0, 3).join(' ') + ' ' + pick(r, 7).join(' ') + ' with the CSTO.</p>' +
    '<p>Armenia ' + t.slice(3).join(' ') + ' ' + pick(r, 9).join(' ') + ', the CSTO said.</p>' +
    '<p>Armenia ' + pick(r, 10).join(' ') + ' before the CSTO meeting.</p>';
  let html = seed
    .replace(/<title>[^<]*<\/title>/, '<title>' + esc(title) + '</title>')
    .replace(/(og:title" content=")[^"]*"/, '$1' + esc(title) + '"')
    .replace(/("headline": ")[^"]*"/, '$1' + esc(title) + '"')
    .replace(/(<h1[^>]*>)[^<]*(<\/h1>)/, '$1' + esc(title) + '$2')
    // The standfirst tells the story too: this item's own.
    .replace(/(<p class="(?:lead|standfirst)[^"]*">)[\s\S]*?(<\/p>)/, '$1' + standfirst + '$2')
    .replace(/((?:og:description|name="description") content=")[^"]*"/g, '$1' + standfirst + '"')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})/g, iso);
  // Two of the article's paragraphs change places.
  const paras = html.match(/<p>[\s\S]*?<\/p>/g) || [];
  if (paras.length > 4) {
    const a = 1 + Math.floor(r() * (paras.length - 1));
    const b = 1 + Math.floor(r() * (paras.length - 1));
    let i = 0;
    html = html.replace(/<p>[\s\S]*?<\/p>/g, () => { const k = i++; return paras[k === a ? b : k === b ? a : k]; });
  }
  const first = html.indexOf('<p>', html.indexOf('</h1>'));
  return html.slice(0, first) + lead + html.slice(first);
}
function irrelevantPage(n) {
  const r = rng(n + 1);
  const title = cap(pick(r, 7).join(' '));
  const paras = Array.from({ length: 8 }, () => '<p>' + cap(pick(r, 14).join(' ')) + '. ' + cap(pick(r, 12).join(' ')) + '.</p>').join('\n');
  return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>' + title + ' | Garden Weekly</title>' +
    '<meta property="og:site_name" content="Garden Weekly"><meta property="article:published_time" content="' + published(n).toISOString() + '"></head>' +
    '<body><header><nav><a href="/">Home</a> <a href="/seeds">Seeds</a> <a href="/tools">Tools</a></nav></header><main><article><h1>' + title +
    '</h1><div class="byline">By Staff</div>' + paras + '</article></main><footer><p>© Garden Weekly. All rights reserved.</p></footer></body></html>';
}
function feed(f) {
  let xml = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet ' + f + '</title><link>' + cfg.origin + '/</link><description>Bench outlet</description>';
  for (let i = 0; i < cfg.items; i++) {
    const n = f * cfg.items + i;
    const url = cfg.origin + '/a/' + f + '/' + i;
    const title = n % cfg.irrelevantEvery === cfg.irrelevantEvery - 1 ? 'Garden notes ' + n : titleOf(n, rng(n + 1));
    xml += '<item><title>' + esc(title) + '</title><link>' + url + '</link><guid isPermaLink="false">bench-' + n + '</guid><pubDate>' +
      published(n).toUTCString() + '</pubDate><description>Item ' + n + '</description></item>';
  }
  return Buffer.from(xml + '</channel></rss>');
}
const server = http.createServer((req, res) => {
  const m = /^\/(feeds|a)\/(\d+)(?:\/(\d+))?$/.exec(req.url);
  if (!m) { res.writeHead(404); res.end(); return; }
  const f = Number(m[2]);
  if (m[1] === 'feeds') {
    const etag = '"feed-' + f + '-v1"';
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }); res.end(); return; }
    const body = feed(f);
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'content-length': body.length });
    res.end(body);
    return;
  }
  const n = f * cfg.items + Number(m[3]);
  const body = Buffer.from(n % cfg.irrelevantEvery === cfg.irrelevantEvery - 1 ? irrelevantPage(n) : relevantPage(n));
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 5000;
const hang = http.createServer(() => {}); // accepts, reads the request, never answers
process.on('message', (m) => {
  if (m.type === 'close') { server.closeAllConnections(); hang.closeAllConnections(); process.exit(0); }
  cfg = m;
  server.listen(0, '127.0.0.1', () => hang.listen(0, '127.0.0.1', () => {
    cfg.origin = 'http://127.0.0.1:' + server.address().port;
    process.send({ origin: cfg.origin, hangOrigin: 'http://127.0.0.1:' + hang.address().port });
  }));
});
`;

export interface NewsServer {
  origin: string;
  hangOrigin: string;
  feedUrl(f: number): string;
  articleUrl(f: number, i: number): string;
  close(): Promise<void>;
}

/** Words of the seed texts that name nothing tracked: the stuff of each item's own headline and lead. */
function wordPool(): string[] {
  const matcher = buildMatcher(trackedEntitiesFrom(ENTITIES));
  const calendar =
    /^(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow)$/;
  const words = new Set<string>();
  for (const f of readdirSync(PAGES_DIR).filter((n) => /^seed-\d+\.txt$/.test(n))) {
    for (const w of readFileSync(join(PAGES_DIR, f), 'utf8')
      .toLowerCase()
      .match(/\b[a-z]{5,}\b/g) ?? []) {
      if (calendar.test(w)) continue;
      // Country and bloc names stay out of the filler; a leader's name may stay, as in news.
      const named = (t: string) => matcher.spans(t).some((s) => !s.leader);
      if (named(w) || named(w[0]!.toUpperCase() + w.slice(1))) continue;
      words.add(w);
    }
  }
  return [...words].sort();
}

export async function startNewsServer(items: number): Promise<NewsServer> {
  const seeds = readdirSync(PAGES_DIR)
    .filter((f) => /^00[0-4]-.*\.html$/.test(f))
    .sort()
    .map((f) => readFileSync(join(PAGES_DIR, f), 'utf8'));
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send({ seeds, pool: wordPool(), items, irrelevantEvery: IRRELEVANT_EVERY });
  const { origin, hangOrigin } = await new Promise<{ origin: string; hangOrigin: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { origin: string; hangOrigin: string }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`news server exited (${code})`)));
  });
  return {
    origin,
    hangOrigin,
    feedUrl: (f) => `${origin}/feeds/${f}`,
    articleUrl: (f, i) => `${origin}/a/${f}/${i}`,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'close' });
      }),
  };
}
