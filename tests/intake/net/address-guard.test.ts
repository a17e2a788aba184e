// The address guard, WITHOUT allowPrivate: every spelling of a non-public address is refused before a
// single request reaches the server listening there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetLimits, ResolvedAddress } from '../../../src/intake/net/index.ts';
import { addressRange, FetchFailure, fetchFeed, isPublicAddress, safeFetch } from '../../../src/intake/net/index.ts';
import { guardedLookup } from '../../../src/intake/net/address.ts';
import { type LocalServer, startServer } from './local-server.ts';

const STRICT: NetLimits = { timeoutMs: 3_000, maxBytes: 1_048_576, allowPrivate: false };

async function failureOf(promise: Promise<unknown>): Promise<FetchFailure> {
  const outcome = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(outcome instanceof FetchFailure)) throw new Error(`expected a FetchFailure, got ${String(outcome)}`);
  return outcome;
}

/** A resolver for made-up names, so no test needs real DNS. */
function resolver(table: Record<string, string[]>): (hostname: string) => Promise<ResolvedAddress[]> {
  return async (hostname) => (table[hostname.toLowerCase()] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
}

// Dual-stack on '::', so 127.0.0.1, ::1, ::ffff:127.0.0.1 and 0.0.0.0 would all reach it if let through.
let target: LocalServer;
beforeAll(async () => {
  target = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('private data');
  }, '::');
});
afterAll(() => target.close());

describe('IP literals and local names, refused without allowPrivate', () => {
  const spellings = [
    '127.0.0.1',
    '2130706433', // decimal
    '0x7f000001', // hex
    '0177.0.0.1', // octal
    '0x7f.0.0.1',
    '127.1',
    '017700000001',
    '[::1]',
    '[0:0:0:0:0:0:0:1]',
    '[::ffff:127.0.0.1]', // IPv4-mapped
    '[::ffff:7f00:1]',
    '[0:0:0:0:0:ffff:127.0.0.1]',
    '[::127.0.0.1]', // IPv4-compatible (deprecated)
    '0.0.0.0', // connects to this host on Linux
    '0',
    '[::]',
    'localhost',
    'LOCALHOST',
  ];
  it.each(spellings)('http://%s:PORT/ is blocked_address', async (host) => {
    const failure = await failureOf(safeFetch(`http://${host}:${target.port}/secret`, STRICT));
    expect(failure.code).toBe('blocked_address');
    expect(failure.permanent).toBe(true);
    expect(failure.message).toMatch(/not a public one/);
  });

  it('none of them reached the server', () => {
    expect(target.hits).toEqual([]);
  });

  it('the same server is reachable with allowPrivate, so the refusals above are the guard, not the setup', async () => {
    const page = await safeFetch(`http://127.0.0.1:${target.port}/allowed`, { ...STRICT, allowPrivate: true });
    expect(page.body.toString()).toBe('private data');
    expect(target.hits).toEqual(['/allowed']);
    target.hits.length = 0;
  });

  it('the https form of a loopback address is refused before any TLS handshake', async () => {
    const failure = await failureOf(safeFetch(`https://127.0.0.1:${target.port}/`, STRICT));
    expect(failure.code).toBe('blocked_address');
    expect(target.hits).toEqual([]);
  });
});

