// The public web's routes (WEB_ENABLED=true), mounted on the app's HTTP server (src/http/server.ts):
// pages, Atom feeds, the JSON API, charts and the stylesheet. Every answer carries the security
// headers; every successful one an ETag and Last-Modified, and a conditional request gets a 304.
import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { accepts } from 'hono/accepts';
import { chartsOf } from '../chart/index.ts';
import type { Core } from '../core.ts';
import { isoDay } from '../domain/dates.ts';
import { writeAnswer, type HttpEnv } from '../http/server.ts';
import { dataTo } from '../presentation/currency.ts';
import { eventsApi, statusApi, type ApiAnswer } from './api.ts';
import { exportedEvent } from '../domain/event-record.ts';
import { CACHE_CONTROL, isNotModified, RenderedCache, validatorsOf, type Rendered, type Validators } from './cache.ts';
import { ATOM_TYPE, atomFeed, FEED_ENTRIES } from './feed.ts';
import { toText } from './kit/html.ts';
import { notFound, type PageAnswer, type PageContext } from './pages/common.ts';
import { blocPage, countryPage } from './pages/entity.ts';
import { eventPage } from './pages/event.ts';
import { homePage } from './pages/home.ts';
import { searchPage } from './pages/search.ts';
import { searchOf } from './kit/query.ts';
import { FAVICON_SVG, STYLESHEET } from './kit/style.ts';

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** Nothing runs but our own files; no inline script or style; no one frames the pages. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

/** Paths the web answers, for the 405s of other methods there. */
export const WEB_PATHS = [
  '/',
  '/style.css',
  '/favicon.svg',
  '/feed.atom',
  '/search',
  '/country/:id',
  '/country/:id/feed.atom',
  '/bloc/:id',
  '/bloc/:id/feed.atom',
  '/event/:id',
  '/api/v1/events',
  '/api/v1/status',
  '/chart/:kind/:file',
] as const;

export interface WebOptions {
  /** PUBLIC_URL, without a trailing slash. */
  publicUrl?: string;
}

type Handler = (ctx: PageContext, c: Context<HttpEnv>) => Promise<Rendered | PageAnswer>;

interface Ready {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

interface Moment {
  tag: string;
  changedAt: string;
  today: string;
  validators: Validators;
  notModified: OutgoingHttpHeaders;
  ctx: PageContext;
}

export function webRoutes(core: Core, opts: WebOptions = {}): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  /** Answers ready to write: their headers made once, when they were rendered. */
  const cache = new RenderedCache<Ready>();
  /** What one revision on one day makes the same for every request: its validators, its 304, "data to". */
  let current: Moment | undefined;

  async function moment(): Promise<Moment> {
    const rev = await core.published.revision();
    const today = isoDay(core.now());
    if (current?.tag === rev.tag && current.today === today && current.changedAt === rev.changedAt) return current;
    const validators = validatorsOf(rev, today);
    current = {
      tag: rev.tag,
      changedAt: rev.changedAt,
      today,
      validators,
      notModified: { ...SECURITY_HEADERS, etag: validators.etag, 'last-modified': validators.lastModified, 'cache-control': CACHE_CONTROL },
      ctx: { core, base: opts.publicUrl, today, dataTo: dataTo(await core.currency.read()) },
    };
    return current;
  }

  /** The request target (path and query) as sent: the cache's key and the pages' query. */
  const targetOf = (c: Context<HttpEnv>) => c.env.incoming.url ?? c.req.path;

  function ready(r: Rendered, m: Moment): Ready {
    const headers: OutgoingHttpHeaders = { ...SECURITY_HEADERS, 'content-type': r.type, 'content-length': r.body.length, ...r.extra };
    if (r.status === 200) {
      headers.etag = m.validators.etag;
      headers['last-modified'] = m.validators.lastModified;
      headers['cache-control'] = CACHE_CONTROL;
    } else headers['cache-control'] = 'no-store';
    return { status: r.status, headers, body: r.body };
  }

  /**
   * Validators first (a 304 when they match a cached 200), then the cache, then the handler. `variant`
   * names a negotiated representation of the same target, kept apart in the cache.
   */
  function cached(handler: Handler, variant = '') {
    return async (c: Context<HttpEnv>) => {
      const m = await moment();
      const target = variant ? `${targetOf(c)}\u0000${variant}` : targetOf(c);
      const requestHeaders = c.env.incoming.headers;
      let answer = cache.get(target, m.validators.etag);
      if (!answer) {
        const made = await handler(m.ctx, c);
        if ('location' in made) {
          return writeAnswer(c, 301, { ...SECURITY_HEADERS, location: made.location, 'cache-control': CACHE_CONTROL, 'content-length': 0 });
        }
        answer = ready('html' in made ? { status: made.status, type: HTML, body: Buffer.from(toText(made.html)) } : made, m);
        if (answer.status === 200) cache.set(target, m.validators.etag, answer);
      }
      if (answer.status === 200 && isNotModified(requestHeaders, m.validators)) {
        return writeAnswer(c, 304, answer.headers.vary ? { ...m.notModified, vary: answer.headers.vary } : m.notModified);
      }
      return writeAnswer(c, answer.status, answer.headers, answer.body);
    };
  }

  const json = (a: ApiAnswer): Rendered => ({
    status: a.status,
    type: JSON_TYPE,
    body: Buffer.from(JSON.stringify(a.body)),
    extra: { 'access-control-allow-origin': '*' },
  });

