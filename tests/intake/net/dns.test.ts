// Names resolved over the DNS protocol (c-ares), against a small nameserver on 127.0.0.1: a name that
// resolves to loopback is refused, and a nameserver that never answers is cut off by the fetch deadline
// without holding up other fetches.
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchFailure, type NetLimits, safeFetch } from '../../../src/intake/net/index.ts';
import { type LocalServer, startServer } from './local-server.ts';

/** Answers A queries from `table` (AAAA: no data), NXDOMAIN for unknown names; `silent` never answers. */
async function startNameserver(
  table: Record<string, string>,
  silent = false,
): Promise<{ server: string; queries: string[]; close(): void }> {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (query, peer) => {
    const labels: string[] = [];
    let at = 12;
    while (query[at]) {
      const len = query[at] as number;
      labels.push(query.subarray(at + 1, at + 1 + len).toString('latin1'));
      at += len + 1;
    }
    const qtype = query.readUInt16BE(at + 1);
    const name = labels.join('.').toLowerCase();
    queries.push(`${name}/${qtype}`);
    if (silent) return;
    const question = query.subarray(12, at + 5);
    const address = table[name];
    const answer =
      address && qtype === 1
        ? Buffer.concat([Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]), Buffer.from(address.split('.').map(Number))])
        : Buffer.alloc(0);
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(address ? 0x8180 : 0x8183, 2); // response, recursion available; NXDOMAIN when unknown
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answer.length ? 1 : 0, 6);
    socket.send(Buffer.concat([header, question, answer]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { server: `127.0.0.1:${(socket.address() as AddressInfo).port}`, queries, close: () => socket.close() };
}

let web: LocalServer;
let dns: Awaited<ReturnType<typeof startNameserver>>;
let deadDns: Awaited<ReturnType<typeof startNameserver>>;

beforeAll(async () => {
  web = await startServer((req, res) => {
    if (req.url === '/gz') {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(Buffer.from('compressed news')));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('served');
  });
  dns = await startNameserver({ 'feed.example': '127.0.0.1', 'meta.example': '169.254.169.254' });
  deadDns = await startNameserver({}, true);
});
afterAll(async () => {
  dns.close();
  deadDns.close();
  await web.close();
});

const limits = (extra: Partial<NetLimits>): NetLimits => ({ timeoutMs: 3_000, maxBytes: 1_048_576, allowPrivate: false, ...extra });

describe('DNS resolution', () => {
  it('a name whose A record is loopback is refused, and the server never hears of it', async () => {
    const err = await safeFetch(`http://feed.example:${web.port}/`, limits({ dnsServers: [dns.server] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailure);
    expect(err).toMatchObject({ code: 'blocked_address' });
    expect((err as FetchFailure).message).toContain('feed.example (127.0.0.1) is a loopback address');
    expect(dns.queries).toContain('feed.example/1');
    expect(web.hits).toEqual([]);
  });

  it('the metadata address by name is refused too', async () => {
    const err = await safeFetch('http://meta.example/latest/meta-data/', limits({ dnsServers: [dns.server] })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'blocked_address' });
  });

  it('the same name is fetched when its address is allowed (the resolver works)', async () => {
    const page = await safeFetch(`http://feed.example:${web.port}/`, limits({ dnsServers: [dns.server], allowPrivate: true }));
    expect(page.body.toString()).toBe('served');
  });

  it('an unknown name is a dns failure', async () => {
    const err = await safeFetch('http://missing.example/', limits({ dnsServers: [dns.server] })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'dns', permanent: false });
  });

  it('a nameserver that never answers is cut off at the deadline, and other fetches carry on meanwhile', async () => {
    const started = performance.now();
    const stuck = Array.from({ length: 8 }, (_, i) =>
      safeFetch(`http://stuck${i}.example/`, limits({ timeoutMs: 700, dnsServers: [deadDns.server] })).catch((e: unknown) => e),
    );
    // While eight lookups hang, fetches that need zlib and sockets still finish at once.
    const quick = performance.now();
    const page = await safeFetch(`http://127.0.0.1:${web.port}/gz`, limits({ allowPrivate: true }));
    expect(page.body.toString()).toBe('compressed news');
    expect(performance.now() - quick).toBeLessThan(300);
    const outcomes = await Promise.all(stuck);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ code: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
