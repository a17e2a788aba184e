// safeFetch against real local servers: conditional GET, redirects, statuses, the deadline, byte caps
// and decompression.
import type { ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, FetchFailure, fetchFeed, safeFetch } from '../../../src/intake/net/index.ts';
import { fixtureText, type LocalServer, startServer, TEST_LIMITS } from './local-server.ts';

const MB = 1_048_576;

async function failureOf(promise: Promise<unknown>): Promise<FetchFailure> {
  const outcome = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(outcome instanceof FetchFailure)) throw new Error(`expected a FetchFailure, got ${String(outcome)}`);
  return outcome;
}

/** Writes `total` bytes in 64 KiB chunks, honouring backpressure; resolves with what was accepted. */
function stream(res: ServerResponse, total: number, onDone: (written: number) => void): void {
  const chunk = Buffer.alloc(65_536, 'a');
  let written = 0;
  const pump = () => {
    while (written < total) {
      if (res.destroyed) return;
      written += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => onDone(written));
  pump();
}

describe('conditional GET', () => {
  let server: LocalServer;
  const ETAG = '"rss-v1"';
  const LAST_MODIFIED = 'Wed, 15 Jan 2025 12:00:00 GMT';
  beforeAll(async () => {
    server = await startServer((req, res) => {
      if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304, { etag: ETAG });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: ETAG, 'last-modified': LAST_MODIFIED });
      res.end(fixtureText('rss2.xml', server.origin));
    });
  });
  afterAll(() => server.close());

  it('first fetch returns the validators; the next, sending them, is a 304 without a body', async () => {
    const first = await fetchFeed(`${server.origin}/feed`, TEST_LIMITS, {});
    expect(first).toMatchObject({ notModified: false, etag: ETAG, lastModified: LAST_MODIFIED });
    expect(first.feed?.items).toHaveLength(5);

    const byEtag = await fetchFeed(`${server.origin}/feed`, TEST_LIMITS, { etag: ETAG });
    expect(byEtag).toEqual({ notModified: true, finalUrl: `${server.origin}/feed`, etag: ETAG });
    expect(server.requests.at(-1)?.['if-none-match']).toBe(ETAG);

    // The server's 304 carries no Last-Modified: the one sent is kept for next time.
    const byDate = await fetchFeed(`${server.origin}/feed`, TEST_LIMITS, { lastModified: LAST_MODIFIED });
    expect(byDate).toMatchObject({ notModified: true, lastModified: LAST_MODIFIED });
    expect(server.requests.at(-1)?.['if-modified-since']).toBe(LAST_MODIFIED);

    const page = await safeFetch(`${server.origin}/feed`, TEST_LIMITS, { etag: ETAG });
    expect(page.status).toBe(304);
    expect(page.body.length).toBe(0);
  });

  it('sends the blocwatch User-Agent, an Accept for feeds, and asks for compression', async () => {
    await fetchFeed(`${server.origin}/feed`, TEST_LIMITS, {});
    const headers = server.requests.at(-1);
    expect(headers?.['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toBe('blocwatch/0.1 (+https://github.com/blocwatch; news-briefing bot)');
    expect(headers?.accept).toContain('application/rss+xml');
    expect(headers?.['accept-encoding']).toBe('gzip, deflate, br');
    await safeFetch(`${server.origin}/feed`, { ...TEST_LIMITS, userAgent: 'custom/1' });
    expect(server.requests.at(-1)?.['user-agent']).toBe('custom/1');
  });
});

describe('redirects', () => {
  let server: LocalServer;
  beforeAll(async () => {
    // /hop/N redirects N more times, alternating absolute and relative Locations, then serves the feed.
    server = await startServer((req, res) => {
      const match = (req.url ?? '').match(/^\/hop\/(\d+)$/);
      const left = Number(match?.[1] ?? 0);
      if (match && left > 0) {
        const next = `/hop/${left - 1}`;
        res.writeHead(left % 2 === 0 ? 301 : 307, { location: left % 2 === 0 ? `${server.origin}${next}` : `../hop/${left - 1}` });
        res.end();
        return;
      }
      if (req.url === '/loop') {
        res.writeHead(302, { location: '/loop' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      res.end(fixtureText('atom.xml', server.origin));
    });
  });
  afterAll(() => server.close());

  it('follows a chain of 5 (relative Locations resolved) and reports the final URL', async () => {
    const result = await fetchFeed(`${server.origin}/hop/5`, TEST_LIMITS, {});
    expect(result.finalUrl).toBe(`${server.origin}/hop/0`);
    expect(result.feed?.items).toHaveLength(5);
  });

  it('refuses a 6th redirect', async () => {
    const failure = await failureOf(safeFetch(`${server.origin}/hop/6`, TEST_LIMITS));
    expect(failure.code).toBe('too_many_redirects');
    expect(failure.message).toContain('more than 5 redirects');
    expect(failure.permanent).toBe(false);
  });

  it('honours a smaller maxRedirects, and stops a loop', async () => {
    expect((await failureOf(safeFetch(`${server.origin}/hop/2`, { ...TEST_LIMITS, maxRedirects: 1 }))).code).toBe('too_many_redirects');
    expect((await failureOf(safeFetch(`${server.origin}/loop`, TEST_LIMITS))).code).toBe('too_many_redirects');
  });
});

describe('HTTP statuses', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const status = Number((req.url ?? '').slice(1, 4));
      const headers: Record<string, string> = {};
      if (req.url === '/429') headers['retry-after'] = '120';
      if (req.url === '/503') headers['retry-after'] = new Date(Date.now() + 60_000).toUTCString();
      res.writeHead(status, headers);
      res.end('nope');
    });
  });
  afterAll(() => server.close());

  it.each([
    [404, true],
    [410, true],
    [500, false],
    [502, false],
    [403, false],
  ])('%i is http_status, permanent=%s', async (status, permanent) => {
    const failure = await failureOf(safeFetch(`${server.origin}/${status}`, TEST_LIMITS));
    expect(failure).toMatchObject({ code: 'http_status', status, permanent });
    expect(failure.message).toContain(`answered ${status}`);
  });

  it('429 and 503 carry Retry-After as milliseconds', async () => {
    expect(await failureOf(safeFetch(`${server.origin}/429`, TEST_LIMITS))).toMatchObject({
      code: 'http_status',
      status: 429,
      permanent: false,
      retryAfterMs: 120_000,
    });
    const unavailable = await failureOf(safeFetch(`${server.origin}/503`, TEST_LIMITS));
    expect(unavailable.retryAfterMs).toBeGreaterThan(50_000);
    expect(unavailable.retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

describe('the deadline covers connect, headers and body', () => {
  it('a host that accepts and never answers times out within the timeout plus a small margin', async () => {
    const server = await startServer(() => undefined); // never responds
    try {
      const started = performance.now();
      const failure = await failureOf(safeFetch(`${server.origin}/`, { ...TEST_LIMITS, timeoutMs: 400 }));
      const elapsed = performance.now() - started;
      expect(failure.code).toBe('timeout');
      expect(failure.permanent).toBe(false);
      expect(elapsed).toBeGreaterThanOrEqual(390);
      expect(elapsed).toBeLessThan(900);
    } finally {
      await server.close();
    }
  });

  it('a body that drips slowly is cut off at the deadline, not after each chunk', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write('<!-- still here -->'), 50);
      res.on('close', () => clearInterval(timer));
    });
    try {
      const started = performance.now();
      const failure = await failureOf(safeFetch(`${server.origin}/`, { ...TEST_LIMITS, timeoutMs: 500 }));
      expect(failure.code).toBe('timeout');
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      await server.close();
    }
  });

  it('one deadline spans the redirect chain', async () => {
    // Each hop waits 150 ms: 4 hops take 600 ms, more than the 400 ms allowed for the whole chain.
    const server = await startServer((req, res) => {
      const left = Number((req.url ?? '').slice(1));
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(left > 0 ? 302 : 200, left > 0 ? { location: `/${left - 1}` } : {});
        res.end('done');
      }, 150);
    });
    try {
      const started = performance.now();
      const failure = await failureOf(safeFetch(`${server.origin}/3`, { ...TEST_LIMITS, timeoutMs: 400 }));
      expect(failure.code).toBe('timeout');
      expect(performance.now() - started).toBeLessThan(800);
    } finally {
      await server.close();
    }
  });

  it('a resolver that never answers is cut off by the same deadline', async () => {
    const started = performance.now();
    const limits = { ...TEST_LIMITS, timeoutMs: 300, resolve: () => new Promise<never>(() => undefined) };
    const failure = await failureOf(safeFetch('http://stuck-dns.example/feed', limits));
    expect(failure.code).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(800);
  });

  it('an already-cancelled signal fetches nothing', async () => {
    const server = await startServer((_req, res) => res.end('x'));
    try {
      const failure = await failureOf(safeFetch(`${server.origin}/`, TEST_LIMITS, { signal: AbortSignal.abort() }));
      expect(failure.message).toContain('cancelled');
      expect(server.hits).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("the caller's signal cancels a fetch", async () => {
    const server = await startServer(() => undefined);
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const failure = await failureOf(safeFetch(`${server.origin}/`, TEST_LIMITS, { signal: controller.signal }));
      expect(failure.code).toBe('network');
      expect(failure.message).toContain('cancelled');
    } finally {
      await server.close();
    }
  });

  it('a refused connection is a transient network failure', async () => {
    const server = await startServer(() => undefined);
    const port = server.port;
    await server.close();
    const failure = await failureOf(safeFetch(`http://127.0.0.1:${port}/`, TEST_LIMITS));
    expect(failure).toMatchObject({ code: 'network', permanent: false });
  });
});