  const feed = (kind?: 'country' | 'bloc'): Handler => {
    return async (ctx, c) => {
      const id = c.req.param('id');
      const about = kind && id !== undefined ? await core.entities.get(id) : undefined;
      if (kind && about?.kind !== kind) return notFound(ctx, kind, id ?? '');
      const events = await core.published.changed(about?.id, FEED_ENTRIES);
      const { changedAt } = await core.published.revision();
      const body = atomFeed({ about, events, base: ctx.base, changedAt });
      return { status: 200, type: ATOM_TYPE, body: Buffer.from(body), extra: { 'access-control-allow-origin': '*' } };
    };
  };

  /** A file that changes only with the code: its ETag is its hash. */
  const file = (body: string, type: string) => {
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
    const headers = { ...SECURITY_HEADERS, etag, 'cache-control': 'public, max-age=3600', 'content-type': type };
    const full = { ...headers, 'content-length': Buffer.byteLength(body) };
    const never = { etag, lastModified: '', lastModifiedMs: Number.POSITIVE_INFINITY };
    return (c: Context<HttpEnv>) =>
      isNotModified(c.env.incoming.headers, never) ? writeAnswer(c, 304, headers) : writeAnswer(c, 200, full, body);
  };
  app.get('/style.css', file(STYLESHEET, 'text/css; charset=utf-8'));
  app.get('/favicon.svg', file(FAVICON_SVG, 'image/svg+xml'));
  app.get(
    '/',
    cached((ctx) => homePage(ctx)),
  );
  app.get('/feed.atom', cached(feed()));
  app.get(
    '/search',
    cached((ctx, c) => searchPage(ctx, targetOf(c))),
  );
  app.get('/country/:id/feed.atom', cached(feed('country')));
  app.get('/bloc/:id/feed.atom', cached(feed('bloc')));
  app.get(
    '/country/:id',
    cached((ctx, c) => countryPage(ctx, c.req.param('id') ?? '', targetOf(c))),
  );
  app.get(
    '/bloc/:id',
    cached((ctx, c) => blocPage(ctx, c.req.param('id') ?? '', targetOf(c))),
  );
  // One address, two representations: the page, or the API's JSON for a client that asks for it.
  const vary = { vary: 'Accept' };
  const eventHtml = cached(async (ctx, c) => {
    const answer = await eventPage(ctx, c.req.param('id') ?? '');
    return 'html' in answer ? { status: answer.status, type: HTML, body: Buffer.from(toText(answer.html)), extra: vary } : answer;
  }, 'html');
  const eventJson = cached(async (_ctx, c) => {
    const id = Number(/^\d{1,12}$/.exec(c.req.param('id') ?? '')?.[0] ?? Number.NaN);
    const event = Number.isSafeInteger(id) ? await core.published.event(id) : undefined;
    const answer = json(event ? { status: 200, body: exportedEvent(event) } : { status: 404, body: { error: 'no such event' } });
    return { ...answer, extra: { ...answer.extra, ...vary } };
  }, 'json');
  const prefersJson = (c: Context<HttpEnv>) =>
    accepts(c, { header: 'Accept', supports: ['text/html', 'application/json'], default: 'text/html' }) === 'application/json';
  app.get('/event/:id', (c) => (prefersJson(c) ? eventJson(c) : eventHtml(c)));
  app.get(
    '/api/v1/events',
    cached(async (ctx, c) => json(await eventsApi(ctx, searchOf(targetOf(c))))),
  );
  app.get(
    '/api/v1/status',
    cached(async (ctx, c) => json(await statusApi(ctx, searchOf(targetOf(c))))),
  );
  app.get(
    '/chart/:kind/:file',
    cached(async (_ctx, c) => {
      const kind = c.req.param('kind');
      const m = /^([a-z0-9_-]{1,60})\.png$/.exec(c.req.param('file') ?? '');
      const entity = m && (kind === 'bloc' || kind === 'country') ? await core.entities.get(m[1]!) : undefined;
      const charts = chartsOf(core);
      const chart =
        entity && entity.kind === kind ? await (kind === 'bloc' ? charts.bloc(entity.id) : charts.country(entity.id)) : undefined;
      if (!chart) return { status: 404, type: 'text/plain; charset=utf-8', body: Buffer.from('No such chart.\n') };
      return { status: 200, type: 'image/png', body: Buffer.from(chart.png) };
    }),
  );
  // Other methods on the web's paths: 405, saying which are allowed.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], [...WEB_PATHS], (c) => {
    c.env.incoming.resume();
    return c.json({ error: 'method not allowed' }, 405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' });
  });
  return app;
}

/** The 404 of a path nothing serves: a page for a browser, JSON for anything else. */
export function webNotFound(core: Core, opts: WebOptions = {}) {
  return async (c: Context<HttpEnv>) => {
    const accept = c.req.header('accept') ?? '';
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || !accept.includes('text/html')) return undefined;
    const ctx: PageContext = { core, base: opts.publicUrl, today: isoDay(core.now()), dataTo: dataTo(await core.currency.read()) };
    const answer = notFound(ctx, 'page', c.req.path);
    if ('location' in answer) return undefined;
    return c.body(toText(answer.html), 404, { ...SECURITY_HEADERS, 'content-type': HTML, 'cache-control': 'no-store' });
  };
}
