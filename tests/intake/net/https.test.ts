// https through the guarded agent: certificate verification stays on, SNI names the host even though
// our own lookup picks the address, and an https page may redirect to http (a deliberate choice).
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchFailure, fetchFeed, type NetLimits, safeFetch } from '../../../src/intake/net/index.ts';
import { fixtureBytes, fixtureText, type LocalServer, startServer } from './local-server.ts';

const CA = fixtureBytes('tls/ca.pem').toString();

let tlsServer: https.Server;
let port: number;
let plain: LocalServer;
const servernames: Array<string | false | null> = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  plain = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(fixtureText('rss2.xml', 'http://plain.example'));
  });
  tlsServer = https.createServer({ cert: fixtureBytes('tls/cert.pem'), key: fixtureBytes('tls/key.pem') }, (req, res) => {
    servernames.push((req.socket as import('node:tls').TLSSocket).servername);
    if (req.url === '/downgrade') {
      res.writeHead(301, { location: `http://plain.example:${plain.port}/feed` });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/atom+xml' });
    res.end(fixtureText('atom.xml', 'https://public.example'));
  });
  tlsServer.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  port = (tlsServer.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => tlsServer.close(resolve));
  await plain.close();
});

/** public.example and plain.example stand for public hosts; only they may use the loopback address. */
const limits = (extra: Partial<NetLimits> = {}): NetLimits => ({
  timeoutMs: 5_000,
  maxBytes: 1_048_576,
  allowPrivate: false,
  resolve: async (host) => (['public.example', 'plain.example'].includes(host) ? [{ address: '127.0.0.1', family: 4 }] : []),
  privateHostsAllowed: ['public.example', 'plain.example'],
  tlsCa: CA,
  ...extra,
});

describe('https', () => {
  it('fetches a feed over TLS, sending the host name as SNI', async () => {
    const result = await fetchFeed(`https://public.example:${port}/feed`, limits(), {});
    expect(result.feed?.format).toBe('atom');
    expect(result.feed?.items).toHaveLength(5);
    expect(servernames.at(-1)).toBe('public.example');
  });

  it('refuses a certificate it cannot verify (no test CA: self-signed chain)', async () => {
    const err = await safeFetch(`https://public.example:${port}/feed`, limits({ tlsCa: undefined })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchFailure);
    expect(err).toMatchObject({ code: 'network', permanent: false });
    expect((err as FetchFailure).message).toContain('TLS certificate');
  });

  it('refuses a certificate for another name', async () => {
    const other = limits({
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      privateHostsAllowed: ['other.example'],
    });
    const err = await safeFetch(`https://other.example:${port}/feed`, other).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'network' });
    expect((err as FetchFailure).message).toMatch(/TLS certificate.*ALTNAME/);
  });

  it('follows an https → http redirect (no credentials are ever sent; the guard still applies)', async () => {
    const result = await fetchFeed(`https://public.example:${port}/downgrade`, limits(), {});
    expect(result.finalUrl).toBe(`http://plain.example:${plain.port}/feed`);
    expect(result.feed?.items).toHaveLength(5);
  });

  it('an https → http redirect to a private address is still refused', async () => {
    const noPlain = limits({ privateHostsAllowed: ['public.example'] });
    const err = await safeFetch(`https://public.example:${port}/downgrade`, noPlain).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'blocked_address' });
  });
});
