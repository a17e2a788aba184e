// The corpus served as the web serves news: one RSS feed per outlet and an HTML page per article, in
// the shapes real outlets use. Outlets differ in what their pages say about themselves (Open Graph
// tags or only <h1> and <title>, a rubric above the headline, a dateline, the date as text only), so
// the pipeline meets what it meets in the wild. Which shape an outlet gets is fixed by its name.
// With `jitter`, each answer waits a pseudo-random while, so reads finish in another order each run.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CorpusArticle } from './corpus.ts';

export interface ServedArticle extends CorpusArticle {
  /** Path of its page on the site: /<outlet slug>/<n>. */
  path: string;
}

export interface Outlet {
  name: string;
  slug: string;
  articles: ServedArticle[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'outlet';

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The outlets of a set of articles, each article given its path; order and paths follow the input. */
export function outletsOf(articles: CorpusArticle[]): Outlet[] {
  const byName = new Map<string, Outlet>();
  for (const a of articles) {
    let o = byName.get(a.outlet);
    if (!o) {
      let slug = slugOf(a.outlet);
      while ([...byName.values()].some((x) => x.slug === slug)) slug += '-x';
      o = { name: a.outlet, slug, articles: [] };
      byName.set(a.outlet, o);
    }
    o.articles.push({ ...a, path: `/${o.slug}/${o.articles.length + 1}` });
  }
  return [...byName.values()];
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Page shapes: 0 Open Graph and article:published_time; 1 <h1> and <time> only, a rubric above the
 * headline; 2 no machine-readable date at all, only "4 July 2024, 10:51" as text under the headline. */
export function pageOf(a: ServedArticle, outlet: Outlet): string {
  const shape = fnv1a(outlet.name) % 3;
  const day = a.published.slice(0, 10);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const humanDate = `${d} ${MONTHS_EN[m - 1]} ${y}, ${a.published.slice(11, 16)}`;
  const paragraphs = a.paragraphs.map((p, i) => (i === 0 && a.dateline ? `${a.dateline} (${outlet.name}) – ${p}` : p));
  const head = [
    '<meta charset="utf-8">',
    `<title>${esc(a.headline)} | ${esc(outlet.name)}</title>`,
    shape === 0 ? `<meta property="og:site_name" content="${esc(outlet.name)}">` : '',
    shape === 0 ? `<meta property="og:title" content="${esc(a.headline)}">` : '',
    shape === 0 ? `<meta property="article:published_time" content="${esc(a.published)}">` : '',
  ].filter(Boolean);
  const kicker = a.kicker ? `<div class="rubric"><a href="/${outlet.slug}/section">${esc(a.kicker)}</a></div>` : '';
  const dateLine =
    shape === 2
      ? `<div class="date">${esc(humanDate)}</div>`
      : `<p class="meta"><time datetime="${esc(a.published)}">${esc(day)}</time></p>`;
  return `<!doctype html>
<html lang="${a.lang === 'rus' ? 'ru' : a.lang === 'hye' ? 'hy' : 'en'}"><head>${head.join('\n')}</head><body>
<header><nav><a href="/">${esc(outlet.name)}</a> <a href="/politics">Politics</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="cookie-banner" role="dialog">We use cookies. <button>Accept</button></div>
<main><article>
${kicker}
<h1>${esc(a.headline)}</h1>
${dateLine}
${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/x">Weather this week</a></li><li><a href="/y">Markets today</a></li></ul></aside>
<footer>© ${esc(outlet.name)}</footer>
</body></html>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_SHORT = MONTHS_EN.map((m) => m.slice(0, 3));
const two = (n: number) => String(n).padStart(2, '0');

/** RFC 822 in the outlet's own offset, as feeds write it ("Thu, 04 Jul 2024 10:51:00 +0600"). */
export function rfc822(published: string): string {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(published);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date(Date.parse(published) + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${two(Math.floor(Math.abs(offset) / 60))}${two(Math.abs(offset) % 60)}`;
  return `${DAYS[local.getUTCDay()]}, ${two(local.getUTCDate())} ${MONTHS_SHORT[local.getUTCMonth()]} ${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ${zone}`;
}

export function feedOf(outlet: Outlet, base: string): string {
  // Newest first, as feeds list them.
  const items = [...outlet.articles].sort((a, b) => Date.parse(b.published) - Date.parse(a.published) || a.path.localeCompare(b.path));
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${esc(outlet.name)}</title><link>${base}/${outlet.slug}/</link><description>News</description>
${items
  .map(
    (a) =>
      `<item><title>${esc(a.headline)}</title><link>${base}${a.path}</link><guid isPermaLink="true">${base}${a.path}</guid><pubDate>${rfc822(a.published)}</pubDate><description>${esc(a.paragraphs[0]!)}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export class CorpusSite {
  private server: Server | undefined;
  base = '';
  private readonly pages = new Map<string, string>();
  private readonly feeds = new Map<string, string>();
  private rng: () => number;

  constructor(
    readonly outlets: Outlet[],
    /** Delay answers by up to this many ms, pseudo-randomly from `seed` (0: answer at once). */
    private readonly jitterMs = 0,
    seed = 1,
  ) {
    let s = seed >>> 0;
    this.rng = () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const feed = this.feeds.get(path);
      const page = this.pages.get(path);
      const answer = () => {
        if (feed) res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed);
        else if (page) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
        else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      };
      if (this.jitterMs > 0) setTimeout(answer, Math.floor(this.rng() * this.jitterMs));
      else answer();
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    for (const o of this.outlets) {
      this.feeds.set(`/${o.slug}/feed.xml`, feedOf(o, this.base));
      for (const a of o.articles) this.pages.set(a.path, pageOf(a, o));
    }
    return this;
  }

  feedUrl(o: Outlet): string {
    return `${this.base}/${o.slug}/feed.xml`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