describe('byte caps', () => {
  it('a 20 MB body with a 1 MB cap stops reading at the cap and closes the socket', async () => {
    let serverWrote = 0;
    const closed = new Promise<void>((resolve) => {
      void startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }); // chunked: no Content-Length to refuse early
        stream(res, 20 * MB, (written) => {
          serverWrote = written;
          resolve();
        });
      }).then(async (server) => {
        const started = performance.now();
        const failure = await failureOf(safeFetch(`${server.origin}/big`, { ...TEST_LIMITS, maxBytes: MB }));
        expect(failure.code).toBe('too_large');
        expect(failure.message).toContain('1048576-byte limit');
        expect(performance.now() - started).toBeLessThan(2_000);
        await closed;
        await server.close();
      });
    });
    await closed;
    console.info(`20 MB body, 1 MB cap: the server got ${serverWrote} bytes into the socket`);
    // What the server got into the socket before the client hung up: the cap plus kernel buffers, far
    // from 20 MB.
    expect(serverWrote).toBeGreaterThan(MB);
    expect(serverWrote).toBeLessThan(8 * MB);
  });

  it('a Content-Length over the cap is refused before the body is read', async () => {
    let serverWrote = -1;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(20 * MB) });
      stream(res, 20 * MB, (written) => {
        serverWrote = written;
      });
    });
    try {
      const failure = await failureOf(safeFetch(`${server.origin}/`, { ...TEST_LIMITS, maxBytes: MB }));
      expect(failure.code).toBe('too_large');
      expect(failure.message).toContain(`declares ${20 * MB} bytes`);
    } finally {
      await server.close();
    }
    expect(serverWrote).toBeLessThan(8 * MB);
  });

  it('a gzip bomb (40 MB of zeros in ~40 kB) stops at the cap on decompressed bytes', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(40 * MB), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    });
    try {
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const failure = await failureOf(safeFetch(`${server.origin}/`, { ...TEST_LIMITS, maxBytes: MB }));
      expect(failure.code).toBe('too_large');
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * MB);
    } finally {
      await server.close();
    }
  });

  it('a brotli bomb is stopped the same way', async () => {
    const bomb = zlib.brotliCompressSync(Buffer.alloc(40 * MB), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
      res.end(bomb);
    });
    try {
      expect((await failureOf(safeFetch(`${server.origin}/`, { ...TEST_LIMITS, maxBytes: MB }))).code).toBe('too_large');
    } finally {
      await server.close();
    }
  });
});