describe('names that resolve to non-public addresses', () => {
  const cases: Array<[string, string]> = [
    ['RFC 1918 10/8', '10.1.2.3'],
    ['RFC 1918 172.16/12', '172.16.5.4'],
    ['RFC 1918 192.168/16', '192.168.1.10'],
    ['cloud metadata', '169.254.169.254'],
    ['link-local', '169.254.10.1'],
    ['CGNAT 100.64/10', '100.64.0.1'],
    ['multicast', '224.0.0.251'],
    ['broadcast', '255.255.255.255'],
    ['unspecified', '0.0.0.0'],
    ['benchmarking 198.18/15', '198.18.0.1'],
    ['TEST-NET-1', '192.0.2.10'],
    ['reserved 240/4', '240.0.0.1'],
    ['IPv6 loopback', '::1'],
    ['IPv6 unspecified', '::'],
    ['unique-local fc00::/7', 'fd12:3456::1'],
    ['IPv6 link-local', 'fe80::1'],
    ['IPv6 multicast', 'ff02::1'],
    ['IPv4-mapped private', '::ffff:10.0.0.1'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
    ['NAT64 of a private address', '64:ff9b::a00:1'],
    ['6to4 of loopback', '2002:7f00:1::'],
    ['IPv6 documentation', '2001:db8::1'],
  ];
  it.each(cases)('%s (%s) is blocked_address, naming host and address', async (_label, address) => {
    const limits: NetLimits = { ...STRICT, resolve: resolver({ 'feed.example': [address] }) };
    const failure = await failureOf(fetchFeed('http://feed.example/rss', limits, {}));
    expect(failure.code).toBe('blocked_address');
    expect(failure.message).toContain('feed.example (');
  });

  it('a name with several addresses is refused when none is public', async () => {
    const limits: NetLimits = { ...STRICT, resolve: resolver({ 'multi.example': ['10.0.0.1', '127.0.0.1', 'fd00::1'] }) };
    const failure = await failureOf(safeFetch(`http://multi.example:${target.port}/`, limits));
    expect(failure.code).toBe('blocked_address');
    expect(target.hits).toEqual([]);
  });

  it('the lookup hands the socket only the public addresses of a mixed name', async () => {
    const url = new URL('http://mixed.example/');
    const lookup = guardedLookup(url, {
      ...STRICT,
      resolve: resolver({ 'mixed.example': ['127.0.0.1', '93.184.215.14', '10.0.0.1', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] }),
    }) as unknown as (h: string, o: { all: boolean }, cb: (err: Error | null, a: ResolvedAddress[]) => void) => void;
    const handed = await new Promise<ResolvedAddress[]>((resolve, reject) =>
      lookup('mixed.example', { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
    );
    expect(handed.map((a) => a.address)).toEqual(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']);
  });

  it('an unknown name is a dns failure, transient', async () => {
    const limits: NetLimits = { ...STRICT, resolve: resolver({}) };
    const failure = await failureOf(safeFetch('http://nowhere.example/', limits));
    expect(failure.code).toBe('dns');
    expect(failure.permanent).toBe(false);
  });
});

describe('redirects are checked hop by hop', () => {
  // public.example stands for a public host: its (loopback) address is allowed by name, and only it.
  let first: LocalServer;
  beforeAll(async () => {
    first = await startServer((req, res) => {
      const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
      res.writeHead(302, { location: to ?? '/' });
      res.end();
    });
  });
  afterAll(() => first.close());

  const hooks = () => ({
    resolve: resolver({
      localhost: ['127.0.0.1'],
      'public.example': ['127.0.0.1'],
      'internal.example': ['127.0.0.1'],
      'metadata.example': ['169.254.169.254'],
    }),
    privateHostsAllowed: ['public.example'],
  });

  it.each([
    ['an IP literal', (p: number) => `http://127.0.0.1:${p}/secret`],
    ['a decimal IP', (p: number) => `http://2130706433:${p}/secret`],
    ['an IPv4-mapped IPv6 literal', (p: number) => `http://[::ffff:127.0.0.1]:${p}/secret`],
    ['localhost', (p: number) => `http://localhost:${p}/secret`],
    ['a name resolving to loopback', (p: number) => `http://internal.example:${p}/secret`],
    ['a name resolving to the metadata address', (p: number) => `http://metadata.example:${p}/latest/meta-data/`],
  ])('public first hop → %s is refused', async (_label, second) => {
    first.hits.length = 0;
    const start = `http://public.example:${first.port}/start?to=${encodeURIComponent(second(target.port))}`;
    const failure = await failureOf(safeFetch(start, { ...STRICT, ...hooks() }));
    expect(failure.code).toBe('blocked_address');
    expect(first.hits).toHaveLength(1); // the allowed first hop was fetched …
    expect(target.hits).toEqual([]); // … the private second one never was
  });

  it('the same chain succeeds when the second host is allowed too (the setup can pass)', async () => {
    const start = `http://public.example:${first.port}/start?to=${encodeURIComponent(`http://internal.example:${target.port}/ok`)}`;
    const limits = { ...STRICT, ...hooks(), privateHostsAllowed: ['public.example', 'internal.example'] };
    const page = await safeFetch(start, limits);
    expect(page.url).toBe(`http://internal.example:${target.port}/ok`);
    expect(target.hits).toEqual(['/ok']);
    target.hits.length = 0;
  });

  it('a redirect to another scheme is bad_url', async () => {
    const start = `http://public.example:${first.port}/start?to=${encodeURIComponent('file:///etc/passwd')}`;
    const failure = await failureOf(safeFetch(start, { ...STRICT, ...hooks() }));
    expect(failure.code).toBe('bad_url');
  });
});

describe('URLs refused before any connection', () => {
  it.each([
    ['file:///etc/passwd'],
    ['ftp://ftp.example/feed.xml'],
    ['gopher://127.0.0.1:70/'],
    ['data:text/xml,<rss/>'],
    ['javascript:alert(1)'],
    ['not a url'],
    ['http://user:pass@feed.example/'],
  ])('%s is bad_url, permanent', async (url) => {
    const failure = await failureOf(safeFetch(url, STRICT));
    expect(failure.code).toBe('bad_url');
    expect(failure.permanent).toBe(true);
  });
});

describe('addressRange', () => {
  it('calls ordinary public addresses unicast', () => {
    for (const ip of ['8.8.8.8', '93.184.215.14', '185.12.64.1', '2606:4700:4700::1111', '2a00:1450:4001:81b::200e']) {
      expect(isPublicAddress(ip), ip).toBe(true);
    }
  });
  it('unwraps IPv4-mapped addresses and names the range', () => {
    expect(addressRange('::ffff:127.0.0.1')).toBe('loopback');
    expect(addressRange('::ffff:8.8.8.8')).toBe('unicast');
    expect(addressRange('::7f00:1')).toBe('ipv4Compatible');
    expect(addressRange('100.64.0.1')).toBe('carrierGradeNat');
    expect(addressRange('not an ip')).toBe('invalid');
  });
});
