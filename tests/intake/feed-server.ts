// A real HTTP server on 127.0.0.1 playing a set of news sites: RSS/Atom/JSON feeds whose items tests
// change between polls (with ETags, so an unchanged feed answers 304), and article pages built from
// the five seed articles wrapped in the boilerplate real sites carry (navigation, cookie banner,
// captions, "Read more", footer). Every request is counted per path.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** Copies of the five seed articles (shared/seeds), kept with the tests so a checkout needs nothing beside it. */
export const SEEDS_DIR = join(import.meta.dirname, 'fixtures', 'pages');

export interface SeedArticle {
  slug: string;
  title: string;
  paragraphs: string[];
}

/** The seeds as headline + paragraphs (the files are text copied from the article pages). */
export function seedArticles(): SeedArticle[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => /^seed-\d+\.txt$/.test(f))
    .sort()
    .map((f, i) => {
      const lines = readFileSync(join(SEEDS_DIR, f), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      // Site furniture before the headline: "Skip to content", a one-word section label ("Diplomacy").
      let skip = 0;
      while (lines[skip] === 'Skip to content' || !lines[skip]!.includes(' ')) skip++;
      return { slug: `seed-${i}`, title: lines[skip]!, paragraphs: lines.slice(skip + 1) };
    });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function articlePage(a: { title: string; paragraphs: string[] }, outlet: string, publishedAt: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${esc(a.title)} | ${esc(outlet)}</title>
<meta property="og:site_name" content="${esc(outlet)}">
<meta property="og:title" content="${esc(a.title)}">
<meta property="article:published_time" content="${publishedAt}">
<script>window.dataLayer = [{"page": "article"}];</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav></header>
<div class="cookie-banner" role="dialog">We use cookies to improve your experience on our site. <button>Accept all cookies</button></div>
<main><article>
<h1>${esc(a.title)}</h1>
<p class="byline">By Staff Reporter · <time datetime="${publishedAt}">${publishedAt.slice(0, 10)}</time></p>
<figure><img src="/img/lead.jpg" alt=""><figcaption>Officials meet in Yerevan on 3 March 2019. Photo: Agency</figcaption></figure>
${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<p><a href="/more">Read more</a></p>
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Ten things about the weather</a></li><li><a href="/b">Football results</a></li></ul></aside>
<footer>© 2026 ${esc(outlet)}. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>`;
}

export interface FeedItemSpec {
  guid?: string;
  /** Path of the article on this server ('/a/seed-0'), or a full URL. */
  link: string;
  title: string;
  description?: string;
  publishedAt: string;
}

export interface FeedSpec {
  title: string;
  format?: 'rss' | 'atom' | 'json';
  items: FeedItemSpec[];
}

export type Route = { status: number; type?: string; body: string } | FeedSpec;

export class NewsServer {
  readonly routes = new Map<string, Route>();
  readonly hits = new Map<string, number>();
  /** Paths whose requests are held until released (a host that never answers). */
  readonly stalled = new Set<string>();
  private server: Server | undefined;
  base = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  page(path: string, html: string, status = 200): void {
    this.routes.set(path, { status, type: 'text/html; charset=utf-8', body: html });
  }

  feed(path: string, spec: FeedSpec): FeedSpec {
    this.routes.set(path, spec);
    return spec;
  }

  hitsOf(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]!;
    this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
    if (this.stalled.has(path)) return;
    const route = this.routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if ('status' in route) {
      res.writeHead(route.status, { 'content-type': route.type ?? 'text/plain' }).end(route.body);
      return;
    }
    const { body, type } = renderFeed(route, this.base);
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': type, etag }).end(body);
  }
}

function renderFeed(f: FeedSpec, base: string): { body: string; type: string } {
  const abs = (link: string) => (link.startsWith('http') ? link : `${base}${link}`);
  if (f.format === 'json') {
    return {
      type: 'application/feed+json',
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: f.title,
        items: f.items.map((i) => ({
          id: i.guid ?? abs(i.link),
          url: abs(i.link),
          title: i.title,
          content_html: i.description ?? '',
          date_published: i.publishedAt,
        })),
      }),
    };
  }
  if (f.format === 'atom') {
    return {
      type: 'application/atom+xml',
      body: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(f.title)}</title><id>${esc(base)}/</id><updated>2026-11-22T00:00:00Z</updated>
${f.items.map((i) => `<entry><id>${esc(i.guid ?? abs(i.link))}</id><title>${esc(i.title)}</title><link href="${esc(abs(i.link))}"/><updated>${i.publishedAt}</updated><summary type="html">${esc(i.description ?? '')}</summary></entry>`).join('\n')}
</feed>`,
    };
  }
  return {
    type: 'application/rss+xml; charset=utf-8',
    body: `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${esc(f.title)}</title><link>${esc(base)}/</link><description>News</description>
${f.items
  .map(
    (i) =>
      `<item><title>${esc(i.title)}</title><link>${esc(abs(i.link))}</link>${i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''}<pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate><description>${esc(i.description ?? '')}</description></item>`,
  )
  .join('\n')}
</channel></rss>`,
  };
}