describe('content encodings', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const xml = Buffer.from(fixtureText('rdf.xml', server.origin));
      const encoders: Record<string, (b: Buffer) => Buffer> = {
        '/gzip': zlib.gzipSync,
        '/deflate': zlib.deflateSync,
        '/br': zlib.brotliCompressSync,
        '/identity': (b) => b,
      };
      const encoder = encoders[req.url ?? ''];
      if (req.url === '/corrupt') {
        res.writeHead(200, { 'content-type': 'application/rdf+xml', 'content-encoding': 'gzip' });
        res.end(Buffer.from('this is not gzip at all, just text pretending'));
        return;
      }
      if (req.url === '/compress') {
        res.writeHead(200, { 'content-type': 'application/rdf+xml', 'content-encoding': 'compress' });
        res.end(xml);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rdf+xml', 'content-encoding': (req.url ?? '/').slice(1) });
      res.end(encoder ? encoder(xml) : xml);
    });
  });
  afterAll(() => server.close());

  it.each(['/gzip', '/deflate', '/br', '/identity'])('%s is decoded', async (path) => {
    const result = await fetchFeed(`${server.origin}${path}`, TEST_LIMITS, {});
    expect(result.feed?.format).toBe('rdf');
    expect(result.feed?.items).toHaveLength(5);
  });

  it('a corrupt compressed body is a network failure, not a crash', async () => {
    const failure = await failureOf(safeFetch(`${server.origin}/corrupt`, TEST_LIMITS));
    expect(failure.code).toBe('network');
    expect(failure.message).toContain('could not be decompressed');
  });

  it('an unknown encoding is refused', async () => {
    const failure = await failureOf(safeFetch(`${server.origin}/compress`, TEST_LIMITS));
    expect(failure.code).toBe('network');
    expect(failure.message).toContain('unsupported content encoding');
  });
});
