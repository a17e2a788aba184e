// The public web over HTTP: every page answers with the security headers and validators, a
// conditional request is a 304, an unknown name is a 404 that says "did you mean", an alias redirects,
// a bad filter is a 400 naming it, hostile text stays text, and nothing a request holds makes a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartsOf } from '../../src/chart/index.ts';
import { memoryCore, silent } from '../helpers.ts';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { escapeText } from '../../src/web/kit/html.ts';
import { startWeb, type WebHarness } from './setup.ts';

let web: WebHarness;
beforeAll(async () => {
  web = await startWeb();
});
afterAll(async () => {
  await web?.close();
});

const PAGES = [
  '/',
  '/country/armenia',
  '/bloc/csto',
  '/event/1',
  '/search?q=frozen',
  '/feed.atom',
  '/country/belarus/feed.atom',
  '/bloc/sco/feed.atom',
  '/api/v1/events',
  '/api/v1/status',
  '/chart/bloc/csto.png',
  '/chart/country/armenia.png',
];

describe('pages, feeds, API and charts over HTTP', () => {
  it('answer 200 with the security headers, an ETag, Last-Modified and a short max-age', async () => {
    for (const path of PAGES) {
      const r = await web.get(path);
      expect(r.status, path).toBe(200);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(r.headers.get('etag'), path).toMatch(/^"[\w-]{24}"$/);
      expect(Date.parse(r.headers.get('last-modified') ?? ''), path).not.toBeNaN();
      expect(r.headers.get('cache-control'), path).toBe('public, max-age=60');
      await r.arrayBuffer();
    }
  });

  it('has no inline script or style in any page, and links its stylesheet and feeds', async () => {
    for (const path of ['/', '/country/armenia', '/bloc/csto', '/event/1', '/search?q=frozen', '/country/nowhere']) {
      const { body } = await web.text(path);
      expect(body, path).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
      expect(body, path).toContain('<link rel="stylesheet" href="/style.css">');
      expect(body, path).toMatch(/<html lang="en">/);
    }
    expect((await web.text('/')).body).toContain(
      '<link rel="alternate" type="application/atom+xml" title="All events (Atom)" href="/feed.atom">',
    );
    expect((await web.text('/country/armenia')).body).toContain('href="/country/armenia/feed.atom"');
    expect((await web.text('/bloc/csto')).body).toContain('href="/bloc/csto/feed.atom"');
    const css = await web.get('/style.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers a conditional request with 304, and a full page again once the data changed', async () => {
    const first = await web.get('/country/armenia');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    await first.text();
    const again = await web.get('/country/armenia', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await web.get('/country/armenia', { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    expect((await web.get('/country/armenia', { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await web.get('/country/armenia', { 'if-none-match': '"stale"' })).status).toBe(200);
    // A 404 is never "not modified".
    expect((await web.get('/country/nowhere', { 'if-none-match': etag })).status).toBe(404);

    const event = (await web.core.events.get(1))!;
    await web.core.events.edit(
      1,
      {
        title: `${event.title} (corrected)`,
        summary: event.summary,
        kind: event.kind,
        date: event.date,
        countryIds: event.countries.map((c) => c.id),
        blocIds: event.blocs.map((b) => b.id),
        sources: event.sources,
      },
      'console:test',
      new Date('2026-11-22T11:00:00Z'),
    );
    const changed = await web.get('/country/armenia', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(Date.parse(changed.headers.get('last-modified')!)).toBe(Date.parse('2026-11-22T11:00:00Z'));
    expect((await web.text('/event/1')).body).toContain('(corrected)');
  });

  it('gives the same bytes for the same data', async () => {
    const a = await startWeb({}, await memoryCore());
    const b = await startWeb({}, await memoryCore());
    try {
      for (const path of PAGES) {
        const [x, y] = await Promise.all([a.get(path), b.get(path)]);
        expect(Buffer.from(await x.arrayBuffer()).equals(Buffer.from(await y.arrayBuffer())), path).toBe(true);
        expect(x.headers.get('etag'), path).toBe(y.headers.get('etag'));
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('answers an unknown country, bloc or event with a 404 page that suggests the nearest name', async () => {
    const country = await web.text('/country/armenai');
    expect(country.status).toBe(404);
    expect(country.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(country.body).toMatch(/Did you mean <a href="\/country\/armenia">Armenia<\/a>\?/);
    expect((await web.text('/bloc/csot')).body).toMatch(/Did you mean <a href="\/bloc\/csto">CSTO<\/a>\?/);
    // A bloc asked for as a country: the bloc's page is the one meant.
    expect((await web.text('/country/csto')).body).toMatch(/Did you mean <a href="\/bloc\/csto">CSTO<\/a>\?/);
    const event = await web.text('/event/999999');
    expect(event.status).toBe(404);
    expect(event.body).toContain('There is no event “999999” here.');
    expect((await web.text('/event/abc')).status).toBe(404);
    const page = await web.text('/countries/armenia', { accept: 'text/html' });
    expect(page.status).toBe(404);
    expect(page.body).toContain('<h1>Not found</h1>');
    // A script still gets JSON for a path nothing serves.
    expect(await (await web.get('/nothing-here')).json()).toEqual({ error: 'not found' });
  });

  it("redirects another name of a country to the country's own address, keeping the filters", async () => {
    const r = await web.get('/country/Yerevan?bloc=csto');
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('/country/armenia?bloc=csto');
    expect((await web.get('/bloc/Shanghai%20Cooperation%20Organisation')).headers.get('location')).toBe('/bloc/sco');
  });

  it('filters a timeline by bloc and dates, and names a bad filter in a 400 page with the form', async () => {
    const { body } = await web.text('/country/armenia?bloc=csto&from=2024&to=2024-06');
    const days = [...body.matchAll(/<li><article>\n<p class="meta"><time datetime="([\d-]+)">/g)].map((m) => m[1]!);
    expect(days.length).toBeGreaterThan(0);
    for (const d of days) expect(d >= '2024' && d <= '2024-06-30', d).toBe(true);
    const bad = await web.text('/country/armenia?from=2024-13');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('from: &quot;2024-13&quot; is not a date');
    expect(bad.body).toMatch(/id="f-from"[^>]*value="2024-13" aria-invalid="true"/);
    expect((await web.text('/country/armenia?bloc=nato')).body).toContain('bloc: no bloc “nato”');
    expect((await web.text('/country/armenia?from=2025&to=2024')).status).toBe(400);
    expect((await web.text('/country/armenia?before=garbage')).status).toBe(400);
  });

  it('shows an event with its date precision, sources as links and revision history without who made it', async () => {
    const e = (await web.core.events.get(2))!;
    const { body } = await web.text('/event/2');
    expect(body).toContain(`<time datetime="${e.date.text}">`);
    expect(body).toMatch(/known to the (day|month|year)/);
    for (const s of e.sources) expect(body).toContain(`href="${escapeText(new URL(s.url).href)}" rel="external noopener noreferrer">`);
    expect(body).toContain('Recorded from the curated dataset');
    expect(body).not.toMatch(/seed|console:|discord:|slack:/i);
  });

  it('answers /event/<id> as JSON to a client that asks for it, the page otherwise, and says it varies', async () => {
    const asJson = await web.get('/event/3', { accept: 'application/json' });
    expect(asJson.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(asJson.headers.get('vary')).toBe('Accept');
    const event = (await asJson.json()) as { id: number; title: string };
    expect(event).toMatchObject({ id: 3, title: (await web.core.events.get(3))!.title });
    const page = await web.get('/event/3', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('vary')).toBe('Accept');
    expect(await page.text()).toContain('<h1>');
    // Each representation is kept apart: the JSON again, after the page was cached.
    expect((await web.get('/event/3', { accept: 'application/json' })).headers.get('content-type')).toContain('json');
    const missing = await web.get('/event/999999', { accept: 'application/json' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no such event' });
  });

  it('keeps what a search asked for as text', async () => {
    const evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const { status, body } = await web.text(`/search?q=${encodeURIComponent(evil)}`);
    expect(status).toBe(200);
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
  });

  it('serves the same chart PNG the chat commands post, from the same cache', async () => {
    const png = Buffer.from(await (await web.get('/chart/bloc/csto.png')).arrayBuffer());
    const renders = chartsOf(web.core).renders;
    expect(png.equals(Buffer.from((await chartsOf(web.core).bloc('csto'))!.png))).toBe(true);
    expect(chartsOf(web.core).renders).toBe(renders);
    expect((await web.get('/chart/bloc/armenia.png')).status).toBe(404);
    expect((await web.get('/chart/country/nowhere.png')).status).toBe(404);
    expect((await web.get('/chart/planet/csto.png')).status).toBe(404);
  });

  it('refuses other methods on its paths with 405', async () => {
    const r = await fetch(`${web.url}/country/armenia`, { method: 'POST', body: 'x' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(`${web.url}/country/armenia`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBeTruthy();
  });

  it('never answers 5xx, whatever the path or query', async () => {
    const paths = [
      '/country/%E0%A4%A',
      '/country/%00',
      '/country/..%2F..%2Fetc%2Fpasswd',
      `/country/${'a'.repeat(5000)}`,
      '/bloc/%ZZ',
      '/event/-1',
      '/event/1e3',
      '/event/99999999999999999999',
      '/event/%F0%9F%98%80',
      '/search?q=%E0%A4%A',
      `/search?q=${'"'.repeat(300)}`,
      '/search?q=NEAR(a b)&q=x',
      '/search?q=*&page=0',
      '/search?page=99999999999999999999',
      '/country/armenia?from=%00&to=%E0',
      '/country/armenia?before=9999-99-99.1',
      '/country/armenia?after=2024-01-01.99999999999999999',
      '/country/armenia/feed.atom?x=%',
      '/api/v1/events?cursor=%FF%FE',
      '/api/v1/events?cursor=MjAyNC0wMS0wMS4x%3D%3D',
      '/api/v1/events?limit=1e2',
      '/api/v1/events?kind[]=x',
      '/api/v1/status?as_of=0000-00-00',
      '/chart/bloc/%2e%2e.png',
      '/chart/bloc/csto.png.png',
      '//country//armenia',
      '/country/armenia/',
    ];
    for (const path of paths) {
      const r = await web.get(path, { accept: 'text/html' });
      expect(r.status, path).toBeLessThan(500);
      await r.arrayBuffer();
    }
  });

  it('serves nothing of the web unless WEB_ENABLED=true', async () => {
    const app = await startApp(loadConfig({ HTTP_PORT: '0' }), silent, { core: await memoryCore() });
    try {
      for (const path of ['/', '/country/armenia', '/feed.atom', '/api/v1/events', '/style.css']) {
        const r = await fetch(`${app.url}${path}`, { headers: { accept: 'text/html' } });
        expect(r.status, path).toBe(404);
        expect(await r.json()).toEqual({ error: 'not found' });
      }
    } finally {
      await app.stop();
    }
  });
});
